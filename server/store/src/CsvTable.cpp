#include "CsvTable.hpp"

#include <fmt/format.h>

namespace rollcall::store::detail {
namespace {

std::string trim(std::string s) {
    const auto b = s.find_first_not_of(" \t");
    const auto e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

Result<CsvTable> CsvTable::parse(std::string_view text, const std::vector<std::string>& required) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a BOM from spreadsheet exports
    std::vector<CsvRow> records;
    CsvRow current{1, {}};
    std::string cell;
    bool quoted = false;
    bool cellWasQuoted = false;
    int line = 1;
    auto endCell = [&] {
        current.cells.push_back(cellWasQuoted ? cell : trim(cell));
        cell.clear();
        cellWasQuoted = false;
    };
    auto endRecord = [&] {
        endCell();
        const bool blank = current.cells.size() == 1 && current.cells[0].empty();
        if (!blank) records.push_back(std::move(current));
        current = CsvRow{line, {}};
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n') ++line;
                cell += c;
            }
        } else if (c == '"' && trim(cell).empty()) {
            quoted = true;
            cellWasQuoted = true;
            cell.clear();
        } else if (c == ',') {
            endCell();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            ++line;
            endRecord();
        } else {
            cell += c;
        }
    }
    if (quoted) return fail("csv.invalid", fmt::format("line {}: a quoted cell is never closed", current.line), fmt::format("line {}", current.line));
    endRecord();
    if (records.empty()) return fail("csv.invalid", "the CSV text is empty: a header row is expected");

    CsvTable table;
    const CsvRow& header = records.front();
    for (std::size_t i = 0; i < header.cells.size(); ++i) {
        if (!table.columns_.emplace(header.cells[i], i).second) {
            return fail("csv.invalid", fmt::format("line 1: column '{}' appears twice", header.cells[i]), "line 1");
        }
    }
    for (const auto& name : required) {
        if (!table.columns_.contains(name)) return fail("csv.invalid", fmt::format("line 1: the header lacks column '{}'", name), "line 1");
    }
    for (std::size_t r = 1; r < records.size(); ++r) {
        if (records[r].cells.size() > header.cells.size()) {
            return fail("csv.invalid",
                        fmt::format("line {}: {} cells, but the header names {} columns", records[r].line, records[r].cells.size(),
                                    header.cells.size()),
                        fmt::format("line {}", records[r].line));
        }
        table.rows_.push_back(std::move(records[r]));
    }
    return table;
}

std::string CsvTable::cell(const CsvRow& row, const std::string& column) const {
    auto it = columns_.find(column);
    if (it == columns_.end() || it->second >= row.cells.size()) return {};
    return row.cells[it->second];
}

std::string csvCell(std::string_view value) {
    if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
    std::string out = "\"";
    for (char c : value) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

}  // namespace rollcall::store::detail
