#include <boost/asio/co_spawn.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <fmt/core.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "Loadgen.hpp"
#include "rollcall/gateway/TerminalRegistry.hpp"
#include "rollcall/proto/FramedStream.hpp"
#include "rollcall/proto/TlsContext.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::loadgen {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using Clock = std::chrono::steady_clock;

namespace {

struct SimTerminal {
    TerminalId id;
    crypto::SigningKey key;
    std::shared_ptr<asio::ssl::context> tls;
    std::vector<proto::PunchRecord> punches;
};

struct Shared {
    explicit Shared(asio::io_context& io) : go(io, Clock::time_point::max()) {}
    asio::steady_timer go;
    int connected = 0;
    int failed = 0;
    Clock::time_point start{};
    Clock::time_point end{};
    Clock::time_point lastAck{};
    std::uint64_t acked = 0;
    std::vector<double> latenciesMs;
    std::uint16_t port = 0;
};

long rssKiB(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    }
    return -1;
}

// User + system CPU seconds a process has used, from /proc/PID/stat (fields 14 and 15).
double cpuSeconds(pid_t pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const auto close = text.rfind(')');
    if (close == std::string::npos) return -1;
    std::istringstream fields(text.substr(close + 2));
    std::string f;
    double utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> f; ++i) {
        if (i == 14) utime = std::stod(f);
        if (i == 15) stime = std::stod(f);
    }
    return (utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

std::uint16_t freePort() {
    asio::io_context io;
    asio::ip::tcp::acceptor a(io, {asio::ip::make_address("127.0.0.1"), 0});
    return a.local_endpoint().port();
}

awaitable<void> simulate(Shared& sh, SimTerminal& t, int batch) {
    auto ex = co_await asio::this_coro::executor;
    auto stream = std::make_shared<proto::FramedStream>(proto::TlsStream(asio::ip::tcp::socket(ex), *t.tls),
                                                        proto::StreamLimits{});
    boost::system::error_code ec;
    co_await stream->tls().lowest_layer().async_connect({asio::ip::make_address("127.0.0.1"), sh.port},
                                                        asio::redirect_error(use_awaitable, ec));
    if (!ec) co_await stream->tls().async_handshake(asio::ssl::stream_base::client, asio::redirect_error(use_awaitable, ec));
    if (ec) {
        ++sh.failed;
        co_return;
    }
    asio::co_spawn(ex, stream->runWriter(), asio::detached);
    stream->send(proto::Hello{proto::kProtocolVersion, "loadgen", 0, t.punches.size(), 0, Instant::now().micros(), 0});
    auto welcome = co_await stream->read(std::chrono::seconds(60));
    if (!welcome || !std::holds_alternative<proto::Welcome>(*welcome)) {
        ++sh.failed;
        stream->close();
        co_return;
    }
    ++sh.connected;
    co_await sh.go.async_wait(asio::redirect_error(use_awaitable, ec));

    std::size_t next = 0;
    while (Clock::now() < sh.end && next < t.punches.size()) {
        const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(batch), t.punches.size() - next);
        proto::PunchBatch b{{t.punches.begin() + static_cast<std::ptrdiff_t>(next),
                             t.punches.begin() + static_cast<std::ptrdiff_t>(next + n)},
                            t.punches.size() - next - n};
        const auto sent = Clock::now();
        stream->send(b);
        for (;;) {
            auto m = co_await stream->read(std::chrono::seconds(30));
            if (!m) {
                ++sh.failed;
                stream->close();
                co_return;
            }
            if (std::holds_alternative<proto::Ack>(*m)) break;
        }
        const auto now = Clock::now();
        sh.latenciesMs.push_back(std::chrono::duration<double, std::milli>(now - sent).count());
        sh.acked += n;
        sh.lastAck = now;
        next += n;
    }
    stream->close();
}

std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
}

double percentile(std::vector<double>& v, double p) {
    if (v.empty()) return 0;
    const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

void runFor(asio::io_context& io, std::chrono::milliseconds d) {
    io.restart();
    io.run_for(d);
}

}  // namespace

