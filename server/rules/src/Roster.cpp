#include "rollcall/rules/Roster.hpp"

#include <algorithm>
#include <limits>
#include <string>

namespace rollcall::rules {

Status Roster::addShift(Shift shift) {
    if (auto ok = shift.validate(); !ok) return ok;
    if (shifts_.contains(shift.id)) {
        return fail("roster.duplicate_shift", "A shift with id " + std::to_string(shift.id.value()) + " already exists.");
    }
    const auto id = shift.id;
    shifts_.emplace(id, std::move(shift));
    return {};
}

Status Roster::addPattern(ShiftPattern p) {
    if (auto ok = p.validate(); !ok) return ok;
    if (patterns_.contains(p.id)) {
        return fail("roster.duplicate_pattern", "A pattern with id " + std::to_string(p.id.value()) + " already exists.");
    }
    auto known = [&](const std::optional<ShiftId>& s) { return !s || shifts_.contains(*s); };
    if (!known(p.workdayShift) || !std::ranges::all_of(p.cycle, known)) {
        return fail("roster.unknown_shift", "Pattern '" + p.name + "' names a shift that is not defined.");
    }
    const auto id = p.id;
    patterns_.emplace(id, std::move(p));
    return {};
}

Status Roster::assign(RosterAssignment a) {
    if (!patterns_.contains(a.pattern)) {
        return fail("roster.unknown_pattern", "Pattern " + std::to_string(a.pattern.value()) + " is not defined.");
    }
    if (a.to && *a.to < a.from) {
        return fail("roster.bad_range", "The assignment ends (" + a.to->toString() + ") before it starts (" +
                                            a.from.toString() + ").");
    }
    auto& list = assignments_[a.employee];
    constexpr LocalDate forever = LocalDate::fromDayNumber(std::numeric_limits<std::int32_t>::max());
    for (const auto& other : list) {
        if (a.from <= other.to.value_or(forever) && other.from <= a.to.value_or(forever)) {
            return fail("roster.overlap", "Employee " + std::to_string(a.employee.value()) +
                                              " already follows another pattern from " + other.from.toString() +
                                              (other.to ? " to " + other.to->toString() : " on") +
                                              "; end that assignment first.");
        }
    }
    list.push_back(a);
    std::ranges::sort(list, {}, &RosterAssignment::from);
    return {};
}

const Shift* Roster::shift(ShiftId id) const {
    auto it = shifts_.find(id);
    return it == shifts_.end() ? nullptr : &it->second;
}

ScheduledDay Roster::resolve(EmployeeId employee, LocalDate date, const Calendar& calendar) const {
    ScheduledDay day;
    day.calendarDay = calendar.kind(date);
    auto it = assignments_.find(employee);
    if (it == assignments_.end()) return day;
    const RosterAssignment* found = nullptr;
    for (const auto& a : it->second) {
        if (a.from <= date && (!a.to || date <= *a.to)) {
            found = &a;
            break;
        }
    }
    if (!found) return day;
    const auto& pattern = patterns_.at(found->pattern);
    std::optional<ShiftId> shiftId;
    if (pattern.kind == PatternKind::CalendarWorkdays) {
        if (!isWorking(day.calendarDay)) {
            day.kind = day.calendarDay == DayKind::Holiday ? ScheduledDay::Kind::Holiday : ScheduledDay::Kind::RestDay;
            return day;
        }
        shiftId = pattern.workdayShift;
    } else {
        const auto n = static_cast<int>(pattern.cycle.size());
        const int offset = ((date - pattern.anchor) % n + n) % n;
        shiftId = pattern.cycle[static_cast<std::size_t>(offset)];
    }
    if (!shiftId) {
        day.kind = ScheduledDay::Kind::RestDay;
        return day;
    }
    day.kind = ScheduledDay::Kind::Shift;
    day.shift = shift(*shiftId);
    return day;
}

std::vector<EmployeeId> Roster::employees() const {
    std::vector<EmployeeId> out;
    out.reserve(assignments_.size());
    for (const auto& [id, list] : assignments_) out.push_back(id);
    std::ranges::sort(out);
    return out;
}

}  // namespace rollcall::rules
