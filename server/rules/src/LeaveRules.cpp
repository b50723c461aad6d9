#include "rollcall/rules/LeaveRules.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace rollcall::rules {
namespace {

using std::chrono::minutes;

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::string days(minutes amount, const LeavePolicy& policy) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", amountInDays(amount, policy));
    return std::string(buf) + (amountInDays(amount, policy) == 1.0 ? " day" : " days");
}

// The local moment a leave begins.
LocalDateTime startMoment(const LeavePeriod& p) {
    if (p.hourly()) return LocalDateTime(p.start, *p.fromTime);
    return LocalDateTime(p.start, p.startHalf == HalfDay::Morning ? LocalTime{} : LocalTime(12, 0));
}

// The part of a leave that still holds: reporting back early ends it on that date.
LeavePeriod livePeriod(const LeaveRequest& r) {
    LeavePeriod p = r.period;
    if (r.state == LeaveState::ReportedBack && r.reportedBackAt && r.reportedBackAt->date() < p.end) {
        p.end = std::max(p.start, r.reportedBackAt->date());
        p.endHalf = HalfDay::Afternoon;
    }
    return p;
}

bool live(LeaveState s) {
    return s == LeaveState::Pending || s == LeaveState::Approved || s == LeaveState::ReportedBack;
}

Status checkShape(const LeavePeriod& p, const LeaveType& type) {
    if (p.end < p.start) {
        return fail("leave.period", "The leave ends (" + p.end.toString() + ") before it starts (" +
                                        p.start.toString() + ").", "period");
    }
    if (p.fromTime.has_value() != p.toTime.has_value()) {
        return fail("leave.period", "Hourly leave needs both a start time and an end time.", "period");
    }
    if (p.hourly()) {
        if (type.unit != LeaveUnit::Hour) {
            return fail("leave.granularity", type.name + " cannot be taken by the hour; request half or whole days.",
                        "period");
        }
        if (p.start != p.end) return fail("leave.period", "Hourly leave must start and end on the same date.", "period");
        if (*p.toTime <= *p.fromTime) {
            return fail("leave.period", "The leave ends (" + p.toTime->toString() + ") before it starts (" +
                                            p.fromTime->toString() + ").", "period");
        }
        if ((p.toTime->seconds() - p.fromTime->seconds()) % 3600 != 0) {
            return fail("leave.granularity", "Hourly leave is taken in whole hours.", "period");
        }
        return {};
    }
    if (p.start == p.end && p.startHalf == HalfDay::Afternoon && p.endHalf == HalfDay::Morning) {
        return fail("leave.period", "The leave starts in the afternoon and ends in the morning of the same day; "
                                    "it covers nothing.", "period");
    }
    if (type.unit == LeaveUnit::Day && (p.startHalf != HalfDay::Morning || p.endHalf != HalfDay::Afternoon)) {
        return fail("leave.granularity", type.name + " is taken in whole days; half days are not possible.", "period");
    }
    return {};
}

const ApprovalRule* ruleFor(const LeavePolicy& policy, const std::string& type, double lengthDays) {
    for (const auto& r : policy.approvalRules) {
        const bool typeMatches = r.types.empty() || std::ranges::find(r.types, type) != r.types.end();
        const bool lengthMatches = lengthDays > r.overDays && (!r.upToDays || lengthDays <= *r.upToDays + 1e-9);
        if (typeMatches && lengthMatches) return &r;
    }
    return nullptr;
}

std::string leaveLabel(const LeaveRequest& r) {
    return "leave #" + std::to_string(r.id.value()) + " (" + r.type + ", " + r.period.describe() + ")";
}

}  // namespace

