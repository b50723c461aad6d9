#pragma once
// DayRecord: the answer for one person and one date: the status, minutes late / early /
// worked / overtime, and which punches were taken as in and out (so a change is traceable).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/rules/Calendar.hpp"
#include "rollcall/rules/Punch.hpp"

namespace rollcall::rules {

enum class DayStatus {
    Present,
    Late,
    EarlyLeave,
    LateAndEarly,
    Absent,
    HalfDayAbsent,
    MissingIn,     // an out-punch but no in-punch: not absent, a correction can complete it
    MissingOut,    // an in-punch but no out-punch (a forgotten check-out)
    OnLeave,       // the whole day on leave (see DayRecord::leaves for the type)
    BusinessTrip,
    RestDay,
    Holiday,
    NotRostered,   // no roster assignment covers the date
};

[[nodiscard]] std::string_view toString(DayStatus s);

// Leave that touches this day.
struct LeaveOnDay {
    LeaveId id;
    std::string type;
    bool morning = false;     // covers the a.m. half
    bool afternoon = false;   // covers the p.m. half
    bool businessTrip = false;
    int minutes = 0;          // scheduled minutes it excuses
    bool operator==(const LeaveOnDay&) const = default;
};

// One attended segment of the shift (one for a plain shift, two for a.m. + p.m.).
struct SegmentRecord {
    std::optional<Punch> in;
    std::optional<Punch> out;
    bool excused = false;     // fully covered by leave
    int lateMinutes = 0;
    int earlyMinutes = 0;
    int workedMinutes = 0;
    bool operator==(const SegmentRecord&) const = default;
};

struct DayRecord {
    EmployeeId employee;
    LocalDate date;
    DayStatus status = DayStatus::Absent;
    std::optional<ShiftId> shift;
    DayKind calendarDay = DayKind::Workday;
    int lateMinutes = 0;
    int earlyMinutes = 0;
    int workedMinutes = 0;
    int overtimeMinutes = 0;
    std::optional<Punch> inPunch;    // first in-punch of the day
    std::optional<Punch> outPunch;   // last out-punch of the day
    bool missingIn = false;
    bool missingOut = false;
    std::vector<SegmentRecord> segments;
    std::vector<LeaveOnDay> leaves;
    std::optional<LeaveId> overrunOf;  // absent because this leave was not reported back in time
    int punchesConsidered = 0;         // distinct punches that fell in this day's windows

    bool operator==(const DayRecord&) const = default;
};

}  // namespace rollcall::rules
