#include "rollcall/api/Api.hpp"

#include <spdlog/spdlog.h>

#include "Routes.hpp"
#include "rollcall/audit/AuditAnchor.hpp"

namespace rollcall::api {

struct Api::Impl {
    store::Store& store;
    ApiOptions options;
    std::unique_ptr<ApiContext> context;
    std::shared_ptr<void> spotCheckRoutes;
    std::optional<audit::AuditAnchor> anchor;
};

namespace {

// Signs the audit log's anchor from now on (AuditAnchor.hpp). Without its key the log is
// still chained; only a truncated tail would go unnoticed, so the server runs on and says so.
std::optional<audit::AuditAnchor> installAnchor(store::Store& store, const ApiOptions& options) {
    const auto file = options.auditKeyFile.empty() ? store.path().parent_path() / "audit-anchor.key" : options.auditKeyFile;
    auto anchor = audit::AuditAnchor::loadOrCreate(file);
    if (!anchor) {
        spdlog::error("audit: {}; deleted entries at the end of the log will not be detected", anchor.error().message);
        return std::nullopt;
    }
    auto installed = store.write([&](sqlite::Database& db) { return anchor->install(db); });
    if (!installed) {
        spdlog::error("audit: cannot install the anchor: {}", installed.error().describe());
        return std::nullopt;
    }
    return *anchor;
}

}  // namespace

Api::Api(store::Store& store, ApiOptions options) : impl_(std::make_unique<Impl>(Impl{store, std::move(options), nullptr, nullptr, std::nullopt})) {}
Api::~Api() = default;

void Api::install(http::Router& router) {
    impl_->context = std::make_unique<ApiContext>(impl_->store, impl_->options, router);
    impl_->anchor = installAnchor(impl_->store, impl_->options);
    auto& api = *impl_->context;
    addSessionRoutes(api);
    addAccountRoutes(api);
    addAuditRoutes(api, impl_->anchor ? &*impl_->anchor : nullptr);
    addOrganisationRoutes(api);
    addImportRoutes(api);
    addTerminalRoutes(api);
    addLeaveRoutes(api);
    addAttendanceRoutes(api);
    addShiftRoutes(api);
    addRosterRoutes(api);
    addCalendarRoutes(api);
    addLeaveTypeRoutes(api);
    impl_->spotCheckRoutes = addSpotCheckRoutes(api, router);
}

std::string Api::metrics() const { return impl_->context ? impl_->context->answers.prometheus() : std::string(); }

}  // namespace rollcall::api