Result<minutes> leaveAmount(const LeavePeriod& period, const LeaveType& type, const Calendar& calendar,
                            const LeavePolicy& policy) {
    if (auto ok = checkShape(period, type); !ok) return std::unexpected(ok.error());
    auto counts = [&](LocalDate d) { return type.countsCalendarDays || calendar.isWorkday(d); };
    if (period.hourly()) {
        if (!counts(period.start)) return minutes{0};
        return std::min(minutes{(period.toTime->seconds() - period.fromTime->seconds()) / 60}, policy.workdayLength);
    }
    minutes total{0};
    for (LocalDate d = period.start; d <= period.end; ++d) {
        if (!counts(d)) continue;
        if (period.coversMorning(d)) total += policy.workdayLength / 2;
        if (period.coversAfternoon(d)) total += policy.workdayLength - policy.workdayLength / 2;
    }
    return total;
}

double amountInDays(minutes amount, const LeavePolicy& policy) {
    if (policy.workdayLength.count() <= 0) return 0.0;
    return static_cast<double>(amount.count()) / static_cast<double>(policy.workdayLength.count());
}

Result<LeaveRequest> submitLeave(const LeaveDraft& draft, const LeavePolicy& policy, const Calendar& calendar,
                                 std::span<const LeaveRequest> existing, const LeaveBalance* balance, Moment now) {
    const LeaveType* type = policy.type(draft.type);
    if (!type) {
        return fail("leave.unknown_type", "There is no leave type '" + draft.type + "'.", "type");
    }
    if (blank(draft.reason)) {
        return fail("leave.reason_required", "Give a reason for the leave.", "reason");
    }
    auto amount = leaveAmount(draft.period, *type, calendar, policy);
    if (!amount) return std::unexpected(amount.error());
    if (amount->count() == 0) {
        return fail("leave.no_working_time", "The period " + draft.period.describe() +
                                                 " has no working day in it (weekend or holiday); no leave is needed.",
                    "period");
    }
    const LocalDate today = now.local.date();
    const bool retroactive = startMoment(draft.period) < now.local;
    if (retroactive && today - draft.period.start > policy.retroactiveWindowDays) {
        return fail("leave.retroactive_window",
                    "The leave started on " + draft.period.start.toString() + ", more than " +
                        std::to_string(policy.retroactiveWindowDays) +
                        " days ago; leave can be requested afterwards only within that window.",
                    "period");
    }
    for (const auto& other : existing) {
        if (other.employee != draft.employee || other.id == draft.id || !live(other.state)) continue;
        if (overlaps(draft.period, livePeriod(other))) {
            return fail("leave.overlap", "This leave (" + draft.period.describe() + ") overlaps " + leaveLabel(other) +
                                             ", which is " + std::string(toString(other.state)) +
                                             "; change the dates or cancel the other leave first.",
                        "period");
        }
    }
    if (balance && type->yearlyQuota && balance->available() < *amount) {
        return fail("leave.balance", "This leave needs " + days(*amount, policy) + " of " + type->name +
                                         " but only " + days(std::max(minutes{0}, balance->available()), policy) +
                                         " are left for " + std::to_string(balance->year) + ".",
                    "period");
    }
    const ApprovalRule* rule = ruleFor(policy, draft.type, amountInDays(*amount, policy));
    if (!rule || rule->chain.empty()) {
        return fail("leave.no_approval_rule", "No approval chain is configured for " + type->name + " of " +
                                                  days(*amount, policy) + "; ask HR to configure one.");
    }

    LeaveRequest r;
    r.id = draft.id;
    r.employee = draft.employee;
    r.type = draft.type;
    r.period = draft.period;
    r.reason = draft.reason;
    r.amount = *amount;
    r.submittedAt = now.utc;
    r.retroactive = retroactive;
    r.state = LeaveState::Pending;
    for (const auto& role : rule->chain) {
        ApprovalStep step;
        step.role = role;
        step.timeAllowed = policy.stepDeadline;
        r.steps.push_back(step);
    }
    r.steps.front().deadline = now.utc + policy.stepDeadline;
    return r;
}

