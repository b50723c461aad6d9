#pragma once
// The organisation as stored: departments (a tree), posts (a place of duty in a department)
// and people. A person's roles say what they may do; the two flags say whom they approve
// for: `departmentHead` approves for their department and the departments below it,
// `leadership` is bureau leadership (approves long leave, takes escalations).
// A UserId in the rules (who decided, who requested) is the acting person's EmployeeId value.
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"

namespace rollcall::store {

enum class Role { Admin, Hr, Approver, Inspector, Staff };
enum class Verification { Face, Fingerprint, Either, Both };

std::string_view toString(Role role);                       // "admin", "hr", "approver", "inspector", "staff"
std::optional<Role> parseRole(std::string_view text);
std::string_view toString(Verification v);                  // "face", "fingerprint", "either", "both"
std::optional<Verification> parseVerification(std::string_view text);
// "admin;hr" <-> {Admin, Hr}; nullopt when a name is unknown.
std::string joinRoles(const std::set<Role>& roles);
std::optional<std::set<Role>> parseRoles(std::string_view text);

struct Department {
    DepartmentId id;                      // 0 on upsert: a new department
    std::string code;                     // unique, stable ("D-RECORDS")
    std::string name;
    std::optional<DepartmentId> parent;
    bool operator==(const Department&) const = default;
};

struct Post {
    PostId id;
    std::string code;
    std::string name;
    DepartmentId department;
    bool operator==(const Post&) const = default;
};

struct Employee {
    EmployeeId id;
    std::string number;                   // the employee number, unique
    std::string name;
    std::optional<DepartmentId> department;
    std::optional<PostId> post;
    std::set<Role> roles{Role::Staff};
    bool departmentHead = false;
    bool leadership = false;
    Verification verification = Verification::Either;
    bool active = true;
    std::optional<LocalDate> offboardedOn;
    bool operator==(const Employee&) const = default;
};

}  // namespace rollcall::store
