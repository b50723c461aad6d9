#pragma once
// LeaveRequest (请假): the request with its approval chain and its life after approval:
// report-back (销假), cancellation. Values only; LeaveRules.hpp moves it between states.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/rules/LeavePeriod.hpp"

namespace rollcall::rules {

enum class LeaveState { Pending, Approved, Rejected, Cancelled, ReportedBack };
enum class StepOutcome { Pending, Approved, Rejected, Escalated, Skipped };

[[nodiscard]] std::string_view toString(LeaveState s);
[[nodiscard]] std::string_view toString(StepOutcome s);

struct ApprovalStep {
    std::string role;                 // "department_head", "bureau_leadership", ...
    Instant deadline;                 // act by then or the step escalates (限时办结); set when the step becomes current
    std::chrono::hours timeAllowed{24};  // from the step becoming current to its deadline
    StepOutcome outcome = StepOutcome::Pending;
    std::optional<UserId> decidedBy;
    std::optional<Instant> decidedAt;
    std::string reason;
    bool escalation = false;          // added because an earlier step ran out of time
    bool operator==(const ApprovalStep&) const = default;
};

struct LeaveRequest {
    LeaveId id;
    EmployeeId employee;
    std::string type;                  // LeaveType::code
    LeavePeriod period;
    std::string reason;
    std::chrono::minutes amount{0};    // charged against the balance (working time covered)
    Instant submittedAt;
    bool retroactive = false;          // submitted after the period started
    LeaveState state = LeaveState::Pending;
    std::vector<ApprovalStep> steps;
    std::optional<Instant> cancelledAt;
    std::optional<LocalDateTime> reportedBackAt;  // 销假
    std::optional<UserId> reportBackConfirmedBy;

    [[nodiscard]] const ApprovalStep* currentStep() const;  // the first Pending step
    // Approved or reported back: the leave excuses attendance (while its period lasts).
    [[nodiscard]] bool excuses() const {
        return state == LeaveState::Approved || state == LeaveState::ReportedBack;
    }
    bool operator==(const LeaveRequest&) const = default;
};

}  // namespace rollcall::rules
