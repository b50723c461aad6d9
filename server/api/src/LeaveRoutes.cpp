// Leave (请销假): request, list (mine / to approve / all in scope), approve, reject, cancel,
// report back, balances. The leave service applies the rules; these routes check who may
// call them, translate JSON, and audit each change with the request before and after.
#include <algorithm>

#include "JsonBody.hpp"
#include "Routes.hpp"
#include "rollcall/audit/AuditLog.hpp"
#include "rollcall/services/LeaveService.hpp"
#include "rollcall/store/LeavePolicyRepository.hpp"
#include "rollcall/store/LeaveRepository.hpp"

namespace rollcall::api {

using http::Status;
using http::Verb;
using auth::Role;

namespace {

nlohmann::json when(const std::optional<Instant>& i) { return i ? nlohmann::json(i->toIso()) : nlohmann::json(); }

nlohmann::json toJson(const rules::LeaveRequest& r) {
    nlohmann::json steps = nlohmann::json::array();
    for (const auto& s : r.steps) {
        steps.push_back({{"role", s.role},
                         {"deadline", s.deadline.toIso()},
                         {"outcome", rules::toString(s.outcome)},
                         {"decidedBy", s.decidedBy ? nlohmann::json(s.decidedBy->value()) : nlohmann::json()},
                         {"decidedAt", when(s.decidedAt)},
                         {"reason", s.reason},
                         {"escalation", s.escalation}});
    }
    const auto& p = r.period;
    return {{"id", r.id.value()},
            {"employeeId", r.employee.value()},
            {"type", r.type},
            {"start", p.start.toString()},
            {"startHalf", p.startHalf == rules::HalfDay::Morning ? "am" : "pm"},
            {"end", p.end.toString()},
            {"endHalf", p.endHalf == rules::HalfDay::Morning ? "am" : "pm"},
            {"fromTime", p.fromTime ? nlohmann::json(p.fromTime->toString()) : nlohmann::json()},
            {"toTime", p.toTime ? nlohmann::json(p.toTime->toString()) : nlohmann::json()},
            {"period", p.describe()},
            {"reason", r.reason},
            {"amountMinutes", r.amount.count()},
            {"submittedAt", r.submittedAt.toIso()},
            {"retroactive", r.retroactive},
            {"state", rules::toString(r.state)},
            {"steps", steps},
            {"cancelledAt", when(r.cancelledAt)},
            {"reportedBackAt", r.reportedBackAt ? nlohmann::json(r.reportedBackAt->toString()) : nlohmann::json()},
            {"reportBackConfirmedBy", r.reportBackConfirmedBy ? nlohmann::json(r.reportBackConfirmedBy->value()) : nlohmann::json()}};
}

Result<rules::HalfDay> half(const JsonBody& body, const std::string& name, rules::HalfDay fallback) {
    auto v = body.optString(name);
    if (!v) return std::unexpected(v.error());
    if (!*v) return fallback;
    if (**v == "am") return rules::HalfDay::Morning;
    if (**v == "pm") return rules::HalfDay::Afternoon;
    return fail("request.half", "'" + name + "' is \"am\" or \"pm\"", name);
}

http::Response notLinked() {
    return http::errorResponse(Status::forbidden, "forbidden", "your account is not linked to a person, so it cannot act on leave");
}

// Runs a leave-service decision for `id` and audits it with the request before and after.
template <class F>
http::Response decide(ApiContext& api, http::RequestContext& ctx, const Caller& caller, const std::string& action,
                      bool needsReason, F&& call) {
    auto id = positiveId(ctx.param("id"));
    if (!id) return http::errorResponse(Status::bad_request, "request.id", "not a leave id", "id");
    auto body = JsonBody::parse(ctx.request, {"reason", "at"});
    if (!body) return fromError(body.error());
    Result<std::string> reason = std::string();
    if (needsReason) {
        reason = body->string("reason");
    } else if (auto optional = body->optString("reason"); !optional) {
        reason = std::unexpected(optional.error());
    } else {
        reason = optional->value_or("");
    }
    if (!reason) return fromError(reason.error());
    auto at = body->optString("at");
    if (!at) return fromError(at.error());
    std::optional<Instant> atInstant;
    if (*at) {
        atInstant = Instant::parseIso(**at);
        if (!atInstant) return http::errorResponse(Status::bad_request, "request.date", "'at' must be an RFC 3339 time", "at");
    }
    if (!caller.employee) return notLinked();
    store::LeaveRepository repo(api.store);
    auto before = repo.get(LeaveId(*id));
    if (!before) return fromError(before.error());
    if (!*before) return http::errorResponse(Status::not_found, "leave.not_found", "no leave request " + ctx.param("id"));
    auto may = api.mayAccess(caller, (*before)->employee, false);
    if (!may) return fromError(may.error());
    if (!*may) return api.deny(caller, ctx, "this leave request is outside your scope");
    services::LeaveService service(api.store);
    auto after = api.store.write([&](sqlite::Database& db) -> Result<rules::LeaveRequest> {
        auto r = call(service, LeaveId(*id), caller.employee->id, *reason, atInstant);
        if (!r) return r;
        auto e = audit::AuditLog(db).append({caller.name(), action, "leave/" + std::to_string(*id), toJson(**before),
                                             toJson(*r), ctx.remoteAddress});
        if (!e) return std::unexpected(e.error());
        return r;
    });
    if (!after) return fromError(after.error());
    return http::jsonResponse(Status::ok, toJson(*after));
}

}  // namespace

void addLeaveRoutes(ApiContext& api) {
    api.add(Verb::post, "/leave", {}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto body = JsonBody::parse(ctx.request, {"employeeId", "type", "start", "end", "startHalf", "endHalf", "fromTime",
                                                  "toTime", "reason"});
        if (!body) return fromError(body.error());
        services::LeaveInput in;
        auto type = body->string("type");
        if (!type) return fromError(type.error());
        auto start = body->date("start");
        if (!start) return fromError(start.error());
        auto end = body->optDate("end");
        if (!end) return fromError(end.error());
        auto sh = half(*body, "startHalf", rules::HalfDay::Morning);
        if (!sh) return fromError(sh.error());
        auto eh = half(*body, "endHalf", rules::HalfDay::Afternoon);
        if (!eh) return fromError(eh.error());
        auto from = body->optTime("fromTime");
        if (!from) return fromError(from.error());
        auto to = body->optTime("toTime");
        if (!to) return fromError(to.error());
        auto reason = body->optString("reason");
        if (!reason) return fromError(reason.error());
        auto who = body->optInteger("employeeId");
        if (!who) return fromError(who.error());
        if (!*who && !caller.employee) return notLinked();
        in.employee = *who ? EmployeeId(**who) : caller.employee->id;
        if (!(caller.employee && caller.employee->id == in.employee) && !caller.has(Role::Hr) && !caller.has(Role::Admin)) {
            return api.deny(caller, ctx, "only HR or an administrator requests leave for someone else");
        }
        in.type = *type;
        in.period = rules::LeavePeriod{*start, *sh, end->value_or(*start), *eh, *from, *to};
        in.reason = reason->value_or("");
        services::LeaveService service(api.store);
        auto r = api.store.write([&](sqlite::Database& db) -> Result<rules::LeaveRequest> {
            auto req = service.request(in, Instant::now());
            if (!req) return req;
            auto e = audit::AuditLog(db).append({caller.name(), "leave.request", "leave/" + std::to_string(req->id.value()),
                                                 nullptr, toJson(*req), ctx.remoteAddress});
            if (!e) return std::unexpected(e.error());
            return req;
        });
        if (!r) return fromError(r.error());
        return http::jsonResponse(Status::created, toJson(*r));
    });

