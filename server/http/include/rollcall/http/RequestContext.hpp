#pragma once
// What a handler sees of one request: the message, the path parameters the route matched,
// the query string decoded, and who is on the other end of the socket.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "rollcall/http/Message.hpp"

namespace rollcall::http {

struct RequestContext {
    const Request& request;
    std::string path;                              // without the query string, percent-decoded
    std::map<std::string, std::string> params;     // {name} segments of the matched route
    std::map<std::string, std::string> query;      // decoded query parameters (last one wins)
    std::string remoteAddress;

    [[nodiscard]] const std::string& param(const std::string& name) const;
    [[nodiscard]] std::optional<std::string> queryValue(const std::string& name) const;
    [[nodiscard]] std::optional<std::string> header(std::string_view name) const;
};

// Percent-decodes `text` ('+' as space when `form` is set); nullopt for a broken escape.
std::optional<std::string> percentDecode(std::string_view text, bool form = false);
std::string percentEncode(std::string_view text);
std::map<std::string, std::string> parseQuery(std::string_view query);

}  // namespace rollcall::http
