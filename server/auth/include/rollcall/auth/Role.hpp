#pragma once
// The five roles. An account holds one or more; what each may do is decided in server/api.
#include <optional>
#include <string_view>
#include <vector>

namespace rollcall::auth {

enum class Role { Admin, Hr, Approver, Inspector, Staff };

std::string_view roleName(Role role);
std::optional<Role> parseRole(std::string_view name);
const std::vector<Role>& allRoles();

}  // namespace rollcall::auth
