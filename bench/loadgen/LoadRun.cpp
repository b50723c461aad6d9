#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <fmt/core.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "Loadgen.hpp"
#include "ProcStats.hpp"
#include "TerminalSim.hpp"
#include "rollcall/gateway/TerminalRegistry.hpp"
#include "rollcall/proto/TlsContext.hpp"
#include "rollcall/sqlite/Database.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::loadgen {

namespace asio = boost::asio;

namespace {

std::uint16_t freePort() {
    asio::io_context io;
    asio::ip::tcp::acceptor a(io, {asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

double percentile(std::vector<float>& v, double p) {
    if (v.empty()) return 0;
    const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

double maxOf(const std::vector<float>& v) { return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()); }

void runFor(asio::io_context& io, std::chrono::milliseconds d) {
    io.restart();
    io.run_for(d);
}

// Terminals are registered directly in the server's store before it starts.
Result<std::vector<SimTerminal>> registerTerminals(const std::filesystem::path& db, int count) {
    store::StoreOptions so;
    so.path = db;
    so.extraMigrations.push_back(gateway::migrations());
    auto store = store::Store::open(std::move(so));
    if (!store) return std::unexpected(store.error());
    auto registry = gateway::TerminalRegistry::open(**store);
    if (!registry) return std::unexpected(registry.error());
    std::vector<SimTerminal> terminals(static_cast<std::size_t>(count));
    std::mt19937 rng(42);
    std::uniform_real_distribution<double> phase(0.0, 1.0);
    for (int i = 0; i < count; ++i) {
        auto& t = terminals[static_cast<std::size_t>(i)];
        auto created = (*registry)->create(fmt::format("load-{}", i), PostId(1));
        if (!created) return std::unexpected(created.error());
        t.key = crypto::SigningKey::generate();
        auto info = (*registry)->provision(created->token, t.key.publicKey, "loadgen");
        if (!info) return std::unexpected(info.error());
        t.id = created->id;
        t.tls = *proto::makeClientContext(*proto::makeSelfSigned(t.key, "load"), std::nullopt);
        t.phase = phase(rng);
    }
    return terminals;
}

void signPunches(std::vector<SimTerminal>& terminals, std::size_t perTerminal) {
    const auto now = Instant::now().micros();
    for (auto& t : terminals) {
        t.punches.resize(perTerminal);
        proto::ChainDigest prev{};
        for (std::size_t s = 0; s < t.punches.size(); ++s) {
            auto& p = t.punches[s];
            p.terminal = t.id;
            p.seq = s + 1;
            p.employee = EmployeeId(static_cast<std::int64_t>(1 + (t.id.value() * 7 + static_cast<std::int64_t>(s)) % 5000));
            p.method = proto::PunchMethod::Face;
            p.faceScore = 0.93;
            p.livenessScore = 0.98;
            p.terminalTimeUs = now + static_cast<std::int64_t>(s) * 1000;
            p.prev = prev;
            proto::sign(p, t.key);
            prev = proto::chainDigest(p);
        }
    }
}

pid_t startServer(const std::string& self, const std::filesystem::path& dir, std::uint16_t port) {
    int out[2];
    if (::pipe(out) != 0) return -1;
    const pid_t server = ::fork();
    if (server == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::close(out[0]);
        const std::string portText = std::to_string(port);
        const std::string dataText = dir.string();
        ::execl(self.c_str(), "rollcall-loadgen", "serve", "--data", dataText.c_str(), "--port", portText.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(out[1]);
    char ready[64] = {};
    const auto n = ::read(out[0], ready, sizeof(ready) - 1);
    ::close(out[0]);
    return n > 0 ? server : -1;
}

std::int64_t storedPunches(const std::filesystem::path& db) {
    sqlite::OpenOptions ro;
    ro.readOnly = true;
    auto d = sqlite::Database::open(db, ro);
    if (!d) return -1;
    auto s = d->prepare("SELECT count(*) FROM punches");
    return s && s->step() ? s->getInt(0) : -1;
}

}  // namespace

int run(const RunOptions& o) {
    const auto dir = o.dataDir.empty()
                         ? std::filesystem::temp_directory_path() / ("rollcall-loadgen-" + std::to_string(::getpid()))
                         : o.dataDir;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const bool open = o.rate > 0;
    const double perTerminal = open ? o.rate / o.terminals : 0.0;

    auto registered = registerTerminals(dir / "server.db", o.terminals);
    if (!registered) {
        fmt::print(stderr, "{}\n", registered.error().describe());
        return 1;
    }
    auto terminals = std::move(*registered);
    const auto perTerminalPunches = static_cast<std::size_t>(
        o.punchesPerTerminal > 0 ? o.punchesPerTerminal
        : open                   ? static_cast<int>(std::ceil(perTerminal * o.seconds)) + 1
                                 : 1000);
    fmt::print("{} terminals registered; signing {} punches each...\n", o.terminals, perTerminalPunches);
    signPunches(terminals, perTerminalPunches);

    // The server runs in its own process, so its memory and CPU can be read alone.
    const std::uint16_t port = freePort();
    const pid_t server = startServer(o.self, dir, port);
    if (server < 0) {
        fmt::print(stderr, "the server did not start\n");
        return 1;
    }
    fmt::print("server pid {} on 127.0.0.1:{}\n", server, port);
    ::usleep(300'000);
    const long rssBefore = rssKiB(server);

    asio::io_context io(1);
    SimResults r(io);
    SimSettings s;
    s.port = port;
    s.perTerminalRate = perTerminal;
    s.window = static_cast<std::size_t>(o.window);
    s.batch = static_cast<std::size_t>(o.batch);
    s.intervalMin = std::chrono::milliseconds(o.intervalMinMs);
    s.intervalMax = std::chrono::milliseconds(o.intervalMaxMs);
    if (open) s.batch = std::max<std::size_t>(s.batch, 1000);  // the gateway's maxBatch: send all that accumulated
    r.punchLatencyMs.reserve(perTerminalPunches * terminals.size());
    for (auto& t : terminals) asio::co_spawn(io, simulate(r, s, t), asio::detached);
    const auto connectStart = Clock::now();
    while (r.connected + r.failed < o.terminals && Clock::now() - connectStart < std::chrono::seconds(120)) {
        runFor(io, std::chrono::milliseconds(100));
    }
    const double connectSeconds = std::chrono::duration<double>(Clock::now() - connectStart).count();
    runFor(io, std::chrono::milliseconds(1500));  // idle: the server holds every connection, nothing moves
    const long rssIdle = rssKiB(server);

    const double serverCpuBefore = cpuSeconds(server);
    const double clientCpuBefore = cpuSeconds(::getpid());
    r.start = Clock::now();
    r.end = r.start + std::chrono::seconds(o.seconds);
    const auto warm = std::min<Clock::duration>(std::chrono::seconds(1), std::chrono::milliseconds(o.seconds * 200));
    r.steadyFrom = r.start + warm;
    r.go.cancel();
    while (r.finished + r.failed < o.terminals && Clock::now() < r.end + std::chrono::seconds(40)) {
        runFor(io, std::chrono::milliseconds(100));
    }
    const double serverCpu = cpuSeconds(server) - serverCpuBefore;
    const double clientCpu = cpuSeconds(::getpid()) - clientCpuBefore;
    const long rssLoaded = rssKiB(server);
    const std::string load = loadAverage();
    ::kill(server, SIGTERM);
    ::waitpid(server, nullptr, 0);
    const std::int64_t stored = storedPunches(dir / "server.db");

    const double window = std::chrono::duration<double>(r.end - r.start).count();
    const double steady = std::chrono::duration<double>(r.end - r.steadyFrom).count();
    const double drain = std::chrono::duration<double>(r.lastAck - r.end).count();
    const double acked = static_cast<double>(r.acked);
    fmt::print("terminals connected: {} (failed {}), connect phase {:.2f} s\n", r.connected, r.failed, connectSeconds);
    fmt::print("server RSS: {} KiB before, {} KiB with {} idle connections -> {:.1f} KiB per idle connection\n",
               rssBefore, rssIdle, r.connected,
               r.connected > 0 ? static_cast<double>(rssIdle - rssBefore) / r.connected : 0.0);
    if (open) {
        fmt::print("mode: open loop, offered {:.0f} punches/s ({:.1f}/s per terminal, sent every {}-{} ms, "
                   "window {})\n",
                   static_cast<double>(r.created) / window, perTerminal, o.intervalMinMs, o.intervalMaxMs, o.window);
    } else {
        fmt::print("mode: saturating (closed loop), batches of {}, window {}\n", o.batch, o.window);
    }
    fmt::print("durable: {:.0f} punches/s in steady state ({} acked between {:.1f} s and {:.1f} s); {} of {} created "
               "acked, the last {:.3f} s after the load window\n",
               steady > 0 ? static_cast<double>(r.ackedSteady) / steady : 0.0, r.ackedSteady,
               std::chrono::duration<double>(warm).count(), window, r.acked, r.created, drain);
    fmt::print("ack latency per punch from its creation: p50 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms\n",
               percentile(r.punchLatencyMs, 0.50), percentile(r.punchLatencyMs, 0.99), maxOf(r.punchLatencyMs));
    fmt::print("ack latency per batch from its send: p50 {:.1f} ms, p99 {:.1f} ms, max {:.1f} ms ({} batches, "
               "{:.1f} punches per batch)\n",
               percentile(r.batchLatencyMs, 0.50), percentile(r.batchLatencyMs, 0.99), maxOf(r.batchLatencyMs),
               r.batches, r.batches > 0 ? acked / static_cast<double>(r.batches) : 0.0);
    // Per stored punch: a server that falls behind stores punches the generator stopped waiting for.
    const double perServer = static_cast<double>(std::max<std::int64_t>(stored, static_cast<std::int64_t>(r.acked)));
    fmt::print("CPU from the start of the load to the last ack: server {:.2f} s ({:.1f} us per stored punch), "
               "generator {:.2f} s ({:.1f} us per acked punch); load average at the end: {}\n",
               serverCpu, perServer > 0 ? serverCpu * 1e6 / perServer : 0.0, clientCpu,
               acked > 0 ? clientCpu * 1e6 / acked : 0.0, load);
    fmt::print("server RSS under load: {} KiB; rows in punches after the run: {} (acked {})\n", rssLoaded, stored, r.acked);
    if (o.dataDir.empty()) std::filesystem::remove_all(dir);
    // Exactly once: every acked punch is stored, nothing is stored twice or invented.
    const bool exact = stored >= static_cast<std::int64_t>(r.acked) && stored <= static_cast<std::int64_t>(r.created);
    if (!exact) fmt::print("FAILED: {} rows for {} acked of {} created punches\n", stored, r.acked, r.created);
    if (r.acked < r.created) fmt::print("INCOMPLETE: {} created punches were not acked\n", r.created - r.acked);
    return exact && r.failed == 0 && r.acked == r.created ? 0 : 3;
}

}  // namespace rollcall::loadgen
