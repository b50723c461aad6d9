#pragma once
// Leave rules (请销假), as pure functions over values: submit (checks and approval chain),
// decide a step, escalate overdue steps, cancel, report back (销假), find overruns, and keep
// balances. Every refusal is an Error with a code ("leave.overlap", ...) and a sentence.
#include <chrono>
#include <optional>
#include <span>
#include <string>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Ids.hpp"
#include "rollcall/rules/Calendar.hpp"
#include "rollcall/rules/LeaveBalance.hpp"
#include "rollcall/rules/LeavePolicy.hpp"
#include "rollcall/rules/LeaveRequest.hpp"
#include "rollcall/rules/Moment.hpp"

namespace rollcall::rules {

struct LeaveDraft {
    LeaveId id;
    EmployeeId employee;
    std::string type;
    LeavePeriod period;
    std::string reason;
};

// Working time the period covers for this type: workdays (or calendar days for types that
// count them) x the workday length, half days as half, hours as given.
[[nodiscard]] Result<std::chrono::minutes> leaveAmount(const LeavePeriod& period, const LeaveType& type,
                                                       const Calendar& calendar, const LeavePolicy& policy);
// The amount in (possibly fractional) days of policy.workdayLength.
[[nodiscard]] double amountInDays(std::chrono::minutes amount, const LeavePolicy& policy);

// Checks a new request and returns it Pending with its approval chain and step deadlines.
// Refuses (with reasons): unknown type, empty reason, malformed period, a granularity the
// type does not allow, a period covering no working time, overlap with another live leave
// of the person (`existing`), a retroactive request outside the window or without a
// reason, a balance too small (when `balance` is given and the type has a quota).
[[nodiscard]] Result<LeaveRequest> submitLeave(const LeaveDraft& draft, const LeavePolicy& policy,
                                               const Calendar& calendar,
                                               std::span<const LeaveRequest> existing,
                                               const LeaveBalance* balance, Moment now);

// The current step's approver decides. `role` must be the current step's role. Approving
// the last step approves the request; rejecting any step rejects it (a reason is required).
[[nodiscard]] Result<LeaveRequest> decideStep(LeaveRequest request, std::string_view role, UserId approver,
                                              bool approve, std::string reason, Instant now);

// Escalates every step whose deadline passed before `now`: the step is marked Escalated
// and the next step takes over; past the last step, a step for policy.escalationRole is
// added. New deadlines run from the previous deadline, so the result does not depend on
// how often or when this is called, only on `now`.
[[nodiscard]] LeaveRequest escalateOverdue(LeaveRequest request, const LeavePolicy& policy, Instant now);

// Cancels a pending or approved leave that has not started yet (now.local before its start).
[[nodiscard]] Result<LeaveRequest> cancelLeave(LeaveRequest request, Moment now);

// Reports back (销假) from an approved leave at `at`; the leave ends there.
[[nodiscard]] Result<LeaveRequest> reportBack(LeaveRequest request, LocalDateTime at,
                                              std::optional<UserId> confirmedBy);

// As above, and recounts `amount` for the part of the leave actually taken (whole half days
// before `at`), so that applyTransition gives unused time back when the person returns early.
[[nodiscard]] Result<LeaveRequest> reportBack(LeaveRequest request, LocalDateTime at,
                                              std::optional<UserId> confirmedBy, const Calendar& calendar,
                                              const LeavePolicy& policy);

// The local date by which the person must report back: end + grace days.
[[nodiscard]] LocalDate reportBackDeadline(const LeaveRequest& request, const LeavePolicy& policy);

// An approved leave not reported back by the end of its deadline day: from the day after
// the leave's end up to the report-back date (or `now`'s date) the person is absent.
struct LeaveOverrun {
    LeaveId leave;
    EmployeeId employee;
    LocalDate deadline;   // last day on which reporting back was in time
    LocalDate firstDay;   // first day of the overrun (leave end + 1)
    LocalDate lastDay;    // last overrun day so far (report-back date - 1, or today)
    std::string message;  // a sentence for the finding
    bool operator==(const LeaveOverrun&) const = default;
};
[[nodiscard]] std::optional<LeaveOverrun> findOverrun(const LeaveRequest& request, const LeavePolicy& policy,
                                                      LocalDateTime now);

// The balance after a request moves from `before` to `after` (submit: before = nullopt):
// pending reserves, approval uses, rejection/cancellation releases.
[[nodiscard]] LeaveBalance applyTransition(LeaveBalance balance, const std::optional<LeaveRequest>& before,
                                           const LeaveRequest& after);
// Opens `year` from last year's balance: unused quota carries over up to the type's cap.
[[nodiscard]] LeaveBalance openYear(const LeaveBalance& previous, const LeaveType& type,
                                    std::chrono::minutes quota);

}  // namespace rollcall::rules
