#pragma once
// LeaveType: a kind of leave (annual, sick, personal, business trip, ...) with its yearly
// quota, carry-over cap, and the smallest unit it can be taken in.
#include <chrono>
#include <optional>
#include <string>

namespace rollcall::rules {

enum class LeaveUnit { Day, HalfDay, Hour };

struct LeaveType {
    std::string code;                                // "annual", "sick", "trip", ...
    std::string name;                                // "Annual leave"
    LeaveUnit unit = LeaveUnit::HalfDay;             // smallest granularity accepted
    std::optional<std::chrono::minutes> yearlyQuota; // nullopt: no quota (sick, trip, ...)
    std::chrono::minutes carryOverCap{0};            // unused quota that may move to next year
    bool businessTrip = false;                       // the day shows as business trip, not leave
    bool countsCalendarDays = false;                 // maternity: every calendar day counts
    bool operator==(const LeaveType&) const = default;
};

}  // namespace rollcall::rules
