#pragma once
// Who a spot check covers: everyone, some posts, or some departments.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Ids.hpp"

namespace rollcall::spotcheck {

enum class ScopeKind { Everyone, Posts, Departments };

struct Scope {
    ScopeKind kind = ScopeKind::Everyone;
    std::vector<PostId> posts;              // when kind == Posts
    std::vector<DepartmentId> departments;  // when kind == Departments

    static Scope everyone() { return {}; }
    static Scope ofPosts(std::vector<PostId> ids) { return {ScopeKind::Posts, std::move(ids), {}}; }
    static Scope ofDepartments(std::vector<DepartmentId> ids) { return {ScopeKind::Departments, {}, std::move(ids)}; }

    // A scope of posts or departments must name at least one, all valid.
    [[nodiscard]] Status validate() const;
    // "everyone", "posts:3,7", "departments:2": the form stored and shown in reports.
    [[nodiscard]] std::string encode() const;
    static Result<Scope> decode(std::string_view text);
    bool operator==(const Scope&) const = default;
};

std::string_view toString(ScopeKind kind);

}  // namespace rollcall::spotcheck