Result<LeaveRequest> decideStep(LeaveRequest request, std::string_view role, UserId approver, bool approve,
                                std::string reason, Instant now) {
    if (request.state != LeaveState::Pending) {
        return fail("leave.not_pending", "This request is already " + std::string(toString(request.state)) +
                                             "; there is nothing left to decide.");
    }
    auto it = std::ranges::find(request.steps, StepOutcome::Pending, &ApprovalStep::outcome);
    if (it == request.steps.end()) return fail("leave.not_pending", "This request has no step waiting for a decision.");
    if (it->role != role) {
        return fail("leave.wrong_approver", "The request is waiting for " + it->role + ", not for " +
                                                std::string(role) + ".");
    }
    if (it->deadline < now) {
        return fail("leave.step_overdue", "The time for " + it->role + " to decide ran out at " +
                                              it->deadline.toIso() + "; the request moves on to the next approver.");
    }
    if (!approve && blank(reason)) {
        return fail("leave.reason_required", "Say why the leave is rejected; the person will read it.", "reason");
    }
    it->outcome = approve ? StepOutcome::Approved : StepOutcome::Rejected;
    it->decidedBy = approver;
    it->decidedAt = now;
    it->reason = std::move(reason);
    auto next = std::next(it);
    if (!approve) {
        for (; next != request.steps.end(); ++next) next->outcome = StepOutcome::Skipped;
        request.state = LeaveState::Rejected;
    } else if (next == request.steps.end()) {
        request.state = LeaveState::Approved;
    } else {
        next->deadline = now + next->timeAllowed;
    }
    return request;
}

LeaveRequest escalateOverdue(LeaveRequest request, const LeavePolicy& policy, Instant now) {
    while (request.state == LeaveState::Pending) {
        auto it = std::ranges::find(request.steps, StepOutcome::Pending, &ApprovalStep::outcome);
        if (it == request.steps.end() || !(it->deadline < now)) break;
        if (it->escalation && it->role == policy.escalationRole && std::next(it) == request.steps.end()) {
            break;  // the top of the chain stays responsible; the request shows as overdue
        }
        const Instant ranOut = it->deadline;
        it->outcome = StepOutcome::Escalated;
        it->decidedAt = ranOut;
        it->reason = "no decision by the deadline";
        auto next = std::next(it);
        if (next == request.steps.end()) {
            ApprovalStep step;
            step.role = policy.escalationRole;
            step.timeAllowed = policy.stepDeadline;
            step.escalation = true;
            step.deadline = ranOut + step.timeAllowed;
            request.steps.push_back(step);
        } else {
            next->deadline = ranOut + next->timeAllowed;
        }
    }
    return request;
}

Result<LeaveRequest> cancelLeave(LeaveRequest request, Moment now) {
    if (request.state != LeaveState::Pending && request.state != LeaveState::Approved) {
        return fail("leave.not_cancellable", "This leave is " + std::string(toString(request.state)) +
                                                 " and cannot be cancelled.");
    }
    if (!(now.local < startMoment(request.period))) {
        return fail("leave.already_started", "The leave started at " + startMoment(request.period).toString() +
                                                 "; it can no longer be cancelled. Report back (销假) instead.");
    }
    request.state = LeaveState::Cancelled;
    request.cancelledAt = now.utc;
    for (auto& s : request.steps) {
        if (s.outcome == StepOutcome::Pending) s.outcome = StepOutcome::Skipped;
    }
    return request;
}

Result<LeaveRequest> reportBack(LeaveRequest request, LocalDateTime at, std::optional<UserId> confirmedBy) {
    if (request.state == LeaveState::ReportedBack) {
        return fail("leave.already_reported_back", "The person already reported back at " +
                                                       request.reportedBackAt->toString() + ".");
    }
    if (request.state != LeaveState::Approved) {
        return fail("leave.not_approved", "Only approved leave can be reported back; this one is " +
                                              std::string(toString(request.state)) + ".");
    }
    if (at < startMoment(request.period)) {
        return fail("leave.not_started", "The leave has not started yet (it starts at " +
                                             startMoment(request.period).toString() + "); cancel it instead.");
    }
    request.state = LeaveState::ReportedBack;
    request.reportedBackAt = at;
    request.reportBackConfirmedBy = confirmedBy;
    return request;
}

