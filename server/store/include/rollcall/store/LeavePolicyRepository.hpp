#pragma once
// The organisation's leave policy (types, approval rules, deadlines, grace) and the yearly
// balances per person and type.
#include <optional>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/rules/LeaveBalance.hpp"
#include "rollcall/rules/LeavePolicy.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::store {

class LeavePolicyRepository {
public:
    explicit LeavePolicyRepository(Store& store) : store_(store) {}

    // The stored policy; rules::LeavePolicy::standard() until one is saved.
    Result<rules::LeavePolicy> load();
    // Replaces the stored policy as a whole.
    Status save(const rules::LeavePolicy& policy);

    Result<std::optional<rules::LeaveBalance>> balance(EmployeeId employee, const std::string& type, int year);
    Result<std::vector<rules::LeaveBalance>> balances(EmployeeId employee, int year);
    Status saveBalance(const rules::LeaveBalance& balance);

private:
    Store& store_;
};

}  // namespace rollcall::store
