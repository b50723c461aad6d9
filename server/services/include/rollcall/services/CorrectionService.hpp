#pragma once
// Corrections (补卡): a person (or HR for them) asks to add a missing punch with a reason; a
// head of their department or HR decides. Approval queues the day for re-evaluation; the
// original punches are never changed.
#include <string>

#include "rollcall/domain/Error.hpp"
#include "rollcall/rules/Correction.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::services {

struct CorrectionInput {
    EmployeeId employee;
    LocalDate day;                 // the attendance day to correct
    LocalDateTime at;              // the punch time to add
    rules::CorrectionKind kind = rules::CorrectionKind::Other;
    std::string reason;
    EmployeeId requestedBy;        // the person themself, or someone with the hr role
};

class CorrectionService {
public:
    explicit CorrectionService(store::Store& store, rules::CorrectionPolicy policy = {}) : store_(store), policy_(policy) {}

    Result<rules::Correction> request(const CorrectionInput& input, Instant now);
    Result<rules::Correction> approve(CorrectionId id, EmployeeId approver, std::string reason, Instant now);
    Result<rules::Correction> reject(CorrectionId id, EmployeeId approver, std::string reason, Instant now);

private:
    Result<rules::Correction> decide(CorrectionId id, EmployeeId approver, bool approve, std::string reason, Instant now);

    store::Store& store_;
    rules::CorrectionPolicy policy_;
};

}  // namespace rollcall::services
