// From a spot check firing to every connected terminal having its SpotCheckStart.
//
// The server side is the real one, in this process: the store (SQLite file), the terminal
// registry, the gateway on its own io thread, SpotCheckService with the gateway notifier and
// the scheduler. N simulated terminals connect over real TLS 1.3 with their own keys (on a
// second io thread), say Hello, get Welcome, and wait. Each round plans a check for a moment
// a little ahead, then at that moment calls the scheduler's tick (as the server's 1 s timer
// does), which fires it; the clock starts just before the tick. Each terminal notes when the
// start frame arrived.
//
//   rollcall-bench-terminal-fanout [--terminals 500] [--rounds 3]
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "rollcall/audit/AuditLog.hpp"
#include "rollcall/gateway/Gateway.hpp"
#include "rollcall/gateway/TerminalRegistry.hpp"
#include "rollcall/proto/FramedStream.hpp"
#include "rollcall/proto/TlsContext.hpp"
#include "rollcall/spotcheck/AuditLogSink.hpp"
#include "rollcall/spotcheck/GatewaySpotCheckNotifier.hpp"
#include "rollcall/spotcheck/PlanService.hpp"
#include "rollcall/spotcheck/SpotCheckSchema.hpp"
#include "rollcall/spotcheck/SpotCheckScheduler.hpp"
#include "rollcall/spotcheck/SpotCheckService.hpp"
#include "rollcall/spotcheck/StoreDutyRoster.hpp"
#include "rollcall/spotcheck/WorkdayCalendar.hpp"
#include "rollcall/store/Store.hpp"

namespace asio = boost::asio;
namespace fs = std::filesystem;
using namespace rollcall;
using Steady = std::chrono::steady_clock;

namespace {

struct Sim {
    TerminalId id;
    crypto::SigningKey key;
    std::shared_ptr<asio::ssl::context> tls;
};

// Shared by every simulated terminal, all on the one client io thread.
struct Board {
    std::atomic<int> welcomed{0};
    std::atomic<int> failed{0};
    std::mutex mutex;
    Steady::time_point firedAt{};
    std::vector<double> arrivalsMs;  // this round's
    std::atomic<int> received{0};
};

double cpuSeconds() {
    rusage u{};
    ::getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}

asio::awaitable<void> terminal(Board& board, Sim& sim, std::uint16_t port) {
    auto ex = co_await asio::this_coro::executor;
    auto stream = std::make_shared<proto::FramedStream>(proto::TlsStream(asio::ip::tcp::socket(ex), *sim.tls), proto::StreamLimits{});
    boost::system::error_code ec;
    co_await stream->tls().lowest_layer().async_connect({asio::ip::make_address("127.0.0.1"), port},
                                                        asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) stream->tls().lowest_layer().set_option(asio::ip::tcp::no_delay(true), ec);
    if (!ec) co_await stream->tls().async_handshake(asio::ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
        ++board.failed;
        co_return;
    }
    asio::co_spawn(ex, stream->runWriter(), asio::detached);
    stream->send(proto::Hello{proto::kProtocolVersion, "bench", 0, 0, 0, Instant::now().micros(), 0});
    auto welcome = co_await stream->read(std::chrono::seconds(120));
    if (!welcome || !std::holds_alternative<proto::Welcome>(*welcome)) {
        ++board.failed;
        stream->close();
        co_return;
    }
    ++board.welcomed;
    for (;;) {
        auto m = co_await stream->read(std::chrono::minutes(10));
        if (!m) break;
        if (std::holds_alternative<proto::SpotCheckStart>(*m)) {
            const auto now = Steady::now();
            std::lock_guard lock(board.mutex);
            board.arrivalsMs.push_back(std::chrono::duration<double, std::milli>(now - board.firedAt).count());
            ++board.received;
        } else if (std::holds_alternative<proto::Ping>(*m)) {
            stream->send(proto::Pong{std::get<proto::Ping>(*m).nonce});
        }
    }
    stream->close();
}

int usage() {
    fmt::print(stderr, "usage: rollcall-bench-terminal-fanout [--terminals N] [--rounds R]\n");
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    int terminals = 500;
    int rounds = 3;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if ((a == "--terminals" || a == "--rounds") && i + 1 < argc) {
            (a == "--terminals" ? terminals : rounds) = std::atoi(argv[++i]);
        } else {
            return usage();
        }
    }
    if (terminals < 1 || rounds < 1) return usage();
    spdlog::set_level(spdlog::level::warn);

    const auto dir = fs::temp_directory_path() / fmt::format("rollcall-bench-fanout-{}", std::random_device{}());
    fs::create_directories(dir);
    store::StoreOptions so;
    so.path = dir / "rollcall.db";
    so.extraMigrations.push_back({"audit", audit::AuditLog::migrations()});
    so.extraMigrations.push_back(gateway::migrations());
    so.extraMigrations.push_back(spotcheck::spotCheckMigrations());
    auto store = store::Store::open(so);
    if (!store) {
        fmt::print(stderr, "store: {}\n", store.error().describe());
        return 1;
    }
    auto registry = gateway::TerminalRegistry::open(**store);
    if (!registry) {
        fmt::print(stderr, "registry: {}\n", registry.error().describe());
        return 1;
    }
    std::vector<Sim> sims(static_cast<std::size_t>(terminals));
    for (int i = 0; i < terminals; ++i) {
        auto& s = sims[static_cast<std::size_t>(i)];
        auto created = (*registry)->create(fmt::format("bench-{}", i), PostId(1 + i % 20));
        s.key = crypto::SigningKey::generate();
        auto info = created ? (*registry)->provision(created->token, s.key.publicKey, "bench") : Result<gateway::TerminalInfo>();
        if (!created || !info) {
            fmt::print(stderr, "provisioning terminal {} failed\n", i);
            return 1;
        }
        s.id = created->id;
        s.tls = *proto::makeClientContext(*proto::makeSelfSigned(s.key, "bench"), std::nullopt);
    }

