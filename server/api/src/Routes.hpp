#pragma once
// Each file of routes adds its endpoints to the API context.
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

}  // namespace rollcall::api
