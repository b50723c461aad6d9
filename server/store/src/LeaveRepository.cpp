#include "rollcall/store/LeaveRepository.hpp"

#include <fmt/format.h>

#include <array>

#include "Rows.hpp"

namespace rollcall::store {
namespace {

using rules::LeaveState;
using rules::StepOutcome;

constexpr std::array<std::pair<LeaveState, std::string_view>, 5> kStates{{
    {LeaveState::Pending, "pending"}, {LeaveState::Approved, "approved"}, {LeaveState::Rejected, "rejected"},
    {LeaveState::Cancelled, "cancelled"}, {LeaveState::ReportedBack, "reported_back"},
}};
constexpr std::array<std::pair<StepOutcome, std::string_view>, 5> kOutcomes{{
    {StepOutcome::Pending, "pending"}, {StepOutcome::Approved, "approved"}, {StepOutcome::Rejected, "rejected"},
    {StepOutcome::Escalated, "escalated"}, {StepOutcome::Skipped, "skipped"},
}};

template <class E, std::size_t N>
std::string_view nameOf(const std::array<std::pair<E, std::string_view>, N>& t, E v) {
    for (const auto& [e, s] : t) {
        if (e == v) return s;
    }
    return t[0].second;
}

template <class E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, std::string_view>, N>& t, std::string_view s) {
    for (const auto& [e, n] : t) {
        if (n == s) return e;
    }
    return std::nullopt;
}

constexpr std::string_view kColumns =
    "r.id, r.employee_id, r.type, r.start_date, r.start_half, r.end_date, r.end_half, r.from_time, r.to_time, r.reason, "
    "r.amount_min, r.submitted_at_us, r.retroactive, r.state, r.cancelled_at_us, r.reported_back_at, r.report_back_confirmed_by";

Result<rules::LeaveRequest> readRequest(const sqlite::Statement& st) {
    rules::LeaveRequest r;
    r.id = LeaveId(st.getInt(0));
    r.employee = EmployeeId(st.getInt(1));
    r.type = st.getText(2);
    auto start = detail::dateColumn(st, 3);
    auto end = detail::dateColumn(st, 5);
    if (!start) return std::unexpected(start.error());
    if (!end) return std::unexpected(end.error());
    r.period.start = *start;
    r.period.startHalf = st.getText(4) == "pm" ? rules::HalfDay::Afternoon : rules::HalfDay::Morning;
    r.period.end = *end;
    r.period.endHalf = st.getText(6) == "am" ? rules::HalfDay::Morning : rules::HalfDay::Afternoon;
    if (auto t = st.getOptText(7)) r.period.fromTime = LocalTime::parse(*t);
    if (auto t = st.getOptText(8)) r.period.toTime = LocalTime::parse(*t);
    r.reason = st.getText(9);
    r.amount = std::chrono::minutes(st.getInt(10));
    r.submittedAt = Instant::fromMicros(st.getInt(11));
    r.retroactive = st.getInt(12) != 0;
    auto state = valueOf(kStates, st.getText(13));
    if (!state) return fail("store.corrupt", fmt::format("leave {} has an unknown state", r.id.value()));
    r.state = *state;
    r.cancelledAt = detail::optInstant(st, 14);
    if (auto t = st.getOptText(15)) r.reportedBackAt = LocalDateTime::parse(*t);
    if (auto v = st.getOptInt(16)) r.reportBackConfirmedBy = UserId(*v);
    return r;
}

Status loadSteps(sqlite::Database& db, rules::LeaveRequest& r) {
    auto stCached = db.cached(
        "SELECT role, deadline_us, outcome, decided_by, decided_at_us, reason, escalation, time_allowed_h FROM leave_steps "
        "WHERE leave_id = ?1 ORDER BY position");
    if (!stCached) return std::unexpected(stCached.error());
    sqlite::Statement* st = *stCached;
    st->bind(1, r.id.value());
    return detail::eachRow(*st, [&](sqlite::Statement& row) -> Status {
        rules::ApprovalStep s;
        s.role = row.getText(0);
        s.deadline = Instant::fromMicros(row.getInt(1));
        auto outcome = valueOf(kOutcomes, row.getText(2));
        if (!outcome) return fail("store.corrupt", fmt::format("leave {} has a step with an unknown outcome", r.id.value()));
        s.outcome = *outcome;
        if (auto v = row.getOptInt(3)) s.decidedBy = UserId(*v);
        s.decidedAt = detail::optInstant(row, 4);
        s.reason = row.getText(5);
        s.escalation = row.getInt(6) != 0;
        s.timeAllowed = std::chrono::hours(row.getInt(7));
        r.steps.push_back(std::move(s));
        return {};
    });
}

Result<std::vector<rules::LeaveRequest>> selectRequests(sqlite::Database& db, const std::string& whereAndOrder,
                                                        const auto& binder) {
    auto stCached = db.cached(fmt::format("SELECT {} FROM leave_requests r {}", kColumns, whereAndOrder));
    if (!stCached) return std::unexpected(stCached.error());
    sqlite::Statement* st = *stCached;
    binder(*st);
    std::vector<rules::LeaveRequest> out;
    auto r = detail::eachRow(*st, [&](sqlite::Statement& row) -> Status {
        auto req = readRequest(row);
        if (!req) return std::unexpected(req.error());
        out.push_back(std::move(*req));
        return {};
    });
    if (!r) return std::unexpected(r.error());
    for (auto& req : out) {
        if (auto s = loadSteps(db, req); !s) return std::unexpected(s.error());
    }
    return out;
}

Status writeSteps(sqlite::Database& db, const rules::LeaveRequest& r) {
    auto del = db.prepare("DELETE FROM leave_steps WHERE leave_id = ?1");
    if (!del) return std::unexpected(del.error());
    del->bind(1, r.id.value());
    if (auto x = del->run(); !x) return x;
    auto st = db.prepare(
        "INSERT INTO leave_steps(leave_id, position, role, deadline_us, outcome, decided_by, decided_at_us, reason, escalation, "
        "time_allowed_h) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!st) return std::unexpected(st.error());
    for (std::size_t i = 0; i < r.steps.size(); ++i) {
        const auto& s = r.steps[i];
        (void)st->reset();
        std::optional<std::int64_t> by;
        std::optional<std::int64_t> at;
        if (s.decidedBy) by = s.decidedBy->value();
        if (s.decidedAt) at = s.decidedAt->micros();
        st->bind(1, r.id.value()).bind(2, static_cast<std::int64_t>(i)).bind(3, s.role).bind(4, s.deadline.micros())
            .bind(5, nameOf(kOutcomes, s.outcome)).bind(6, by).bind(7, at).bind(8, s.reason).bind(9, s.escalation ? 1 : 0)
            .bind(10, static_cast<std::int64_t>(s.timeAllowed.count()));
        if (auto x = st->run(); !x) return x;
    }
    return {};
}

void bindRequest(sqlite::Statement& st, const rules::LeaveRequest& r, Instant now) {
    std::optional<std::string> fromTime;
    std::optional<std::string> toTime;
    std::optional<std::int64_t> cancelled;
    std::optional<std::string> reported;
    std::optional<std::int64_t> confirmedBy;
    if (r.period.fromTime) fromTime = r.period.fromTime->toString();
    if (r.period.toTime) toTime = r.period.toTime->toString();
    if (r.cancelledAt) cancelled = r.cancelledAt->micros();
    if (r.reportedBackAt) reported = r.reportedBackAt->toString();
    if (r.reportBackConfirmedBy) confirmedBy = r.reportBackConfirmedBy->value();
    st.bind(2, r.employee.value()).bind(3, r.type).bind(4, r.period.start.toString())
        .bind(5, r.period.startHalf == rules::HalfDay::Afternoon ? "pm" : "am").bind(6, r.period.end.toString())
        .bind(7, r.period.endHalf == rules::HalfDay::Morning ? "am" : "pm").bind(8, fromTime).bind(9, toTime)
        .bind(10, r.reason).bind(11, static_cast<std::int64_t>(r.amount.count())).bind(12, r.submittedAt.micros())
        .bind(13, r.retroactive ? 1 : 0).bind(14, nameOf(kStates, r.state)).bind(15, cancelled).bind(16, reported)
        .bind(17, confirmedBy).bind(18, now.micros());
}

}  // namespace

Result<LeaveId> LeaveRepository::insert(const rules::LeaveRequest& request, Instant now) {
    return store_.write([&](sqlite::Database& db) -> Result<LeaveId> {
        auto st = db.prepare(
            "INSERT INTO leave_requests(employee_id, type, start_date, start_half, end_date, end_half, from_time, to_time, "
            "reason, amount_min, submitted_at_us, retroactive, state, cancelled_at_us, reported_back_at, "
            "report_back_confirmed_by, updated_at_us) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
            "?16, ?17, ?18)");
        if (!st) return std::unexpected(st.error());
        bindRequest(*st, request, now);
        if (auto r = st->run(); !r) return std::unexpected(r.error());
        rules::LeaveRequest stored = request;
        stored.id = LeaveId(db.lastInsertRowId());
        if (auto r = writeSteps(db, stored); !r) return std::unexpected(r.error());
        return stored.id;
    });
}

Status LeaveRepository::update(const rules::LeaveRequest& request, Instant now) {
    return store_.write([&](sqlite::Database& db) -> Status {
        auto st = db.prepare(
            "UPDATE leave_requests SET employee_id = ?2, type = ?3, start_date = ?4, start_half = ?5, end_date = ?6, "
            "end_half = ?7, from_time = ?8, to_time = ?9, reason = ?10, amount_min = ?11, submitted_at_us = ?12, "
            "retroactive = ?13, state = ?14, cancelled_at_us = ?15, reported_back_at = ?16, report_back_confirmed_by = ?17, "
            "updated_at_us = ?18 WHERE id = ?1");
        if (!st) return std::unexpected(st.error());
        st->bind(1, request.id.value());
        bindRequest(*st, request, now);
        if (auto r = st->run(); !r) return r;
        if (auto r = detail::requireChanged(db, "leave.unknown", fmt::format("no leave request with id {}", request.id.value())); !r) return r;
        return writeSteps(db, request);
    });
}

Result<std::optional<rules::LeaveRequest>> LeaveRepository::get(LeaveId id) {
    return store_.read([&](sqlite::Database& db) {
        return detail::firstOf(selectRequests(db, "WHERE r.id = ?1", [&](sqlite::Statement& s) { s.bind(1, id.value()); }));
    });
}

Result<std::vector<rules::LeaveRequest>> LeaveRepository::list(const LeaveFilter& f) {
    return store_.read([&](sqlite::Database& db) {
        std::string where = "WHERE 1=1";
        if (f.employee) where += " AND r.employee_id = ?1";
        if (f.department) {
            where += " AND r.employee_id IN (SELECT e.id FROM employees e WHERE e.department_id IN (WITH RECURSIVE tree(id) AS "
                     "(SELECT ?2 UNION SELECT d.id FROM departments d JOIN tree t ON d.parent_id = t.id) SELECT id FROM tree))";
        }
        if (f.state) where += " AND r.state = ?3";
        if (f.from) where += " AND r.end_date >= ?4";
        if (f.to) where += " AND r.start_date <= ?5";
        where += " ORDER BY r.start_date, r.id LIMIT ?6 OFFSET ?7";
        return selectRequests(db, where, [&](sqlite::Statement& s) {
            if (f.employee) s.bind(1, f.employee->value());
            if (f.department) s.bind(2, f.department->value());
            if (f.state) s.bind(3, nameOf(kStates, *f.state));
            if (f.from) s.bind(4, f.from->toString());
            if (f.to) s.bind(5, f.to->toString());
            s.bind(6, f.limit).bind(7, f.offset);
        });
    });
}

Result<std::vector<rules::LeaveRequest>> LeaveRepository::withOverdueSteps(Instant now) {
    return store_.read([&](sqlite::Database& db) {
        return selectRequests(db,
                              // Only the current (first pending) step has a running deadline.
                              "WHERE r.state = 'pending' AND (SELECT s.deadline_us FROM leave_steps s WHERE s.leave_id = r.id "
                              "AND s.outcome = 'pending' ORDER BY s.position LIMIT 1) < ?1 ORDER BY r.id",
                              [&](sqlite::Statement& s) { s.bind(1, now.micros()); });
    });
}

Result<std::vector<rules::LeaveRequest>> LeaveRepository::endedWithoutReportBack(LocalDate date) {
    return store_.read([&](sqlite::Database& db) {
        return selectRequests(db, "WHERE r.state = 'approved' AND r.end_date < ?1 ORDER BY r.id",
                              [&](sqlite::Statement& s) { s.bind(1, date.toString()); });
    });
}

Result<bool> LeaveRepository::recordOverrun(const rules::LeaveOverrun& o, Instant now) {
    return store_.write([&](sqlite::Database& db) -> Result<bool> {
        auto existing = db.prepare("SELECT 1 FROM leave_overruns WHERE leave_id = ?1");
        if (!existing) return std::unexpected(existing.error());
        existing->bind(1, o.leave.value());
        auto found = detail::stepRow(*existing);
        if (!found) return std::unexpected(found.error());
        auto st = db.prepare(
            "INSERT INTO leave_overruns(leave_id, employee_id, deadline, first_day, last_day, message, found_at_us, updated_at_us) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) ON CONFLICT(leave_id) DO UPDATE SET last_day = excluded.last_day, "
            "message = excluded.message, updated_at_us = excluded.updated_at_us");
        if (!st) return std::unexpected(st.error());
        st->bind(1, o.leave.value()).bind(2, o.employee.value()).bind(3, o.deadline.toString()).bind(4, o.firstDay.toString())
            .bind(5, o.lastDay.toString()).bind(6, o.message).bind(7, now.micros());
        if (auto r = st->run(); !r) return std::unexpected(r.error());
        return !*found;
    });
}

Result<std::vector<StoredOverrun>> LeaveRepository::overruns(std::optional<EmployeeId> employee) {
    return store_.read([&](sqlite::Database& db) -> Result<std::vector<StoredOverrun>> {
        auto st = db.prepare(
            "SELECT leave_id, employee_id, deadline, first_day, last_day, message, found_at_us FROM leave_overruns "
            "WHERE ?1 IS NULL OR employee_id = ?1 ORDER BY found_at_us, leave_id");
        if (!st) return std::unexpected(st.error());
        if (employee) st->bind(1, employee->value());
        std::vector<StoredOverrun> out;
        auto r = detail::eachRow(*st, [&](sqlite::Statement& row) -> Status {
            StoredOverrun s;
            s.overrun.leave = LeaveId(row.getInt(0));
            s.overrun.employee = EmployeeId(row.getInt(1));
            auto d = detail::dateColumn(row, 2);
            auto f = detail::dateColumn(row, 3);
            auto l = detail::dateColumn(row, 4);
            if (!d || !f || !l) return fail("store.corrupt", "malformed date in leave_overruns");
            s.overrun.deadline = *d;
            s.overrun.firstDay = *f;
            s.overrun.lastDay = *l;
            s.overrun.message = row.getText(5);
            s.foundAt = Instant::fromMicros(row.getInt(6));
            out.push_back(std::move(s));
            return {};
        });
        if (!r) return std::unexpected(r.error());
        return out;
    });
}

}  // namespace rollcall::store
