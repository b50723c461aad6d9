#include "rollcall/app/ServerApp.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <cstdlib>
#include <thread>
#include <filesystem>

#include "SpotCheckParts.hpp"
#include "rollcall/api/Api.hpp"
#include "rollcall/audit/AuditLog.hpp"
#include "rollcall/auth/AccountStore.hpp"
#include "rollcall/crypto/Crypto.hpp"
#include "rollcall/enrolment/EnrolmentStore.hpp"
#include "rollcall/enrolment/GatewayWiring.hpp"
#include "rollcall/enrolment/ReportBackFeed.hpp"
#include "rollcall/gateway/Gateway.hpp"
#include "rollcall/http/Router.hpp"
#include "rollcall/http/Server.hpp"
#include "rollcall/http/StaticFiles.hpp"
#include "rollcall/services/AttendanceService.hpp"
#include "rollcall/services/LeaveService.hpp"
#include "rollcall/spotcheck/SpotCheckSchema.hpp"
#include "rollcall/store/Store.hpp"

#ifndef ROLLCALL_SOURCE_WEB_DIST
#define ROLLCALL_SOURCE_WEB_DIST ""
#endif

namespace rollcall::app {

namespace fs = std::filesystem;
namespace asio = boost::asio;

struct ServerApp::Impl {
    Config config;
    asio::io_context io{1};
    std::unique_ptr<store::Store> store;
    std::unique_ptr<gateway::TerminalRegistry> registry;
    std::unique_ptr<gateway::Gateway> gateway;
    std::unique_ptr<SpotCheckParts> spot;
    std::unique_ptr<enrolment::EnrolmentStore> enrolments;
    // Database upkeep (spot-check ticks, attendance drains, leave deadlines) runs here, never
    // on the io thread; one thread, so the jobs never overlap each other.
    std::unique_ptr<asio::thread_pool> worker;
    std::atomic<bool> drainQueued{false};
    std::atomic<bool> tickQueued{false};
    std::unique_ptr<asio::steady_timer> spotTimer;
    std::unique_ptr<asio::steady_timer> upkeepTimer;
    std::unique_ptr<api::Api> api;
    http::Router router;
    std::unique_ptr<http::Server> server;
    std::unique_ptr<http::StaticFiles> web;
    std::string adminPassword;
    std::unique_ptr<asio::signal_set> signals;
    std::unique_ptr<asio::steady_timer> drain;
    // Gateway::stop() waits for work it posts to the io_context, so it runs on its own thread.
    std::thread gatewayStopper;
    std::atomic<bool> gatewayStopped{true};
};

namespace {

fs::path chooseWebRoot(const Config& config) {
    if (!config.webRoot.empty()) return config.webRoot;
    std::error_code ec;
    const fs::path source = ROLLCALL_SOURCE_WEB_DIST;
    if (!source.empty() && fs::is_regular_file(source / "index.html", ec)) return source;
    const auto exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const auto installed = exe.parent_path().parent_path() / "share" / "rollcall" / "web";
        if (fs::is_directory(installed, ec)) return installed;
    }
    return source.empty() ? fs::path("web/dist") : source;
}

Status bootstrapAdmin(store::Store& store, std::string& generated) {
    return store.write([&](sqlite::Database& db) -> Status {
        auth::AccountStore accounts(db);
        auto n = accounts.count();
        if (!n) return std::unexpected(n.error());
        if (*n > 0) return {};
        std::string password;
        if (const char* env = std::getenv("ROLLCALL_ADMIN_PASSWORD"); env && *env) {
            password = env;
        } else {
            password = crypto::randomToken(12);
            generated = password;
        }
        auto admin = accounts.create({"admin", password, {auth::Role::Admin}, std::nullopt});
        if (!admin) return std::unexpected(admin.error());
        auto e = audit::AuditLog(db).append({"system", "account.create", "account/admin", nullptr,
                                             {{"username", "admin"}, {"roles", {"admin"}}, {"firstStart", true}}, ""});
        if (!e) return std::unexpected(e.error());
        return {};
    });
}

std::uintmax_t fileSize(const fs::path& p) {
    std::error_code ec;
    const auto n = fs::file_size(p, ec);
    return ec ? 0 : n;
}

// Coalesces: at most one run waits on the worker however many commits arrive meanwhile. Each
// run hands the terminal punches stored since the last one to report-back (销假; the feed keeps
// its place in the store, so nothing is lost when nudges coalesce), then evaluates the dirty
// days, so that a day whose leave just ended is evaluated without it.
template <class Impl>
void queueDrain(Impl& impl) {
    if (impl.drainQueued.exchange(true)) return;
    asio::post(*impl.worker, [&impl] {
        impl.drainQueued = false;
        enrolment::ReportBackFeed feed(*impl.store);
        for (int round = 0; round < 100; ++round) {
            auto r = feed.run(Instant::now());
            if (!r) {
                spdlog::error("rollcall-server: report-back by punch failed: {}", r.error().message);
                break;
            }
            if (r->reportedBack > 0) spdlog::info("rollcall-server: {} people reported back from leave at a terminal", r->reportedBack);
            if (r->failed > 0) spdlog::warn("rollcall-server: {} report-backs by punch failed: {}", r->failed, r->firstError);
            if (!r->more()) break;
        }
        services::AttendanceService attendance(*impl.store);
        for (int round = 0; round < 100; ++round) {
            auto r = attendance.drainDirty(Instant::now());
            if (!r) {
                spdlog::error("rollcall-server: attendance drain failed: {}", r.error().message);
                return;
            }
            if (r->failed > 0) spdlog::warn("rollcall-server: {} attendance days failed: {}", r->failed, r->firstError);
            if (r->evaluated < 1000) return;
        }
    });
}

template <class Impl>
void spotTick(Impl& impl) {
    impl.spotTimer->expires_after(std::chrono::seconds(1));
    impl.spotTimer->async_wait([&impl](const boost::system::error_code& ec) {
        if (ec) return;
        if (!impl.tickQueued.exchange(true)) {
            asio::post(*impl.worker, [&impl] {
                auto r = impl.spot->scheduler.tick(Instant::now());
                impl.tickQueued = false;
                if (!r) spdlog::error("rollcall-server: spot-check tick failed: {}", r.error().message);
                else if (r->fired || r->closed || r->missed)
                    spdlog::info("rollcall-server: spot checks fired {}, closed {}, missed {}", r->fired, r->closed, r->missed);
            });
        }
        spotTick(impl);
    });
}

template <class Impl>
void upkeepTick(Impl& impl) {
    impl.upkeepTimer->expires_after(std::chrono::seconds(30));
    impl.upkeepTimer->async_wait([&impl](const boost::system::error_code& ec) {
        if (ec) return;
        asio::post(*impl.worker, [&impl] {
            auto r = services::LeaveService(*impl.store).tick(Instant::now());
            if (!r) spdlog::error("rollcall-server: leave deadlines failed: {}", r.error().message);
        });
        queueDrain(impl);
        upkeepTick(impl);
    });
}

template <class Impl>
void startTimers(Impl& impl) {
    impl.spotTimer = std::make_unique<asio::steady_timer>(impl.io);
    impl.upkeepTimer = std::make_unique<asio::steady_timer>(impl.io);
    spotTick(impl);
    upkeepTick(impl);
}

template <class Impl>
void stopWorker(Impl& impl) {
    if (impl.spotTimer) impl.spotTimer->cancel();
    if (impl.upkeepTimer) impl.upkeepTimer->cancel();
    if (impl.worker) impl.worker->join();
}

}  // namespace

