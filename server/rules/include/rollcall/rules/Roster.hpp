#pragma once
// Roster: shifts, patterns, and which pattern each person follows over which dates.
// resolve(person, date) answers: this shift, or a rest day, or a holiday, or "not rostered".
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/rules/Calendar.hpp"
#include "rollcall/rules/Shift.hpp"
#include "rollcall/rules/ShiftPattern.hpp"

namespace rollcall::rules {

struct RosterAssignment {
    EmployeeId employee;
    PatternId pattern;
    LocalDate from;
    std::optional<LocalDate> to;  // inclusive; nullopt: open-ended
    bool operator==(const RosterAssignment&) const = default;
};

// What a person is scheduled for on one date.
struct ScheduledDay {
    enum class Kind { Shift, RestDay, Holiday, NotRostered };
    Kind kind = Kind::NotRostered;
    const Shift* shift = nullptr;  // Kind::Shift only; owned by the Roster
    DayKind calendarDay = DayKind::Workday;
};

class Roster {
public:
    Status addShift(Shift shift);        // refuses an invalid shift or a duplicate id
    Status addPattern(ShiftPattern p);   // refuses unknown shift ids or a duplicate id
    // Refuses an unknown pattern or a date range overlapping this person's other assignments.
    Status assign(RosterAssignment a);

    [[nodiscard]] const Shift* shift(ShiftId id) const;
    [[nodiscard]] ScheduledDay resolve(EmployeeId employee, LocalDate date, const Calendar& calendar) const;
    [[nodiscard]] std::vector<EmployeeId> employees() const;

private:
    std::map<ShiftId, Shift> shifts_;
    std::map<PatternId, ShiftPattern> patterns_;
    std::unordered_map<EmployeeId, std::vector<RosterAssignment>> assignments_;
};

}  // namespace rollcall::rules
