// The spot-check routes (library rollcall_spotcheck_http) behind the API's own sessions: the
// caller's account becomes the spot-check Viewer, the highest-trust role winning.
#include "Routes.hpp"
#include "rollcall/spotcheck/SpotCheckRoutes.hpp"

namespace rollcall::api {

namespace {

spotcheck::Role viewerRole(const Caller& caller) {
    if (caller.has(auth::Role::Inspector)) return spotcheck::Role::Inspector;
    if (caller.has(auth::Role::Hr)) return spotcheck::Role::Hr;
    if (caller.has(auth::Role::Admin)) return spotcheck::Role::Admin;
    return spotcheck::Role::Staff;
}

}  // namespace

std::shared_ptr<void> addSpotCheckRoutes(ApiContext& api, http::Router& router) {
    const auto& o = api.options;
    if (!o.spotChecks || !o.findings || !o.plans) return nullptr;
    auto routes = std::make_shared<spotcheck::SpotCheckRoutes>(spotcheck::SpotCheckRoutes{
        *o.spotChecks, *o.findings, *o.plans,
        [&api](const http::RequestContext& ctx) -> Result<std::optional<spotcheck::Viewer>> {
            auto caller = api.authenticate(ctx);
            if (!caller) return std::unexpected(caller.error());
            if (!*caller) return std::optional<spotcheck::Viewer>{};
            const Caller& c = **caller;
            if (c.csrfFailed) {
                return fail("spotcheck.forbidden",
                            "a state-changing call with the session cookie needs the X-CSRF-Token header "
                            "returned at sign-in");
            }
            return std::optional<spotcheck::Viewer>(spotcheck::Viewer{c.account.id, viewerRole(c), c.name()});
        }});
    spotcheck::registerSpotCheckRoutes(router, *routes);
    return routes;
}

}  // namespace rollcall::api
