#pragma once
// Corrections (补卡): each is its own row with who asked, when, why, and the decision. The
// punches they complete are never touched; evaluation adds an approved correction's punch.
#include <optional>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/rules/Correction.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::store {

struct CorrectionFilter {
    std::optional<EmployeeId> employee{};
    std::optional<DepartmentId> department{};  // and those below it
    std::optional<rules::CorrectionState> state{};
    std::optional<LocalDate> from{};           // day >= from
    std::optional<LocalDate> to{};             // day <= to
    int limit = 1000;
    int offset = 0;
};

class CorrectionRepository {
public:
    explicit CorrectionRepository(Store& store) : store_(store) {}

    Result<CorrectionId> insert(const rules::Correction& correction);
    // Stores the decision of a pending correction; refuses one already decided.
    Status decide(const rules::Correction& decided);
    Result<std::optional<rules::Correction>> get(CorrectionId id);
    // Ordered by day, then id.
    Result<std::vector<rules::Correction>> list(const CorrectionFilter& filter);

private:
    Store& store_;
};

}  // namespace rollcall::store