    api.add(Verb::get, "/leave", {}, [&api](http::RequestContext& ctx, const Caller& caller) {
        const auto scope = ctx.queryValue("scope").value_or("mine");
        store::LeaveFilter filter;
        if (auto s = ctx.queryValue("state")) {
            for (auto st : {rules::LeaveState::Pending, rules::LeaveState::Approved, rules::LeaveState::Rejected,
                            rules::LeaveState::Cancelled, rules::LeaveState::ReportedBack}) {
                if (rules::toString(st) == *s) filter.state = st;
            }
            if (!filter.state) return http::errorResponse(Status::bad_request, "request.state", "unknown state '" + *s + "'", "state");
        }
        for (auto [name, slot] : {std::pair{"from", &filter.from}, std::pair{"to", &filter.to}}) {
            if (auto v = ctx.queryValue(name)) {
                *slot = LocalDate::parse(*v);
                if (!*slot) return http::errorResponse(Status::bad_request, "request.date", std::string("'") + name + "' must be YYYY-MM-DD", name);
            }
        }
        if (scope == "mine") {
            if (!caller.employee) return http::jsonResponse(Status::ok, {{"items", nlohmann::json::array()}});
            filter.employee = caller.employee->id;
        } else if (scope == "approve") {
            filter.state = rules::LeaveState::Pending;
        } else if (scope != "all") {
            return http::errorResponse(Status::bad_request, "request.scope", "scope is mine, approve or all", "scope");
        }
        if (auto e = ctx.queryValue("employeeId")) {
            auto id = positiveId(*e);
            if (!id) return http::errorResponse(Status::bad_request, "request.id", "not an employee id", "employeeId");
            filter.employee = EmployeeId(*id);
        }
        auto list = store::LeaveRepository(api.store).list(filter);
        if (!list) return fromError(list.error());
        services::LeaveService service(api.store);
        nlohmann::json items = nlohmann::json::array();
        for (const auto& r : *list) {
            auto may = api.mayAccess(caller, r.employee, true);
            if (!may) return fromError(may.error());
            if (!*may) continue;
            if (scope == "approve") {
                auto approvers = service.currentApprovers(r.id);
                if (!approvers) return fromError(approvers.error());
                const bool mine = caller.employee && std::ranges::any_of(*approvers, [&](const store::Employee& e) {
                    return e.id == caller.employee->id;
                });
                if (!mine) continue;
            }
            items.push_back(toJson(r));
        }
        return http::jsonResponse(Status::ok, {{"items", items}});
    });

