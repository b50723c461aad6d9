#include "rollcall/spotcheck/PunchReader.hpp"

#include "Sql.hpp"

namespace rollcall::spotcheck {
namespace {

Error explain(const Error& e) {
    if (e.message.find("no such table") != std::string::npos) {
        return Error{"spotcheck.punches_missing",
                     "the store's punches table is missing: migrate the attendance store before evaluating spot checks",
                     std::nullopt};
    }
    return e;
}

}  // namespace

Result<PunchWindow> PunchReader::read(sqlite::Database& db, Instant from, Instant to) {
    PunchWindow out;
    auto st = sql::prepare(db,
                           "SELECT id, employee_id, terminal_id, method, at_us, received_at_us, face_score, "
                           "finger_score, liveness_score, spotcheck_id, clock_offset_us "
                           "FROM punches WHERE at_us BETWEEN ?1 AND ?2 AND terminal_id IS NOT NULL",
                           from, to);
    if (!st) return std::unexpected(explain(st.error()));
    for (;;) {
        auto step = st->step();
        if (!step) return std::unexpected(step.error());
        if (*step == sqlite::Step::Done) break;
        VerificationPunch p;
        p.id = PunchId(st->getInt(0));
        p.employee = EmployeeId(st->getInt(1));
        p.terminal = TerminalId(st->getInt(2));
        p.method = st->getText(3);
        p.at = Instant::fromMicros(st->getInt(4));
        p.receivedAt = Instant::fromMicros(st->getInt(5));
        p.faceScore = sql::optDouble(*st, 6);
        p.fingerScore = sql::optDouble(*st, 7);
        p.livenessScore = sql::optDouble(*st, 8);
        if (!st->isNull(9)) p.taggedCheck = SpotCheckId(st->getInt(9));
        p.clockOffsetUs = st->getOptInt(10);
        out.punches.push_back(std::move(p));
    }
    auto max = sql::prepare(db, "SELECT COALESCE(MAX(id), 0) FROM punches");
    if (!max) return std::unexpected(explain(max.error()));
    auto step = max->step();
    if (!step) return std::unexpected(step.error());
    out.maxPunchId = max->getInt(0);
    return out;
}

Result<bool> PunchReader::hasNewer(sqlite::Database& db, Instant from, Instant to, std::int64_t afterPunchId) {
    auto st = sql::prepare(db,
                           "SELECT EXISTS (SELECT 1 FROM punches WHERE id > ?3 AND at_us BETWEEN ?1 AND ?2 "
                           "AND terminal_id IS NOT NULL)",
                           from, to, afterPunchId);
    if (!st) return std::unexpected(explain(st.error()));
    auto step = st->step();
    if (!step) return std::unexpected(step.error());
    return st->getInt(0) != 0;
}

}  // namespace rollcall::spotcheck
