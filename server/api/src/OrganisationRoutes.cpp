// Departments, posts and people. Everyone signed in may read departments and posts; people
// are listed for HR, administrators, inspectors and approvers (approvers: their departments),
// and staff see their own record. Changes are for HR and administrators.
#include <array>

#include "JsonBody.hpp"
#include "OrganisationJson.hpp"
#include "Routes.hpp"
#include "rollcall/audit/AuditLog.hpp"
#include "rollcall/store/DepartmentRepository.hpp"
#include "rollcall/store/EmployeeRepository.hpp"
#include "rollcall/store/PostRepository.hpp"

namespace rollcall::api {

using http::Status;
using http::Verb;
using auth::Role;

namespace {

// Writes `change` and its audit entry in one transaction.
template <class F>
auto audited(ApiContext& api, const Caller& caller, const http::RequestContext& ctx, const std::string& action,
             F&& change) {
    return api.store.write([&](sqlite::Database& db) {
        auto r = change();
        using R = decltype(r);
        if (!r) return r;
        auto [target, before, after] = r->audit;
        auto e = audit::AuditLog(db).append({caller.name(), action, target, before, after, ctx.remoteAddress});
        if (!e) return R(std::unexpect, e.error());
        return r;
    });
}

struct Changed {
    nlohmann::json body;
    std::tuple<std::string, nlohmann::json, nlohmann::json> audit;
};

Result<store::Employee> employeeFromBody(const JsonBody& body, store::Employee e, bool creating) {
    if (creating || body.has("number")) {
        auto v = body.string("number");
        if (!v) return std::unexpected(v.error());
        e.number = *v;
    }
    if (creating || body.has("name")) {
        auto v = body.string("name");
        if (!v) return std::unexpected(v.error());
        e.name = *v;
    }
    if (body.json().contains("departmentId")) {
        auto v = body.optInteger("departmentId");
        if (!v) return std::unexpected(v.error());
        e.department = *v ? std::optional<DepartmentId>(DepartmentId(**v)) : std::nullopt;
    }
    if (body.json().contains("postId")) {
        auto v = body.optInteger("postId");
        if (!v) return std::unexpected(v.error());
        e.post = *v ? std::optional<PostId>(PostId(**v)) : std::nullopt;
    }
    if (auto v = body.optStrings("roles"); !v) {
        return std::unexpected(v.error());
    } else if (*v) {
        std::set<store::Role> roles;
        for (const auto& name : **v) {
            auto r = store::parseRole(name);
            if (!r) return fail("request.role", "unknown role '" + name + "'", "roles");
            roles.insert(*r);
        }
        e.roles = roles;
    }
    for (auto [name, slot] : {std::pair{"departmentHead", &e.departmentHead}, std::pair{"leadership", &e.leadership},
                              std::pair{"active", &e.active}}) {
        auto v = body.optBool(name);
        if (!v) return std::unexpected(v.error());
        if (*v) *slot = **v;
    }
    if (auto v = body.optString("verification"); !v) {
        return std::unexpected(v.error());
    } else if (*v) {
        auto m = store::parseVerification(**v);
        if (!m) return fail("request.verification", "verification is face, fingerprint, either or both", "verification");
        e.verification = *m;
    }
    return e;
}

constexpr std::array<std::string_view, 9> kEmployeeFields{
    "number", "name", "departmentId", "postId", "roles", "departmentHead", "leadership", "verification", "active"};

}  // namespace

void addOrganisationRoutes(ApiContext& api) {
    api.add(Verb::get, "/organisation", {}, [&api](http::RequestContext&, const Caller&) {
        return http::jsonResponse(Status::ok, {{"timeZone", api.store.timeZone().name()}});
    });

    api.add(Verb::get, "/departments", {}, [&api](http::RequestContext&, const Caller&) {
        auto list = store::DepartmentRepository(api.store).list();
        if (!list) return fromError(list.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& d : *list) items.push_back(toJson(d));
        return http::jsonResponse(Status::ok, {{"items", items}});
    });

    api.add(Verb::post, "/departments", {Role::Admin, Role::Hr}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto body = JsonBody::parse(ctx.request, {"code", "name", "parentId"});
        if (!body) return fromError(body.error());
        auto code = body->string("code");
        if (!code) return fromError(code.error());
        auto name = body->string("name");
        if (!name) return fromError(name.error());
        auto parent = body->optInteger("parentId");
        if (!parent) return fromError(parent.error());
        store::DepartmentRepository repo(api.store);
        auto r = audited(api, caller, ctx, "department.create", [&]() -> Result<Changed> {
            auto existing = repo.byCode(*code);
            if (!existing) return std::unexpected(existing.error());
            if (*existing) return fail("department.exists", "a department with code '" + *code + "' exists", "code");
            store::Department d{DepartmentId{}, *code, *name,
                                *parent ? std::optional<DepartmentId>(DepartmentId(**parent)) : std::nullopt};
            auto id = repo.upsert(d);
            if (!id) return std::unexpected(id.error());
            d.id = *id;
            return Changed{toJson(d), {"department/" + std::to_string(id->value()), nullptr, toJson(d)}};
        });
        if (!r) return fromError(r.error());
        return http::jsonResponse(Status::created, r->body);
    });

