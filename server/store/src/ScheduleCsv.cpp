#include "rollcall/store/ScheduleCsv.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "CsvTable.hpp"
#include "rollcall/store/EmployeeRepository.hpp"

namespace rollcall::store {
namespace {

using detail::CsvRow;
using detail::CsvTable;
using rules::ShiftClock;

// Collects every bad line, so one attempt reports all of them.
class LineErrors {
public:
    void add(int line, std::string message) { errors_.emplace_back(line, std::move(message)); }
    [[nodiscard]] bool empty() const { return errors_.empty(); }
    [[nodiscard]] Error error(std::string_view what) const {
        std::string message = fmt::format("{} not imported: nothing was changed. ", what);
        for (std::size_t i = 0; i < errors_.size(); ++i) {
            message += fmt::format("{}line {}: {}", i ? "; " : "", errors_[i].first, errors_[i].second);
        }
        return Error{"csv.invalid", message, fmt::format("line {}", errors_.front().first)};
    }

private:
    std::vector<std::pair<int, std::string>> errors_;
};

Result<CsvTable> readTable(std::string_view csv, const std::vector<std::string>& required,
                           const std::vector<std::string>& optional) {
    auto table = CsvTable::parse(csv, required);
    if (!table) return table;
    for (const auto& c : table->columns()) {
        const bool known = std::ranges::find(required, c) != required.end() || std::ranges::find(optional, c) != optional.end();
        if (!known) return fail("csv.invalid", fmt::format("line 1: unknown column '{}'", c), "line 1");
    }
    return table;
}

// A cell read as a shift time; an empty cell is nullopt. Errors go to `errors`.
std::optional<ShiftClock> clockCell(const CsvTable& t, const CsvRow& row, const std::string& column, LineErrors& errors,
                                    bool& bad) {
    const auto text = t.cell(row, column);
    if (text.empty()) return std::nullopt;
    auto c = ShiftClock::parse(text);
    if (!c) {
        errors.add(row.line, fmt::format("{} '{}' is not a time; expected HH:MM, HH:MM+1 or HH:MM-1", column, text));
        bad = true;
    }
    return c;
}

std::optional<int> minutesCell(const CsvTable& t, const CsvRow& row, const std::string& column, LineErrors& errors, bool& bad) {
    const auto text = t.cell(row, column);
    if (text.empty()) return std::nullopt;
    if (text.size() > 5 || !std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; })) {
        errors.add(row.line, fmt::format("{} '{}' is not a number of minutes", column, text));
        bad = true;
        return std::nullopt;
    }
    return std::stoi(text);
}

std::optional<LocalDate> dateCell(const CsvTable& t, const CsvRow& row, const std::string& column, LineErrors& errors) {
    const auto text = t.cell(row, column);
    if (text.empty()) return std::nullopt;
    auto d = LocalDate::parse(text);
    if (!d) errors.add(row.line, fmt::format("{} '{}' is not a date; expected YYYY-MM-DD", column, text));
    return d;
}

}  // namespace

Result<std::vector<ShiftLine>> ScheduleCsv::readShifts(std::string_view csv) {
    auto table = readTable(csv, {"name", "start", "end"},
                           {"kind", "in_from", "in_to", "out_from", "out_to", "late_grace", "early_grace", "overtime_after",
                            "core_start", "core_end", "required_minutes", "morning_end", "afternoon_start"});
    if (!table) return std::unexpected(table.error());
    auto existing = ScheduleRepository(store_).shifts();
    if (!existing) return std::unexpected(existing.error());
    std::map<std::string, ShiftId> known;
    for (const auto& s : *existing) known.emplace(s.name, s.id);

    LineErrors errors;
    std::vector<ShiftLine> out;
    std::map<std::string, std::size_t> byName;
    std::set<std::string> broken;
    for (const CsvRow& row : table->rows()) {
        const auto name = table->cell(row, "name");
        if (name.empty()) {
            errors.add(row.line, "the name is empty");
            continue;
        }
        bool bad = false;
        const auto start = clockCell(*table, row, "start", errors, bad);
        const auto end = clockCell(*table, row, "end", errors, bad);
        auto it = byName.find(name);
        if (it == byName.end()) {
            ShiftLine s;
            s.line = row.line;
            s.form.name = name;
            if (auto k = table->cell(row, "kind"); !k.empty()) {
                if (!isShiftKind(k)) {
                    errors.add(row.line, fmt::format("unknown kind '{}'; expected fixed, split, night or flexible", k));
                    bad = true;
                }
                s.form.kind = k;
            }
            s.form.lateGraceMinutes = minutesCell(*table, row, "late_grace", errors, bad).value_or(0);
            s.form.earlyGraceMinutes = minutesCell(*table, row, "early_grace", errors, bad).value_or(0);
            s.form.overtimeAfterMinutes = minutesCell(*table, row, "overtime_after", errors, bad);
            s.form.morningEnd = clockCell(*table, row, "morning_end", errors, bad);
            s.form.afternoonStart = clockCell(*table, row, "afternoon_start", errors, bad);
            const auto coreStart = clockCell(*table, row, "core_start", errors, bad);
            const auto coreEnd = clockCell(*table, row, "core_end", errors, bad);
            const auto required = minutesCell(*table, row, "required_minutes", errors, bad);
            if (coreStart || coreEnd || s.form.kind == "flexible") {
                if (!coreStart || !coreEnd) {
                    if (!bad) errors.add(row.line, fmt::format("flexible shift '{}' needs core_start and core_end", name));
                    bad = true;
                } else {
                    s.form.core = CoreForm{*coreStart, *coreEnd, required, start, end};
                }
            }
            if (auto k = known.find(name); k != known.end()) {
                s.form.id = k->second;
                s.replaces = true;
            }
            byName.emplace(name, out.size());
            out.push_back(std::move(s));
            it = byName.find(name);
        } else if (!table->cell(row, "kind").empty() && table->cell(row, "kind") != out[it->second].form.kind.value_or("")) {
            errors.add(row.line, fmt::format("shift '{}' has a different kind on line {}", name, out[it->second].line));
            bad = true;
        }
        ShiftForm& form = out[it->second].form;
        if (!form.core) {
            if (!start || !end) {
                if (!bad) errors.add(row.line, fmt::format("shift '{}' needs a start and an end", name));
                bad = true;
            } else {
                form.segments.push_back(SegmentForm{*start, *end, clockCell(*table, row, "in_from", errors, bad),
                                                    clockCell(*table, row, "in_to", errors, bad),
                                                    clockCell(*table, row, "out_from", errors, bad),
                                                    clockCell(*table, row, "out_to", errors, bad)});
            }
        } else if (it->second + 1 != out.size() || row.line != out[it->second].line) {
            errors.add(row.line, fmt::format("flexible shift '{}' is given on one row only", name));
            bad = true;
        }
        if (bad) broken.insert(name);
    }
    // Each shift is checked whole once all its rows are read.
    for (const auto& s : out) {
        if (broken.contains(s.form.name)) continue;
        if (auto built = s.form.build(); !built) errors.add(s.line, built.error().message);
    }
    if (out.empty() && errors.empty()) errors.add(1, "the file holds no shift");
    if (!errors.empty()) return std::unexpected(errors.error("shifts"));
    return out;
}

