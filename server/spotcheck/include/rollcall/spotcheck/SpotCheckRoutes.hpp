#pragma once
// The spot-check endpoints under /api/v1 (library rollcall_spotcheck_http), registered on the
// server's router. Authentication stays with the API: `authenticate` turns a request into the
// Viewer behind it (nullopt: not signed in -> 401; an error, e.g. a failed CSRF check -> its
// status). Bodies and answers are JSON; see docs/spotcheck.md for the fields.
#include <functional>
#include <optional>

#include "rollcall/http/Router.hpp"
#include "rollcall/spotcheck/FindingService.hpp"
#include "rollcall/spotcheck/PlanService.hpp"
#include "rollcall/spotcheck/SpotCheckService.hpp"

namespace rollcall::spotcheck {

struct SpotCheckRoutes {
    SpotCheckService& checks;
    FindingService& findings;
    PlanService& plans;
    std::function<Result<std::optional<Viewer>>(const http::RequestContext&)> authenticate;
    // Default owner and deadline of a case when a confirmation names none.
    std::function<UserId(const FindingView&, const Viewer&)> defaultOwner =
        [](const FindingView&, const Viewer& who) { return who.user; };
    int defaultDeadlineDays = 14;
};

// Registers every spot-check route on `router`; `routes` must outlive it.
void registerSpotCheckRoutes(http::Router& router, const SpotCheckRoutes& routes);

}  // namespace rollcall::spotcheck
