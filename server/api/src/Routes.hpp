#pragma once
// Each file of routes adds its endpoints to the API context.
#include <memory>

#include "ApiContext.hpp"

namespace rollcall::audit {
class AuditAnchor;
}

namespace rollcall::api {

void addSessionRoutes(ApiContext& api);
void addAccountRoutes(ApiContext& api);
// `anchor`: the key that signs the audit log's anchor; null when it could not be loaded.
void addAuditRoutes(ApiContext& api, const audit::AuditAnchor* anchor);
void addOrganisationRoutes(ApiContext& api);
void addImportRoutes(ApiContext& api);
void addTerminalRoutes(ApiContext& api);
void addLeaveRoutes(ApiContext& api);
void addAttendanceRoutes(ApiContext& api);
void addShiftRoutes(ApiContext& api);
void addRosterRoutes(ApiContext& api);
void addCalendarRoutes(ApiContext& api);
void addLeaveTypeRoutes(ApiContext& api);
// Nothing without the spot-check services in the options; the result must outlive the router.
std::shared_ptr<void> addSpotCheckRoutes(ApiContext& api, http::Router& router);

}  // namespace rollcall::api
