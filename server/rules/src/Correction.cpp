#include "rollcall/rules/Correction.hpp"

#include <string>

namespace rollcall::rules {
namespace {

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

Result<Correction> requestCorrection(Correction draft, std::span<const Correction> existing,
                                     const CorrectionPolicy& policy, LocalDate today) {
    if (blank(draft.reason)) {
        return fail("correction.reason_required", "Say why the punch is missing; a correction needs a reason.", "reason");
    }
    if (draft.day > today) {
        return fail("correction.future", "The day " + draft.day.toString() + " has not happened yet; only past "
                                             "days can be corrected.", "day");
    }
    if (today - draft.day > policy.maxDaysBack) {
        return fail("correction.too_old", "The day " + draft.day.toString() + " is more than " +
                                              std::to_string(policy.maxDaysBack) +
                                              " days ago; corrections must be requested sooner.", "day");
    }
    const auto dayStart = LocalDateTime(draft.day, LocalTime{});
    if (draft.at < dayStart.plusMinutes(-24 * 60) || dayStart.plusMinutes(48 * 60) <= draft.at) {
        return fail("correction.time_outside_day",
                    "The punch time " + draft.at.toString() + " is not within a day of " + draft.day.toString() + ".",
                    "at");
    }
    int sameMonth = 0;
    for (const auto& c : existing) {
        if (c.employee != draft.employee || c.state == CorrectionState::Rejected) continue;
        if (c.day.year() == draft.day.year() && c.day.month() == draft.day.month()) ++sameMonth;
        if (c.day == draft.day && c.at == draft.at && c.id != draft.id) {
            return fail("correction.duplicate", "A correction for " + draft.at.toString() + " is already " +
                                                    (c.state == CorrectionState::Pending ? "pending." : "approved."));
        }
    }
    if (sameMonth >= policy.maxPerMonth) {
        return fail("correction.monthly_limit", "At most " + std::to_string(policy.maxPerMonth) +
                                                    " corrections are allowed per month; this month has " +
                                                    std::to_string(sameMonth) + " already.");
    }
    draft.state = CorrectionState::Pending;
    draft.decidedBy.reset();
    draft.decidedAt.reset();
    draft.decisionReason.clear();
    return draft;
}

Result<Correction> decideCorrection(Correction pending, bool approve, UserId approver, std::string reason,
                                    Instant now) {
    if (pending.state != CorrectionState::Pending) {
        return fail("correction.already_decided", "This correction was already " +
                                                      std::string(pending.state == CorrectionState::Approved
                                                                      ? "approved." : "rejected."));
    }
    if (!approve && blank(reason)) {
        return fail("correction.reason_required", "Say why the correction is rejected.", "reason");
    }
    if (approver.value() != 0 && pending.requestedBy == approver) {
        return fail("correction.self_approval", "A person cannot approve their own correction.");
    }
    pending.state = approve ? CorrectionState::Approved : CorrectionState::Rejected;
    pending.decidedBy = approver;
    pending.decidedAt = now;
    pending.decisionReason = std::move(reason);
    return pending;
}

std::optional<Punch> correctionPunch(const Correction& c) {
    if (c.state != CorrectionState::Approved) return std::nullopt;
    Punch p;
    p.employee = c.employee;
    p.at = c.at;
    p.source = PunchSource::Correction;
    p.correction = c.id;
    return p;
}

}  // namespace rollcall::rules
