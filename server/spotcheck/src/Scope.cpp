#include "rollcall/spotcheck/Scope.hpp"

#include <algorithm>
#include <charconv>

namespace rollcall::spotcheck {
namespace {

template <class Id>
std::string joinIds(const std::vector<Id>& ids) {
    std::string out;
    for (const auto& id : ids) {
        if (!out.empty()) out += ',';
        out += std::to_string(id.value());
    }
    return out;
}

template <class Id>
Result<std::vector<Id>> splitIds(std::string_view text) {
    std::vector<Id> ids;
    while (!text.empty()) {
        const auto comma = text.find(',');
        const auto part = text.substr(0, comma);
        std::int64_t value = 0;
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
        if (ec != std::errc{} || end != part.data() + part.size() || value <= 0) {
            return fail("spotcheck.selection", "scope ids must be positive integers, got '" + std::string(part) + "'",
                        "scope");
        }
        ids.emplace_back(value);
        if (comma == std::string_view::npos) break;
        text.remove_prefix(comma + 1);
    }
    return ids;
}

}  // namespace

std::string_view toString(ScopeKind kind) {
    switch (kind) {
        case ScopeKind::Everyone: return "everyone";
        case ScopeKind::Posts: return "posts";
        case ScopeKind::Departments: return "departments";
    }
    return "everyone";
}

Status Scope::validate() const {
    const auto bad = [](auto& ids) {
        return std::any_of(ids.begin(), ids.end(), [](auto id) { return !id.valid() || id.value() < 0; });
    };
    switch (kind) {
        case ScopeKind::Everyone:
            if (!posts.empty() || !departments.empty())
                return fail("spotcheck.selection", "a scope of everyone names no posts or departments", "scope");
            return {};
        case ScopeKind::Posts:
            if (posts.empty() || !departments.empty() || bad(posts))
                return fail("spotcheck.selection", "a scope of posts names one or more valid posts and no departments",
                            "scope");
            return {};
        case ScopeKind::Departments:
            if (departments.empty() || !posts.empty() || bad(departments))
                return fail("spotcheck.selection",
                            "a scope of departments names one or more valid departments and no posts", "scope");
            return {};
    }
    return {};
}

std::string Scope::encode() const {
    switch (kind) {
        case ScopeKind::Everyone: return "everyone";
        case ScopeKind::Posts: return "posts:" + joinIds(posts);
        case ScopeKind::Departments: return "departments:" + joinIds(departments);
    }
    return "everyone";
}

Result<Scope> Scope::decode(std::string_view text) {
    if (text == "everyone") return Scope::everyone();
    const auto colon = text.find(':');
    const auto kind = text.substr(0, colon);
    const auto rest = colon == std::string_view::npos ? std::string_view{} : text.substr(colon + 1);
    Scope scope;
    if (kind == "posts") {
        auto ids = splitIds<PostId>(rest);
        if (!ids) return std::unexpected(ids.error());
        scope = Scope::ofPosts(std::move(*ids));
    } else if (kind == "departments") {
        auto ids = splitIds<DepartmentId>(rest);
        if (!ids) return std::unexpected(ids.error());
        scope = Scope::ofDepartments(std::move(*ids));
    } else {
        return fail("spotcheck.selection", "unknown scope '" + std::string(text) +
                                           "': use everyone, posts:ID[,ID...] or departments:ID[,ID...]",
                    "scope");
    }
    if (auto st = scope.validate(); !st) return std::unexpected(st.error());
    return scope;
}

}  // namespace rollcall::spotcheck