ServerApp::ServerApp(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ServerApp::~ServerApp() {
    if (impl_->gatewayStopper.joinable()) impl_->gatewayStopper.join();
    if (impl_->gateway) impl_->gateway->stop();
    if (impl_->spot) impl_->spot->detach();
    stopWorker(*impl_);
    impl_->gateway.reset();
    impl_->server.reset();
    impl_->registry.reset();
    impl_->store.reset();
}

Result<std::unique_ptr<ServerApp>> ServerApp::create(Config config) {
    auto impl = std::make_unique<Impl>();
    impl->config = std::move(config);
    const auto& c = impl->config;
    std::error_code ec;
    fs::create_directories(c.dataDir, ec);
    if (ec) return fail("app.data_dir", "cannot create the data folder '" + c.dataDir.string() + "': " + ec.message());
    if (c.databasePath().has_parent_path()) fs::create_directories(c.databasePath().parent_path(), ec);

    store::StoreOptions so;
    so.path = c.databasePath();
    so.timeZone = c.timeZone;
    so.extraMigrations.push_back({"auth", auth::AccountStore::migrations()});
    so.extraMigrations.push_back({"audit", audit::AuditLog::migrations()});
    so.extraMigrations.push_back(gateway::migrations());
    so.extraMigrations.push_back(spotcheck::spotCheckMigrations());
    so.extraMigrations.push_back(enrolment::migrations());
    auto store = store::Store::open(so);
    if (!store) return std::unexpected(store.error());
    impl->store = std::move(*store);
    if (auto st = bootstrapAdmin(*impl->store, impl->adminPassword); !st) return std::unexpected(st.error());

    auto registry = gateway::TerminalRegistry::open(*impl->store);
    if (!registry) return std::unexpected(registry.error());
    impl->registry = std::move(*registry);
    impl->spot = std::make_unique<SpotCheckParts>(*impl->store, *impl->registry);
    impl->enrolments = std::make_unique<enrolment::EnrolmentStore>(*impl->store);
    impl->worker = std::make_unique<asio::thread_pool>(1);

    api::ApiOptions options;
    options.auth.sessionTtl = c.sessionTtl;
    options.auth.lockoutThreshold = c.lockoutThreshold;
    options.auth.lockoutBase = c.lockoutBase;
    options.auth.lockoutMax = c.lockoutMax;
    options.secureCookies = c.secureCookies;
    options.maxImportBytes = c.maxImportBytes;
    options.terminals = impl->registry.get();
    options.spotChecks = &impl->spot->checks;
    options.findings = &impl->spot->findings;
    options.plans = &impl->spot->plans;
    impl->api = std::make_unique<api::Api>(*impl->store, options);
    impl->api->install(impl->router);

    Impl* self = impl.get();
    impl->router.add(http::Verb::get, "/healthz", [self](http::RequestContext&) {
        auto ok = self->store->read([](sqlite::Database& db) -> Status { return db.exec("SELECT 1"); });
        if (!ok) return http::errorResponse(http::Status::service_unavailable, "unhealthy", "the database does not answer");
        return http::jsonResponse(http::Status::ok, {{"status", "ok"}});
    });
    impl->router.add(http::Verb::get, "/metrics", [self](http::RequestContext&) {
        std::string out = self->router.metrics().prometheus();
        if (self->api) out += self->api->metrics();  // the attendance answer cache's hits and misses
        const auto db = self->store->path();
        out += "# HELP rollcall_database_bytes Size of the SQLite database and its write-ahead log.\n";
        out += "# TYPE rollcall_database_bytes gauge\n";
        out += fmt::format("rollcall_database_bytes {}\n", fileSize(db) + fileSize(db.string() + "-wal"));
        out += "# HELP rollcall_http_open_connections HTTP connections open now.\n# TYPE rollcall_http_open_connections gauge\n";
        out += fmt::format("rollcall_http_open_connections {}\n", self->server ? self->server->openConnections() : 0);
        const auto stats = self->gateway ? self->gateway->stats() : gateway::GatewayStats{};
        out += "# HELP rollcall_punches_ingested_total Punches stored from terminals since start.\n";
        out += "# TYPE rollcall_punches_ingested_total counter\n";
        out += fmt::format("rollcall_punches_ingested_total {}\n", stats.punchesInserted);
        out += "# HELP rollcall_punches_duplicate_total Punches received again and ignored.\n";
        out += "# TYPE rollcall_punches_duplicate_total counter\n";
        out += fmt::format("rollcall_punches_duplicate_total {}\n", stats.punchesDuplicate);
        out += "# HELP rollcall_terminal_connections Terminals connected now.\n# TYPE rollcall_terminal_connections gauge\n";
        out += fmt::format("rollcall_terminal_connections {}\n", stats.connections);
        auto res = http::textResponse(http::Status::ok, std::move(out), "text/plain; version=0.0.4; charset=utf-8");
        return res;
    });
    impl->web = std::make_unique<http::StaticFiles>(chooseWebRoot(c));
    impl->router.setFallback([self](http::RequestContext& ctx) { return self->web->serve(ctx); });
    return std::unique_ptr<ServerApp>(new ServerApp(std::move(impl)));
}

Status ServerApp::start() {
    auto& c = impl_->config;
    http::ServerOptions options;
    options.address = c.address;
    options.port = c.port;
    options.maxBodyBytes = std::max(c.maxBodyBytes, c.maxImportBytes);
    options.readTimeout = c.readTimeout;
    options.idleTimeout = c.idleTimeout;
    http::Router* router = &impl_->router;
    impl_->server = std::make_unique<http::Server>(
        impl_->io, options, [router](const http::Request& req, std::string remote) { return router->dispatch(req, std::move(remote)); });
    if (auto st = impl_->server->start(); !st) return st;
    if (c.gatewayEnabled) {
        gateway::GatewayOptions go;
        go.dataDir = c.dataDir;
        go.bindAddress = c.gatewayAddress;
        go.port = c.gatewayPort;
        auto gw = gateway::Gateway::start(impl_->io, *impl_->store, *impl_->registry, go);
        if (!gw) {
            impl_->server->stop();
            return std::unexpected(gw.error());
        }
        impl_->gateway = std::move(*gw);
        // On connect a terminal gets its gallery delta first, then the checks open for its post.
        enrolment::attach(*impl_->gateway, *impl_->enrolments);
        impl_->spot->attach(*impl_->gateway);
        Impl* self = impl_.get();
        impl_->gateway->addIngestListener([self](std::size_t) { queueDrain(*self); });
    }
    startTimers(*impl_);
    spdlog::info("rollcall-server: HTTP on {}:{}, database {}, web UI from {}{}", c.address, impl_->server->port(),
                 impl_->store->path().string(), impl_->web->root().string(),
                 impl_->web->available() ? "" : " (not built)");
    if (impl_->gateway) spdlog::info("rollcall-server: terminal gateway (TLS) on {}:{}", c.gatewayAddress, impl_->gateway->port());
    return {};
}

void ServerApp::run(bool handleSignals) {
    if (handleSignals) {
        impl_->signals = std::make_unique<asio::signal_set>(impl_->io, SIGINT, SIGTERM);
        impl_->signals->async_wait([this](const boost::system::error_code& ec, int sig) {
            if (ec) return;
            spdlog::info("rollcall-server: signal {} received, finishing requests in flight", sig);
            stop();
        });
    }
    impl_->io.run();
    if (impl_->gatewayStopper.joinable()) impl_->gatewayStopper.join();
    if (impl_->spot) impl_->spot->detach();
    stopWorker(*impl_);
    spdlog::info("rollcall-server: stopped; closing the database");
    impl_->gateway.reset();
    impl_->server.reset();
    impl_->registry.reset();
    impl_->store.reset();
}

namespace {
// Polls until the last HTTP connection has answered (at most 10 s), then ends run().
void drainThenStop(asio::steady_timer& timer, http::Server* server, const std::atomic<bool>& gatewayStopped,
                   asio::io_context& io, int left) {
    timer.expires_after(std::chrono::milliseconds(20));
    timer.async_wait([&timer, server, &gatewayStopped, &io, left](const boost::system::error_code&) {
        if (left <= 0 || ((!server || server->openConnections() == 0) && gatewayStopped.load())) {
            io.stop();
            return;
        }
        drainThenStop(timer, server, gatewayStopped, io, left - 1);
    });
}
}  // namespace

void ServerApp::stop() {
    asio::post(impl_->io, [impl = impl_.get()] {
        if (impl->drain) return;
        if (impl->signals) impl->signals->cancel();
        if (impl->server) impl->server->stop();
        if (impl->spotTimer) impl->spotTimer->cancel();
        if (impl->upkeepTimer) impl->upkeepTimer->cancel();
        if (impl->gateway) {
            impl->gatewayStopped = false;
            impl->gatewayStopper = std::thread([impl] {
                impl->gateway->stop();
                impl->gatewayStopped = true;
            });
        }
        impl->drain = std::make_unique<asio::steady_timer>(impl->io);
        drainThenStop(*impl->drain, impl->server.get(), impl->gatewayStopped, impl->io, 500);
    });
}

std::uint16_t ServerApp::httpPort() const { return impl_->server ? impl_->server->port() : 0; }
std::uint16_t ServerApp::gatewayPort() const { return impl_->gateway ? impl_->gateway->port() : 0; }
std::string ServerApp::browserUrl() const {
    const auto& a = impl_->config.address;
    const std::string host = a == "0.0.0.0" ? "127.0.0.1" : a;
    return fmt::format("http://{}:{}/", host, httpPort());
}
std::vector<std::string> ServerApp::routes() const {
    std::vector<std::string> out;
    for (const auto& r : impl_->router.routes()) out.push_back(std::string(http::bhttp::to_string(r.method)) + " " + r.pattern);
    return out;
}

const std::string& ServerApp::generatedAdminPassword() const { return impl_->adminPassword; }

}  // namespace rollcall::app
