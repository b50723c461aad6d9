// Accounts: administrators create them, link them to people, set roles, reset passwords,
// deactivate them. Passwords never appear in answers or in the audit log.
#include "JsonBody.hpp"
#include "Routes.hpp"
#include "rollcall/audit/AuditLog.hpp"
#include "rollcall/auth/AccountStore.hpp"
#include "rollcall/store/EmployeeRepository.hpp"

namespace rollcall::api {

using http::Status;
using http::Verb;
using auth::Role;

namespace {

Result<std::vector<Role>> parseRoleList(const std::vector<std::string>& names) {
    std::vector<Role> out;
    for (const auto& n : names) {
        auto r = auth::parseRole(n);
        if (!r) return fail("request.role", "unknown role '" + n + "' (admin, hr, approver, inspector, staff)", "roles");
        out.push_back(*r);
    }
    return out;
}

nlohmann::json plain(const auth::Account& a) {
    std::set<Role> roles(a.roles.begin(), a.roles.end());
    return accountJson(a, roles);
}

Status employeeMissing(ApiContext& api, std::int64_t id, Error& error) {
    auto e = store::EmployeeRepository(api.store).get(EmployeeId(id));
    if (!e) { error = e.error(); return Status::internal_server_error; }
    if (!*e) { error = Error{"request.employee", "no employee " + std::to_string(id), "employeeId"}; return Status::unprocessable_entity; }
    return Status::ok;
}

}  // namespace

void addAccountRoutes(ApiContext& api) {
    api.add(Verb::get, "/accounts", {Role::Admin}, [&api](http::RequestContext&, const Caller&) {
        auto list = api.store.read([](sqlite::Database& db) { return auth::AccountStore(db).list(); });
        if (!list) return fromError(list.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& a : *list) items.push_back(plain(a));
        return http::jsonResponse(Status::ok, {{"items", items}});
    });

    api.add(Verb::post, "/accounts", {Role::Admin}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto body = JsonBody::parse(ctx.request, {"username", "password", "roles", "employeeId"});
        if (!body) return fromError(body.error());
        auth::NewAccount n;
        auto username = body->string("username");
        if (!username) return fromError(username.error());
        auto password = body->string("password");
        if (!password) return fromError(password.error());
        auto roleNames = body->optStrings("roles");
        if (!roleNames) return fromError(roleNames.error());
        auto roles = parseRoleList(roleNames->value_or(std::vector<std::string>{"staff"}));
        if (!roles) return fromError(roles.error());
        auto employee = body->optInteger("employeeId");
        if (!employee) return fromError(employee.error());
        if (*employee) {
            Error err;
            if (employeeMissing(api, **employee, err) != Status::ok) return fromError(err);
            n.employee = EmployeeId(**employee);
        }
        n.username = *username;
        n.password = *password;
        n.roles = *roles;
        auto created = api.store.write([&](sqlite::Database& db) -> Result<auth::Account> {
            auto a = auth::AccountStore(db).create(n);
            if (!a) return a;
            auto e = audit::AuditLog(db).append({caller.name(), "account.create", "account/" + a->username, nullptr,
                                                 plain(*a), ctx.remoteAddress});
            if (!e) return std::unexpected(e.error());
            return a;
        });
        if (!created) return fromError(created.error());
        return http::jsonResponse(Status::created, plain(*created));
    });

    api.add(Verb::patch, "/accounts/{id}", {Role::Admin}, [&api](http::RequestContext& ctx, const Caller& caller) {
        char* end = nullptr;
        const auto id = std::strtoll(ctx.param("id").c_str(), &end, 10);
        if (!end || *end != '\0' || id <= 0) return http::errorResponse(Status::bad_request, "request.id", "not an account id", "id");
        auto body = JsonBody::parse(ctx.request, {"password", "roles", "employeeId", "active"});
        if (!body) return fromError(body.error());
        auth::AccountChange change;
        auto password = body->optString("password");
        if (!password) return fromError(password.error());
        change.password = *password;
        auto roleNames = body->optStrings("roles");
        if (!roleNames) return fromError(roleNames.error());
        if (*roleNames) {
            auto roles = parseRoleList(**roleNames);
            if (!roles) return fromError(roles.error());
            change.roles = *roles;
        }
        if (body->json().contains("employeeId")) {
            auto employee = body->optInteger("employeeId");
            if (!employee) return fromError(employee.error());
            if (*employee) {
                Error err;
                if (employeeMissing(api, **employee, err) != Status::ok) return fromError(err);
                change.employee = std::optional<EmployeeId>(EmployeeId(**employee));
            } else {
                change.employee = std::optional<EmployeeId>{};
            }
        }
        auto active = body->optBool("active");
        if (!active) return fromError(active.error());
        change.active = *active;
        if (change.active == false && id == caller.account.id.value()) {
            return http::errorResponse(Status::conflict, "account.self", "you cannot deactivate your own account", "active");
        }
        auto updated = api.store.write([&](sqlite::Database& db) -> Result<auth::Account> {
            auth::AccountStore accounts(db);
            auto before = accounts.findById(UserId(id));
            if (!before) return std::unexpected(before.error());
            if (!*before) return fail("account.not_found", "no account " + std::to_string(id));
            auto a = accounts.update(UserId(id), change);
            if (!a) return a;
            nlohmann::json after = plain(*a);
            if (change.password) after["passwordChanged"] = true;
            auto e = audit::AuditLog(db).append({caller.name(), "account.update", "account/" + a->username,
                                                 plain(**before), after, ctx.remoteAddress});
            if (!e) return std::unexpected(e.error());
            return a;
        });
        if (!updated) return fromError(updated.error());
        return http::jsonResponse(Status::ok, plain(*updated));
    });
}

}  // namespace rollcall::api
