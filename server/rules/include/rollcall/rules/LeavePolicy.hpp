#pragma once
// LeavePolicy: the organisation's configurable leave rules: leave types, which approval chain
// applies to which type and length, step deadlines, report-back grace, retroactive window.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "rollcall/rules/LeaveType.hpp"

namespace rollcall::rules {

// Applies when the type matches (empty list: any type) and the length in working days is
// in (overDays, upToDays]. The first matching rule wins.
struct ApprovalRule {
    std::vector<std::string> types;
    double overDays = 0.0;
    std::optional<double> upToDays;  // nullopt: no upper bound
    std::vector<std::string> chain;  // roles in order, e.g. {"department_head", "bureau_leadership"}
};

struct LeavePolicy {
    std::vector<LeaveType> types;
    std::vector<ApprovalRule> approvalRules;
    std::chrono::hours stepDeadline{24};          // time each approver has
    std::string escalationRole = "bureau_leadership";  // takes over when the last step runs out
    int reportBackGraceDays = 1;                  // report back by end + grace
    int retroactiveWindowDays = 3;                // request up to this many days after the start
    std::chrono::minutes workdayLength{480};      // a day of leave, for hourly/half-day amounts

    [[nodiscard]] const LeaveType* type(std::string_view code) const;
    // The organisation's defaults: annual (5 days, carry-over 5), sick, personal (hourly),
    // business trip, compensatory, maternity; <=1 day department head; (1,3] department head
    // + HR; >3 days department head + bureau leadership.
    [[nodiscard]] static LeavePolicy standard();
};

}  // namespace rollcall::rules
