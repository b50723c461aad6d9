// Store-backed throughput of the attendance path on a real SQLite file (WAL, synchronous=FULL):
//  - punch ingest: batches of 50 terminal punches through PunchRepository::insertBatch;
//  - re-evaluation: a month of queued person-days drained by AttendanceService (load inputs,
//    evaluate with the rules, store the record and its history).
// Run: rollcall_services_bench [--benchmark_filter=...]; figures are per second of wall time.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "rollcall/rules/Shift.hpp"
#include "rollcall/services/AttendanceService.hpp"
#include "rollcall/store/DirtyDayRepository.hpp"
#include "rollcall/store/EmployeeRepository.hpp"
#include "rollcall/store/PunchRepository.hpp"
#include "rollcall/store/ScheduleRepository.hpp"

using namespace rollcall;
using namespace std::chrono_literals;

namespace {

namespace fs = std::filesystem;

struct Office {
    fs::path dir;
    std::unique_ptr<store::Store> store;
    std::vector<EmployeeId> people;

    explicit Office(int headcount) {
        dir = fs::temp_directory_path() / ("rollcall-bench-" + std::to_string(::getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        store = std::move(*store::Store::open({.path = dir / "rollcall.db"}));
        using rules::ShiftClock;
        store::ScheduleRepository schedule(*store);
        const ShiftId s = *schedule.saveShift(rules::makeFixedShift(
            ShiftId{}, "S", {ShiftClock(8, 30), ShiftClock(17, 30), {ShiftClock(6, 30), ShiftClock(12, 0)}, {ShiftClock(12, 0), ShiftClock(23, 59)}},
            5, 0, 30));
        rules::ShiftPattern office;
        office.name = "Office days";
        office.workdayShift = s;
        const auto pattern = *schedule.savePattern(office);
        for (int i = 0; i < headcount; ++i) {
            store::Employee e;
            e.number = "E" + std::to_string(10000 + i);
            e.name = "Person " + std::to_string(i);
            const EmployeeId id = *store::EmployeeRepository(*store).upsert(e);
            (void)schedule.assign({id, pattern, LocalDate(2026, 1, 1), std::nullopt});
            people.push_back(id);
        }
    }
    ~Office() {
        store.reset();
        fs::remove_all(dir);
    }
    [[nodiscard]] Instant at(LocalDate d, int h, int m) const { return store->timeZone().toInstant(LocalDateTime(d, LocalTime(h, m))); }
};

std::vector<store::NewPunch> monthOfPunches(const Office& o, TerminalSeq& seq) {
    std::vector<store::NewPunch> out;
    for (LocalDate d(2026, 11, 1); d <= LocalDate(2026, 11, 30); ++d) {
        if (d.isWeekend()) continue;
        for (std::size_t i = 0; i < o.people.size(); ++i) {
            for (auto [h, m] : {std::pair{8, 20 + static_cast<int>(i % 15)}, std::pair{17, 35}}) {
                store::NewPunch p;
                p.terminalId = TerminalId(1);
                p.terminalSeq = ++seq;
                p.employeeId = o.people[i];
                p.at = o.at(d, h, m);
                p.terminalTime = p.at;
                p.faceScore = 0.9;
                p.signature = std::vector<std::uint8_t>(64, 7);
                p.receivedAt = p.at + 1s;
                out.push_back(std::move(p));
            }
        }
    }
    return out;
}

void BM_IngestBatchesOf50(benchmark::State& state) {
    Office office(100);
    TerminalSeq seq = 0;
    const auto punches = monthOfPunches(office, seq);
    std::size_t next = 0;
    for (auto _ : state) {
        if (next + 50 > punches.size()) {
            state.PauseTiming();
            next = 0;
            (void)office.store->write([](sqlite::Database& db) { return db.exec("DELETE FROM punches; DELETE FROM dirty_days;"); });
            state.ResumeTiming();
        }
        auto r = store::PunchRepository(*office.store).insertBatch(std::span(punches).subspan(next, 50));
        if (!r) state.SkipWithError(r.error().message.c_str());
        next += 50;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * 50);
}
BENCHMARK(BM_IngestBatchesOf50)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_DrainAMonth(benchmark::State& state) {
    Office office(static_cast<int>(state.range(0)));
    TerminalSeq seq = 0;
    const auto punches = monthOfPunches(office, seq);
    for (std::size_t i = 0; i < punches.size(); i += 500) {
        (void)store::PunchRepository(*office.store).insertBatch(std::span(punches).subspan(i, std::min<std::size_t>(500, punches.size() - i)));
    }
    services::AttendanceService attendance(*office.store);
    const Instant now = office.at(LocalDate(2026, 12, 1), 1, 0);
    std::int64_t days = 0;
    for (auto _ : state) {
        state.PauseTiming();
        (void)office.store->write([](sqlite::Database& db) { return db.exec("DELETE FROM day_records; DELETE FROM day_record_history;"); });
        (void)attendance.queueEveryone(LocalDate(2026, 11, 1), LocalDate(2026, 11, 30), "bench", now);
        state.ResumeTiming();
        while (true) {
            auto r = attendance.drainDirty(now, 5000);
            if (!r) {
                state.SkipWithError(r.error().message.c_str());
                break;
            }
            days += r->evaluated;
            if (r->failed > 0) {
                state.SkipWithError(r->firstError.c_str());
                break;
            }
            if (r->evaluated + r->skipped == 0) break;
        }
    }
    state.SetItemsProcessed(days);
    state.counters["person_days"] = static_cast<double>(days) / static_cast<double>(state.iterations());
}
BENCHMARK(BM_DrainAMonth)->Arg(200)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