int run(const RunOptions& o) {
    const auto dir = o.dataDir.empty()
                         ? std::filesystem::temp_directory_path() / ("rollcall-loadgen-" + std::to_string(::getpid()))
                         : o.dataDir;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);

    // Terminals are registered directly in the server's store before it starts.
    std::vector<SimTerminal> terminals(static_cast<std::size_t>(o.terminals));
    {
        store::StoreOptions so;
        so.path = dir / "server.db";
        so.extraMigrations.push_back(gateway::migrations());
        auto store = store::Store::open(std::move(so));
        if (!store) {
            fmt::print(stderr, "{}\n", store.error().describe());
            return 1;
        }
        auto registry = gateway::TerminalRegistry::open(**store);
        for (int i = 0; i < o.terminals; ++i) {
            auto& t = terminals[static_cast<std::size_t>(i)];
            auto created = (*registry)->create(fmt::format("load-{}", i), PostId(1));
            t.key = crypto::SigningKey::generate();
            auto info = (*registry)->provision(created->token, t.key.publicKey, "loadgen");
            if (!info) {
                fmt::print(stderr, "{}\n", info.error().describe());
                return 1;
            }
            t.id = created->id;
            t.tls = *proto::makeClientContext(*proto::makeSelfSigned(t.key, "load"), std::nullopt);
        }
    }
    fmt::print("prepared {} terminals; signing {} punches each...\n", o.terminals, o.punchesPerTerminal);
    const auto now = Instant::now().micros();
    for (auto& t : terminals) {
        t.punches.resize(static_cast<std::size_t>(o.punchesPerTerminal));
        for (std::size_t s = 0; s < t.punches.size(); ++s) {
            auto& p = t.punches[s];
            p.terminal = t.id;
            p.seq = s + 1;
            p.employee = EmployeeId(static_cast<std::int64_t>(1 + (t.id.value() * 7 + static_cast<std::int64_t>(s)) % 5000));
            p.method = proto::PunchMethod::Face;
            p.faceScore = 0.93;
            p.livenessScore = 0.98;
            p.terminalTimeUs = now + static_cast<std::int64_t>(s) * 1000;
            proto::sign(p, t.key);
        }
    }

    // The server runs in its own process, so its memory can be read alone.
    const std::uint16_t port = freePort();
    int out[2];
    if (::pipe(out) != 0) return 1;
    const pid_t server = ::fork();
    if (server == 0) {
        ::dup2(out[1], STDOUT_FILENO);
        ::close(out[0]);
        const std::string portText = std::to_string(port);
        const std::string dataText = dir.string();
        ::execl(o.self.c_str(), "rollcall-loadgen", "serve", "--data", dataText.c_str(), "--port", portText.c_str(),
                static_cast<char*>(nullptr));
        ::_exit(127);
    }
    ::close(out[1]);
    char ready[64] = {};
    if (::read(out[0], ready, sizeof(ready) - 1) <= 0) {
        fmt::print(stderr, "the server did not start\n");
        return 1;
    }
    ::usleep(300'000);
    const long rssBefore = rssKiB(server);

    asio::io_context io(1);
    Shared sh(io);
    sh.port = port;
    for (auto& t : terminals) asio::co_spawn(io, simulate(sh, t, o.batch), asio::detached);
    const auto connectStart = Clock::now();
    while (sh.connected + sh.failed < o.terminals && Clock::now() - connectStart < std::chrono::seconds(120)) {
        runFor(io, std::chrono::milliseconds(100));
    }
    const double connectSeconds = std::chrono::duration<double>(Clock::now() - connectStart).count();
    runFor(io, std::chrono::milliseconds(1500));  // idle: the server holds every connection, nothing moves
    const long rssIdle = rssKiB(server);

    const double serverCpuBefore = cpuSeconds(server);
    const double clientCpuBefore = cpuSeconds(::getpid());
    sh.start = Clock::now();
    sh.end = sh.start + std::chrono::seconds(o.seconds);
    sh.go.cancel();
    while (Clock::now() < sh.end + std::chrono::seconds(35)) {
        runFor(io, std::chrono::milliseconds(100));
        if (io.stopped()) break;
    }
    const double elapsed = std::chrono::duration<double>(sh.lastAck - sh.start).count();
    const long rssLoaded = rssKiB(server);
    const double serverCpu = cpuSeconds(server) - serverCpuBefore;
    const double clientCpu = cpuSeconds(::getpid()) - clientCpuBefore;
    ::kill(server, SIGTERM);
    ::waitpid(server, nullptr, 0);

    std::int64_t stored = -1;
    {
        sqlite::OpenOptions ro;
        ro.readOnly = true;
        auto db = sqlite::Database::open(dir / "server.db", ro);
        if (db) {
            auto s = db->prepare("SELECT count(*) FROM punches");
            if (s && s->step()) stored = s->getInt(0);
        }
    }

    fmt::print("terminals connected: {} (failed {}), connect phase {:.2f} s\n", sh.connected, sh.failed, connectSeconds);
    fmt::print("server RSS: {} KiB before, {} KiB with {} idle connections -> {:.1f} KiB per idle connection\n",
               rssBefore, rssIdle, sh.connected,
               sh.connected > 0 ? static_cast<double>(rssIdle - rssBefore) / sh.connected : 0.0);
    fmt::print("load: {} punches acked in {:.2f} s -> {:.0f} punches/s durably ingested (batch {})\n", sh.acked, elapsed,
               elapsed > 0 ? static_cast<double>(sh.acked) / elapsed : 0.0, o.batch);
    fmt::print("ack latency per batch: p50 {:.2f} ms, p99 {:.2f} ms ({} batches)\n", percentile(sh.latenciesMs, 0.50),
               percentile(sh.latenciesMs, 0.99), sh.latenciesMs.size());
    fmt::print("CPU during the load phase: server {:.2f} s ({:.1f} us per punch), load generator {:.2f} s; "
               "machine load average at the end: {}\n",
               serverCpu, sh.acked > 0 ? serverCpu * 1e6 / static_cast<double>(sh.acked) : 0.0, clientCpu, loadAverage());
    fmt::print("server RSS under load: {} KiB; rows in punches after the run: {} (acked {})\n", rssLoaded, stored, sh.acked);
    if (o.dataDir.empty()) std::filesystem::remove_all(dir);
    return stored == static_cast<std::int64_t>(sh.acked) ? 0 : 3;
}

}  // namespace rollcall::loadgen