Result<LeaveRequest> reportBack(LeaveRequest request, LocalDateTime at, std::optional<UserId> confirmedBy,
                                const Calendar& calendar, const LeavePolicy& policy) {
    auto back = reportBack(std::move(request), at, confirmedBy);
    if (!back || back->period.hourly() || back->period.end < at.date()) return back;
    const LeaveType* type = policy.type(back->type);
    if (!type) return back;
    // Half days that ended before the report-back were taken; the rest was not.
    LeavePeriod taken = back->period;
    const bool morningDone = LocalTime(12, 0) <= at.time();
    taken.end = morningDone ? at.date() : at.date() - 1;
    taken.endHalf = morningDone ? HalfDay::Morning : HalfDay::Afternoon;
    if (taken.end < taken.start ||
        (taken.end == taken.start && taken.startHalf == HalfDay::Afternoon && taken.endHalf == HalfDay::Morning)) {
        back->amount = minutes{0};
        return back;
    }
    LeaveType anyGranularity = *type;
    anyGranularity.unit = LeaveUnit::HalfDay;
    if (auto amount = leaveAmount(taken, anyGranularity, calendar, policy)) back->amount = std::min(back->amount, *amount);
    return back;
}

LocalDate reportBackDeadline(const LeaveRequest& request, const LeavePolicy& policy) {
    return request.period.end + policy.reportBackGraceDays;
}

std::optional<LeaveOverrun> findOverrun(const LeaveRequest& request, const LeavePolicy& policy, LocalDateTime now) {
    if (request.state != LeaveState::Approved && request.state != LeaveState::ReportedBack) return std::nullopt;
    const LocalDate deadline = reportBackDeadline(request, policy);
    const auto reported = request.reportedBackAt;
    if (reported && reported->date() <= deadline) return std::nullopt;
    if (!reported && now.date() <= deadline) return std::nullopt;  // the deadline day is not over yet
    LeaveOverrun o;
    o.leave = request.id;
    o.employee = request.employee;
    o.deadline = deadline;
    o.firstDay = request.period.end + 1;
    o.lastDay = reported ? reported->date() - 1 : now.date();
    o.message = "Leave #" + std::to_string(request.id.value()) + " (" + request.type + ", " +
                request.period.describe() + ") was not reported back by the end of " + deadline.toString() +
                (reported ? "; the person reported back on " + reported->date().toString()
                          : "; the person has not reported back yet") +
                ". The days from " + o.firstDay.toString() + " count as absence.";
    return o;
}

LeaveBalance applyTransition(LeaveBalance balance, const std::optional<LeaveRequest>& before,
                             const LeaveRequest& after) {
    if (after.employee != balance.employee || after.type != balance.type ||
        after.period.start.year() != balance.year) {
        return balance;
    }
    auto reservedBy = [](const LeaveRequest& r) { return r.state == LeaveState::Pending ? r.amount : minutes{0}; };
    auto usedBy = [](const LeaveRequest& r) {
        return r.state == LeaveState::Approved || r.state == LeaveState::ReportedBack ? r.amount : minutes{0};
    };
    if (before) {
        balance.reserved -= reservedBy(*before);
        balance.used -= usedBy(*before);
    }
    balance.reserved += reservedBy(after);
    balance.used += usedBy(after);
    return balance;
}

LeaveBalance openYear(const LeaveBalance& previous, const LeaveType& type, minutes quota) {
    LeaveBalance next;
    next.employee = previous.employee;
    next.type = previous.type;
    next.year = previous.year + 1;
    next.quota = quota;
    const minutes unused = std::max(minutes{0}, previous.quota + previous.carriedOver - previous.used);
    next.carriedOver = std::min(unused, type.carryOverCap);
    return next;
}

}  // namespace rollcall::rules
