#pragma once
// A CSV text with a header row (RFC 4180 quoting, CRLF or LF), read into named columns.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rollcall/domain/Error.hpp"

namespace rollcall::store::detail {

struct CsvRow {
    int line = 0;  // 1-based line of the text where the row starts
    std::vector<std::string> cells;
};

class CsvTable {
public:
    // Requires every name in `required` in the header; other known columns are optional.
    static Result<CsvTable> parse(std::string_view text, const std::vector<std::string>& required);

    [[nodiscard]] const std::vector<CsvRow>& rows() const { return rows_; }
    // The cell of `column` in `row`, trimmed; empty when the column is absent.
    [[nodiscard]] std::string cell(const CsvRow& row, const std::string& column) const;
    [[nodiscard]] bool hasColumn(const std::string& column) const { return columns_.contains(column); }
    [[nodiscard]] std::vector<std::string> columns() const {
        std::vector<std::string> out;
        for (const auto& [name, index] : columns_) out.push_back(name);
        return out;
    }

private:
    std::map<std::string, std::size_t> columns_;
    std::vector<CsvRow> rows_;
};

// Quotes a cell when it holds a comma, a quote or a line break.
std::string csvCell(std::string_view value);

}  // namespace rollcall::store::detail
