#include "rollcall/spotcheck/Viewer.hpp"

namespace rollcall::spotcheck {

std::string_view toString(Role role) {
    switch (role) {
        case Role::Staff: return "staff";
        case Role::Hr: return "hr";
        case Role::Inspector: return "inspector";
        case Role::Admin: return "admin";
        case Role::Terminal: return "terminal";
    }
    return "staff";
}

std::optional<Role> parseRole(std::string_view text) {
    for (auto r : {Role::Staff, Role::Hr, Role::Inspector, Role::Admin, Role::Terminal}) {
        if (toString(r) == text) return r;
    }
    return std::nullopt;
}

}  // namespace rollcall::spotcheck
