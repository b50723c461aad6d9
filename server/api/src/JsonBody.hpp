#pragma once
// A request body read strictly: it must be a JSON object, hold only the fields the endpoint
// knows, and each field must have the right type. Every failure names the field and leads
// to a 400 before anything changes.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/http/Message.hpp"

namespace rollcall::api {

class JsonBody {
public:
    static Result<JsonBody> parse(const http::Request& request, std::span<const std::string_view> allowed);
    static Result<JsonBody> parse(const http::Request& request, std::initializer_list<std::string_view> allowed) {
        return parse(request, std::span<const std::string_view>(allowed.begin(), allowed.size()));
    }

    [[nodiscard]] bool has(const std::string& name) const { return json_.contains(name) && !json_[name].is_null(); }
    Result<std::string> string(const std::string& name) const;  // required, non-empty
    Result<std::optional<std::string>> optString(const std::string& name) const;
    Result<std::int64_t> integer(const std::string& name) const;
    Result<std::optional<std::int64_t>> optInteger(const std::string& name) const;
    Result<std::optional<bool>> optBool(const std::string& name) const;
    Result<LocalDate> date(const std::string& name) const;
    Result<std::optional<LocalDate>> optDate(const std::string& name) const;
    Result<std::optional<LocalTime>> optTime(const std::string& name) const;
    Result<std::optional<std::vector<std::string>>> optStrings(const std::string& name) const;
    [[nodiscard]] const nlohmann::json& json() const { return json_; }

private:
    explicit JsonBody(nlohmann::json json) : json_(std::move(json)) {}
    nlohmann::json json_;
};

std::unexpected<Error> typeError(const std::string& name, std::string_view expected);

}  // namespace rollcall::api
