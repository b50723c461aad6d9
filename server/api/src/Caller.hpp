#pragma once
// The authenticated person behind a request: their account, the roles in force (the
// account's own plus those of the linked employee), and the employee record itself.
#include <optional>
#include <set>
#include <string>

#include "rollcall/auth/Account.hpp"
#include "rollcall/store/Organisation.hpp"

namespace rollcall::api {

struct Caller {
    auth::Account account;
    std::set<auth::Role> roles;
    std::optional<store::Employee> employee;
    bool viaCookie = false;
    bool csrfFailed = false;  // cookie session, state change, X-CSRF-Token missing or wrong
    std::string token;
    std::string remote;

    [[nodiscard]] bool has(auth::Role role) const { return roles.contains(role); }
    [[nodiscard]] const std::string& name() const { return account.username; }
    [[nodiscard]] std::optional<EmployeeId> employeeId() const {
        return employee ? std::optional<EmployeeId>(employee->id) : std::nullopt;
    }
};

}  // namespace rollcall::api
