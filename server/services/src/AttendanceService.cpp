#include "rollcall/services/AttendanceService.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "rollcall/rules/DayEvaluator.hpp"
#include "rollcall/store/CalendarRepository.hpp"
#include "rollcall/store/CorrectionRepository.hpp"
#include "rollcall/store/DirtyDayRepository.hpp"
#include "rollcall/store/EmployeeRepository.hpp"
#include "rollcall/store/LeavePolicyRepository.hpp"
#include "rollcall/store/LeaveRepository.hpp"
#include "rollcall/store/PunchRepository.hpp"
#include "rollcall/store/ScheduleRepository.hpp"

namespace rollcall::services {
namespace {

rules::PunchSource sourceOf(store::PunchSource s) {
    switch (s) {
        case store::PunchSource::Manual: return rules::PunchSource::Manual;
        case store::PunchSource::Correction: return rules::PunchSource::Correction;
        case store::PunchSource::Terminal: break;
    }
    return rules::PunchSource::Terminal;
}

// How far back a leave can still matter for a date: an overrun runs from the leave's end.
constexpr int kLeaveLookBackDays = 366;

}  // namespace

namespace {

// What every person-day of one transaction shares: loaded once, not once per day.
struct SharedInputs {
    rules::Roster roster;
    rules::Calendar calendar;
    rules::LeavePolicy policy;
};

Result<SharedInputs> loadShared(store::Store& store, std::span<const EmployeeId> people, LocalDate first, LocalDate last) {
    auto roster = store::ScheduleRepository(store).roster(people);
    if (!roster) return std::unexpected(roster.error());
    auto calendar = store::CalendarRepository(store).load(first - 7, last + 7);
    if (!calendar) return std::unexpected(calendar.error());
    auto policy = store::LeavePolicyRepository(store).load();
    if (!policy) return std::unexpected(policy.error());
    return SharedInputs{std::move(*roster), std::move(*calendar), std::move(*policy)};
}

struct Evaluated {
    rules::DayRecord record;
    store::SaveOutcome outcome;
};

// Loads the person's own inputs, evaluates, stores the record and takes the day off the queue.
Result<Evaluated> evaluateWith(store::Store& store, const SharedInputs& shared, EmployeeId employee, LocalDate date,
                               std::string_view cause, Instant now) {
    return store.write([&](sqlite::Database&) -> Result<Evaluated> {
        const TimeZone& tz = store.timeZone();
        // The previous date's night shift and the next morning's out-punches both fall in here.
        const Instant from = tz.toInstant(LocalDateTime(date - 1, LocalTime{}));
        const Instant to = tz.toInstant(LocalDateTime(date + 2, LocalTime{}));
        auto stored = store::PunchRepository(store).forEmployee(employee, from, to);
        if (!stored) return std::unexpected(stored.error());
        std::vector<rules::Punch> punches;
        punches.reserve(stored->size());
        for (const auto& p : *stored) {
            punches.push_back({p.id, employee, tz.toLocal(p.punch.at), p.punch.terminalId.value_or(TerminalId{}),
                               sourceOf(p.punch.source), std::nullopt});
        }
        store::CorrectionFilter cf;
        cf.employee = employee;
        cf.state = rules::CorrectionState::Approved;
        cf.from = date - 1;
        cf.to = date + 1;
        auto corrections = store::CorrectionRepository(store).list(cf);
        if (!corrections) return std::unexpected(corrections.error());
        store::LeaveFilter lf;
        lf.employee = employee;
        lf.from = date - kLeaveLookBackDays;
        lf.to = date + 1;
        auto leaves = store::LeaveRepository(store).list(lf);
        if (!leaves) return std::unexpected(leaves.error());

        rules::DayInputs in;
        in.employee = employee;
        in.date = date;
        in.schedule = shared.roster.resolve(employee, date, shared.calendar);
        in.previousDay = shared.roster.resolve(employee, date - 1, shared.calendar);
        in.punches = punches;
        in.corrections = *corrections;
        in.leaves = *leaves;
        in.policy = &shared.policy;
        in.asOf = tz.toLocal(now);
        Evaluated out{rules::evaluateDay(in), store::SaveOutcome::Unchanged};
        auto saved = store::DayRecordRepository(store).save(out.record, cause, now);
        if (!saved) return std::unexpected(saved.error());
        out.outcome = *saved;
        if (auto st = store::DirtyDayRepository(store).clear(employee, date); !st) return std::unexpected(st.error());
        return out;
    });
}

}  // namespace

Result<rules::DayRecord> AttendanceService::evaluate(EmployeeId employee, LocalDate date, std::string_view cause, Instant now) {
    return store_.write([&](sqlite::Database&) -> Result<rules::DayRecord> {
        const EmployeeId people[] = {employee};
        auto shared = loadShared(store_, people, date, date);
        if (!shared) return std::unexpected(shared.error());
        auto done = evaluateWith(store_, *shared, employee, date, cause, now);
        if (!done) return std::unexpected(done.error());
        return std::move(done->record);
    });
}

Result<DrainReport> AttendanceService::drainDirty(Instant now, int limit) {
    auto pending = store::DirtyDayRepository(store_).pending(limit);
    if (!pending) return std::unexpected(pending.error());
    DrainReport report;
    // Several days per transaction: one fsync per chunk instead of one per person-day. A day
    // that fails rolls back only its own savepoint and stays queued.
    constexpr std::size_t kChunk = 64;
    for (std::size_t begin = 0; begin < pending->size(); begin += kChunk) {
        const std::size_t end = std::min(pending->size(), begin + kChunk);
        auto chunk = store_.write([&](sqlite::Database&) -> Status {
            std::vector<EmployeeId> people;
            LocalDate first = (*pending)[begin].date;
            LocalDate last = first;
            for (std::size_t i = begin; i < end; ++i) {
                people.push_back((*pending)[i].employee);
                first = std::min(first, (*pending)[i].date);
                last = std::max(last, (*pending)[i].date);
            }
            std::ranges::sort(people);
            people.erase(std::unique(people.begin(), people.end()), people.end());
            auto shared = loadShared(store_, people, first, last);
            if (!shared) return std::unexpected(shared.error());
            for (std::size_t i = begin; i < end; ++i) {
                const store::DirtyDay& day = (*pending)[i];
                auto who = store::EmployeeRepository(store_).get(day.employee);
                if (!who) return std::unexpected(who.error());
                const bool gone = !*who || ((*who)->offboardedOn && *(*who)->offboardedOn <= day.date);
                if (gone) {
                    if (auto st = store::DirtyDayRepository(store_).clear(day.employee, day.date); !st) return st;
                    ++report.skipped;
                    continue;
                }
                auto done = evaluateWith(store_, *shared, day.employee, day.date, day.cause, now);
                if (!done) {
                    if (report.failed++ == 0) {
                        report.firstError =
                            fmt::format("employee {} on {}: {}", day.employee.value(), day.date.toString(), done.error().describe());
                    }
                    continue;
                }
                ++report.evaluated;
                if (done->outcome != store::SaveOutcome::Unchanged) ++report.changed;
            }
            return {};
        });
        if (!chunk) return std::unexpected(chunk.error());
    }
    return report;
}

Result<DrainReport> AttendanceService::recompute(EmployeeId employee, LocalDate from, LocalDate to, Instant now) {
    if (to < from) return fail("recompute.range", fmt::format("the range ends ({}) before it starts ({})", to.toString(), from.toString()));
    if (to - from > 366) return fail("recompute.range", "recompute at most a year at a time");
    auto who = store::EmployeeRepository(store_).get(employee);
    if (!who) return std::unexpected(who.error());
    if (!*who) return fail("employee.unknown", fmt::format("no employee with id {}", employee.value()));
    DrainReport report;
    for (LocalDate d = from; d <= to; ++d) {
        auto before = store::DayRecordRepository(store_).get(employee, d);
        if (!before) return std::unexpected(before.error());
        auto record = evaluate(employee, d, "recompute requested", now);
        if (!record) return std::unexpected(record.error());
        ++report.evaluated;
        if (!*before || (*before)->record != *record) ++report.changed;
    }
    return report;
}

Result<int> AttendanceService::closeDay(LocalDate date, Instant now) { return queueEveryone(date, date, "day closed", now); }

Result<int> AttendanceService::queueEveryone(LocalDate from, LocalDate to, std::string_view cause, Instant now) {
    if (to < from) return fail("queue.range", fmt::format("the range ends ({}) before it starts ({})", to.toString(), from.toString()));
    if (to - from > 366) return fail("queue.range", "queue at most a year at a time");
    store::EmployeeFilter f;
    f.active = true;
    f.limit = 10'000'000;
    auto people = store::EmployeeRepository(store_).list(f);
    if (!people) return std::unexpected(people.error());
    auto st = store_.write([&](sqlite::Database& db) -> Status {
        for (const auto& e : *people) {
            for (LocalDate d = from; d <= to; ++d) {
                if (auto r = store::DirtyDayRepository::markIn(db, e.id, d, cause, now); !r) return r;
            }
        }
        return {};
    });
    if (!st) return std::unexpected(st.error());
    return static_cast<int>(people->size()) * (to - from + 1);
}

}  // namespace rollcall::services
