#pragma once
// Identities that only spot checks know; the shared ones (SpotCheckId, EmployeeId, ...) are in the domain.
#include "rollcall/domain/Ids.hpp"

namespace rollcall::spotcheck {

struct PlanTag {};
struct FindingTag {};
struct CaseTag {};
struct WarningListTag {};

using PlanId = StrongId<PlanTag>;
using FindingId = StrongId<FindingTag>;
using CaseId = StrongId<CaseTag>;
using WarningListId = StrongId<WarningListTag>;

}  // namespace rollcall::spotcheck
