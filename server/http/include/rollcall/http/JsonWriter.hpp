#pragma once
// Writes JSON straight into a string, for large answers where building an nlohmann DOM first
// costs more than the rest of the request. The bytes match nlohmann's dump() of the same
// document (compact, UTF-8 kept as is, invalid UTF-8 replaced by U+FFFD) as long as the caller
// writes each object's keys in sorted order, which is the order nlohmann::json keeps them in.
//
//   std::string out;
//   JsonWriter w(out);
//   w.beginObject().key("items").beginArray().value(1).null().endArray().endObject();
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace rollcall::http {

class JsonWriter {
public:
    explicit JsonWriter(std::string& out) : out_(out) {}

    JsonWriter& beginObject();
    JsonWriter& endObject();
    JsonWriter& beginArray();
    JsonWriter& endArray();
    JsonWriter& key(std::string_view name);

    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(bool flag);
    JsonWriter& null();
    template <class T>
    JsonWriter& value(const std::optional<T>& v) {
        return v ? value(*v) : null();
    }

private:
    void beforeValue();
    void appendString(std::string_view text);

    std::string& out_;
    std::vector<bool> hasItem_;  // per open object or array: whether a comma goes before the next item
    bool afterKey_ = false;
};

}  // namespace rollcall::http
