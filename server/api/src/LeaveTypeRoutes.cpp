// Leave types and the leave policy: quotas, units, approval chains by type and length, the
// approvers' deadline, report-back grace and the retroactive window. Everyone signed in
// reads the policy (GET /leave/types, in LeaveRoutes.cpp, lists the types); HR and
// administrators add or change a type and the rules. Each change is audited with the
// policy before and after. Requests already made keep the chain they were given.
#include <fmt/format.h>

#include "Routes.hpp"
#include "ScheduleJson.hpp"
#include "rollcall/audit/AuditLog.hpp"
#include "rollcall/store/LeavePolicyRepository.hpp"

namespace rollcall::api {

using http::Status;
using http::Verb;
using auth::Role;

namespace {

std::string_view unitName(rules::LeaveUnit u) {
    switch (u) {
        case rules::LeaveUnit::Day: return "day";
        case rules::LeaveUnit::Hour: return "hour";
        case rules::LeaveUnit::HalfDay: break;
    }
    return "half_day";
}

nlohmann::json typeJson(const rules::LeaveType& t) {
    return {{"code", t.code},
            {"name", t.name},
            {"unit", unitName(t.unit)},
            {"yearlyQuotaMinutes", t.yearlyQuota ? nlohmann::json(t.yearlyQuota->count()) : nlohmann::json()},
            {"carryOverCapMinutes", t.carryOverCap.count()},
            {"businessTrip", t.businessTrip},
            {"countsCalendarDays", t.countsCalendarDays}};
}

nlohmann::json policyJson(const rules::LeavePolicy& p) {
    nlohmann::json types = nlohmann::json::array();
    for (const auto& t : p.types) types.push_back(typeJson(t));
    nlohmann::json rulesJson = nlohmann::json::array();
    for (const auto& r : p.approvalRules) {
        rulesJson.push_back({{"types", r.types}, {"overDays", r.overDays},
                             {"upToDays", r.upToDays ? nlohmann::json(*r.upToDays) : nlohmann::json()}, {"chain", r.chain}});
    }
    return {{"types", types},
            {"approvalRules", rulesJson},
            {"stepDeadlineHours", p.stepDeadline.count()},
            {"escalationRole", p.escalationRole},
            {"reportBackGraceDays", p.reportBackGraceDays},
            {"retroactiveWindowDays", p.retroactiveWindowDays},
            {"workdayMinutes", p.workdayLength.count()}};
}

// Who can stand in a chain: a department head, bureau leadership, or anyone with a role.
bool knownChainRole(const std::string& role) {
    return role == "department_head" || role == "bureau_leadership" || store::parseRole(role).has_value();
}

Result<std::vector<rules::ApprovalRule>> rulesFromJson(const nlohmann::json& list, const rules::LeavePolicy& policy) {
    if (!list.is_array()) return typeError("approvalRules", "a list of rules {types, overDays, upToDays, chain}");
    std::vector<rules::ApprovalRule> out;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const std::string where = "approvalRules[" + std::to_string(i) + "]";
        const auto& j = list[i];
        if (!j.is_object()) return typeError(where, "an object {types, overDays, upToDays, chain}");
        for (const auto& [key, value] : j.items()) {
            if (key != "types" && key != "overDays" && key != "upToDays" && key != "chain") {
                return fail("request.unknown_field", "unknown field '" + where + "." + key + "'", where + "." + key);
            }
        }
        rules::ApprovalRule r;
        if (j.contains("types") && !j["types"].is_null()) {
            if (!j["types"].is_array()) return typeError(where + ".types", "a list of leave type codes");
            for (const auto& t : j["types"]) {
                if (!t.is_string()) return typeError(where + ".types", "a list of leave type codes");
                if (!policy.type(t.get<std::string>())) {
                    return fail("leave_policy.invalid", "unknown leave type '" + t.get<std::string>() + "'", where + ".types");
                }
                r.types.push_back(t.get<std::string>());
            }
        }
        if (j.contains("overDays") && !j["overDays"].is_null()) {
            if (!j["overDays"].is_number() || j["overDays"].get<double>() < 0) return typeError(where + ".overDays", "a number of days, 0 or more");
            r.overDays = j["overDays"].get<double>();
        }
        if (j.contains("upToDays") && !j["upToDays"].is_null()) {
            if (!j["upToDays"].is_number()) return typeError(where + ".upToDays", "a number of days or null");
            r.upToDays = j["upToDays"].get<double>();
            if (*r.upToDays <= r.overDays) return fail("leave_policy.invalid", "upToDays must be above overDays", where + ".upToDays");
        }
        if (!j.contains("chain") || !j["chain"].is_array() || j["chain"].empty()) {
            return typeError(where + ".chain", "a non-empty list of approver roles");
        }
        for (const auto& c : j["chain"]) {
            if (!c.is_string()) return typeError(where + ".chain", "a non-empty list of approver roles");
            if (!knownChainRole(c.get<std::string>())) {
                return fail("leave_policy.invalid", "unknown approver role '" + c.get<std::string>() +
                                                        "'; expected department_head, bureau_leadership, hr, admin, approver or inspector",
                            where + ".chain");
            }
            r.chain.push_back(c.get<std::string>());
        }
        out.push_back(std::move(r));
    }
    return out;
}

template <class F>
http::Response changePolicy(ApiContext& api, const http::RequestContext& ctx, const Caller& caller, const std::string& action,
                            const std::string& target, http::Status created, F&& change) {
    store::LeavePolicyRepository repo(api.store);
    nlohmann::json answer;
    bool isNew = false;
    auto r = api.store.write([&](sqlite::Database& db) -> rollcall::Status {
        auto policy = repo.load();
        if (!policy) return std::unexpected(policy.error());
        const auto before = policyJson(*policy);
        auto changed = change(*policy, answer, isNew);
        if (!changed) return changed;
        if (auto st = repo.save(*policy); !st) return st;
        auto e = audit::AuditLog(db).append({caller.name(), action, target, before, policyJson(*policy), ctx.remoteAddress});
        if (!e) return std::unexpected(e.error());
        return {};
    });
    if (!r) return fromError(r.error());
    return http::jsonResponse(isNew ? created : Status::ok, answer);
}

}  // namespace

