#include "rollcall/store/PunchRepository.hpp"

#include <fmt/format.h>

#include <array>
#include <limits>
#include <map>
#include <string>
#include <utility>

#include "Rows.hpp"
#include "rollcall/store/DirtyDayRepository.hpp"

namespace rollcall::store {
namespace {

constexpr std::array<std::pair<PunchMethod, std::string_view>, 6> kMethods{{
    {PunchMethod::Face, "face"},
    {PunchMethod::Fingerprint, "fingerprint"},
    {PunchMethod::FaceAndFingerprint, "face+fingerprint"},
    {PunchMethod::Card, "card"},
    {PunchMethod::Pin, "pin"},
    {PunchMethod::Manual, "manual"},
}};
constexpr std::array<std::pair<PunchSource, std::string_view>, 3> kSources{{
    {PunchSource::Terminal, "terminal"},
    {PunchSource::Manual, "manual"},
    {PunchSource::Correction, "correction"},
}};

constexpr std::string_view kColumns =
    "id, terminal_id, terminal_seq, employee_id, method, at_us, terminal_time_us, clock_offset_us, face_score, "
    "finger_score, liveness_score, spotcheck_id, signature, received_at_us, source, reason, created_by, prev_hash";

Result<StoredPunch> readPunch(const sqlite::Statement& st) {
    StoredPunch p;
    p.id = PunchId(st.getInt(0));
    NewPunch& n = p.punch;
    if (auto v = st.getOptInt(1)) n.terminalId = TerminalId(*v);
    if (auto v = st.getOptInt(2)) n.terminalSeq = static_cast<TerminalSeq>(*v);
    n.employeeId = EmployeeId(st.getInt(3));
    auto method = parsePunchMethod(st.getText(4));
    if (!method) return fail("store.corrupt", "punch " + std::to_string(p.id.value()) + " has an unknown method");
    n.method = *method;
    n.at = Instant::fromMicros(st.getInt(5));
    n.terminalTime = detail::optInstant(st, 6);
    if (auto v = st.getOptInt(7)) n.clockOffset = std::chrono::microseconds(*v);
    n.faceScore = detail::optDouble(st, 8);
    n.fingerScore = detail::optDouble(st, 9);
    n.livenessScore = detail::optDouble(st, 10);
    if (auto v = st.getOptInt(11)) n.spotCheckId = SpotCheckId(*v);
    if (!st.isNull(12)) n.signature = st.getBlob(12);
    n.receivedAt = Instant::fromMicros(st.getInt(13));
    auto source = parsePunchSource(st.getText(14));
    if (!source) return fail("store.corrupt", "punch " + std::to_string(p.id.value()) + " has an unknown source");
    n.source = *source;
    n.reason = st.getOptText(15);
    if (auto v = st.getOptInt(16)) n.createdBy = EmployeeId(*v);
    if (!st.isNull(17)) n.prevHash = st.getBlob(17);
    return p;
}

Status validate(const NewPunch& p, std::size_t i) {
    const auto field = [&](std::string_view name) { return fmt::format("punches[{}].{}", i, name); };
    if (!p.employeeId.valid()) return fail("punch.invalid", fmt::format("punch {} names no employee", i), field("employee_id"));
    if (p.terminalId.has_value() != p.terminalSeq.has_value()) {
        return fail("punch.invalid", fmt::format("punch {} must carry both a terminal and a sequence number, or neither", i),
                    field("terminal_seq"));
    }
    if (p.terminalSeq && *p.terminalSeq > static_cast<TerminalSeq>(std::numeric_limits<std::int64_t>::max())) {
        return fail("punch.invalid", fmt::format("punch {} has a sequence number beyond 2^63-1", i), field("terminal_seq"));
    }
    if (p.source == PunchSource::Terminal && !p.terminalId) {
        return fail("punch.invalid", fmt::format("punch {} comes from a terminal but names none", i), field("terminal_id"));
    }
    if (p.source != PunchSource::Terminal && (!p.reason || p.reason->empty())) {
        return fail("punch.invalid", fmt::format("punch {} was entered by hand and needs a reason", i), field("reason"));
    }
    return {};
}

// What the terminal vouched for; `at` may legitimately differ on a resend when the gateway's
// clock-offset estimate moved, so the terminal's own time is compared when there is one.
bool sameContent(const NewPunch& a, const NewPunch& b) {
    const bool sameTime = (a.terminalTime && b.terminalTime) ? *a.terminalTime == *b.terminalTime : a.at == b.at;
    return sameTime && a.employeeId == b.employeeId && a.method == b.method && a.faceScore == b.faceScore &&
           a.fingerScore == b.fingerScore && a.livenessScore == b.livenessScore && a.spotCheckId == b.spotCheckId &&
           a.signature == b.signature && a.prevHash == b.prevHash;
}

// The causes of one person-day within a batch, bounded like DirtyDayRepository::markIn bounds them.
struct DirtyMark {
    std::string cause;
    Instant at;
    void add(std::string_view more) {
        if (cause.size() < 400 && cause.find(more) == std::string::npos) {
            cause += "; ";
            cause += more;
        }
    }
};

template <class T, class F>
std::optional<std::int64_t> optValue(const std::optional<T>& v, F&& f) {
    if (v) return f(*v);
    return std::nullopt;
}

}  // namespace

std::string_view toString(PunchMethod method) {
    for (const auto& [m, s] : kMethods) {
        if (m == method) return s;
    }
    return "face";
}

std::optional<PunchMethod> parsePunchMethod(std::string_view text) {
    for (const auto& [m, s] : kMethods) {
        if (s == text) return m;
    }
    return std::nullopt;
}

std::string_view toString(PunchSource source) {
    for (const auto& [m, s] : kSources) {
        if (m == source) return s;
    }
    return "terminal";
}

std::optional<PunchSource> parsePunchSource(std::string_view text) {
    for (const auto& [m, s] : kSources) {
        if (s == text) return m;
    }
    return std::nullopt;
}

Result<std::vector<InsertOutcome>> PunchRepository::insertBatch(std::span<const NewPunch> punches) {
    for (std::size_t i = 0; i < punches.size(); ++i) {
        if (auto st = validate(punches[i], i); !st) return std::unexpected(st.error());
    }
    return store_.write([&](sqlite::Database& db) -> Result<std::vector<InsertOutcome>> {
        static const std::string kFind = fmt::format("SELECT {} FROM punches WHERE terminal_id = ?1 AND terminal_seq = ?2", kColumns);
        auto find = db.cached(kFind);
        // A resend of a stored (terminal, seq) inserts nothing; only then is the stored row read
        // and compared, so a new punch costs one index search, not two.
        auto insert = db.cached(
            "INSERT INTO punches(terminal_id, terminal_seq, employee_id, method, at_us, terminal_time_us, "
            "clock_offset_us, face_score, finger_score, liveness_score, spotcheck_id, signature, received_at_us, "
            "source, reason, created_by, prev_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
            "?16, ?17) "
            "ON CONFLICT(terminal_id, terminal_seq) DO NOTHING");
        if (!find) return std::unexpected(find.error());
        if (!insert) return std::unexpected(insert.error());
        sqlite::Statement& findSt = **find;
        sqlite::Statement& insertSt = **insert;
        // Each (employee, day) is marked once per batch: a busy terminal sends many punches of one person-day.
        std::map<std::pair<std::int64_t, LocalDate>, DirtyMark> dirty;
        std::vector<InsertOutcome> outcomes;
        outcomes.reserve(punches.size());
        for (std::size_t i = 0; i < punches.size(); ++i) {
            const NewPunch& p = punches[i];
            (void)insertSt.reset();
            insertSt.bind(1, optValue(p.terminalId, [](TerminalId t) { return t.value(); }))
                .bind(2, optValue(p.terminalSeq, [](TerminalSeq s) { return static_cast<std::int64_t>(s); }))
                .bind(3, p.employeeId.value())
                .bind(4, toString(p.method))
                .bind(5, p.at.micros())
                .bind(6, optValue(p.terminalTime, [](Instant t) { return t.micros(); }))
                .bind(7, optValue(p.clockOffset, [](std::chrono::microseconds d) { return static_cast<std::int64_t>(d.count()); }))
                .bind(8, p.faceScore)
                .bind(9, p.fingerScore)
                .bind(10, p.livenessScore)
                .bind(11, optValue(p.spotCheckId, [](SpotCheckId s) { return s.value(); }))
                .bind(13, p.receivedAt.micros())
                .bind(14, toString(p.source))
                .bind(15, p.reason)
                .bind(16, optValue(p.createdBy, [](EmployeeId e) { return e.value(); }));
            if (p.signature) {
                insertSt.bindBlob(12, *p.signature);
            } else {
                insertSt.bindNull(12);
            }
            if (p.prevHash) {
                insertSt.bindBlob(17, *p.prevHash);
            } else {
                insertSt.bindNull(17);
            }
            if (auto st = insertSt.run(); !st) return std::unexpected(st.error());
            if (db.changes() == 0) {
                // Only a terminal punch can collide (manual ones have a NULL terminal).
                (void)findSt.reset();
                findSt.bind(1, p.terminalId->value()).bind(2, static_cast<std::int64_t>(*p.terminalSeq));
                auto row = detail::stepRow(findSt);
                if (!row) return std::unexpected(row.error());
                if (!*row) return fail("store.corrupt", fmt::format("punch {} was neither inserted nor found", i));
                auto stored = readPunch(findSt);
                if (!stored) return std::unexpected(stored.error());
                if (!sameContent(stored->punch, p)) {
                    return fail("punch.conflict",
                                fmt::format("terminal {} sent sequence number {} again with different content "
                                            "(stored as punch {}); the stored punch is kept and nothing of this "
                                            "batch was stored",
                                            p.terminalId->value(), *p.terminalSeq, stored->id.value()),
                                fmt::format("punches[{}]", i));
                }
                outcomes.push_back(InsertOutcome::Duplicate);
                continue;
            }
            const auto id = db.lastInsertRowId();
            // The day before too: an early-morning punch may close the previous day's night shift.
            const LocalDate date = store_.timeZone().toLocal(p.at).date();
            const std::string cause =
                p.terminalId ? fmt::format("punch {} from terminal {} (seq {})", id, p.terminalId->value(), *p.terminalSeq)
                             : fmt::format("{} punch {}", toString(p.source), id);
            for (LocalDate d : {date - 1, date}) {
                auto [it, fresh] = dirty.try_emplace({p.employeeId.value(), d}, DirtyMark{cause, p.receivedAt});
                if (!fresh) it->second.add(cause);
            }
            outcomes.push_back(InsertOutcome::Inserted);
        }
        for (const auto& [key, mark] : dirty) {
            if (auto st = DirtyDayRepository::markIn(db, EmployeeId(key.first), key.second, mark.cause, mark.at); !st) {
                return std::unexpected(st.error());
            }
        }
        return outcomes;
    });
}

Result<std::optional<StoredPunch>> PunchRepository::get(PunchId id) {
    return store_.read([&](sqlite::Database& db) -> Result<std::optional<StoredPunch>> {
        auto stCached = db.cached(fmt::format("SELECT {} FROM punches WHERE id = ?1", kColumns));
        if (!stCached) return std::unexpected(stCached.error());
        sqlite::Statement* st = *stCached;
        st->bind(1, id.value());
        auto row = detail::stepRow(*st);
        if (!row) return std::unexpected(row.error());
        if (!*row) return std::optional<StoredPunch>{};
        auto p = readPunch(*st);
        if (!p) return std::unexpected(p.error());
        return std::optional<StoredPunch>(std::move(*p));
    });
}

Result<std::optional<StoredPunch>> PunchRepository::find(TerminalId terminal, TerminalSeq seq) {
    auto list = forTerminal(terminal, seq, 1);
    if (!list) return std::unexpected(list.error());
    if (list->empty() || list->front().punch.terminalSeq != seq) return std::optional<StoredPunch>{};
    return std::optional<StoredPunch>(std::move(list->front()));
}

Result<std::vector<StoredPunch>> PunchRepository::forTerminal(TerminalId terminal, TerminalSeq from, int limit) {
    return store_.read([&](sqlite::Database& db) -> Result<std::vector<StoredPunch>> {
        auto stCached = db.cached(fmt::format(
            "SELECT {} FROM punches WHERE terminal_id = ?1 AND terminal_seq >= ?2 ORDER BY terminal_seq LIMIT ?3", kColumns));
        if (!stCached) return std::unexpected(stCached.error());
        sqlite::Statement* st = *stCached;
        st->bind(1, terminal.value()).bind(2, static_cast<std::int64_t>(from)).bind(3, static_cast<std::int64_t>(limit));
        std::vector<StoredPunch> out;
        for (;;) {
            auto row = detail::stepRow(*st);
            if (!row) return std::unexpected(row.error());
            if (!*row) break;
            auto p = readPunch(*st);
            if (!p) return std::unexpected(p.error());
            out.push_back(std::move(*p));
        }
        return out;
    });
}

Result<std::vector<StoredPunch>> PunchRepository::list(const PunchFilter& filter) {
    return store_.read([&](sqlite::Database& db) -> Result<std::vector<StoredPunch>> {
        std::string sql = fmt::format("SELECT {} FROM punches p WHERE 1=1", kColumns);
        if (filter.employee) sql += " AND employee_id = ?1";
        if (filter.department) sql += " AND employee_id IN (SELECT id FROM employees WHERE department_id = ?2)";
        if (filter.terminal) sql += " AND terminal_id = ?3";
        if (filter.from) sql += " AND at_us >= ?4";
        if (filter.to) sql += " AND at_us < ?5";
        if (filter.source) sql += " AND source = ?6";
        sql += " ORDER BY at_us, id LIMIT ?7 OFFSET ?8";
        auto stCached = db.cached(sql);
        if (!stCached) return std::unexpected(stCached.error());
        sqlite::Statement* st = *stCached;
        if (filter.employee) st->bind(1, filter.employee->value());
        if (filter.department) st->bind(2, filter.department->value());
        if (filter.terminal) st->bind(3, filter.terminal->value());
        if (filter.from) st->bind(4, filter.from->micros());
        if (filter.to) st->bind(5, filter.to->micros());
        if (filter.source) st->bind(6, toString(*filter.source));
        st->bind(7, filter.limit).bind(8, filter.offset);
        std::vector<StoredPunch> out;
        auto done = detail::eachRow(*st, [&](sqlite::Statement& row) -> Status {
            auto p = readPunch(row);
            if (!p) return std::unexpected(p.error());
            out.push_back(std::move(*p));
            return {};
        });
        if (!done) return std::unexpected(done.error());
        return out;
    });
}

Result<std::vector<StoredPunch>> PunchRepository::forEmployee(EmployeeId employee, Instant from, Instant to) {
    PunchFilter f;
    f.employee = employee;
    f.from = from;
    f.to = to;
    f.limit = 100000;
    return list(f);
}

}  // namespace rollcall::store
