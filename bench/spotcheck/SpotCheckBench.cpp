// Evaluating one spot check over 10,000 people (target: under 200 ms), three ways:
//  - the pure rule alone (SpotCheckEvaluator) on values in memory;
//  - on a real SQLite store, as the scheduler does it when the window closes: mark the check
//    closed, read the window's punches, evaluate, store the results and open the findings;
//  - a re-run of a closed check (a late punch arrived): the same, replacing stored results.
// 500 posts with one terminal each, 20 people per post; 10% excused, 80% answer at their post,
// 5% at another post, 5% absent.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <memory>

#include "rollcall/spotcheck/AuditSink.hpp"
#include "rollcall/spotcheck/SpotCheckEvaluator.hpp"
#include "rollcall/spotcheck/SpotCheckSchema.hpp"
#include "rollcall/spotcheck/SpotCheckService.hpp"
#include "rollcall/store/PunchRepository.hpp"

using namespace rollcall;
using namespace rollcall::spotcheck;
using std::chrono::minutes;
using std::chrono::seconds;

namespace {

constexpr int kPeople = 10'000;
constexpr int kPerPost = 20;
constexpr int kPosts = kPeople / kPerPost;
const Instant kOpens = Instant::fromMicros(1'795'000'000'000'000);

struct Population {
    std::vector<PersonDuty> people;
    std::vector<VerificationPunch> punches;
    std::vector<TerminalPost> terminals;
    std::vector<PostId> posts;
    std::vector<TerminalId> reached;
};

Population makePopulation() {
    Population p;
    for (int post = 1; post <= kPosts; ++post) {
        p.posts.emplace_back(post);
        p.terminals.push_back({TerminalId(post), PostId(post)});
        p.reached.emplace_back(post);
    }
    for (int i = 0; i < kPeople; ++i) {
        const int post = i / kPerPost + 1;
        const EmployeeId who(i + 1);
        const int kind = i % 20;
        PersonDuty d{who, PostId(post), DepartmentId(post % 20 + 1), DutyKind::OnDuty, "", {}, ShiftId(1)};
        if (kind < 2) {
            d.duty = DutyKind::ApprovedLeave;
            d.excuseRecord = "leave #" + std::to_string(i + 1);
        }
        p.people.push_back(d);
        if (kind < 2 || kind == 19) continue;  // excused, or absent
        const int where = kind == 18 ? post % kPosts + 1 : post;
        VerificationPunch v;
        v.id = PunchId(i + 1);
        v.employee = who;
        v.terminal = TerminalId(where);
        v.method = "face";
        v.at = kOpens + seconds(30 + i % 500);
        v.receivedAt = v.at + seconds(1);
        v.faceScore = 0.8;
        p.punches.push_back(v);
    }
    return p;
}

void BM_EvaluatePure(benchmark::State& state) {
    const auto pop = makePopulation();
    for (auto _ : state) {
        auto out = SpotCheckEvaluator::evaluate(
            {kOpens, kOpens + minutes(10), MethodRequirement::Any, pop.people, pop.punches, pop.terminals, pop.posts, pop.reached});
        benchmark::DoNotOptimize(out);
        if (out.tally.present != 8'000) state.SkipWithError("unexpected tally");
    }
    state.counters["people"] = kPeople;
}
BENCHMARK(BM_EvaluatePure)->Unit(benchmark::kMillisecond)->MinTime(1.0);

class FixedRoster final : public DutyRoster {
public:
    explicit FixedRoster(const Population& p) : p_(p) {}
    Result<std::vector<PersonDuty>> dutyAt(const Scope&, Instant) override { return p_.people; }
    Result<std::vector<PostId>> postsIn(const Scope&) override { return p_.posts; }

private:
    const Population& p_;
};

class FixedTerminals final : public TerminalDirectory {
public:
    explicit FixedTerminals(const Population& p) : p_(p) {}
    Result<std::vector<TerminalPost>> terminals() override { return p_.terminals; }

private:
    const Population& p_;
};

class AllConnected final : public SpotCheckNotifier {
public:
    explicit AllConnected(const Population& p) : p_(p) {}
    std::vector<TerminalId> start(const SpotCheckStart&) override { return p_.reached; }
    void end(const SpotCheckEnd&) override {}

private:
    const Population& p_;
};

class NoAudit final : public AuditSink {
public:
    Status record(sqlite::Database&, const AuditEntry&) override { return {}; }
};

class FixedClock final : public Clock {
public:
    Instant now() override { return value; }
    Instant value = kOpens;
};

void BM_EvaluateAndStoreOnSqlite(benchmark::State& state) {
    const auto pop = makePopulation();
    const auto dir = std::filesystem::temp_directory_path() / ("rollcall-spotcheck-bench-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    {
        auto store = store::Store::open({.path = dir / "bench.db", .extraMigrations = {spotCheckMigrations()}});
        if (!store) {
            state.SkipWithError(store.error().describe().c_str());
            return;
        }
        std::vector<store::NewPunch> punches;
        for (const auto& v : pop.punches) {
            store::NewPunch n;
            n.terminalId = v.terminal;
            n.terminalSeq = static_cast<TerminalSeq>(v.id.value());
            n.employeeId = v.employee;
            n.at = v.at;
            n.receivedAt = v.receivedAt;
            n.faceScore = v.faceScore;
            punches.push_back(n);
        }
        if (auto st = store::PunchRepository(**store).insertBatch(punches); !st) {
            state.SkipWithError(st.error().describe().c_str());
            return;
        }
        FixedRoster roster(pop);
        FixedTerminals terminals(pop);
        AllConnected notifier(pop);
        NoAudit audit;
        FixedClock clock;
        WeekdayCalendar calendar;
        SpotCheckDeps deps{**store, roster, terminals, notifier, audit, clock, (*store)->timeZone(), calendar};
        SpotCheckService checks(deps);
        const bool firstRun = state.range(0) == 0;
        auto check = checks.create({UserId(1), Role::Inspector, "bench"}, {.scope = Scope::everyone(), .windowMinutes = 10});
        if (!check || !checks.closeDue(kOpens + minutes(10))) {
            state.SkipWithError("could not run the check");
            return;
        }
        for (auto _ : state) {
            if (firstRun) {
                // A fresh check each time: the close-time evaluation stores all 10,000 results
                // and opens its findings for the first time.
                state.PauseTiming();
                check = checks.create({UserId(1), Role::Inspector, "bench"}, {.scope = Scope::everyone(), .windowMinutes = 10});
                state.ResumeTiming();
                if (!check || !checks.closeDue(kOpens + minutes(10))) {
                    state.SkipWithError("could not close the check");
                    break;
                }
                continue;
            }
            auto report = checks.evaluateAndStore(check->id);
            if (!report) {
                state.SkipWithError(report.error().describe().c_str());
                break;
            }
            benchmark::DoNotOptimize(report);
        }
    }
    std::filesystem::remove_all(dir);
    state.counters["people"] = kPeople;
}
// Arg 0: the evaluation at close (fresh check, first store); arg 1: a re-run of a closed check.
BENCHMARK(BM_EvaluateAndStoreOnSqlite)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(10)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