void addLeaveTypeRoutes(ApiContext& api) {
    api.add(Verb::get, "/leave/policy", {}, [&api](http::RequestContext&, const Caller&) {
        auto policy = store::LeavePolicyRepository(api.store).load();
        if (!policy) return fromError(policy.error());
        return http::jsonResponse(Status::ok, policyJson(*policy));
    });

    // Adds a type, or replaces the type with the same code (201 when new, 200 when replaced).
    api.add(Verb::post, "/leave/types", {Role::Admin, Role::Hr}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto body = JsonBody::parse(ctx.request, {"code", "name", "unit", "yearlyQuotaMinutes", "carryOverCapMinutes", "businessTrip",
                                                  "countsCalendarDays"});
        if (!body) return fromError(body.error());
        rules::LeaveType t;
        auto code = body->string("code");
        if (!code) return fromError(code.error());
        if (code->size() > 32 || !std::ranges::all_of(*code, [](char c) { return std::islower(static_cast<unsigned char>(c)) || c == '_'; })) {
            return http::errorResponse(Status::bad_request, "request.code", "'code' is 1 to 32 lower-case letters or '_'", "code");
        }
        t.code = *code;
        auto name = body->string("name");
        if (!name) return fromError(name.error());
        t.name = *name;
        auto unit = body->optString("unit");
        if (!unit) return fromError(unit.error());
        const auto u = unit->value_or("half_day");
        if (u == "day") t.unit = rules::LeaveUnit::Day;
        else if (u == "hour") t.unit = rules::LeaveUnit::Hour;
        else if (u == "half_day") t.unit = rules::LeaveUnit::HalfDay;
        else return http::errorResponse(Status::bad_request, "request.unit", "'unit' is day, half_day or hour", "unit");
        auto quota = body->optInteger("yearlyQuotaMinutes");
        if (!quota) return fromError(quota.error());
        if (*quota && **quota < 0) return fromError(typeError("yearlyQuotaMinutes", "0 or more minutes, or null for no quota").error());
        if (*quota) t.yearlyQuota = std::chrono::minutes(**quota);
        auto cap = body->optInteger("carryOverCapMinutes");
        if (!cap) return fromError(cap.error());
        if (*cap && **cap < 0) return fromError(typeError("carryOverCapMinutes", "0 or more minutes").error());
        t.carryOverCap = std::chrono::minutes(cap->value_or(0));
        auto trip = body->optBool("businessTrip");
        if (!trip) return fromError(trip.error());
        t.businessTrip = trip->value_or(false);
        auto calendarDays = body->optBool("countsCalendarDays");
        if (!calendarDays) return fromError(calendarDays.error());
        t.countsCalendarDays = calendarDays->value_or(false);
        return changePolicy(api, ctx, caller, "leave_type.save", "leave_type/" + t.code, Status::created,
                            [&](rules::LeavePolicy& p, nlohmann::json& answer, bool& isNew) -> rollcall::Status {
            auto it = std::ranges::find_if(p.types, [&](const auto& x) { return x.code == t.code; });
            isNew = it == p.types.end();
            if (isNew) p.types.push_back(t);
            else *it = t;
            answer = typeJson(t);
            return {};
        });
    });

    // Replaces the given parts of the policy (approval rules, deadline, grace, windows); the
    // parts left out stay as they are.
    api.add(Verb::put, "/leave/policy", {Role::Admin, Role::Hr}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto body = JsonBody::parse(ctx.request, {"approvalRules", "stepDeadlineHours", "escalationRole", "reportBackGraceDays",
                                                  "retroactiveWindowDays", "workdayMinutes"});
        if (!body) return fromError(body.error());
        struct Bound {
            const char* name;
            std::int64_t min, max;
        };
        std::map<std::string, std::int64_t> numbers;
        for (auto b : {Bound{"stepDeadlineHours", 1, 24 * 30}, Bound{"reportBackGraceDays", 0, 30},
                       Bound{"retroactiveWindowDays", 0, 366}, Bound{"workdayMinutes", 60, 1440}}) {
            auto v = body->optInteger(b.name);
            if (!v) return fromError(v.error());
            if (!*v) continue;
            if (**v < b.min || **v > b.max) {
                return fromError(typeError(b.name, fmt::format("an integer from {} to {}", b.min, b.max)).error());
            }
            numbers[b.name] = **v;
        }
        auto escalation = body->optString("escalationRole");
        if (!escalation) return fromError(escalation.error());
        if (*escalation && !knownChainRole(**escalation)) {
            return http::errorResponse(Status::bad_request, "request.role", "unknown escalation role '" + **escalation + "'", "escalationRole");
        }
        return changePolicy(api, ctx, caller, "leave_policy.update", "leave_policy", Status::ok,
                            [&](rules::LeavePolicy& p, nlohmann::json& answer, bool&) -> rollcall::Status {
            if (body->has("approvalRules")) {
                auto r = rulesFromJson(body->json()["approvalRules"], p);
                if (!r) return std::unexpected(r.error());
                p.approvalRules = std::move(*r);
            }
            if (auto it = numbers.find("stepDeadlineHours"); it != numbers.end()) p.stepDeadline = std::chrono::hours(it->second);
            if (auto it = numbers.find("reportBackGraceDays"); it != numbers.end()) p.reportBackGraceDays = static_cast<int>(it->second);
            if (auto it = numbers.find("retroactiveWindowDays"); it != numbers.end()) p.retroactiveWindowDays = static_cast<int>(it->second);
            if (auto it = numbers.find("workdayMinutes"); it != numbers.end()) p.workdayLength = std::chrono::minutes(it->second);
            if (*escalation) p.escalationRole = **escalation;
            answer = policyJson(p);
            return {};
        });
    });
}

}  // namespace rollcall::api
