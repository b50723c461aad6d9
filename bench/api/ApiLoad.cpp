// rollcall-bench-api: load on a typical read, a department's day records for one date, from
// 50 concurrent keep-alive clients at a fixed total rate (default 1,000 requests/s). Prints
// the rate achieved, p50/p99/max latency, the server's CPU time per request and the load
// average. Target: p99 < 20 ms at 1,000 requests/s.
//
// Without --server it seeds its own organisation (a department of --people people on an
// 08:30-17:30 shift, a month of evaluated day records) in a temporary folder, drains every
// day the seeding queued for evaluation (so no re-evaluation runs beside the load), and starts
// rollcall-server in-process on a loopback port. --dates N spreads the requests over the N
// days ending at --date, so that no single answer is all the server ever reads.
//
// The server keeps finished answers until what they were read from changes. --writes-per-second W
// keeps changing it during the load: W times a second an administrator renames one of the
// department's people through PATCH /api/v1/employees/{id} (the real path: authorised, audited,
// committed with synchronous=FULL). The day-records answer is read from the employees table, so
// every such write invalidates every cached answer. (A manual punch would not do: its day is
// evaluated by the server's queue, every 30 s.) The answer cache's hits and misses are read from
// /metrics when the server exports them there.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

#include "rollcall/app/ServerApp.hpp"
#include "rollcall/http/Client.hpp"
#include "rollcall/rules/Shift.hpp"
#include "rollcall/services/AttendanceService.hpp"
#include "rollcall/store/DepartmentRepository.hpp"
#include "rollcall/store/DirtyDayRepository.hpp"
#include "rollcall/store/EmployeeRepository.hpp"
#include "rollcall/store/PunchRepository.hpp"
#include "rollcall/store/ScheduleRepository.hpp"

using namespace rollcall;
using Clock = std::chrono::steady_clock;

