#pragma once
// Correction (补卡): a request to add a missing punch, with a reason. The original punches
// stay as they are; an approved correction is a separate input that evaluation turns into
// an extra punch (PunchSource::Correction). Functions here validate and decide requests.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/rules/Punch.hpp"

namespace rollcall::rules {

enum class CorrectionState { Pending, Approved, Rejected };
enum class CorrectionKind { MissingIn, MissingOut, Other };

struct Correction {
    CorrectionId id;
    EmployeeId employee;
    LocalDate day;                   // the attendance day it corrects
    LocalDateTime at;                // the punch time to add
    CorrectionKind kind = CorrectionKind::Other;
    std::string reason;
    UserId requestedBy;
    Instant requestedAt;
    CorrectionState state = CorrectionState::Pending;
    std::optional<UserId> decidedBy;
    std::optional<Instant> decidedAt;
    std::string decisionReason;

    bool operator==(const Correction&) const = default;
};

struct CorrectionPolicy {
    int maxDaysBack = 30;          // a correction may be requested up to this many days after the day
    int maxPerMonth = 3;           // approved + pending corrections per person and calendar month
};

// Validates a new request: a reason is required, the day is not in the future nor older
// than the policy allows, the punch time is within a day of the corrected date, and the
// monthly limit holds. `today` is the local date now. Returns the request in Pending.
[[nodiscard]] Result<Correction> requestCorrection(Correction draft, std::span<const Correction> existing,
                                                   const CorrectionPolicy& policy, LocalDate today);
// Approves or rejects a pending request. Rejection needs a reason.
[[nodiscard]] Result<Correction> decideCorrection(Correction pending, bool approve, UserId approver,
                                                  std::string reason, Instant now);
// The punch an approved correction adds (nullopt unless Approved).
[[nodiscard]] std::optional<Punch> correctionPunch(const Correction& c);

}  // namespace rollcall::rules
