#include "JsonBody.hpp"

namespace rollcall::api {

std::unexpected<Error> typeError(const std::string& name, std::string_view expected) {
    return fail("request.type", "'" + name + "' must be " + std::string(expected), name);
}

Result<JsonBody> JsonBody::parse(const http::Request& request, std::span<const std::string_view> allowed) {
    const auto& body = request.body();
    auto json = nlohmann::json::parse(body.empty() ? std::string("{}") : body, nullptr, false);
    if (json.is_discarded()) return fail("request.malformed_json", "the request body is not valid JSON");
    if (!json.is_object()) return fail("request.malformed_json", "the request body must be a JSON object");
    for (const auto& [key, value] : json.items()) {
        bool known = false;
        for (auto a : allowed) known = known || a == key;
        if (!known) return fail("request.unknown_field", "unknown field '" + key + "'", key);
    }
    return JsonBody(std::move(json));
}

Result<std::optional<std::string>> JsonBody::optString(const std::string& name) const {
    if (!has(name)) return std::optional<std::string>{};
    const auto& v = json_[name];
    if (!v.is_string()) return typeError(name, "a string");
    return std::optional<std::string>(v.get<std::string>());
}

Result<std::string> JsonBody::string(const std::string& name) const {
    auto v = optString(name);
    if (!v) return std::unexpected(v.error());
    if (!*v || (*v)->empty()) return fail("request.missing", "'" + name + "' is required", name);
    return **v;
}

Result<std::optional<std::int64_t>> JsonBody::optInteger(const std::string& name) const {
    if (!has(name)) return std::optional<std::int64_t>{};
    const auto& v = json_[name];
    if (!v.is_number_integer()) return typeError(name, "an integer");
    return std::optional<std::int64_t>(v.get<std::int64_t>());
}

Result<std::int64_t> JsonBody::integer(const std::string& name) const {
    auto v = optInteger(name);
    if (!v) return std::unexpected(v.error());
    if (!*v) return fail("request.missing", "'" + name + "' is required", name);
    return **v;
}

Result<std::optional<bool>> JsonBody::optBool(const std::string& name) const {
    if (!has(name)) return std::optional<bool>{};
    const auto& v = json_[name];
    if (!v.is_boolean()) return typeError(name, "true or false");
    return std::optional<bool>(v.get<bool>());
}

Result<std::optional<LocalDate>> JsonBody::optDate(const std::string& name) const {
    auto s = optString(name);
    if (!s) return std::unexpected(s.error());
    if (!*s) return std::optional<LocalDate>{};
    auto d = LocalDate::parse(**s);
    if (!d) return fail("request.date", "'" + name + "' must be a date YYYY-MM-DD, got '" + **s + "'", name);
    return std::optional<LocalDate>(*d);
}

Result<LocalDate> JsonBody::date(const std::string& name) const {
    auto d = optDate(name);
    if (!d) return std::unexpected(d.error());
    if (!*d) return fail("request.missing", "'" + name + "' is required", name);
    return **d;
}

Result<std::optional<LocalTime>> JsonBody::optTime(const std::string& name) const {
    auto s = optString(name);
    if (!s) return std::unexpected(s.error());
    if (!*s) return std::optional<LocalTime>{};
    auto t = LocalTime::parse(**s);
    if (!t) return fail("request.time", "'" + name + "' must be a time HH:MM, got '" + **s + "'", name);
    return std::optional<LocalTime>(*t);
}

Result<std::optional<std::vector<std::string>>> JsonBody::optStrings(const std::string& name) const {
    if (!has(name)) return std::optional<std::vector<std::string>>{};
    const auto& v = json_[name];
    if (!v.is_array()) return typeError(name, "a list of strings");
    std::vector<std::string> out;
    for (const auto& item : v) {
        if (!item.is_string()) return typeError(name, "a list of strings");
        out.push_back(item.get<std::string>());
    }
    return std::optional<std::vector<std::string>>(std::move(out));
}

}  // namespace rollcall::api
