#pragma once
// Prints rows as an aligned text table or as CSV.
#include <string>
#include <vector>

namespace rollcall::cli {

using Rows = std::vector<std::vector<std::string>>;

std::string renderTable(const std::vector<std::string>& header, const Rows& rows);
std::string renderCsv(const std::vector<std::string>& header, const Rows& rows);

}  // namespace rollcall::cli
