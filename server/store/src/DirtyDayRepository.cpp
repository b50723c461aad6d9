#include "rollcall/store/DirtyDayRepository.hpp"

namespace rollcall::store {

Status DirtyDayRepository::markIn(sqlite::Database& db, EmployeeId employee, LocalDate date, std::string_view cause,
                                  Instant now) {
    // Causes accumulate up to a bound; the history row of the re-evaluation quotes them.
    auto st = db.cached(
        "INSERT INTO dirty_days(employee_id, date, cause, marked_at_us) VALUES (?1, ?2, ?3, ?4) "
        "ON CONFLICT(employee_id, date) DO UPDATE SET cause = dirty_days.cause || '; ' || excluded.cause "
        // Only when the cause is new and there is room: a day already marked (the common case
        // under a stream of punches) is left as it is, and its page is not written again.
        "WHERE length(dirty_days.cause) < 400 AND instr(dirty_days.cause, excluded.cause) = 0");
    if (!st) return std::unexpected(st.error());
    (*st)->bind(1, employee.value()).bind(2, date.toString()).bind(3, cause).bind(4, now.micros());
    return (*st)->run();
}

Status DirtyDayRepository::mark(EmployeeId employee, LocalDate from, LocalDate to, std::string_view cause,
                                Instant now) {
    if (to < from) return fail("dirty.range", "the range ends (" + to.toString() + ") before it starts (" + from.toString() + ")");
    return store_.write([&](sqlite::Database& db) -> Status {
        for (LocalDate d = from; d <= to; ++d) {
            if (auto st = markIn(db, employee, d, cause, now); !st) return st;
        }
        return {};
    });
}

Result<std::vector<DirtyDay>> DirtyDayRepository::pending(int limit) {
    return store_.read([&](sqlite::Database& db) -> Result<std::vector<DirtyDay>> {
        auto st = db.prepare(
            "SELECT employee_id, date, cause, marked_at_us FROM dirty_days ORDER BY marked_at_us, employee_id, date "
            "LIMIT ?1");
        if (!st) return std::unexpected(st.error());
        st->bind(1, limit);
        std::vector<DirtyDay> out;
        while (true) {
            auto step = st->step();
            if (!step) return std::unexpected(step.error());
            if (*step == sqlite::Step::Done) break;
            auto date = LocalDate::parse(st->getText(1));
            if (!date) return fail("store.corrupt", "dirty_days holds a malformed date '" + st->getText(1) + "'");
            out.push_back({EmployeeId(st->getInt(0)), *date, st->getText(2), Instant::fromMicros(st->getInt(3))});
        }
        return out;
    });
}

Result<int> DirtyDayRepository::count() {
    return store_.read([&](sqlite::Database& db) -> Result<int> {
        auto st = db.prepare("SELECT count(*) FROM dirty_days");
        if (!st) return std::unexpected(st.error());
        if (auto step = st->step(); !step) return std::unexpected(step.error());
        return static_cast<int>(st->getInt(0));
    });
}

Status DirtyDayRepository::clear(EmployeeId employee, LocalDate date) {
    return store_.write([&](sqlite::Database& db) -> Status {
        auto st = db.cached("DELETE FROM dirty_days WHERE employee_id = ?1 AND date = ?2");
        if (!st) return std::unexpected(st.error());
        (*st)->bind(1, employee.value()).bind(2, date.toString());
        return (*st)->run();
    });
}

}  // namespace rollcall::store
