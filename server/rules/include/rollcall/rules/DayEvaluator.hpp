#pragma once
// Day evaluation: person + date + schedule + punches + leave + corrections -> DayRecord.
// Deterministic: the result depends only on the inputs' content, never on their order or on
// when it runs, so re-evaluating after a change equals evaluating afresh.
#include <optional>
#include <span>
#include <vector>

#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/rules/Calendar.hpp"
#include "rollcall/rules/Correction.hpp"
#include "rollcall/rules/DayRecord.hpp"
#include "rollcall/rules/LeavePolicy.hpp"
#include "rollcall/rules/LeaveRequest.hpp"
#include "rollcall/rules/Punch.hpp"
#include "rollcall/rules/Roster.hpp"

namespace rollcall::rules {

struct DayInputs {
    EmployeeId employee;
    LocalDate date;
    ScheduledDay schedule;      // Roster::resolve(employee, date)
    ScheduledDay previousDay;   // Roster::resolve(employee, date - 1): its out-window keeps its punches
    std::span<const Punch> punches;           // the person's punches around the date, any order
    std::span<const Correction> corrections;  // approved ones add punches
    std::span<const LeaveRequest> leaves;     // approved / reported-back ones excuse
    const LeavePolicy* policy = nullptr;      // leave types and report-back grace; null: defaults
    // The evaluation moment, for leave overruns (not reported back by the deadline). Unset:
    // overruns are not judged.
    std::optional<LocalDateTime> asOf;
};

[[nodiscard]] DayRecord evaluateDay(const DayInputs& in);

// Evaluates [from, to] for one person: resolves the roster, sorts the inputs once.
struct PeriodInputs {
    EmployeeId employee;
    LocalDate from;
    LocalDate to;
    const Roster* roster = nullptr;
    const Calendar* calendar = nullptr;
    const LeavePolicy* policy = nullptr;
    std::span<const Punch> punches;
    std::span<const Correction> corrections;
    std::span<const LeaveRequest> leaves;
    std::optional<LocalDateTime> asOf;
};

[[nodiscard]] std::vector<DayRecord> evaluatePeriod(const PeriodInputs& in);

}  // namespace rollcall::rules
