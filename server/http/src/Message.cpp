#include "rollcall/http/Message.hpp"

namespace rollcall::http {

Response jsonResponse(Status status, const nlohmann::json& body) {
    Response res{status, 11};
    res.set(bhttp::field::content_type, "application/json; charset=utf-8");
    res.set(bhttp::field::cache_control, "no-store");
    res.body() = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return res;
}

Response errorResponse(Status status, std::string_view code, std::string_view message, std::optional<std::string> field) {
    nlohmann::json body{{"error", code}, {"message", message}, {"field", nullptr}};
    if (field) body["field"] = *field;
    return jsonResponse(status, body);
}

namespace {
bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
bool contains(std::string_view s, std::string_view part) { return s.find(part) != std::string_view::npos; }
}  // namespace

Status statusForError(const Error& error) {
    const std::string_view c = error.code;
    if (c.starts_with("request.")) return Status::bad_request;
    if (c == "auth.invalid" || c == "auth.required") return Status::unauthorized;
    if (c == "auth.locked") return Status::too_many_requests;
    if (endsWith(c, "not_found") || endsWith(c, "notfound") || endsWith(c, "unknown")) return Status::not_found;
    if (contains(c, "forbidden") || contains(c, "denied") || contains(c, "scope")) return Status::forbidden;
    if (contains(c, "conflict") || contains(c, "overlap") || contains(c, "duplicate") || contains(c, "exists") ||
        contains(c, "constraint") || contains(c, "state")) {
        return Status::conflict;
    }
    if (c.starts_with("sqlite.") || c.starts_with("io.") || c.starts_with("internal")) return Status::internal_server_error;
    return Status::unprocessable_entity;
}

Response errorResponse(const Error& error) {
    const auto status = statusForError(error);
    // Internal details stay in the log; the client learns only that the server failed.
    if (status == Status::internal_server_error) {
        return errorResponse(status, "internal", "the server could not complete the request");
    }
    return errorResponse(status, error.code, error.message, error.field);
}

Response textResponse(Status status, std::string body, std::string_view contentType) {
    Response res{status, 11};
    res.set(bhttp::field::content_type, boost::beast::string_view(contentType.data(), contentType.size()));
    res.body() = std::move(body);
    return res;
}

}  // namespace rollcall::http
