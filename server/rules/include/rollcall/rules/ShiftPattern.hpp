#pragma once
// ShiftPattern: how a person's shifts repeat.
//  - CalendarWorkdays: `workdayShift` on every calendar workday (make-up Saturdays included),
//    rest on weekends and holidays (office staff);
//  - Cycle: a fixed cycle of shifts and rest days from an anchor date, regardless of the
//    calendar (e.g. day, day, night, night, rest, rest for posts staffed all year).
#include <optional>
#include <string>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"

namespace rollcall::rules {

struct PatternTag {};
using PatternId = StrongId<PatternTag>;

enum class PatternKind { CalendarWorkdays, Cycle };

struct ShiftPattern {
    PatternId id;
    std::string name;
    PatternKind kind = PatternKind::CalendarWorkdays;
    std::optional<ShiftId> workdayShift;         // CalendarWorkdays
    std::vector<std::optional<ShiftId>> cycle;   // Cycle: nullopt entries are rest days
    LocalDate anchor;                            // Cycle: the date of cycle[0]

    [[nodiscard]] Status validate() const;
    bool operator==(const ShiftPattern&) const = default;
};

}  // namespace rollcall::rules