    // The server: gateway on its io thread, spot checks wired as in rollcall-server.
    asio::io_context serverIo{1};
    auto serverWork = asio::make_work_guard(serverIo);
    gateway::GatewayOptions go;
    go.dataDir = dir / "gateway";
    go.bindAddress = "127.0.0.1";
    go.port = 0;
    go.maxConnections = static_cast<std::size_t>(terminals) + 16;
    auto gw = gateway::Gateway::start(serverIo, **store, **registry, go);
    if (!gw) {
        fmt::print(stderr, "gateway: {}\n", gw.error().describe());
        return 1;
    }
    std::thread serverThread([&] { serverIo.run(); });
    spotcheck::StoreDutyRoster roster(**store);
    spotcheck::RegistryTerminalDirectory directory(**registry);
    spotcheck::GatewaySpotCheckNotifier notifier(**gw);
    spotcheck::AuditLogSink audit;
    spotcheck::SystemClock clock;
    spotcheck::WeekdayCalendar calendar;
    spotcheck::SpotCheckDeps deps{**store, roster, directory, notifier, audit, clock, (*store)->timeZone(), calendar};
    spotcheck::SpotCheckService checks(deps);
    spotcheck::PlanService plans(deps);
    spotcheck::SpotCheckScheduler scheduler(checks, plans);
    notifier.attach(checks);

    // The terminals: one io thread.
    Board board;
    asio::io_context clientIo{1};
    auto clientWork = asio::make_work_guard(clientIo);
    const auto port = (*gw)->port();
    const auto connectStart = Steady::now();
    for (auto& s : sims) asio::co_spawn(clientIo, terminal(board, s, port), asio::detached);
    std::thread clientThread([&] { clientIo.run(); });
    while (board.welcomed + board.failed < terminals && Steady::now() - connectStart < std::chrono::minutes(3)) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    fmt::print("terminals: {} connected over TLS 1.3 in {:.1f} s, {} failed\n", board.welcomed.load(),
               std::chrono::duration<double>(Steady::now() - connectStart).count(), board.failed.load());
    if (board.welcomed == 0) return 1;

    const spotcheck::Viewer inspector{UserId(1), spotcheck::Role::Inspector, "bench"};
    int worstMissing = 0;
    double worstTotal = 0;
    for (int round = 1; round <= rounds; ++round) {
        {
            std::lock_guard lock(board.mutex);
            board.arrivalsMs.clear();
            board.received = 0;
        }
        // Planned half a second ahead (the shortest range the service takes is a moment).
        const auto moment = Instant::now() + std::chrono::milliseconds(500);
        auto planned = checks.create(inspector, {.scope = spotcheck::Scope::everyone(), .windowMinutes = 10, .from = moment, .to = moment + std::chrono::milliseconds(1)});
        if (!planned) {
            fmt::print(stderr, "create: {}\n", planned.error().describe());
            return 1;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(600));
        const double cpu0 = cpuSeconds();
        {
            std::lock_guard lock(board.mutex);
            board.firedAt = Steady::now();
        }
        auto tick = scheduler.tick(Instant::now());
        const double tickMs = std::chrono::duration<double, std::milli>(Steady::now() - board.firedAt).count();
        if (!tick || tick->fired != 1) {
            fmt::print(stderr, "tick: {}\n", tick ? fmt::format("fired {}", tick->fired) : tick.error().describe());
            return 1;
        }
        const auto deadline = Steady::now() + std::chrono::seconds(30);
        while (board.received < board.welcomed && Steady::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        const double cpu = cpuSeconds() - cpu0;
        std::vector<double> arrivals;
        {
            std::lock_guard lock(board.mutex);
            arrivals = board.arrivalsMs;
        }
        const double total = arrivals.empty() ? 0 : *std::max_element(arrivals.begin(), arrivals.end());
        worstTotal = std::max(worstTotal, total);
        worstMissing = std::max(worstMissing, board.welcomed.load() - static_cast<int>(arrivals.size()));
        fmt::print("round {}: {}/{} terminals have SpotCheckStart; from firing: p50 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms; "
                   "total (last terminal) {:.1f} ms; tick {:.1f} ms; process CPU {:.1f} ms (server and all {} clients)\n",
                   round, arrivals.size(), board.welcomed.load(), percentile(arrivals, 0.5), percentile(arrivals, 0.99), total,
                   total, tickMs, cpu * 1000.0, board.welcomed.load());
        (void)checks.cancel(inspector, planned->id, "benchmark round over");
    }
    fmt::print("load average: {}\n", loadAverage());
    fmt::print("verdict: {} (target: every terminal within 1000 ms)\n",
               worstMissing == 0 && worstTotal < 1000.0 ? "met" : "NOT met");

    (*gw)->stop();
    clientWork.reset();
    clientIo.stop();
    clientThread.join();
    serverWork.reset();
    serverIo.stop();
    serverThread.join();
    gw->reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
    return 0;
}
