#pragma once
// Internal: trimming and splitting one CSV line (RFC 4180 quotes, no multi-line fields).
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace rollcall::rules {

std::string_view trim(std::string_view s);
// Fields trimmed of surrounding blanks; a quoted field keeps its inner text ("" is a quote).
std::expected<std::vector<std::string>, std::string> splitCsv(std::string_view line);

}  // namespace rollcall::rules
