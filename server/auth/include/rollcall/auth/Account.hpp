#pragma once
// A person's (or a service's) way in: a user name, roles, and the employee it belongs to.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "rollcall/auth/Role.hpp"
#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"

namespace rollcall::auth {

struct Account {
    UserId id;
    std::string username;
    std::optional<EmployeeId> employee;
    std::vector<Role> roles;
    bool active = true;
    Instant createdAt;

    [[nodiscard]] bool has(Role role) const { return std::ranges::find(roles, role) != roles.end(); }
};

}  // namespace rollcall::auth
