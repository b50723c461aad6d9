#pragma once
// The JSON API under /api/v1. install() adds every route to a router; each route checks the
// caller's session (cookie + CSRF token, or bearer token), role and scope, answers JSON, and
// writes an audit entry for every change, log-in, failed log-in and denied call.
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "rollcall/auth/Authenticator.hpp"
#include "rollcall/gateway/TerminalRegistry.hpp"
#include "rollcall/http/Router.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::spotcheck {
class SpotCheckService;
class FindingService;
class PlanService;
}  // namespace rollcall::spotcheck

namespace rollcall::api {

struct ApiOptions {
    auth::AuthOptions auth{};
    bool secureCookies = false;  // add "Secure" to the session cookie (set when served over HTTPS)
    std::size_t maxImportBytes = 8u << 20;
    // Bounds of the cache of finished answers to frequent reads (day records, monthly sheet).
    std::size_t answerCacheEntries = 512;
    std::size_t answerCacheBytes = 64u << 20;
    // The key that signs the audit log's anchor (created, mode 0600, when absent); empty:
    // "audit-anchor.key" beside the database file, in the data folder.
    std::filesystem::path auditKeyFile{};
    gateway::TerminalRegistry* terminals = nullptr;  // terminal endpoints answer 503 without it
    // The spot-check routes are registered only when all three are given.
    spotcheck::SpotCheckService* spotChecks = nullptr;
    spotcheck::FindingService* findings = nullptr;
    spotcheck::PlanService* plans = nullptr;
};

class Api {
public:
    Api(store::Store& store, ApiOptions options);
    ~Api();
    void install(http::Router& router);
    // The answer cache's counters in Prometheus text format, for /metrics (empty before install()).
    [[nodiscard]] std::string metrics() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace rollcall::api
