#pragma once
// Each file of routes adds its endpoints to the API context.
#include <memory>

#include "ApiContext.hpp"

namespace rollcall::api {

void addSessionRoutes(ApiContext& api);
void addAccountRoutes(ApiContext& api);
void addAuditRoutes(ApiContext& api);
void addOrganisationRoutes(ApiContext& api);
void addImportRoutes(ApiContext& api);
void addTerminalRoutes(ApiContext& api);
void addLeaveRoutes(ApiContext& api);
void addAttendanceRoutes(ApiContext& api);
// Nothing without the spot-check services in the options; the result must outlive the router.
std::shared_ptr<void> addSpotCheckRoutes(ApiContext& api, http::Router& router);

}  // namespace rollcall::api
