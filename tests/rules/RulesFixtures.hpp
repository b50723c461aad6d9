#pragma once
// Shared inputs for the rules tests: DESIGN.md's shift S, a night shift, a split shift, a
// flexible shift, the 2026 calendar, and a one-call evaluation helper.
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "rollcall/rules/Calendar.hpp"
#include "rollcall/rules/DayEvaluator.hpp"
#include "rollcall/rules/LeaveRules.hpp"
#include "rollcall/rules/Roster.hpp"

namespace rollcall::rules {
// Readable values in GoogleTest failure messages.
inline void PrintTo(const ShiftClock& c, std::ostream* os) { *os << c.toString(); }
inline void PrintTo(DayStatus s, std::ostream* os) { *os << toString(s); }
}  // namespace rollcall::rules
namespace rollcall {
inline void PrintTo(const LocalDate& d, std::ostream* os) { *os << d.toString(); }
}  // namespace rollcall

namespace rollcall::rules::testing {

inline constexpr EmployeeId kPerson{1};

// 08:30-17:30, late grace 5, in 06:30-12:00, out 12:00-23:59, overtime from 30 min after the end.
Shift shiftS();
// 22:00-06:00+1, in 20:00-23:59, out 04:00+1-10:00+1.
Shift nightShift();
// 08:30-12:00 and 13:30-17:30 with four windows.
Shift splitShift();
// Core 10:00-15:00, 8 h required, window 07:00-21:00.
Shift flexibleShift();

Calendar calendar2026();

Punch punch(std::int64_t id, LocalDate date, int hour, int minute, std::int64_t terminal = 1, int second = 0);

// "unknown type" -> "UnknownType": a table row's description as a GoogleTest name.
std::string testName(std::string_view description);

LeaveRequest approvedLeave(std::int64_t id, std::string type, LeavePeriod period);

// Evaluates `date` for kPerson who works `shift` on every calendar workday.
DayRecord evaluateOn(const Shift& shift, LocalDate date, const std::vector<Punch>& punches,
                     const std::vector<LeaveRequest>& leaves = {}, const std::vector<Correction>& corrections = {},
                     const Calendar& calendar = calendar2026(), std::optional<LocalDateTime> asOf = std::nullopt);

}  // namespace rollcall::rules::testing
