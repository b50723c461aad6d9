// Terminals (administrators): create one and get its one-time provisioning token, list them
// with live status, issue a fresh token, revoke one.
#include "JsonBody.hpp"
#include "Routes.hpp"

namespace rollcall::api {

using http::Status;
using http::Verb;
using auth::Role;

namespace {

nlohmann::json toJson(const gateway::TerminalInfo& t) {
    auto when = [](const std::optional<Instant>& i) { return i ? nlohmann::json(i->toIso()) : nlohmann::json(); };
    return {{"id", t.id.value()},
            {"name", t.name},
            {"postId", t.post ? nlohmann::json(t.post->value()) : nlohmann::json()},
            {"state", gateway::toString(t.state)},
            {"online", t.online},
            {"lastSeen", when(t.lastSeen)},
            {"backlog", t.backlog},
            {"clockOffsetUs", t.clockOffsetUs ? nlohmann::json(*t.clockOffsetUs) : nlohmann::json()},
            {"softwareVersion", t.softwareVersion},
            {"galleryVersion", t.galleryVersion},
            {"lastSeq", t.lastSeq},
            {"createdAt", t.createdAt.toIso()},
            {"provisionedAt", when(t.provisionedAt)},
            {"revokedAt", when(t.revokedAt)},
            {"tokenExpiresAt", when(t.tokenExpiresAt)}};
}

http::Response noGateway() {
    return http::errorResponse(Status::service_unavailable, "gateway.disabled", "this server runs without the terminal gateway");
}

nlohmann::json created(const gateway::CreatedTerminal& c) {
    return {{"id", c.id.value()}, {"token", c.token}, {"tokenExpiresAt", c.tokenExpiresAt.toIso()}};
}

}  // namespace

void addTerminalRoutes(ApiContext& api) {
    api.add(Verb::get, "/terminals", {Role::Admin}, [&api](http::RequestContext&, const Caller&) {
        if (!api.options.terminals) return noGateway();
        auto list = api.options.terminals->list();
        if (!list) return fromError(list.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& t : *list) items.push_back(toJson(t));
        return http::jsonResponse(Status::ok, {{"items", items}});
    });

    api.add(Verb::post, "/terminals", {Role::Admin}, [&api](http::RequestContext& ctx, const Caller& caller) {
        if (!api.options.terminals) return noGateway();
        auto body = JsonBody::parse(ctx.request, {"name", "postId"});
        if (!body) return fromError(body.error());
        auto name = body->string("name");
        if (!name) return fromError(name.error());
        auto post = body->optInteger("postId");
        if (!post) return fromError(post.error());
        auto c = api.options.terminals->create(*name, *post ? std::optional<PostId>(PostId(**post)) : std::nullopt);
        if (!c) return fromError(c.error());
        // The token itself never enters the audit log.
        api.audit(caller.name(), ctx.remoteAddress, "terminal.create", "terminal/" + std::to_string(c->id.value()), nullptr,
                  {{"name", *name}, {"postId", *post ? nlohmann::json(**post) : nlohmann::json()},
                   {"tokenExpiresAt", c->tokenExpiresAt.toIso()}});
        auto out = created(*c);
        out["name"] = *name;
        return http::jsonResponse(Status::created, out);
    });

    api.add(Verb::post, "/terminals/{id}/token", {Role::Admin}, [&api](http::RequestContext& ctx, const Caller& caller) {
        if (!api.options.terminals) return noGateway();
        auto id = positiveId(ctx.param("id"));
        if (!id) return http::errorResponse(Status::bad_request, "request.id", "not a terminal id", "id");
        auto c = api.options.terminals->reissueToken(TerminalId(*id));
        if (!c) return fromError(c.error());
        api.audit(caller.name(), ctx.remoteAddress, "terminal.token", "terminal/" + std::to_string(*id), nullptr,
                  {{"tokenExpiresAt", c->tokenExpiresAt.toIso()}});
        return http::jsonResponse(Status::ok, created(*c));
    });

    api.add(Verb::post, "/terminals/{id}/revoke", {Role::Admin}, [&api](http::RequestContext& ctx, const Caller& caller) {
        if (!api.options.terminals) return noGateway();
        auto id = positiveId(ctx.param("id"));
        if (!id) return http::errorResponse(Status::bad_request, "request.id", "not a terminal id", "id");
        auto body = JsonBody::parse(ctx.request, {"reason"});
        if (!body) return fromError(body.error());
        auto reason = body->optString("reason");
        if (!reason) return fromError(reason.error());
        auto before = api.options.terminals->get(TerminalId(*id));
        if (!before) return fromError(before.error());
        if (!*before) return http::errorResponse(Status::not_found, "terminal.not_found", "no terminal " + ctx.param("id"));
        if (auto st = api.options.terminals->revoke(TerminalId(*id)); !st) return fromError(st.error());
        auto after = api.options.terminals->get(TerminalId(*id));
        if (!after) return fromError(after.error());
        api.audit(caller.name(), ctx.remoteAddress, "terminal.revoke", "terminal/" + std::to_string(*id),
                  {{"state", gateway::toString((*before)->state)}},
                  {{"state", gateway::toString((**after).state)}, {"reason", reason->value_or("")}});
        return http::jsonResponse(Status::ok, toJson(**after));
    });
}

}  // namespace rollcall::api
