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

Result<rules::DayRecord> AttendanceService::evaluate(EmployeeId employee, LocalDate date, std::string_view cause, Instant now) {
    return store_.write([&](sqlite::Database&) -> Result<rules::DayRecord> {
        const TimeZone& tz = store_.timeZone();
        auto calendar = store::CalendarRepository(store_).load(date - 7, date + 7);
        if (!calendar) return std::unexpected(calendar.error());
        const EmployeeId people[] = {employee};
        auto roster = store::ScheduleRepository(store_).roster(people);
        if (!roster) return std::unexpected(roster.error());
        // The previous date's night shift and the next morning's out-punches both fall in here.
        const Instant from = tz.toInstant(LocalDateTime(date - 1, LocalTime{}));
        const Instant to = tz.toInstant(LocalDateTime(date + 2, LocalTime{}));
        auto stored = store::PunchRepository(store_).forEmployee(employee, from, to);
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
        auto corrections = store::CorrectionRepository(store_).list(cf);
        if (!corrections) return std::unexpected(corrections.error());
        store::LeaveFilter lf;
        lf.employee = employee;
        lf.from = date - kLeaveLookBackDays;
        lf.to = date + 1;
        auto leaves = store::LeaveRepository(store_).list(lf);
        if (!leaves) return std::unexpected(leaves.error());
        auto policy = store::LeavePolicyRepository(store_).load();
        if (!policy) return std::unexpected(policy.error());

        rules::DayInputs in;
        in.employee = employee;
        in.date = date;
        in.schedule = roster->resolve(employee, date, *calendar);
        in.previousDay = roster->resolve(employee, date - 1, *calendar);
        in.punches = punches;
        in.corrections = *corrections;
        in.leaves = *leaves;
        in.policy = &*policy;
        in.asOf = tz.toLocal(now);
        rules::DayRecord record = rules::evaluateDay(in);
        auto saved = store::DayRecordRepository(store_).save(record, cause, now);
        if (!saved) return std::unexpected(saved.error());
        if (auto st = store::DirtyDayRepository(store_).clear(employee, date); !st) return std::unexpected(st.error());
        return record;
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
                auto before = store::DayRecordRepository(store_).get(day.employee, day.date);
                if (!before) return std::unexpected(before.error());
                auto record = evaluate(day.employee, day.date, day.cause, now);
                if (!record) {
                    if (report.failed++ == 0) {
                        report.firstError =
                            fmt::format("employee {} on {}: {}", day.employee.value(), day.date.toString(), record.error().describe());
                    }
                    continue;
                }
                ++report.evaluated;
                if (!*before || (*before)->record != *record) ++report.changed;
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