    api.add(Verb::get, "/leave/{id}", {}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto id = positiveId(ctx.param("id"));
        if (!id) return http::errorResponse(Status::bad_request, "request.id", "not a leave id", "id");
        auto r = store::LeaveRepository(api.store).get(LeaveId(*id));
        if (!r) return fromError(r.error());
        if (!*r) return http::errorResponse(Status::not_found, "leave.not_found", "no leave request " + ctx.param("id"));
        auto may = api.mayAccess(caller, (*r)->employee, true);
        if (!may) return fromError(may.error());
        if (!*may) return api.deny(caller, ctx, "this leave request is outside your scope");
        return http::jsonResponse(Status::ok, toJson(**r));
    });

    api.add(Verb::post, "/leave/{id}/approve", {}, [&api](http::RequestContext& ctx, const Caller& caller) {
        return decide(api, ctx, caller, "leave.approve", false, [](auto& s, LeaveId id, EmployeeId by, std::string reason, auto) {
            return s.approve(id, by, std::move(reason), Instant::now());
        });
    });
    api.add(Verb::post, "/leave/{id}/reject", {}, [&api](http::RequestContext& ctx, const Caller& caller) {
        return decide(api, ctx, caller, "leave.reject", true, [](auto& s, LeaveId id, EmployeeId by, std::string reason, auto) {
            return s.reject(id, by, std::move(reason), Instant::now());
        });
    });
    api.add(Verb::post, "/leave/{id}/cancel", {}, [&api](http::RequestContext& ctx, const Caller& caller) {
        return decide(api, ctx, caller, "leave.cancel", false, [](auto& s, LeaveId id, EmployeeId by, std::string, auto) {
            return s.cancel(id, by, Instant::now());
        });
    });
    api.add(Verb::post, "/leave/{id}/report-back", {}, [&api](http::RequestContext& ctx, const Caller& caller) {
        return decide(api, ctx, caller, "leave.report_back", false,
                      [&](auto& s, LeaveId id, EmployeeId by, std::string, std::optional<Instant> at) {
                          const auto now = Instant::now();
                          auto current = store::LeaveRepository(api.store).get(id);
                          if (!current) return Result<rules::LeaveRequest>(std::unexpect, current.error());
                          const bool self = *current && (*current)->employee == by;
                          return s.reportBack(id, at.value_or(now), self ? std::nullopt : std::optional<EmployeeId>(by), now);
                      });
    });

    api.add(Verb::get, "/leave/types", {}, [&api](http::RequestContext&, const Caller&) {
        auto policy = store::LeavePolicyRepository(api.store).load();
        if (!policy) return fromError(policy.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& t : policy->types) {
            items.push_back({{"code", t.code}, {"name", t.name},
                             {"yearlyQuotaMinutes", t.yearlyQuota ? nlohmann::json(t.yearlyQuota->count()) : nlohmann::json()},
                             {"businessTrip", t.businessTrip}});
        }
        return http::jsonResponse(Status::ok, {{"items", items}});
    });

    api.add(Verb::get, "/leave/balances", {}, [&api](http::RequestContext& ctx, const Caller& caller) {
        std::optional<EmployeeId> who = caller.employeeId();
        if (auto e = ctx.queryValue("employeeId")) {
            auto id = positiveId(*e);
            if (!id) return http::errorResponse(Status::bad_request, "request.id", "not an employee id", "employeeId");
            who = EmployeeId(*id);
        }
        if (!who) return http::jsonResponse(Status::ok, {{"items", nlohmann::json::array()}});
        auto may = api.mayAccess(caller, *who, true);
        if (!may) return fromError(may.error());
        if (!*may) return api.deny(caller, ctx, "these balances are outside your scope");
        int year = api.store.timeZone().today().year();
        if (auto y = ctx.queryValue("year")) {
            try { year = std::stoi(*y); } catch (const std::exception&) {
                return http::errorResponse(Status::bad_request, "request.type", "'year' is a number", "year");
            }
        }
        auto balances = store::LeavePolicyRepository(api.store).balances(*who, year);
        if (!balances) return fromError(balances.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& b : *balances) {
            items.push_back({{"employeeId", b.employee.value()}, {"type", b.type}, {"year", b.year},
                             {"quotaMinutes", b.quota.count()}, {"carriedOverMinutes", b.carriedOver.count()},
                             {"usedMinutes", b.used.count()}, {"reservedMinutes", b.reserved.count()},
                             {"availableMinutes", b.available().count()}});
        }
        return http::jsonResponse(Status::ok, {{"items", items}});
    });
}

}  // namespace rollcall::api
