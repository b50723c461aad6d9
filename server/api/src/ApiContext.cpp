#include "ApiContext.hpp"

#include <spdlog/spdlog.h>

#include "rollcall/audit/AuditLog.hpp"
#include "rollcall/crypto/Crypto.hpp"
#include "rollcall/store/DepartmentRepository.hpp"
#include "rollcall/store/EmployeeRepository.hpp"

namespace rollcall::api {

using http::Status;

std::string sessionCookieName() { return "rollcall_session"; }

std::optional<std::int64_t> positiveId(const std::string& text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::int64_t v = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v > 0 ? std::optional<std::int64_t>(v) : std::nullopt;
}

http::Response badIdResponse(const std::string& field) {
    return http::errorResponse(http::Status::bad_request, "request.id", "'" + field + "' must be a positive integer id", field);
}

http::Response fromError(const Error& error) {
    if (http::statusForError(error) == Status::internal_server_error) {
        spdlog::error("api: {}", error.describe());
    }
    return http::errorResponse(error);
}

nlohmann::json accountJson(const auth::Account& account, const std::set<auth::Role>& roles) {
    nlohmann::json r = nlohmann::json::array();
    for (auto role : roles) r.push_back(auth::roleName(role));
    return {{"id", account.id.value()},
            {"username", account.username},
            {"roles", r},
            {"employeeId", account.employee ? nlohmann::json(account.employee->value()) : nlohmann::json()},
            {"active", account.active}};
}

namespace {

bool unsafe(http::Verb v) { return v != http::Verb::get && v != http::Verb::head && v != http::Verb::options; }

std::string cookieValue(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        const auto semi = header.find(';');
        auto part = header.substr(0, semi);
        header = semi == std::string_view::npos ? std::string_view{} : header.substr(semi + 1);
        while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
        if (part.size() > name.size() && part.substr(0, name.size()) == name && part[name.size()] == '=') {
            return std::string(part.substr(name.size() + 1));
        }
    }
    return {};
}

std::string rolesText(const Roles& roles) {
    std::string out;
    for (auto r : roles) {
        if (!out.empty()) out += ", ";
        out += auth::roleName(r);
    }
    return out;
}

}  // namespace

Result<std::optional<Caller>> ApiContext::authenticate(const http::RequestContext& ctx) {
    Caller caller;
    caller.remote = ctx.remoteAddress;
    if (auto authz = ctx.header("Authorization"); authz && authz->starts_with("Bearer ")) {
        caller.token = authz->substr(7);
    } else if (auto cookie = ctx.header("Cookie")) {
        caller.token = cookieValue(*cookie, sessionCookieName());
        caller.viaCookie = true;
    }
    if (caller.token.empty()) return std::optional<Caller>{};
    auto session = store.read([&](sqlite::Database& db) { return auth::Authenticator(db, options.auth).authenticate(caller.token); });
    if (!session) return std::unexpected(session.error());
    if (!*session) return std::optional<Caller>{};
    caller.account = (*session)->account;
    for (auto r : caller.account.roles) caller.roles.insert(r);
    if (caller.account.employee) {
        auto employee = store::EmployeeRepository(store).get(*caller.account.employee);
        if (!employee) return std::unexpected(employee.error());
        if (*employee && (*employee)->active) {
            caller.employee = **employee;
            for (auto r : caller.employee->roles) {
                if (auto role = auth::parseRole(store::toString(r))) caller.roles.insert(*role);
            }
        }
    }
    if (caller.viaCookie && unsafe(ctx.request.method())) {
        const auto sent = ctx.header("X-CSRF-Token").value_or("");
        if (!crypto::equalConstantTime(crypto::asBytes(sent), crypto::asBytes((*session)->csrfToken))) {
            caller.csrfFailed = true;
        }
    }
    return std::optional<Caller>(std::move(caller));
}

void ApiContext::audit(const std::string& actor, const std::string& remote, const std::string& action,
                       const std::string& target, const nlohmann::json& before, const nlohmann::json& after) {
    auto r = store.write([&](sqlite::Database& db) -> rollcall::Status {
        auto e = audit::AuditLog(db).append(audit::AuditEvent{actor, action, target, before, after, remote});
        if (!e) return std::unexpected(e.error());
        return {};
    });
    if (!r) spdlog::error("audit: cannot append '{}' by {}: {}", action, actor, r.error().describe());
}

http::Response ApiContext::deny(const Caller& caller, const http::RequestContext& ctx, const std::string& reason) {
    spdlog::info("denied: {} {} {} ({})", caller.name(), std::string(ctx.request.method_string()), ctx.path, reason);
    audit(caller.name(), caller.remote, "denied", std::string(ctx.request.method_string()) + " " + ctx.path, nullptr,
          {{"reason", reason}});
    return http::errorResponse(Status::forbidden, "forbidden", reason);
}

void ApiContext::add(http::Verb method, std::string pattern, Roles roles, Fn fn) {
    router_.add(method, "/api/v1" + pattern, [this, roles = std::move(roles), fn = std::move(fn)](http::RequestContext& ctx) {
        auto caller = authenticate(ctx);
        if (!caller) return fromError(caller.error());
        if (!*caller) return http::errorResponse(Status::unauthorized, "auth.required", "sign in first");
        const Caller& c = **caller;
        if (c.csrfFailed) {
            return deny(c, ctx, "a state-changing call with the session cookie needs the X-CSRF-Token header "
                                "returned at sign-in");
        }
        if (!roles.empty()) {
            bool allowed = false;
            for (auto r : roles) allowed = allowed || c.has(r);
            if (!allowed) return deny(c, ctx, "this needs one of the roles: " + rolesText(roles));
        }
        return fn(ctx, c);
    });
}

void ApiContext::addPublic(http::Verb method, std::string pattern, http::Handler fn) {
    router_.add(method, "/api/v1" + pattern, std::move(fn));
}

Result<std::optional<std::set<std::int64_t>>> ApiContext::approverScope(const Caller& caller) {
    using R = std::optional<std::set<std::int64_t>>;
    if (caller.has(auth::Role::Admin) || caller.has(auth::Role::Hr)) return R{};
    std::set<std::int64_t> out;
    if (!caller.employee || !caller.has(auth::Role::Approver)) return R(out);
    if (caller.employee->leadership) return R{};
    if (caller.employee->departmentHead && caller.employee->department) {
        auto ids = store::DepartmentRepository(store).selfAndDescendants(*caller.employee->department);
        if (!ids) return std::unexpected(ids.error());
        for (auto id : *ids) out.insert(id.value());
    }
    return R(out);
}

Result<bool> ApiContext::mayAccess(const Caller& caller, EmployeeId employee, bool reading) {
    if (caller.employee && caller.employee->id == employee) return true;
    if (caller.has(auth::Role::Admin) || caller.has(auth::Role::Hr)) return true;
    if (reading && caller.has(auth::Role::Inspector)) return true;
    auto scope = approverScope(caller);
    if (!scope) return std::unexpected(scope.error());
    if (!*scope) return true;
    if ((*scope)->empty()) return false;
    auto e = store::EmployeeRepository(store).get(employee);
    if (!e) return std::unexpected(e.error());
    return *e && (*e)->department && (*scope)->contains((*e)->department->value());
}

}  // namespace rollcall::api