    api.add(Verb::get, "/posts", {}, [&api](http::RequestContext& ctx, const Caller&) {
        std::optional<DepartmentId> dept;
        if (auto d = ctx.queryValue("departmentId")) {
            auto id = positiveId(*d);
            if (!id) return badIdResponse("departmentId");
            dept = DepartmentId(*id);
        }
        auto list = store::PostRepository(api.store).list(dept);
        if (!list) return fromError(list.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& p : *list) items.push_back(toJson(p));
        return http::jsonResponse(Status::ok, {{"items", items}});
    });

    api.add(Verb::post, "/posts", {Role::Admin, Role::Hr}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto body = JsonBody::parse(ctx.request, {"code", "name", "departmentId"});
        if (!body) return fromError(body.error());
        auto code = body->string("code");
        if (!code) return fromError(code.error());
        auto name = body->string("name");
        if (!name) return fromError(name.error());
        auto dept = body->integer("departmentId");
        if (!dept) return fromError(dept.error());
        store::PostRepository repo(api.store);
        auto r = audited(api, caller, ctx, "post.create", [&]() -> Result<Changed> {
            auto existing = repo.byCode(*code);
            if (!existing) return std::unexpected(existing.error());
            if (*existing) return fail("post.exists", "a post with code '" + *code + "' exists", "code");
            store::Post p{PostId{}, *code, *name, DepartmentId(*dept)};
            auto id = repo.upsert(p);
            if (!id) return std::unexpected(id.error());
            p.id = *id;
            return Changed{toJson(p), {"post/" + std::to_string(id->value()), nullptr, toJson(p)}};
        });
        if (!r) return fromError(r.error());
        return http::jsonResponse(Status::created, r->body);
    });

    api.add(Verb::get, "/employees", {}, [&api](http::RequestContext& ctx, const Caller& caller) {
        store::EmployeeFilter filter;
        if (auto d = ctx.queryValue("departmentId")) {
            auto id = positiveId(*d);
            if (!id) return badIdResponse("departmentId");
            filter.department = DepartmentId(*id);
        }
        if (auto p = ctx.queryValue("postId")) {
            auto id = positiveId(*p);
            if (!id) return badIdResponse("postId");
            filter.post = PostId(*id);
        }
        if (auto r = ctx.queryValue("role")) {
            filter.role = store::parseRole(*r);
            if (!filter.role) return http::errorResponse(Status::bad_request, "request.role", "unknown role '" + *r + "'", "role");
        }
        if (auto a = ctx.queryValue("active")) filter.active = (*a == "1" || *a == "true");
        filter.search = ctx.queryValue("search").value_or("");
        const bool seeAll = caller.has(Role::Admin) || caller.has(Role::Hr) || caller.has(Role::Inspector);
        std::optional<std::set<std::int64_t>> scope;
        if (!seeAll) {
            auto s = api.approverScope(caller);
            if (!s) return fromError(s.error());
            scope = s->value_or(std::set<std::int64_t>{});
            if (!*s) scope.reset();
        }
        auto list = store::EmployeeRepository(api.store).list(filter);
        if (!list) return fromError(list.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& e : *list) {
            const bool self = caller.employee && caller.employee->id == e.id;
            const bool inScope = seeAll || !scope || (e.department && scope->contains(e.department->value()));
            if (self || inScope) items.push_back(toJson(e));
        }
        return http::jsonResponse(Status::ok, {{"items", items}});
    });

    api.add(Verb::get, "/employees/{id}", {}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto id = positiveId(ctx.param("id"));
        if (!id) return badIdResponse("id");
        auto e = store::EmployeeRepository(api.store).get(EmployeeId(*id));
        if (!e) return fromError(e.error());
        if (!*e) return http::errorResponse(Status::not_found, "employee.not_found", "no employee " + ctx.param("id"));
        const bool self = caller.employee && caller.employee->id.value() == *id;
        if (!self && !caller.has(Role::Admin) && !caller.has(Role::Hr) && !caller.has(Role::Inspector)) {
            auto scope = api.approverScope(caller);
            if (!scope) return fromError(scope.error());
            const bool inScope = !*scope || ((*e)->department && (*scope)->contains((*e)->department->value()));
            if (!inScope) return api.deny(caller, ctx, "you may see only your own record or your department's");
        }
        return http::jsonResponse(Status::ok, toJson(**e));
    });

    api.add(Verb::post, "/employees", {Role::Admin, Role::Hr}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto body = JsonBody::parse(ctx.request, kEmployeeFields);
        if (!body) return fromError(body.error());
        auto e = employeeFromBody(*body, store::Employee{}, true);
        if (!e) return fromError(e.error());
        if (!body->has("roles")) e->roles = {store::Role::Staff};
        store::EmployeeRepository repo(api.store);
        auto r = audited(api, caller, ctx, "employee.create", [&]() -> Result<Changed> {
            auto existing = repo.byNumber(e->number);
            if (!existing) return std::unexpected(existing.error());
            if (*existing) return fail("employee.exists", "employee number '" + e->number + "' exists", "number");
            auto id = repo.upsert(*e);
            if (!id) return std::unexpected(id.error());
            auto stored = repo.get(*id);
            if (!stored) return std::unexpected(stored.error());
            return Changed{toJson(**stored), {"employee/" + std::to_string(id->value()), nullptr, toJson(**stored)}};
        });
        if (!r) return fromError(r.error());
        return http::jsonResponse(Status::created, r->body);
    });

    api.add(Verb::patch, "/employees/{id}", {Role::Admin, Role::Hr}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto id = positiveId(ctx.param("id"));
        if (!id) return badIdResponse("id");
        auto body = JsonBody::parse(ctx.request, kEmployeeFields);
        if (!body) return fromError(body.error());
        store::EmployeeRepository repo(api.store);
        auto r = audited(api, caller, ctx, "employee.update", [&]() -> Result<Changed> {
            auto before = repo.get(EmployeeId(*id));
            if (!before) return std::unexpected(before.error());
            if (!*before) return fail("employee.not_found", "no employee " + std::to_string(*id));
            auto e = employeeFromBody(*body, **before, false);
            if (!e) return std::unexpected(e.error());
            if (e->number != (*before)->number) {
                auto clash = repo.byNumber(e->number);
                if (!clash) return std::unexpected(clash.error());
                if (*clash) return fail("employee.exists", "employee number '" + e->number + "' exists", "number");
            }
            auto saved = repo.upsert(*e);
            if (!saved) return std::unexpected(saved.error());
            auto after = repo.get(EmployeeId(*id));
            if (!after) return std::unexpected(after.error());
            return Changed{toJson(**after), {"employee/" + std::to_string(*id), toJson(**before), toJson(**after)}};
        });
        if (!r) return fromError(r.error());
        return http::jsonResponse(Status::ok, r->body);
    });

    api.add(Verb::post, "/employees/{id}/offboard", {Role::Admin, Role::Hr},
            [&api](http::RequestContext& ctx, const Caller& caller) {
        auto id = positiveId(ctx.param("id"));
        if (!id) return badIdResponse("id");
        auto body = JsonBody::parse(ctx.request, {"on", "reason"});
        if (!body) return fromError(body.error());
        auto on = body->date("on");
        if (!on) return fromError(on.error());
        store::EmployeeRepository repo(api.store);
        auto r = audited(api, caller, ctx, "employee.offboard", [&]() -> Result<Changed> {
            auto before = repo.get(EmployeeId(*id));
            if (!before) return std::unexpected(before.error());
            if (!*before) return fail("employee.not_found", "no employee " + std::to_string(*id));
            if (auto st = repo.offboard(EmployeeId(*id), *on); !st) return std::unexpected(st.error());
            auto after = repo.get(EmployeeId(*id));
            if (!after) return std::unexpected(after.error());
            return Changed{toJson(**after), {"employee/" + std::to_string(*id), toJson(**before), toJson(**after)}};
        });
        if (!r) return fromError(r.error());
        return http::jsonResponse(Status::ok, r->body);
    });
}

}  // namespace rollcall::api
