#include "rollcall/enrolment/ReportBackFeed.hpp"

#include <vector>

#include "rollcall/services/LeaveService.hpp"

namespace rollcall::enrolment {
namespace {

struct Seen {
    std::int64_t id;
    EmployeeId employee;
    Instant at;
};

Result<std::int64_t> cursor(sqlite::Database& db) {
    auto s = db.prepare("SELECT last_punch_id FROM enrolment_report_back_cursor WHERE id = 1");
    if (!s) return std::unexpected(s.error());
    auto step = s->step();
    if (!step) return std::unexpected(step.error());
    if (*step != sqlite::Step::Row) return fail("enrolment.schema", "the report-back cursor row is missing");
    return s->getInt(0);
}

Result<std::vector<Seen>> after(sqlite::Database& db, std::int64_t last, int limit) {
    // Manual punches and corrections are people typing, not someone standing at a terminal.
    auto s = db.prepare(
        "SELECT id, employee_id, at_us FROM punches WHERE id > ?1 AND source = 'terminal' ORDER BY id LIMIT ?2");
    if (!s) return std::unexpected(s.error());
    s->bind(1, last).bind(2, static_cast<std::int64_t>(limit));
    std::vector<Seen> out;
    for (;;) {
        auto step = s->step();
        if (!step) return std::unexpected(step.error());
        if (*step == sqlite::Step::Done) return out;
        out.push_back({s->getInt(0), EmployeeId(s->getInt(1)), Instant::fromMicros(s->getInt(2))});
    }
}

}  // namespace

Result<ReportBackRun> ReportBackFeed::run(Instant now) {
    return store_.write([&](sqlite::Database& db) -> Result<ReportBackRun> {
        auto last = cursor(db);
        if (!last) return std::unexpected(last.error());
        auto seen = after(db, *last, batch_);
        if (!seen) return std::unexpected(seen.error());
        ReportBackRun run;
        services::LeaveService leave(store_);
        for (const auto& p : *seen) {
            // Nested in this transaction (a savepoint): one refused report-back rolls back alone.
            auto r = leave.reportBackByPunch(p.employee, p.at, now);
            ++run.punches;
            if (!r) {
                if (run.failed++ == 0) run.firstError = r.error().message;
            } else if (*r) {
                ++run.reportedBack;
            }
        }
        if (!seen->empty()) {
            auto up = db.prepare("UPDATE enrolment_report_back_cursor SET last_punch_id = ?1 WHERE id = 1");
            if (!up) return std::unexpected(up.error());
            up->bind(1, seen->back().id);
            if (auto st = up->run(); !st) return std::unexpected(st.error());
        }
        return run;
    });
}

}  // namespace rollcall::enrolment