Result<std::vector<RosterLine>> ScheduleCsv::readRoster(std::string_view csv) {
    auto table = readTable(csv, {"employee", "from"}, {"to", "shift", "week"});
    if (!table) return std::unexpected(table.error());
    auto shifts = ScheduleRepository(store_).shifts();
    if (!shifts) return std::unexpected(shifts.error());
    std::map<std::string, ShiftId> shiftByName;
    for (const auto& s : *shifts) shiftByName.emplace(s.name, s.id);
    auto people = EmployeeRepository(store_).list({.limit = 1'000'000});
    if (!people) return std::unexpected(people.error());
    std::map<std::string, EmployeeId> byNumber;
    for (const auto& e : *people) byNumber.emplace(e.number, e.id);

    LineErrors errors;
    std::vector<RosterLine> out;
    for (const CsvRow& row : table->rows()) {
        RosterLine r;
        r.line = row.line;
        const auto number = table->cell(row, "employee");
        bool bad = false;
        if (auto e = byNumber.find(number); e == byNumber.end()) {
            errors.add(row.line, number.empty() ? std::string("the employee number is empty") : fmt::format("unknown employee '{}'", number));
            bad = true;
        } else {
            r.employee = e->second;
        }
        const auto fromText = table->cell(row, "from");
        auto from = dateCell(*table, row, "from", errors);
        if (fromText.empty()) errors.add(row.line, "from is empty");
        if (!from) bad = true;
        else r.from = *from;
        if (!table->cell(row, "to").empty()) {
            r.to = dateCell(*table, row, "to", errors);
            if (!r.to) bad = true;
            else if (from && *r.to < *from) {
                errors.add(row.line, fmt::format("the range ends ({}) before it starts ({})", r.to->toString(), from->toString()));
                bad = true;
            }
        }
        const auto shift = table->cell(row, "shift");
        const auto week = table->cell(row, "week");
        if (shift.empty() == week.empty()) {
            errors.add(row.line, "give either shift (worked on calendar workdays) or week (Monday..Sunday), not both or neither");
            bad = true;
        } else if (!shift.empty()) {
            if (auto s = shiftByName.find(shift); s == shiftByName.end()) {
                errors.add(row.line, fmt::format("unknown shift '{}'", shift));
                bad = true;
            } else {
                r.plan.workdayShift = s->second;
            }
        } else {
            std::vector<std::string> days;
            std::string_view rest = week;
            while (true) {
                const auto cut = rest.find('/');
                std::string day(rest.substr(0, cut));
                day.erase(0, day.find_first_not_of(' '));
                day.erase(day.find_last_not_of(' ') + 1);
                days.push_back(day);
                if (cut == std::string_view::npos) break;
                rest.remove_prefix(cut + 1);
            }
            if (days.size() != 7) {
                errors.add(row.line, fmt::format("week has {} entries; expected 7 (Monday..Sunday) separated by '/'", days.size()));
                bad = true;
            } else {
                for (std::size_t i = 0; i < 7; ++i) {
                    if (days[i] == "-" || days[i].empty()) continue;
                    if (auto s = shiftByName.find(days[i]); s == shiftByName.end()) {
                        errors.add(row.line, fmt::format("unknown shift '{}' in week", days[i]));
                        bad = true;
                    } else {
                        r.plan.week[i] = s->second;
                    }
                }
                if (!bad && std::ranges::none_of(r.plan.week, [](const auto& s) { return s.has_value(); })) {
                    errors.add(row.line, "week has rest days only");
                    bad = true;
                }
            }
        }
        if (bad) continue;
        for (const auto& other : out) {
            const bool overlap = other.employee == r.employee && (!other.to || *other.to >= r.from) && (!r.to || *r.to >= other.from);
            if (overlap) {
                errors.add(row.line, fmt::format("employee '{}' overlaps line {}", number, other.line));
                bad = true;
                break;
            }
        }
        if (!bad) out.push_back(r);
    }
    if (table->rows().empty()) errors.add(1, "the file holds no assignment");
    if (!errors.empty()) return std::unexpected(errors.error("roster"));
    return out;
}

}  // namespace rollcall::store
