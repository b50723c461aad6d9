#include "rollcall/journal/Journal.hpp"

#include <array>
#include <string>

#include "rollcall/sqlite/Migrations.hpp"

namespace rollcall::journal {
namespace {

constexpr std::array kMigrations = {
    sqlite::Migration{1, R"sql(
CREATE TABLE journal_punches (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  terminal_id INTEGER NOT NULL,
  employee_id INTEGER NOT NULL,
  method INTEGER NOT NULL,
  face_score REAL,
  finger_score REAL,
  liveness_score REAL,
  terminal_time_us INTEGER NOT NULL,
  clock_offset_us INTEGER NOT NULL,
  spotcheck_id INTEGER,
  signature BLOB NOT NULL,
  recorded_at_us INTEGER NOT NULL,
  acked_at_us INTEGER
);
CREATE INDEX journal_punches_pending ON journal_punches(seq) WHERE acked_at_us IS NULL;
CREATE INDEX journal_punches_acked ON journal_punches(acked_at_us) WHERE acked_at_us IS NOT NULL;
)sql"},
    // Protocol 2: each punch carries the digest of the one before (a hash chain). The chain's
    // head lives in its own row because pruning may delete every acknowledged punch.
    sqlite::Migration{2, R"sql(
ALTER TABLE journal_punches ADD COLUMN prev_hash BLOB;
CREATE TABLE journal_chain (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  digest BLOB NOT NULL
);
)sql"},
};

constexpr const char* kColumns =
    "seq, terminal_id, employee_id, method, face_score, finger_score, liveness_score, terminal_time_us, "
    "clock_offset_us, spotcheck_id, signature, prev_hash";

std::optional<double> optReal(const sqlite::Statement& s, int col) {
    return s.isNull(col) ? std::nullopt : std::optional<double>(s.getDouble(col));
}

proto::PunchRecord readPunch(const sqlite::Statement& s) {
    proto::PunchRecord p;
    p.seq = static_cast<TerminalSeq>(s.getInt(0));
    p.terminal = TerminalId(s.getInt(1));
    p.employee = EmployeeId(s.getInt(2));
    p.method = static_cast<proto::PunchMethod>(s.getInt(3));
    p.faceScore = optReal(s, 4);
    p.fingerScore = optReal(s, 5);
    p.livenessScore = optReal(s, 6);
    p.terminalTimeUs = s.getInt(7);
    p.clockOffsetUs = s.getInt(8);
    if (!s.isNull(9)) p.spotCheck = SpotCheckId(s.getInt(9));
    const auto sig = s.getBlob(10);
    std::copy_n(sig.begin(), std::min(sig.size(), p.signature.size()), p.signature.begin());
    if (!s.isNull(11)) {
        const auto prev = s.getBlob(11);
        std::copy_n(prev.begin(), std::min(prev.size(), p.prev.size()), p.prev.begin());
    }
    return p;
}

}  // namespace

Result<std::unique_ptr<Journal>> Journal::open(const std::filesystem::path& file, TerminalId terminal,
                                               crypto::SigningKey key, JournalOptions options) {
    sqlite::OpenOptions o;
    o.synchronous = sqlite::Synchronous::Full;
    auto db = sqlite::Database::open(file, o);
    if (!db) return std::unexpected(db.error());
    if (auto v = sqlite::migrate(*db, "journal", kMigrations); !v) return std::unexpected(v.error());
    std::unique_ptr<Journal> journal(new Journal(std::move(*db), terminal, key, options));
    if (auto st = journal->chainLegacyPunches(); !st) return std::unexpected(st.error());
    return journal;
}

Result<proto::ChainDigest> Journal::chainHeadLocked() {
    auto s = db_.prepare("SELECT digest FROM journal_chain WHERE id = 1");
    if (!s) return std::unexpected(s.error());
    auto step = s->step();
    if (!step) return std::unexpected(step.error());
    proto::ChainDigest head{};
    if (*step == sqlite::Step::Row) {
        const auto d = s->getBlob(0);
        if (d.size() != head.size()) return fail("journal.corrupt", "the chain head is not a 32-byte digest");
        std::copy(d.begin(), d.end(), head.begin());
    }
    return head;
}

Status Journal::setChainHeadLocked(const proto::PunchRecord& last) {
    const auto digest = proto::chainDigest(last);
    auto s = db_.prepare("INSERT INTO journal_chain(id, seq, digest) VALUES (1, ?1, ?2) "
                         "ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, digest = excluded.digest");
    if (!s) return std::unexpected(s.error());
    s->bind(1, static_cast<std::int64_t>(last.seq)).bindBlob(2, digest);
    return s->run();
}

// Punches journalled by a protocol-1 build and not yet acknowledged: chain and sign them again
// (the key is the terminal's own), so that they can still be delivered.
Status Journal::chainLegacyPunches() {
    std::lock_guard lock(mutex_);
    auto tx = sqlite::Transaction::begin(db_);
    if (!tx) return std::unexpected(tx.error());
    auto s = db_.prepare(std::string("SELECT ") + kColumns +
                         " FROM journal_punches WHERE prev_hash IS NULL AND acked_at_us IS NULL ORDER BY seq");
    if (!s) return std::unexpected(s.error());
    std::vector<proto::PunchRecord> legacy;
    for (;;) {
        auto step = s->step();
        if (!step) return std::unexpected(step.error());
        if (*step == sqlite::Step::Done) break;
        legacy.push_back(readPunch(*s));
    }
    if (legacy.empty()) return {};
    auto head = chainHeadLocked();
    if (!head) return std::unexpected(head.error());
    auto upd = db_.prepare("UPDATE journal_punches SET prev_hash = ?1, signature = ?2 WHERE seq = ?3");
    if (!upd) return std::unexpected(upd.error());
    proto::ChainDigest prev = *head;
    for (auto& p : legacy) {
        p.prev = prev;
        proto::sign(p, key_);
        upd->bindBlob(1, p.prev).bindBlob(2, p.signature).bind(3, static_cast<std::int64_t>(p.seq));
        if (auto st = upd->run(); !st) return std::unexpected(st.error());
        if (auto st = upd->reset(); !st) return std::unexpected(st.error());
        prev = proto::chainDigest(p);
    }
    if (auto st = setChainHeadLocked(legacy.back()); !st) return st;
    return tx->commit();
}

Result<TerminalSeq> Journal::lastSeqLocked() {
    auto s = db_.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'journal_punches'");
    if (!s) return std::unexpected(s.error());
    auto step = s->step();
    if (!step) return std::unexpected(step.error());
    return *step == sqlite::Step::Row ? static_cast<TerminalSeq>(s->getInt(0)) : TerminalSeq{0};
}

Result<TerminalSeq> Journal::lastSeq() {
    std::lock_guard lock(mutex_);
    return lastSeqLocked();
}

Result<proto::PunchRecord> Journal::append(const PunchDraft& d, Instant now) {
    std::lock_guard lock(mutex_);
    auto tx = sqlite::Transaction::begin(db_);
    if (!tx) return std::unexpected(tx.error());
    auto last = lastSeqLocked();
    if (!last) return std::unexpected(last.error());

    proto::PunchRecord p;
    p.terminal = terminal_;
    p.seq = *last + 1;
    p.employee = d.employee;
    p.method = d.method;
    p.faceScore = d.faceScore;
    p.fingerScore = d.fingerScore;
    p.livenessScore = d.livenessScore;
    p.terminalTimeUs = d.terminalTimeUs;
    p.clockOffsetUs = d.clockOffsetUs;
    p.spotCheck = d.spotCheck;
    auto head = chainHeadLocked();
    if (!head) return std::unexpected(head.error());
    p.prev = *head;
    proto::sign(p, key_);

    auto ins = db_.prepare(std::string("INSERT INTO journal_punches(") + kColumns +
                           ", recorded_at_us) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    if (!ins) return std::unexpected(ins.error());
    ins->bind(1, static_cast<std::int64_t>(p.seq))
        .bind(2, p.terminal.value())
        .bind(3, p.employee.value())
        .bind(4, static_cast<std::int64_t>(p.method))
        .bind(5, p.faceScore)
        .bind(6, p.fingerScore)
        .bind(7, p.livenessScore)
        .bind(8, p.terminalTimeUs)
        .bind(9, p.clockOffsetUs);
    if (p.spotCheck) ins->bind(10, p.spotCheck->value()); else ins->bindNull(10);
    ins->bindBlob(11, p.signature).bindBlob(12, p.prev).bind(13, now.micros());
    if (auto st = ins->run(); !st) return std::unexpected(st.error());
    if (auto st = setChainHeadLocked(p); !st) return std::unexpected(st.error());
    if (auto st = tx->commit(); !st) return std::unexpected(st.error());
    return p;
}

Result<std::vector<proto::PunchRecord>> Journal::pending(std::size_t limit, TerminalSeq after) {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare(std::string("SELECT ") + kColumns +
                         " FROM journal_punches WHERE acked_at_us IS NULL AND seq > ?1 ORDER BY seq LIMIT ?2");
    if (!s) return std::unexpected(s.error());
    s->bind(1, static_cast<std::int64_t>(after)).bind(2, static_cast<std::int64_t>(limit));
    std::vector<proto::PunchRecord> out;
    for (;;) {
        auto step = s->step();
        if (!step) return std::unexpected(step.error());
        if (*step == sqlite::Step::Done) break;
        out.push_back(readPunch(*s));
    }
    return out;
}

Result<std::optional<proto::PunchRecord>> Journal::find(TerminalSeq seq) {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare(std::string("SELECT ") + kColumns + " FROM journal_punches WHERE seq = ?1");
    if (!s) return std::unexpected(s.error());
    s->bind(1, static_cast<std::int64_t>(seq));
    auto step = s->step();
    if (!step) return std::unexpected(step.error());
    if (*step == sqlite::Step::Done) return std::optional<proto::PunchRecord>{};
    return std::optional<proto::PunchRecord>(readPunch(*s));
}

Status Journal::acknowledge(std::span<const TerminalSeq> seqs, Instant now) {
    if (seqs.empty()) return {};
    std::lock_guard lock(mutex_);
    auto tx = sqlite::Transaction::begin(db_);
    if (!tx) return std::unexpected(tx.error());
    auto s = db_.prepare("UPDATE journal_punches SET acked_at_us = ?1 WHERE seq = ?2 AND acked_at_us IS NULL");
    if (!s) return std::unexpected(s.error());
    for (auto seq : seqs) {
        s->bind(1, now.micros()).bind(2, static_cast<std::int64_t>(seq));
        if (auto st = s->run(); !st) return std::unexpected(st.error());
        if (auto st = s->reset(); !st) return std::unexpected(st.error());
    }
    return tx->commit();
}

Result<std::uint64_t> Journal::backlog() {
    std::lock_guard lock(mutex_);
    auto s = db_.prepare("SELECT count(*) FROM journal_punches WHERE acked_at_us IS NULL");
    if (!s) return std::unexpected(s.error());
    auto step = s->step();
    if (!step) return std::unexpected(step.error());
    return static_cast<std::uint64_t>(s->getInt(0));
}

Result<std::uint64_t> Journal::prune(Instant now) {
    std::lock_guard lock(mutex_);
    auto tx = sqlite::Transaction::begin(db_);
    if (!tx) return std::unexpected(tx.error());
    const auto cutoff = now - std::chrono::duration_cast<Instant::Duration>(options_.keepAcknowledgedFor);
    auto byAge = db_.prepare("DELETE FROM journal_punches WHERE acked_at_us IS NOT NULL AND acked_at_us < ?1");
    if (!byAge) return std::unexpected(byAge.error());
    byAge->bind(1, cutoff.micros());
    if (auto st = byAge->run(); !st) return std::unexpected(st.error());
    std::uint64_t removed = static_cast<std::uint64_t>(db_.changes());
    auto byCount = db_.prepare(
        "DELETE FROM journal_punches WHERE acked_at_us IS NOT NULL AND seq NOT IN "
        "(SELECT seq FROM journal_punches WHERE acked_at_us IS NOT NULL ORDER BY seq DESC LIMIT ?1)");
    if (!byCount) return std::unexpected(byCount.error());
    byCount->bind(1, static_cast<std::int64_t>(options_.keepAcknowledgedCount));
    if (auto st = byCount->run(); !st) return std::unexpected(st.error());
    removed += static_cast<std::uint64_t>(db_.changes());
    if (auto st = tx->commit(); !st) return std::unexpected(st.error());
    return removed;
}

}  // namespace rollcall::journal
