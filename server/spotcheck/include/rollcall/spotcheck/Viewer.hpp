#pragma once
// Who is asking. The HTTP layer maps its authenticated account to this; terminals never
// reach the spot-check service except through the gateway's push calls.
#include <optional>
#include <string>
#include <string_view>

#include "rollcall/domain/Ids.hpp"

namespace rollcall::spotcheck {

enum class Role { Staff, Hr, Inspector, Admin, Terminal };

struct Viewer {
    UserId user;
    Role role = Role::Staff;
    std::string name;  // account name, for the audit log

    [[nodiscard]] bool isInspector() const { return role == Role::Inspector; }
    // Fired and closed checks, their results and findings: inspectors, HR and administrators.
    [[nodiscard]] bool canSeeResults() const {
        return role == Role::Inspector || role == Role::Hr || role == Role::Admin;
    }
};

std::string_view toString(Role role);
std::optional<Role> parseRole(std::string_view text);

}  // namespace rollcall::spotcheck
