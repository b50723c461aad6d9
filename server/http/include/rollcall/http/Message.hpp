#pragma once
// The HTTP message types every handler speaks, and the JSON answers the API gives.
// Errors are always {"error": CODE, "message": text, "field": name-or-null}.
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "rollcall/domain/Error.hpp"

namespace rollcall::http {

namespace bhttp = boost::beast::http;
using Request = bhttp::request<bhttp::string_body>;
using Response = bhttp::response<bhttp::string_body>;
using Status = bhttp::status;
using Verb = bhttp::verb;

Response jsonResponse(Status status, const nlohmann::json& body);
Response errorResponse(Status status, std::string_view code, std::string_view message,
                       std::optional<std::string> field = std::nullopt);
// Maps a module error to a status by its code family ("*.not_found" -> 404, "*.conflict" -> 409, ...).
Response errorResponse(const Error& error);
Status statusForError(const Error& error);
Response textResponse(Status status, std::string body, std::string_view contentType = "text/plain; charset=utf-8");

}  // namespace rollcall::http
