// A month of attendance for an organisation of 10,000 people: 80% office hours (08:30-17:30),
// 10% split shifts (four punch windows), 5% night shifts on a cycle, 5% flexible hours.
// Each workday has 2-4 punches; some are missing, some doubled by a second terminal, some
// people are late, leave early or stay late; about 4% of people take leave (whole and half
// days, an unreported return among them) and a few corrections are approved. The inputs are
// generated once with a fixed seed; what is timed is evaluating every person-day of the month
// the way the attendance service does it: per person, evaluatePeriod over that month.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <string_view>
#include <random>
#include <vector>

#include "rollcall/rules/DayEvaluator.hpp"

namespace {

using namespace rollcall;
using namespace rollcall::rules;

constexpr int kPeople = 10'000;
constexpr LocalDate kFirst{2026, 10, 1};  // October 2026: National Day week and a make-up Saturday
constexpr LocalDate kLast{2026, 10, 31};
constexpr int kDays = kLast - kFirst + 1;

struct Person {
    EmployeeId id;
    std::vector<Punch> punches;
    std::vector<LeaveRequest> leaves;
    std::vector<Correction> corrections;
};

struct Organisation {
    Calendar calendar;
    Roster roster;
    LeavePolicy policy = LeavePolicy::standard();
    std::vector<Person> people;
    std::size_t punchCount = 0;
};

ShiftSegment segment(ShiftClock start, ShiftClock end, PunchWindow in, PunchWindow out) { return {start, end, in, out}; }

void addShifts(Roster& roster) {
    (void)roster.addShift(makeFixedShift(ShiftId{1}, "office",
                                         segment({8, 30}, {17, 30}, {{6, 30}, {12, 0}}, {{12, 0}, {23, 59}}), 5, 0, 30));
    Shift split;
    split.id = ShiftId{2};
    split.name = "split";
    split.segments = {segment({8, 30}, {12, 0}, {{7, 0}, {10, 0}}, {{11, 0}, {12, 59}}),
                      segment({13, 30}, {17, 30}, {{13, 0}, {15, 0}}, {{16, 0}, {22, 0}})};
    split.lateGraceMinutes = 5;
    split.overtimeAfterMinutes = 30;
    (void)roster.addShift(split);
    (void)roster.addShift(makeFixedShift(
        ShiftId{3}, "night",
        segment({22, 0}, ShiftClock::nextDay(6, 0), {{20, 0}, {23, 59}}, {ShiftClock::nextDay(4, 0), ShiftClock::nextDay(10, 0)}),
        5, 0, 30));
    Shift flex;
    flex.id = ShiftId{4};
    flex.name = "flexible";
    flex.kind = ShiftKind::Flexible;
    flex.flexible = FlexibleHours{{10, 0}, {15, 0}, 480, {{7, 0}, {21, 0}}};
    flex.overtimeAfterMinutes = 30;
    (void)roster.addShift(flex);
    (void)roster.addPattern({PatternId{1}, "office", PatternKind::CalendarWorkdays, ShiftId{1}, {}, {}});
    (void)roster.addPattern({PatternId{2}, "split", PatternKind::CalendarWorkdays, ShiftId{2}, {}, {}});
    (void)roster.addPattern({PatternId{3}, "nights", PatternKind::Cycle, std::nullopt,
                             {ShiftId{3}, ShiftId{3}, ShiftId{3}, std::nullopt, std::nullopt}, kFirst});
    (void)roster.addPattern({PatternId{4}, "flexible", PatternKind::CalendarWorkdays, ShiftId{4}, {}, {}});
}

class PunchMaker {
public:
    explicit PunchMaker(std::mt19937& rng) : rng_(rng) {}

