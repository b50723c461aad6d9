#include "rollcall/auth/Role.hpp"

namespace rollcall::auth {

std::string_view roleName(Role role) {
    switch (role) {
        case Role::Admin: return "admin";
        case Role::Hr: return "hr";
        case Role::Approver: return "approver";
        case Role::Inspector: return "inspector";
        case Role::Staff: return "staff";
    }
    return "staff";
}

std::optional<Role> parseRole(std::string_view name) {
    for (Role r : allRoles()) {
        if (roleName(r) == name) return r;
    }
    return std::nullopt;
}

const std::vector<Role>& allRoles() {
    static const std::vector<Role> roles{Role::Admin, Role::Hr, Role::Approver, Role::Inspector, Role::Staff};
    return roles;
}

}  // namespace rollcall::auth
