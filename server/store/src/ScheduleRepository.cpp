#include "rollcall/store/ScheduleRepository.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "Rows.hpp"

namespace rollcall::store {
namespace {

using rules::ShiftClock;

std::optional<std::int64_t> minutesOf(const std::optional<ShiftClock>& c) {
    if (c) return c->minutes();
    return std::nullopt;
}

std::optional<ShiftClock> clockOf(const sqlite::Statement& st, int col) {
    if (auto v = st.getOptInt(col)) return ShiftClock::fromMinutes(static_cast<int>(*v));
    return std::nullopt;
}

std::string encodeCycle(const std::vector<std::optional<ShiftId>>& cycle) {
    std::string out;
    for (const auto& s : cycle) {
        if (!out.empty()) out += ',';
        out += s ? std::to_string(s->value()) : "-";
    }
    return out;
}

Result<std::vector<std::optional<ShiftId>>> decodeCycle(std::string_view text) {
    std::vector<std::optional<ShiftId>> out;
    while (!text.empty()) {
        const auto cut = text.find(',');
        const auto part = text.substr(0, cut);
        if (part == "-") {
            out.emplace_back();
        } else {
            try {
                out.emplace_back(ShiftId(std::stoll(std::string(part))));
            } catch (const std::exception&) {
                return fail("store.corrupt", fmt::format("malformed shift cycle '{}'", text));
            }
        }
        if (cut == std::string_view::npos) break;
        text.remove_prefix(cut + 1);
    }
    return out;
}

Result<std::vector<rules::Shift>> loadShifts(sqlite::Database& db, std::optional<ShiftId> only) {
    auto st = db.prepare(
        "SELECT id, name, kind, late_grace_min, early_grace_min, overtime_after_min, morning_end_min, afternoon_start_min, "
        "flex_core_start_min, flex_core_end_min, flex_required_min, flex_window_from_min, flex_window_to_min "
        "FROM shifts WHERE ?1 IS NULL OR id = ?1 ORDER BY id");
    auto seg = db.prepare(
        "SELECT start_min, end_min, in_from_min, in_to_min, out_from_min, out_to_min FROM shift_segments "
        "WHERE shift_id = ?1 ORDER BY position");
    if (!st) return std::unexpected(st.error());
    if (!seg) return std::unexpected(seg.error());
    if (only) st->bind(1, only->value());
    std::vector<rules::Shift> out;
    auto r = detail::eachRow(*st, [&](sqlite::Statement& row) -> Status {
        rules::Shift s;
        s.id = ShiftId(row.getInt(0));
        s.name = row.getText(1);
        s.kind = row.getText(2) == "flexible" ? rules::ShiftKind::Flexible : rules::ShiftKind::Fixed;
        s.lateGraceMinutes = static_cast<int>(row.getInt(3));
        s.earlyGraceMinutes = static_cast<int>(row.getInt(4));
        if (auto v = row.getOptInt(5)) s.overtimeAfterMinutes = static_cast<int>(*v);
        s.morningEnd = clockOf(row, 6);
        s.afternoonStart = clockOf(row, 7);
        if (s.kind == rules::ShiftKind::Flexible) {
            rules::FlexibleHours f;
            f.coreStart = clockOf(row, 8).value_or(ShiftClock{});
            f.coreEnd = clockOf(row, 9).value_or(ShiftClock{});
            f.requiredMinutes = static_cast<int>(row.getOptInt(10).value_or(480));
            f.window = {clockOf(row, 11).value_or(ShiftClock{}), clockOf(row, 12).value_or(ShiftClock{})};
            s.flexible = f;
        }
        (void)seg->reset();
        seg->bind(1, s.id.value());
        auto segs = detail::eachRow(*seg, [&](sqlite::Statement& g) {
            const auto c = [&](int col) { return ShiftClock::fromMinutes(static_cast<int>(g.getInt(col))); };
            s.segments.push_back({c(0), c(1), {c(2), c(3)}, {c(4), c(5)}});
        });
        if (!segs) return segs;
        out.push_back(std::move(s));
        return {};
    });
    if (!r) return std::unexpected(r.error());
    return out;
}

Result<std::vector<rules::ShiftPattern>> loadPatterns(sqlite::Database& db) {
    auto st = db.prepare("SELECT id, name, kind, workday_shift_id, cycle, anchor FROM shift_patterns ORDER BY id");
    if (!st) return std::unexpected(st.error());
    std::vector<rules::ShiftPattern> out;
    auto r = detail::eachRow(*st, [&](sqlite::Statement& row) -> Status {
        rules::ShiftPattern p;
        p.id = rules::PatternId(row.getInt(0));
        p.name = row.getText(1);
        p.kind = row.getText(2) == "cycle" ? rules::PatternKind::Cycle : rules::PatternKind::CalendarWorkdays;
        if (auto v = row.getOptInt(3)) p.workdayShift = ShiftId(*v);
        auto cycle = decodeCycle(row.getText(4));
        if (!cycle) return std::unexpected(cycle.error());
        p.cycle = std::move(*cycle);
        if (auto a = row.getOptText(5)) {
            auto d = LocalDate::parse(*a);
            if (!d) return fail("store.corrupt", fmt::format("pattern {} has a malformed anchor", p.name));
            p.anchor = *d;
        }
        out.push_back(std::move(p));
        return {};
    });
    if (!r) return std::unexpected(r.error());
    return out;
}

Result<std::vector<StoredAssignment>> loadAssignments(sqlite::Database& db, std::optional<EmployeeId> employee) {
    auto st = db.prepare(
        "SELECT id, employee_id, pattern_id, from_date, to_date FROM roster_assignments "
        "WHERE ?1 IS NULL OR employee_id = ?1 ORDER BY employee_id, from_date");
    if (!st) return std::unexpected(st.error());
    if (employee) st->bind(1, employee->value());
    std::vector<StoredAssignment> out;
    auto r = detail::eachRow(*st, [&](sqlite::Statement& row) -> Status {
        StoredAssignment a;
        a.id = row.getInt(0);
        a.assignment.employee = EmployeeId(row.getInt(1));
        a.assignment.pattern = rules::PatternId(row.getInt(2));
        auto from = detail::dateColumn(row, 3);
        if (!from) return std::unexpected(from.error());
        a.assignment.from = *from;
        if (!row.isNull(4)) {
            auto to = detail::dateColumn(row, 4);
            if (!to) return std::unexpected(to.error());
            a.assignment.to = *to;
        }
        out.push_back(std::move(a));
        return {};
    });
    if (!r) return std::unexpected(r.error());
    return out;
}

}  // namespace

Result<ShiftId> ScheduleRepository::saveShift(const rules::Shift& shift) {
    if (shift.name.empty()) return fail("shift.invalid", "a shift needs a name", "name");
    if (auto v = shift.validate(); !v) return std::unexpected(v.error());
    return store_.write([&](sqlite::Database& db) -> Result<ShiftId> {
        const bool replace = shift.id.valid();
        auto st = db.prepare(
            "INSERT INTO shifts(id, name, kind, late_grace_min, early_grace_min, overtime_after_min, morning_end_min, "
            "afternoon_start_min, flex_core_start_min, flex_core_end_min, flex_required_min, flex_window_from_min, "
            "flex_window_to_min) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, late_grace_min = excluded.late_grace_min, "
            "early_grace_min = excluded.early_grace_min, overtime_after_min = excluded.overtime_after_min, "
            "morning_end_min = excluded.morning_end_min, afternoon_start_min = excluded.afternoon_start_min, "
            "flex_core_start_min = excluded.flex_core_start_min, flex_core_end_min = excluded.flex_core_end_min, "
            "flex_required_min = excluded.flex_required_min, flex_window_from_min = excluded.flex_window_from_min, "
            "flex_window_to_min = excluded.flex_window_to_min");
        if (!st) return std::unexpected(st.error());
        if (replace) st->bind(1, shift.id.value());
        else st->bindNull(1);
        std::optional<std::int64_t> overtime;
        if (shift.overtimeAfterMinutes) overtime = *shift.overtimeAfterMinutes;
        st->bind(2, shift.name).bind(3, shift.kind == rules::ShiftKind::Flexible ? "flexible" : "fixed")
            .bind(4, shift.lateGraceMinutes).bind(5, shift.earlyGraceMinutes).bind(6, overtime)
            .bind(7, minutesOf(shift.morningEnd)).bind(8, minutesOf(shift.afternoonStart));
        if (shift.flexible) {
            const auto& f = *shift.flexible;
            st->bind(9, f.coreStart.minutes()).bind(10, f.coreEnd.minutes()).bind(11, f.requiredMinutes)
                .bind(12, f.window.from.minutes()).bind(13, f.window.to.minutes());
        }
        if (auto r = st->run(); !r) {
            if (r.error().code == "sqlite.constraint") return fail("shift.duplicate", fmt::format("a shift named '{}' exists", shift.name), "name");
            return std::unexpected(r.error());
        }
        const ShiftId id = replace ? shift.id : ShiftId(db.lastInsertRowId());
        auto del = db.prepare("DELETE FROM shift_segments WHERE shift_id = ?1");
        if (!del) return std::unexpected(del.error());
        del->bind(1, id.value());
        if (auto r = del->run(); !r) return std::unexpected(r.error());
        auto seg = db.prepare(
            "INSERT INTO shift_segments(shift_id, position, start_min, end_min, in_from_min, in_to_min, out_from_min, out_to_min) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        if (!seg) return std::unexpected(seg.error());
        for (std::size_t i = 0; i < shift.segments.size(); ++i) {
            const auto& s = shift.segments[i];
            (void)seg->reset();
            seg->bind(1, id.value()).bind(2, static_cast<std::int64_t>(i)).bind(3, s.start.minutes()).bind(4, s.end.minutes())
                .bind(5, s.inWindow.from.minutes()).bind(6, s.inWindow.to.minutes())
                .bind(7, s.outWindow.from.minutes()).bind(8, s.outWindow.to.minutes());
            if (auto r = seg->run(); !r) return std::unexpected(r.error());
        }
        return id;
    });
}

Result<std::vector<rules::Shift>> ScheduleRepository::shifts() {
    return store_.read([&](sqlite::Database& db) { return loadShifts(db, std::nullopt); });
}

Result<std::optional<rules::Shift>> ScheduleRepository::shift(ShiftId id) {
    return store_.read([&](sqlite::Database& db) { return detail::firstOf(loadShifts(db, id)); });
}

Result<rules::PatternId> ScheduleRepository::savePattern(const rules::ShiftPattern& p) {
    if (p.name.empty()) return fail("pattern.invalid", "a shift pattern needs a name", "name");
    if (auto v = p.validate(); !v) return std::unexpected(v.error());
    return store_.write([&](sqlite::Database& db) -> Result<rules::PatternId> {
        auto known = loadShifts(db, std::nullopt);
        if (!known) return std::unexpected(known.error());
        const auto exists = [&](ShiftId id) {
            return std::ranges::any_of(*known, [&](const rules::Shift& s) { return s.id == id; });
        };
        std::vector<ShiftId> named;
        if (p.workdayShift) named.push_back(*p.workdayShift);
        for (const auto& c : p.cycle) {
            if (c) named.push_back(*c);
        }
        for (ShiftId id : named) {
            if (!exists(id)) return fail("pattern.invalid", fmt::format("pattern '{}' names unknown shift {}", p.name, id.value()), "shift");
        }
        auto st = db.prepare(
            "INSERT INTO shift_patterns(id, name, kind, workday_shift_id, cycle, anchor) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
            "ON CONFLICT(id) DO UPDATE SET name = excluded.name, kind = excluded.kind, "
            "workday_shift_id = excluded.workday_shift_id, cycle = excluded.cycle, anchor = excluded.anchor");
        if (!st) return std::unexpected(st.error());
        if (p.id.valid()) st->bind(1, p.id.value());
        else st->bindNull(1);
        std::optional<std::int64_t> workday;
        if (p.workdayShift) workday = p.workdayShift->value();
        std::optional<std::string> anchor;
        if (p.kind == rules::PatternKind::Cycle) anchor = p.anchor.toString();
        st->bind(2, p.name).bind(3, p.kind == rules::PatternKind::Cycle ? "cycle" : "calendar_workdays")
            .bind(4, workday).bind(5, encodeCycle(p.cycle)).bind(6, anchor);
        if (auto r = st->run(); !r) {
            if (r.error().code == "sqlite.constraint") return fail("pattern.duplicate", fmt::format("a pattern named '{}' exists", p.name), "name");
            return std::unexpected(r.error());
        }
        return p.id.valid() ? p.id : rules::PatternId(db.lastInsertRowId());
    });
}

Result<std::vector<rules::ShiftPattern>> ScheduleRepository::patterns() {
    return store_.read([&](sqlite::Database& db) { return loadPatterns(db); });
}

Result<std::int64_t> ScheduleRepository::assign(const rules::RosterAssignment& a) {
    if (a.to && *a.to < a.from) {
        return fail("roster.invalid", fmt::format("the assignment ends ({}) before it starts ({})", a.to->toString(), a.from.toString()), "to");
    }
    return store_.write([&](sqlite::Database& db) -> Result<std::int64_t> {
        auto check = db.prepare(
            "SELECT (SELECT count(*) FROM employees WHERE id = ?1), (SELECT count(*) FROM shift_patterns WHERE id = ?2), "
            "(SELECT min(from_date) FROM roster_assignments WHERE employee_id = ?1 AND from_date <= ?4 "
            " AND (to_date IS NULL OR to_date >= ?3))");
        if (!check) return std::unexpected(check.error());
        check->bind(1, a.employee.value()).bind(2, a.pattern.value()).bind(3, a.from.toString())
            .bind(4, a.to ? a.to->toString() : std::string("9999-12-31"));
        if (auto row = detail::stepRow(*check); !row) return std::unexpected(row.error());
        if (check->getInt(0) == 0) return fail("roster.invalid", fmt::format("no employee with id {}", a.employee.value()), "employee");
        if (check->getInt(1) == 0) return fail("roster.invalid", fmt::format("no shift pattern with id {}", a.pattern.value()), "pattern");
        if (auto clash = check->getOptText(2)) {
            return fail("roster.overlap",
                        fmt::format("employee {} already has an assignment from {} that overlaps {} .. {}", a.employee.value(), *clash,
                                    a.from.toString(), a.to ? a.to->toString() : "open end"),
                        "from");
        }
        auto st = db.prepare("INSERT INTO roster_assignments(employee_id, pattern_id, from_date, to_date) VALUES (?1, ?2, ?3, ?4)");
        if (!st) return std::unexpected(st.error());
        std::optional<std::string> to;
        if (a.to) to = a.to->toString();
        st->bind(1, a.employee.value()).bind(2, a.pattern.value()).bind(3, a.from.toString()).bind(4, to);
        if (auto r = st->run(); !r) return std::unexpected(r.error());
        return db.lastInsertRowId();
    });
}

Status ScheduleRepository::removeAssignment(std::int64_t id) {
    return store_.write([&](sqlite::Database& db) -> Status {
        auto st = db.prepare("DELETE FROM roster_assignments WHERE id = ?1");
        if (!st) return std::unexpected(st.error());
        st->bind(1, id);
        if (auto r = st->run(); !r) return r;
        return detail::requireChanged(db, "roster.unknown", fmt::format("no roster assignment with id {}", id));
    });
}

Result<std::vector<StoredAssignment>> ScheduleRepository::assignments(std::optional<EmployeeId> employee) {
    return store_.read([&](sqlite::Database& db) { return loadAssignments(db, employee); });
}

Result<rules::Roster> ScheduleRepository::roster(std::span<const EmployeeId> employees) {
    return store_.read([&](sqlite::Database& db) -> Result<rules::Roster> {
        rules::Roster roster;
        auto shifts = loadShifts(db, std::nullopt);
        if (!shifts) return std::unexpected(shifts.error());
        for (auto& s : *shifts) {
            if (auto r = roster.addShift(std::move(s)); !r) return std::unexpected(r.error());
        }
        auto patterns = loadPatterns(db);
        if (!patterns) return std::unexpected(patterns.error());
        for (auto& p : *patterns) {
            if (auto r = roster.addPattern(std::move(p)); !r) return std::unexpected(r.error());
        }
        std::vector<StoredAssignment> all;
        if (employees.empty()) {
            auto a = loadAssignments(db, std::nullopt);
            if (!a) return std::unexpected(a.error());
            all = std::move(*a);
        }
        for (EmployeeId e : employees) {
            auto a = loadAssignments(db, e);
            if (!a) return std::unexpected(a.error());
            all.insert(all.end(), a->begin(), a->end());
        }
        for (const auto& a : all) {
            if (auto r = roster.assign(a.assignment); !r) return std::unexpected(r.error());
        }
        return roster;
    });
}

Result<std::optional<rules::Shift>> ScheduleRepository::shiftByName(const std::string& name) {
    auto all = shifts();
    if (!all) return std::unexpected(all.error());
    for (auto& s : *all) {
        if (s.name == name) return std::optional<rules::Shift>(std::move(s));
    }
    return std::optional<rules::Shift>{};
}

namespace {

std::string planName(const RosterPlan& plan) {
    if (plan.workdayShift) return fmt::format("workdays:{}", plan.workdayShift->value());
    std::vector<std::optional<ShiftId>> cycle(plan.week.begin(), plan.week.end());
    return "week:" + encodeCycle(cycle);
}

}  // namespace

Result<rules::PatternId> ScheduleRepository::patternFor(const RosterPlan& plan) {
    if (!plan.workdayShift && std::ranges::none_of(plan.week, [](const auto& s) { return s.has_value(); })) {
        return fail("roster.invalid", "a week of rest days only: give at least one shift", "week");
    }
    return store_.write([&](sqlite::Database&) -> Result<rules::PatternId> {
        const std::string name = planName(plan);
        auto existing = patterns();
        if (!existing) return std::unexpected(existing.error());
        for (const auto& p : *existing) {
            if (p.name == name) return p.id;
        }
        rules::ShiftPattern p;
        p.name = name;
        if (plan.workdayShift) {
            p.kind = rules::PatternKind::CalendarWorkdays;
            p.workdayShift = plan.workdayShift;
        } else {
            p.kind = rules::PatternKind::Cycle;
            p.cycle.assign(plan.week.begin(), plan.week.end());
            p.anchor = kWeekAnchor;
        }
        auto id = savePattern(p);
        if (!id && id.error().code == "pattern.invalid") {
            return fail("roster.invalid", id.error().message, plan.workdayShift ? "shiftId" : "week");
        }
        return id;
    });
}

std::optional<RosterPlan> ScheduleRepository::planOf(const rules::ShiftPattern& p) {
    RosterPlan plan;
    if (p.kind == rules::PatternKind::CalendarWorkdays) {
        plan.workdayShift = p.workdayShift;
        return plan;
    }
    if (p.cycle.size() != 7 || (p.anchor - kWeekAnchor) % 7 != 0) return std::nullopt;
    std::copy(p.cycle.begin(), p.cycle.end(), plan.week.begin());
    return plan;
}

Result<std::vector<StoredAssignment>> ScheduleRepository::clearRange(EmployeeId employee, LocalDate from,
                                                                     std::optional<LocalDate> to) {
    return store_.write([&](sqlite::Database& db) -> Result<std::vector<StoredAssignment>> {
        auto mine = loadAssignments(db, employee);
        if (!mine) return std::unexpected(mine.error());
        std::vector<StoredAssignment> cleared;
        for (const auto& s : *mine) {
            const auto& a = s.assignment;
            const bool overlaps = (!to || a.from <= *to) && (!a.to || *a.to >= from);
            if (!overlaps) continue;
            cleared.push_back(s);
            if (auto r = removeAssignment(s.id); !r) return std::unexpected(r.error());
            if (a.from < from) {
                if (auto r = assign({employee, a.pattern, a.from, from - 1}); !r) return std::unexpected(r.error());
            }
            if (to && (!a.to || *a.to > *to)) {
                if (auto r = assign({employee, a.pattern, *to + 1, a.to}); !r) return std::unexpected(r.error());
            }
        }
        return cleared;
    });
}

Result<std::vector<StoredAssignment>> ScheduleRepository::assignmentsUsing(ShiftId shift) {
    return store_.read([&](sqlite::Database& db) -> Result<std::vector<StoredAssignment>> {
        auto patterns = loadPatterns(db);
        if (!patterns) return std::unexpected(patterns.error());
        std::set<std::int64_t> using_;
        for (const auto& p : *patterns) {
            const bool uses = p.workdayShift == shift || std::ranges::any_of(p.cycle, [&](const auto& c) { return c == shift; });
            if (uses) using_.insert(p.id.value());
        }
        auto all = loadAssignments(db, std::nullopt);
        if (!all) return std::unexpected(all.error());
        std::vector<StoredAssignment> out;
        for (auto& a : *all) {
            if (using_.contains(a.assignment.pattern.value())) out.push_back(std::move(a));
        }
        return out;
    });
}

}  // namespace rollcall::store
