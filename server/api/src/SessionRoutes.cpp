// Sign-in, the current session, sign-out.
#include <fmt/format.h>

#include "JsonBody.hpp"
#include "Routes.hpp"
#include "rollcall/audit/AuditLog.hpp"
#include "rollcall/auth/Authenticator.hpp"

namespace rollcall::api {

using http::Status;
using http::Verb;

namespace {

nlohmann::json sessionJson(ApiContext& api, const Caller& caller, const std::string& csrf, Instant expires) {
    nlohmann::json user = accountJson(caller.account, caller.roles);
    if (caller.employee) {
        user["employeeName"] = caller.employee->name;
        user["departmentId"] = caller.employee->department ? nlohmann::json(caller.employee->department->value()) : nlohmann::json();
        user["departmentHead"] = caller.employee->departmentHead;
        user["leadership"] = caller.employee->leadership;
    }
    return {{"user", user}, {"csrfToken", csrf}, {"expiresAt", expires.toIso()}, {"timeZone", api.store.timeZone().name()}};
}

std::string cookie(const ApiContext& api, const std::string& value, long long maxAge) {
    return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", sessionCookieName(), value, maxAge,
                       api.options.secureCookies ? "; Secure" : "");
}

struct Outcome {
    std::optional<auth::LoginSuccess> success;
    std::optional<Error> refusal;
};

}  // namespace

void addSessionRoutes(ApiContext& api) {
    api.addPublic(Verb::post, "/session", [&api](http::RequestContext& ctx) {
        auto body = JsonBody::parse(ctx.request, {"username", "password", "bearer"});
        if (!body) return fromError(body.error());
        auto username = body->string("username");
        if (!username) return fromError(username.error());
        auto password = body->string("password");
        if (!password) return fromError(password.error());
        auto bearer = body->optBool("bearer");
        if (!bearer) return fromError(bearer.error());
        if (username->size() > 128) {
            return http::errorResponse(Status::bad_request, "request.type", "the user name is too long", "username");
        }
        // One transaction for the attempt and its audit entry; a refusal commits too, so that
        // the failure counter behind the lock-out persists.
        auto outcome = api.store.write([&](sqlite::Database& db) -> Result<Outcome> {
            auto r = auth::Authenticator(db, api.options.auth).login(*username, *password, ctx.remoteAddress);
            if (!r && r.error().code != "auth.invalid" && r.error().code != "auth.locked") return std::unexpected(r.error());
            audit::AuditEvent event{*username, r ? "login" : "login.failed", "account/" + *username, nullptr,
                                    r ? nlohmann::json{{"bearer", bearer->value_or(false)}}
                                      : nlohmann::json{{"reason", r.error().code}},
                                    ctx.remoteAddress};
            if (auto e = audit::AuditLog(db).append(event); !e) return std::unexpected(e.error());
            if (!r) return Outcome{std::nullopt, r.error()};
            return Outcome{std::move(*r), std::nullopt};
        });
        if (!outcome) return fromError(outcome.error());
        if (outcome->refusal) {
            auto res = fromError(*outcome->refusal);
            if (outcome->refusal->code == "auth.locked") res.set(http::bhttp::field::retry_after, "60");
            return res;
        }
        const auto& success = *outcome->success;
        Caller caller;
        caller.token = success.token;
        caller.viaCookie = !bearer->value_or(false);
        http::Request probe{Verb::get, "/", 11};
        probe.set(http::bhttp::field::authorization, "Bearer " + success.token);
        http::RequestContext probeCtx{probe, "/", {}, {}, ctx.remoteAddress};
        auto full = api.authenticate(probeCtx);
        if (!full) return fromError(full.error());
        if (!*full) return http::errorResponse(Status::unauthorized, "auth.invalid", "wrong user name or password");
        nlohmann::json out = sessionJson(api, **full, success.session.csrfToken, success.session.expiresAt);
        http::Response res;
        if (bearer->value_or(false)) {
            out["token"] = success.token;
            res = http::jsonResponse(Status::ok, out);
        } else {
            res = http::jsonResponse(Status::ok, out);
            res.set(http::bhttp::field::set_cookie,
                    cookie(api, success.token, std::chrono::duration_cast<std::chrono::seconds>(api.options.auth.sessionTtl).count()));
        }
        return res;
    });

    api.add(Verb::get, "/session", {}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto session = api.store.read([&](sqlite::Database& db) {
            return auth::Authenticator(db, api.options.auth).authenticate(caller.token);
        });
        if (!session) return fromError(session.error());
        if (!*session) return http::errorResponse(Status::unauthorized, "auth.required", "sign in first");
        (void)ctx;
        return http::jsonResponse(Status::ok, sessionJson(api, caller, (*session)->csrfToken, (*session)->expiresAt));
    });

    api.add(Verb::delete_, "/session", {}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto r = api.store.write([&](sqlite::Database& db) -> rollcall::Status {
            if (auto st = auth::Authenticator(db, api.options.auth).logout(caller.token); !st) return st;
            auto e = audit::AuditLog(db).append({caller.name(), "logout", "account/" + caller.name(), nullptr, nullptr,
                                                 ctx.remoteAddress});
            if (!e) return std::unexpected(e.error());
            return {};
        });
        if (!r) return fromError(r.error());
        http::Response res{Status::no_content, 11};
        res.set(http::bhttp::field::set_cookie, cookie(api, "", 0));
        return res;
    });
}

}  // namespace rollcall::api
