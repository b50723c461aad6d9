// Reading and verifying the audit log (administrators). Verifying checks the hash chain and
// the signed anchor of its newest entry, so entries deleted from its end are found too, and
// every terminal's stored punch chain (gateway::checkStoredChains), so punches deleted or
// altered in the database are found as well.
#include "Routes.hpp"
#include "rollcall/audit/AuditAnchor.hpp"
#include "rollcall/audit/AuditLog.hpp"
#include "rollcall/gateway/PunchChainCheck.hpp"

namespace rollcall::api {

using http::Status;
using http::Verb;
using auth::Role;

void addAuditRoutes(ApiContext& api, const audit::AuditAnchor* anchor) {
    api.add(Verb::get, "/audit", {Role::Admin}, [&api](http::RequestContext& ctx, const Caller&) {
        audit::AuditQuery q;
        q.actor = ctx.queryValue("actor");
        q.action = ctx.queryValue("action");
        q.targetPrefix = ctx.queryValue("target");
        try {
            if (auto after = ctx.queryValue("after")) q.afterSeq = std::stoll(*after);
            if (auto limit = ctx.queryValue("limit")) q.limit = std::clamp(std::stoi(*limit), 1, 1000);
        } catch (const std::exception&) {
            return http::errorResponse(Status::bad_request, "request.type", "'after' and 'limit' are integers");
        }
        auto entries = api.store.read([&](sqlite::Database& db) { return audit::AuditLog(db).list(q); });
        if (!entries) return fromError(entries.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& e : *entries) items.push_back(audit::toJson(e));
        return http::jsonResponse(Status::ok, {{"items", items}});
    });

    api.add(Verb::post, "/audit/verify", {Role::Admin}, [&api, anchor](http::RequestContext& ctx, const Caller& caller) {
        auto report = api.store.read([&](sqlite::Database& db) { return audit::AuditLog(db).verify(anchor); });
        if (!report) return fromError(report.error());
        nlohmann::json out{{"ok", report->ok},
                           {"anchored", anchor != nullptr},
                           {"entriesChecked", report->entriesChecked},
                           {"firstBroken", report->firstBroken ? nlohmann::json(*report->firstBroken) : nlohmann::json()},
                           {"reason", report->reason}};
        if (api.options.terminals) {
            auto chains = gateway::checkStoredChains(api.store, *api.options.terminals);
            if (!chains) return fromError(chains.error());
            nlohmann::json breaks = nlohmann::json::array();
            for (const auto& b : chains->breaks) {
                breaks.push_back({{"terminalId", b.terminal.value()}, {"seq", b.seq}, {"reason", b.reason}});
            }
            out["punchChains"] = {{"ok", chains->ok()},
                                  {"terminalsChecked", chains->terminalsChecked},
                                  {"punchesChecked", chains->punchesChecked},
                                  {"unchained", chains->unchained},
                                  {"breaks", breaks}};
        }
        api.audit(caller.name(), ctx.remoteAddress, "audit.verify", "audit", nullptr, out);
        return http::jsonResponse(Status::ok, out);
    });
}

}  // namespace rollcall::api
