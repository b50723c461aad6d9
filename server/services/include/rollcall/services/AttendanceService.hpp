#pragma once
// Attendance: turns stored inputs into stored day records. For one person-day it loads the
// roster, calendar, punches (converted to local time), approved corrections and leave, calls
// rules::evaluateDay and stores the result (with a history row when it changed), all in one
// write so the record always matches the inputs it was computed from.
// `now` is always a parameter: the caller owns the clock.
#include <string>
#include <string_view>

#include "rollcall/domain/Error.hpp"
#include "rollcall/rules/DayRecord.hpp"
#include "rollcall/store/DayRecordRepository.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::services {

struct DrainReport {
    int evaluated = 0;
    int changed = 0;       // created or changed records
    int skipped = 0;       // unknown or offboarded people
    int failed = 0;        // left in the queue; see firstError
    std::string firstError;
};

class AttendanceService {
public:
    explicit AttendanceService(store::Store& store) : store_(store) {}

    // Evaluates and stores one person-day; `cause` goes into the history when it changes.
    Result<rules::DayRecord> evaluate(EmployeeId employee, LocalDate date, std::string_view cause, Instant now);
    // Evaluates up to `limit` queued person-days (oldest first) and takes them off the queue.
    Result<DrainReport> drainDirty(Instant now, int limit = 1000);
    // Re-evaluates every date in [from, to] for the person.
    Result<DrainReport> recompute(EmployeeId employee, LocalDate from, LocalDate to, Instant now);
    // Queues `date` for every active person, so days without a single punch get their record
    // (absent, rest day, ...). Run once a day has ended; returns how many were queued.
    Result<int> closeDay(LocalDate date, Instant now);
    // Queues [from, to] for every active person, e.g. after a calendar import or a shift
    // change; returns how many person-days were queued.
    Result<int> queueEveryone(LocalDate from, LocalDate to, std::string_view cause, Instant now);

private:
    store::Store& store_;
};

}  // namespace rollcall::services
