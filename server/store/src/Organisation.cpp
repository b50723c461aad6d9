#include "rollcall/store/Organisation.hpp"

#include <array>
#include <utility>

namespace rollcall::store {
namespace {

constexpr std::array<std::pair<Role, std::string_view>, 5> kRoles{{
    {Role::Admin, "admin"}, {Role::Hr, "hr"}, {Role::Approver, "approver"}, {Role::Inspector, "inspector"}, {Role::Staff, "staff"},
}};
constexpr std::array<std::pair<Verification, std::string_view>, 4> kVerifications{{
    {Verification::Face, "face"}, {Verification::Fingerprint, "fingerprint"}, {Verification::Either, "either"}, {Verification::Both, "both"},
}};

template <class E, std::size_t N>
std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
    for (const auto& [v, s] : table) {
        if (v == value) return s;
    }
    return table[0].second;
}

template <class E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view text) {
    for (const auto& [v, s] : table) {
        if (s == text) return v;
    }
    return std::nullopt;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::string_view toString(Role role) { return nameOf(kRoles, role); }
std::optional<Role> parseRole(std::string_view text) { return valueOf(kRoles, trim(text)); }
std::string_view toString(Verification v) { return nameOf(kVerifications, v); }
std::optional<Verification> parseVerification(std::string_view text) { return valueOf(kVerifications, trim(text)); }

std::string joinRoles(const std::set<Role>& roles) {
    std::string out;
    for (Role r : roles) {
        if (!out.empty()) out += ';';
        out += toString(r);
    }
    return out;
}

std::optional<std::set<Role>> parseRoles(std::string_view text) {
    std::set<Role> roles;
    while (!text.empty()) {
        const auto cut = text.find_first_of(";,");
        const auto part = trim(text.substr(0, cut));
        if (!part.empty()) {
            auto r = parseRole(part);
            if (!r) return std::nullopt;
            roles.insert(*r);
        }
        if (cut == std::string_view::npos) break;
        text.remove_prefix(cut + 1);
    }
    return roles;
}

}  // namespace rollcall::store
