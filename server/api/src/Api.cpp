#include "rollcall/api/Api.hpp"

#include "Routes.hpp"

namespace rollcall::api {

struct Api::Impl {
    store::Store& store;
    ApiOptions options;
    std::unique_ptr<ApiContext> context;
    std::shared_ptr<void> spotCheckRoutes;
};

Api::Api(store::Store& store, ApiOptions options) : impl_(std::make_unique<Impl>(Impl{store, std::move(options), nullptr, nullptr})) {}
Api::~Api() = default;

void Api::install(http::Router& router) {
    impl_->context = std::make_unique<ApiContext>(impl_->store, impl_->options, router);
    auto& api = *impl_->context;
    addSessionRoutes(api);
    addAccountRoutes(api);
    addAuditRoutes(api);
    addOrganisationRoutes(api);
    addImportRoutes(api);
    addTerminalRoutes(api);
    addLeaveRoutes(api);
    addAttendanceRoutes(api);
    impl_->spotCheckRoutes = addSpotCheckRoutes(api, router);
}

}  // namespace rollcall::api