namespace {

// Seeds a department with `people` people on shift S, punches for each workday from `first`
// to `day`, and evaluates every day; fails when a day is left queued.
Result<std::int64_t> seed(const std::filesystem::path& db, int people, LocalDate first, LocalDate day) {
    auto s = store::Store::open({.path = db});
    if (!s) return std::unexpected(s.error());
    auto& st = **s;
    auto dept = store::DepartmentRepository(st).upsert({DepartmentId{}, "LOAD", "Load test office", std::nullopt});
    if (!dept) return std::unexpected(dept.error());
    using rules::ShiftClock;
    store::ScheduleRepository schedule(st);
    auto shift = schedule.saveShift(rules::makeFixedShift(
        ShiftId{}, "S", {ShiftClock(8, 30), ShiftClock(17, 30), {ShiftClock(6, 30), ShiftClock(12, 0)}, {ShiftClock(12, 0), ShiftClock(23, 59)}},
        5, 0, 30));
    if (!shift) return std::unexpected(shift.error());
    rules::ShiftPattern office;
    office.name = "Office days";
    office.kind = rules::PatternKind::CalendarWorkdays;
    office.workdayShift = *shift;
    auto pattern = schedule.savePattern(office);
    if (!pattern) return std::unexpected(pattern.error());
    std::mt19937 rng(7);
    std::vector<store::NewPunch> punches;
    for (int i = 0; i < people; ++i) {
        store::Employee e;
        e.number = fmt::format("L{:04}", i);
        e.name = fmt::format("Person {}", i);
        e.department = *dept;
        auto id = store::EmployeeRepository(st).upsert(e);
        if (!id) return std::unexpected(id.error());
        if (auto a = schedule.assign({*id, *pattern, first, std::nullopt}); !a) return std::unexpected(a.error());
        for (LocalDate d = first; d <= day; ++d) {
            if (d.isWeekend()) continue;
            for (auto [h, m] : {std::pair{8, 20 + static_cast<int>(rng() % 20)}, std::pair{17, 30 + static_cast<int>(rng() % 40)}}) {
                store::NewPunch p;
                p.employeeId = *id;
                p.method = store::PunchMethod::Face;
                p.at = st.timeZone().toInstant(LocalDateTime(d, LocalTime(h, m)));
                p.receivedAt = p.at;
                p.source = store::PunchSource::Manual;
                p.reason = "load test seed";
                punches.push_back(p);
            }
        }
    }
    if (auto r = store::PunchRepository(st).insertBatch(punches); !r) return std::unexpected(r.error());
    services::AttendanceService attendance(st);
    const auto now = Instant::now();
    if (auto q = attendance.queueEveryone(first, day, "load test", now); !q) return std::unexpected(q.error());
    while (true) {
        auto r = attendance.drainDirty(now, 5000);
        if (!r) return std::unexpected(r.error());
        if (r->failed > 0) return fail("bench.seed", "evaluation failed: " + r->firstError);
        if (r->evaluated == 0 && r->skipped == 0) break;
    }
    auto left = store::DirtyDayRepository(st).count();
    if (!left) return std::unexpected(left.error());
    if (*left != 0) return fail("bench.seed", fmt::format("{} days are still queued for evaluation", *left));
    return dept->value();
}

double cpuSeconds(clockid_t clock) {
    timespec ts{};
    ::clock_gettime(clock, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

std::string loadAverage() {
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

struct CacheCounters {
    double hits = 0, misses = 0;
    bool exported = false;
};

// rollcall_answer_cache_{hits,misses}_total from /metrics, when the server exports them.
CacheCounters cacheCounters(http::Client& client) {
    CacheCounters out;
    auto r = client.send(http::Verb::get, "/metrics");
    if (!r || r->status != 200) return out;
    std::istringstream lines(r->body);
    std::string name;
    double value = 0;
    for (std::string line; std::getline(lines, line);) {
        if (line.empty() || line.front() == '#') continue;
        std::istringstream fields(line);
        if (!(fields >> name >> value)) continue;
        if (name == "rollcall_answer_cache_hits_total") out.hits = value, out.exported = true;
        if (name == "rollcall_answer_cache_misses_total") out.misses = value;
    }
    return out;
}

double percentile(std::vector<double>& v, double p) {
    if (v.empty()) return 0;
    const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"rollcall-bench-api: load on GET /api/v1/attendance/days for one department and date"};
    std::string server, user = "admin", password = "bench-admin-password";
    int clients = 50, people = 200, seconds = 10, dates = 1;
    double rate = 1000, writesPerSecond = 0;
    std::int64_t department = 0;
    std::string date;
    cli.add_option("--server", server, "an existing server (default: seed and start one in-process)");
    cli.add_option("--user", user, "user to sign in as");
    cli.add_option("--password", password, "password");
    cli.add_option("--clients", clients, "concurrent keep-alive clients")->check(CLI::Range(1, 1000));
    cli.add_option("--rate", rate, "total requests per second (0: as fast as possible)");
    cli.add_option("--seconds", seconds, "duration")->check(CLI::Range(1, 600));
    cli.add_option("--people", people, "people in the seeded department")->check(CLI::Range(1, 100000));
    cli.add_option("--department", department, "department id (with --server)");
    cli.add_option("--date", date, "date to read (default: yesterday)");
    cli.add_option("--dates", dates, "spread the requests over this many days ending at --date")->check(CLI::Range(1, 366));
    cli.add_option("--writes-per-second", writesPerSecond,
                   "change the department's people this often during the load (invalidates cached answers)")
        ->check(CLI::Range(0.0, 1000.0));
    CLI11_PARSE(cli, argc, argv);

    std::unique_ptr<app::ServerApp> app;
    std::thread serverThread;
    std::filesystem::path dir;
    const LocalDate day = date.empty() ? LocalDate::fromDayNumber(TimeZone::load("Asia/Shanghai")->today().dayNumber() - 1)
                                       : LocalDate::parse(date).value_or(LocalDate{});
    if (server.empty()) {
        dir = std::filesystem::temp_directory_path() / fmt::format("rollcall-bench-api-{}", std::random_device{}());
        std::filesystem::create_directories(dir);
        fmt::print("seeding {} people with a month of day records in {} ...\n", people, dir.string());
        auto dept = seed(dir / "rollcall.db", people, day - std::max(30, dates - 1), day);
        if (!dept) {
            fmt::print(stderr, "seed failed: {}\n", dept.error().describe());
            return 1;
        }
        department = *dept;
        ::setenv("ROLLCALL_ADMIN_PASSWORD", password.c_str(), 1);
        app::Config config;
        config.port = 0;
        config.dataDir = dir;
        config.gatewayEnabled = false;
        config.logLevel = "warn";
        auto created = app::ServerApp::create(config);
        if (!created || !(*created)->start()) {
            fmt::print(stderr, "cannot start the server\n");
            return 1;
        }
        app = std::move(*created);
        serverThread = std::thread([&] { app->run(false); });
        server = fmt::format("http://127.0.0.1:{}", app->httpPort());
    }

    auto login = http::Client::connect(server);
    if (!login) return fmt::print(stderr, "{}\n", login.error().message), 1;
    auto signedIn = login->send(http::Verb::post, "/api/v1/session",
                                nlohmann::json{{"username", user}, {"password", password}, {"bearer", true}}.dump());
    if (!signedIn || signedIn->status != 200) return fmt::print(stderr, "sign-in failed\n"), 1;
    const std::string token = signedIn->json()["token"];
    std::vector<std::string> targets;
    for (int i = 0; i < dates; ++i) {
        const LocalDate d = day - (dates - 1 - i);
        targets.push_back(fmt::format("/api/v1/attendance/days?departmentId={}&from={}&to={}", department, d.toString(),
                                      d.toString()));
    }
    const std::string& target = targets.back();
    auto probe = login->send(http::Verb::get, target, "", {{"Authorization", "Bearer " + token}});
    if (!probe || probe->status != 200) return fmt::print(stderr, "probe failed: {}\n", probe ? probe->body : ""), 1;
    const auto probeItems = probe->json()["items"];
    const auto records = probeItems.size();
    std::vector<std::int64_t> staff;
    for (const auto& r : probeItems) staff.push_back(r["employeeId"].get<std::int64_t>());
    if (writesPerSecond > 0 && staff.empty()) return fmt::print(stderr, "no people to change in {}\n", target), 1;
    // One request per date before the clock starts: the figures are the steady state, not the
    // first read of each answer after a start (--writes-per-second measures reads after changes).
    for (const auto& t : targets) {
        auto warm = login->send(http::Verb::get, t, "", {{"Authorization", "Bearer " + token}});
        if (!warm || warm->status != 200) return fmt::print(stderr, "warm-up failed: {}\n", t), 1;
    }
    const auto cache0 = cacheCounters(*login);

    std::mutex mutex;
    std::vector<double> latencies;
    std::atomic<int> errors{0};
    double clientCpu = 0;  // CPU of the client threads during the load, subtracted from the process's
    const auto start = Clock::now() + std::chrono::milliseconds(200);
    const auto end = start + std::chrono::seconds(seconds);
    std::vector<std::thread> threads;
    for (int i = 0; i < clients; ++i) {
        threads.emplace_back([&, i] {
            auto c = http::Client::connect(server);
            if (!c) { ++errors; return; }
            c->setDefaultHeader("Authorization", "Bearer " + token);
            std::vector<double> mine;
            std::size_t k = static_cast<std::size_t>(i);
            // Each client sends on its own schedule, offset so the load is spread evenly.
            const auto interval = rate > 0 ? std::chrono::duration<double>(clients / rate) : std::chrono::duration<double>(0);
            auto next = start + std::chrono::duration_cast<Clock::duration>(interval * (static_cast<double>(i) / clients));
            std::this_thread::sleep_until(start);
            const double cpu0 = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
            while (true) {
                if (rate > 0) std::this_thread::sleep_until(next);
                const auto t0 = Clock::now();
                if (t0 >= end) break;
                auto r = c->send(http::Verb::get, targets[k++ % targets.size()]);
                const auto t1 = Clock::now();
                if (!r || r->status != 200) ++errors;
                // Latency from the scheduled send time, so a stalled server is not hidden.
                const auto from = rate > 0 ? std::max(next, start) : t0;
                mine.push_back(std::chrono::duration<double, std::milli>(t1 - from).count());
                next += std::chrono::duration_cast<Clock::duration>(interval);
            }
            const double cpu = cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - cpu0;
            std::lock_guard lock(mutex);
            latencies.insert(latencies.end(), mine.begin(), mine.end());
            clientCpu += cpu;
        });
    }
    std::atomic<int> writes{0}, writeErrors{0};
    std::thread writer;
    if (writesPerSecond > 0) {
        writer = std::thread([&] {
            auto c = http::Client::connect(server);
            if (!c) { ++writeErrors; return; }
            c->setDefaultHeader("Authorization", "Bearer " + token);
            const auto interval = std::chrono::duration<double>(1.0 / writesPerSecond);
            auto next = start;
            std::this_thread::sleep_until(start);
            const double cpu0 = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
            for (std::size_t k = 0;; ++k) {
                std::this_thread::sleep_until(next);
                if (Clock::now() >= end) break;
                const auto who = staff[k % staff.size()];
                auto r = c->send(http::Verb::patch, fmt::format("/api/v1/employees/{}", who),
                                 nlohmann::json{{"name", fmt::format("Person {} (rename {})", who, k)}}.dump());
                if (!r || r->status != 200) ++writeErrors;
                else ++writes;
                next += std::chrono::duration_cast<Clock::duration>(interval);
            }
            const double cpu = cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - cpu0;
            std::lock_guard lock(mutex);
            clientCpu += cpu;
        });
    }
    std::this_thread::sleep_until(start);
    const double processCpu0 = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID);
    for (auto& t : threads) t.join();
    if (writer.joinable()) writer.join();
    const double processCpu = cpuSeconds(CLOCK_PROCESS_CPUTIME_ID) - processCpu0;
    const double elapsed = std::chrono::duration<double>(end - start).count();
    const auto n = latencies.size();
    const double p50 = percentile(latencies, 0.50), p99 = percentile(latencies, 0.99);
    const double max = latencies.empty() ? 0 : *std::max_element(latencies.begin(), latencies.end());
    fmt::print("GET {} ({} day records per answer{}; each answer read once before the load)\n", target, records,
               dates > 1 ? fmt::format(", {} dates in turn", dates) : std::string());
    fmt::print("clients {}, target rate {} req/s, {} s, load average {}\n", clients, rate, seconds, loadAverage());
    fmt::print("requests {}, errors {}, achieved {:.0f} req/s\n", n, errors.load(), static_cast<double>(n) / elapsed);
    // The verdict only where the target applies: 1,000 requests/s offered and (nearly) achieved.
    const bool atTarget = rate == 1000 && static_cast<double>(n) / elapsed >= 990;
    fmt::print("latency p50 {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms  (target p99 < 20 ms at 1000 req/s: {})\n", p50, p99, max,
               !atTarget ? "not this run's rate" : p99 < 20.0 ? "met" : "NOT met");
    if (writesPerSecond > 0) {
        fmt::print("writes: {} employee changes ({:.1f}/s), {} failed\n", writes.load(), writes.load() / elapsed, writeErrors.load());
    }
    if (const auto cache1 = cacheCounters(*login); cache1.exported) {
        const double hits = cache1.hits - cache0.hits, misses = cache1.misses - cache0.misses;
        fmt::print("answer cache: {:.0f} hits, {:.0f} misses, hit ratio {:.1f} %\n", hits, misses,
                   hits + misses > 0 ? 100.0 * hits / (hits + misses) : 0.0);
    } else {
        fmt::print("answer cache: hit ratio not shown (the server's /metrics has no rollcall_answer_cache_* counters)\n");
    }
    if (app) {
        // The server runs in this process: its CPU is the process's minus the client threads'.
        const double serverCpu = processCpu - clientCpu;
        fmt::print("cpu: server {:.3f} ms per request ({:.2f} cores), clients {:.3f} ms per request\n",
                   n ? serverCpu * 1e3 / static_cast<double>(n) : 0.0, serverCpu / elapsed,
                   n ? clientCpu * 1e3 / static_cast<double>(n) : 0.0);
    }
    if (app) {
        app->stop();
        serverThread.join();
        app.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir, ec);
    }
    return errors.load() == 0 && writeErrors.load() == 0 ? 0 : 1;
}
