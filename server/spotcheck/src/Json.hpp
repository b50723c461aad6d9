#pragma once
// Internal: JSON string literals for audit details (the audit log stores JSON text).
#include <fmt/format.h>

#include <string>
#include <string_view>

namespace rollcall::spotcheck::json {

inline std::string text(std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
        } else {
            out += c;
        }
    }
    return out + "\"";
}

}  // namespace rollcall::spotcheck::json
