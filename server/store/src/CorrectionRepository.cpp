#include "rollcall/store/CorrectionRepository.hpp"

#include <fmt/format.h>

#include "Rows.hpp"

namespace rollcall::store {
namespace {

using rules::CorrectionKind;
using rules::CorrectionState;

std::string_view stateName(CorrectionState s) {
    switch (s) {
        case CorrectionState::Approved: return "approved";
        case CorrectionState::Rejected: return "rejected";
        case CorrectionState::Pending: break;
    }
    return "pending";
}

CorrectionState stateOf(std::string_view s) {
    if (s == "approved") return CorrectionState::Approved;
    if (s == "rejected") return CorrectionState::Rejected;
    return CorrectionState::Pending;
}

std::string_view kindName(CorrectionKind k) {
    switch (k) {
        case CorrectionKind::MissingIn: return "missing_in";
        case CorrectionKind::MissingOut: return "missing_out";
        case CorrectionKind::Other: break;
    }
    return "other";
}

CorrectionKind kindOf(std::string_view s) {
    if (s == "missing_in") return CorrectionKind::MissingIn;
    if (s == "missing_out") return CorrectionKind::MissingOut;
    return CorrectionKind::Other;
}

Result<rules::Correction> readCorrection(const sqlite::Statement& st) {
    rules::Correction c;
    c.id = CorrectionId(st.getInt(0));
    c.employee = EmployeeId(st.getInt(1));
    auto day = detail::dateColumn(st, 2);
    if (!day) return std::unexpected(day.error());
    c.day = *day;
    auto at = LocalDateTime::parse(st.getText(3));
    if (!at) return fail("store.corrupt", fmt::format("correction {} has a malformed time", c.id.value()));
    c.at = *at;
    c.kind = kindOf(st.getText(4));
    c.reason = st.getText(5);
    c.requestedBy = UserId(st.getInt(6));
    c.requestedAt = Instant::fromMicros(st.getInt(7));
    c.state = stateOf(st.getText(8));
    if (auto v = st.getOptInt(9)) c.decidedBy = UserId(*v);
    c.decidedAt = detail::optInstant(st, 10);
    c.decisionReason = st.getText(11);
    return c;
}

}  // namespace

Result<CorrectionId> CorrectionRepository::insert(const rules::Correction& c) {
    return store_.write([&](sqlite::Database& db) -> Result<CorrectionId> {
        auto st = db.prepare(
            "INSERT INTO corrections(employee_id, day, at_local, kind, reason, requested_by, requested_at_us, state, "
            "decided_by, decided_at_us, decision_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
        if (!st) return std::unexpected(st.error());
        std::optional<std::int64_t> by;
        std::optional<std::int64_t> at;
        if (c.decidedBy) by = c.decidedBy->value();
        if (c.decidedAt) at = c.decidedAt->micros();
        st->bind(1, c.employee.value()).bind(2, c.day.toString()).bind(3, c.at.toString()).bind(4, kindName(c.kind))
            .bind(5, c.reason).bind(6, c.requestedBy.value()).bind(7, c.requestedAt.micros()).bind(8, stateName(c.state))
            .bind(9, by).bind(10, at).bind(11, c.decisionReason);
        if (auto r = st->run(); !r) return std::unexpected(r.error());
        return CorrectionId(db.lastInsertRowId());
    });
}

Status CorrectionRepository::decide(const rules::Correction& c) {
    return store_.write([&](sqlite::Database& db) -> Status {
        auto st = db.prepare(
            "UPDATE corrections SET state = ?2, decided_by = ?3, decided_at_us = ?4, decision_reason = ?5 "
            "WHERE id = ?1 AND state = 'pending'");
        if (!st) return std::unexpected(st.error());
        std::optional<std::int64_t> by;
        std::optional<std::int64_t> at;
        if (c.decidedBy) by = c.decidedBy->value();
        if (c.decidedAt) at = c.decidedAt->micros();
        st->bind(1, c.id.value()).bind(2, stateName(c.state)).bind(3, by).bind(4, at).bind(5, c.decisionReason);
        if (auto r = st->run(); !r) return r;
        return detail::requireChanged(db, "correction.decided",
                                      fmt::format("correction {} is unknown or was already decided", c.id.value()));
    });
}

Result<std::optional<rules::Correction>> CorrectionRepository::get(CorrectionId id) {
    return store_.read([&](sqlite::Database& db) -> Result<std::optional<rules::Correction>> {
        auto st = db.prepare(
            "SELECT id, employee_id, day, at_local, kind, reason, requested_by, requested_at_us, state, decided_by, "
            "decided_at_us, decision_reason FROM corrections WHERE id = ?1");
        if (!st) return std::unexpected(st.error());
        st->bind(1, id.value());
        auto row = detail::stepRow(*st);
        if (!row) return std::unexpected(row.error());
        if (!*row) return std::optional<rules::Correction>{};
        auto c = readCorrection(*st);
        if (!c) return std::unexpected(c.error());
        return std::optional<rules::Correction>(std::move(*c));
    });
}

Result<std::vector<rules::Correction>> CorrectionRepository::list(const CorrectionFilter& f) {
    return store_.read([&](sqlite::Database& db) -> Result<std::vector<rules::Correction>> {
        std::string sql =
            "SELECT id, employee_id, day, at_local, kind, reason, requested_by, requested_at_us, state, decided_by, "
            "decided_at_us, decision_reason FROM corrections WHERE 1=1";
        if (f.employee) sql += " AND employee_id = ?1";
        if (f.department) {
            sql += " AND employee_id IN (SELECT e.id FROM employees e WHERE e.department_id IN (WITH RECURSIVE tree(id) AS "
                   "(SELECT ?2 UNION SELECT d.id FROM departments d JOIN tree t ON d.parent_id = t.id) SELECT id FROM tree))";
        }
        if (f.state) sql += " AND state = ?3";
        if (f.from) sql += " AND day >= ?4";
        if (f.to) sql += " AND day <= ?5";
        sql += " ORDER BY day, id LIMIT ?6 OFFSET ?7";
        auto stCached = db.cached(sql);
        if (!stCached) return std::unexpected(stCached.error());
        sqlite::Statement* st = *stCached;
        if (f.employee) st->bind(1, f.employee->value());
        if (f.department) st->bind(2, f.department->value());
        if (f.state) st->bind(3, stateName(*f.state));
        if (f.from) st->bind(4, f.from->toString());
        if (f.to) st->bind(5, f.to->toString());
        st->bind(6, f.limit).bind(7, f.offset);
        std::vector<rules::Correction> out;
        auto r = detail::eachRow(*st, [&](sqlite::Statement& row) -> Status {
            auto c = readCorrection(row);
            if (!c) return std::unexpected(c.error());
            out.push_back(std::move(*c));
            return {};
        });
        if (!r) return std::unexpected(r.error());
        return out;
    });
}

}  // namespace rollcall::store