    // Punches around `at`: jitter in minutes, maybe lost, maybe doubled by a second terminal.
    void add(Person& p, LocalDateTime at, int jitterMinutes) {
        if (chance(0.02)) return;  // forgotten or failed punch
        std::uniform_int_distribution<int> jitter(-jitterMinutes, jitterMinutes);
        std::uniform_int_distribution<int> second(0, 59);
        const auto when = at.plusMinutes(jitter(rng_)).plusSeconds(second(rng_));
        p.punches.push_back(make(p, when, TerminalId{1 + static_cast<std::int64_t>(rng_() % 40)}));
        if (chance(0.05)) p.punches.push_back(make(p, when, TerminalId{41 + static_cast<std::int64_t>(rng_() % 40)}));
    }

    bool chance(double probability) { return std::uniform_real_distribution<double>(0, 1)(rng_) < probability; }

private:
    Punch make(const Person& p, LocalDateTime at, TerminalId terminal) {
        Punch punch;
        punch.id = PunchId{++nextId_};
        punch.employee = p.id;
        punch.at = at;
        punch.terminal = terminal;
        return punch;
    }

    std::mt19937& rng_;
    std::int64_t nextId_ = 0;
};

Organisation makeOrganisation() {
    Organisation org;
    org.calendar = *Calendar::parse("2026-10-01..2026-10-07,holiday,National Day\n2026-10-10,workday,make-up\n");
    addShifts(org.roster);
    std::mt19937 rng(20261001);
    PunchMaker punches(rng);
    org.people.reserve(kPeople);
    std::int64_t leaveId = 0;
    for (int i = 0; i < kPeople; ++i) {
        Person p;
        p.id = EmployeeId{i + 1};
        const int roll = i % 20;
        const PatternId pattern{roll < 16 ? 1 : roll < 18 ? 2 : roll < 19 ? 3 : 4};
        (void)org.roster.assign({p.id, pattern, LocalDate(2026, 1, 1), std::nullopt});
        for (LocalDate d = kFirst; d <= kLast; ++d) {
            const auto day = org.roster.resolve(p.id, d, org.calendar);
            if (day.kind != ScheduledDay::Kind::Shift) continue;
            if (punches.chance(0.02)) continue;  // absent
            const bool late = punches.chance(0.08);
            const int extra = punches.chance(0.15) ? 75 : 0;
            switch (pattern.value()) {
                case 1:
                    punches.add(p, LocalDateTime(d, LocalTime(late ? 8 : 8, late ? 45 : 15)), 12);
                    if (punches.chance(0.3)) punches.add(p, LocalDateTime(d, LocalTime(12, 40)), 20);  // lunch at the gate
                    punches.add(p, LocalDateTime(d, LocalTime(17, 45)).plusMinutes(extra), 15);
                    break;
                case 2:
                    punches.add(p, LocalDateTime(d, LocalTime(8, late ? 45 : 20)), 8);
                    punches.add(p, LocalDateTime(d, LocalTime(12, 5)), 4);
                    punches.add(p, LocalDateTime(d, LocalTime(13, 20)), 8);
                    punches.add(p, LocalDateTime(d, LocalTime(17, 45)).plusMinutes(extra), 12);
                    break;
                case 3:
                    punches.add(p, LocalDateTime(d, LocalTime(21, late ? 59 : 45)), 10);
                    punches.add(p, LocalDateTime(d + 1, LocalTime(6, 10)), 8);
                    break;
                default:
                    punches.add(p, LocalDateTime(d, LocalTime(9, late ? 50 : 10)), 40);
                    punches.add(p, LocalDateTime(d, LocalTime(18, 0)).plusMinutes(extra), 40);
                    break;
            }
        }
        if (punches.chance(0.04)) {
            LeaveRequest leave;
            leave.id = LeaveId{++leaveId};
            leave.employee = p.id;
            leave.type = punches.chance(0.5) ? "annual" : "sick";
            const LocalDate start = kFirst + 9 + static_cast<int>(rng() % 18);
            const bool half = punches.chance(0.3);
            leave.period = {start, HalfDay::Morning, half ? start : start + static_cast<int>(rng() % 3),
                            half ? HalfDay::Morning : HalfDay::Afternoon, {}, {}};
            leave.state = punches.chance(0.9) ? LeaveState::ReportedBack : LeaveState::Approved;
            if (leave.state == LeaveState::ReportedBack) leave.reportedBackAt = LocalDateTime(leave.period.end + 1, LocalTime(8, 0));
            p.leaves.push_back(leave);
        }
        if (punches.chance(0.01)) {
            Correction c;
            c.id = CorrectionId{i + 1};
            c.employee = p.id;
            c.day = LocalDate(2026, 10, 20);
            c.at = LocalDateTime(c.day, LocalTime(17, 40));
            c.state = CorrectionState::Approved;
            p.corrections.push_back(c);
        }
        std::ranges::shuffle(p.punches, rng);  // punches arrive in any order (offline terminals)
        org.punchCount += p.punches.size();
        org.people.push_back(std::move(p));
    }
    return org;
}

const Organisation& organisation() {
    static const Organisation org = makeOrganisation();
    return org;
}

std::size_t evaluateMonth(const Organisation& org, std::map<std::string_view, int>* statuses = nullptr) {
    std::size_t records = 0;
    const LocalDateTime asOf(kLast + 1, LocalTime(9, 0));
    for (const auto& person : org.people) {
        PeriodInputs in;
        in.employee = person.id;
        in.from = kFirst;
        in.to = kLast;
        in.roster = &org.roster;
        in.calendar = &org.calendar;
        in.policy = &org.policy;
        in.punches = person.punches;
        in.leaves = person.leaves;
        in.corrections = person.corrections;
        in.asOf = asOf;
        auto month = evaluatePeriod(in);
        benchmark::DoNotOptimize(month.data());
        records += month.size();
        if (statuses) {
            for (const auto& r : month) ++(*statuses)[toString(r.status)];
        }
    }
    return records;
}

double bestMonthMs = 0.0;

void BM_EvaluateMonth(benchmark::State& state) {
    const Organisation& org = organisation();
    std::size_t records = 0;
    for (auto _ : state) {
        const auto t0 = std::chrono::steady_clock::now();
        records = evaluateMonth(org);
        const auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (bestMonthMs == 0.0 || ms < bestMonthMs) bestMonthMs = ms;
    }
    state.counters["people"] = kPeople;
    state.counters["person_days"] = static_cast<double>(records);
    state.counters["punches"] = static_cast<double>(org.punchCount);
    state.counters["person_days_per_s"] =
        benchmark::Counter(static_cast<double>(records), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_EvaluateMonth)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_EvaluateOneDay(benchmark::State& state) {
    const Organisation& org = organisation();
    const Person& person = org.people.front();
    const LocalDate d{2026, 10, 14};
    DayInputs in;
    in.employee = person.id;
    in.date = d;
    in.schedule = org.roster.resolve(person.id, d, org.calendar);
    in.previousDay = org.roster.resolve(person.id, d - 1, org.calendar);
    in.punches = person.punches;
    in.policy = &org.policy;
    for (auto _ : state) benchmark::DoNotOptimize(evaluateDay(in));
}
BENCHMARK(BM_EvaluateOneDay);

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    if (bestMonthMs > 0.0) {
        const auto& org = organisation();
        std::printf("Month evaluation: %d people x %d days = %d person-days, %zu punches: %.1f ms (best of 5); "
                    "target < 1000 ms: %s\n",
                    kPeople, kDays, kPeople * kDays, org.punchCount, bestMonthMs, bestMonthMs < 1000.0 ? "met" : "MISSED");
        std::map<std::string_view, int> statuses;
        evaluateMonth(org, &statuses);
        std::printf("Statuses:");
        for (const auto& [status, n] : statuses) std::printf(" %.*s=%d", static_cast<int>(status.size()), status.data(), n);
        std::printf("\n");
    }
    return 0;
}
