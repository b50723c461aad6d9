#include "rollcall/audit/AuditLog.hpp"

#include <array>

#include "rollcall/audit/AuditAnchor.hpp"
#include "rollcall/crypto/Crypto.hpp"
#include "rollcall/sqlite/Migrations.hpp"

namespace rollcall::audit {
namespace {

// Triggers make the log append-only for anyone going through SQL casually; someone who
// drops them to edit rows still breaks the hash chain.
constexpr std::array kMigrations{
    sqlite::Migration{1, R"sql(
CREATE TABLE audit_log (
  seq INTEGER PRIMARY KEY,
  at_us INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  before_json TEXT NOT NULL,
  after_json TEXT NOT NULL,
  remote TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log(actor, seq);
CREATE INDEX audit_log_target ON audit_log(target, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql"},
    // The signed anchor of the newest entry (AuditAnchor.hpp); one row.
    sqlite::Migration{2, R"sql(
CREATE TABLE audit_anchor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL,
  mac TEXT NOT NULL
);
)sql"},
};

// Advances the anchor to `entry` when the connection can sign and the anchor still lies on
// the chain; otherwise leaves it alone (see AuditAnchor.hpp).
Status advanceAnchor(sqlite::Database& db, const AuditEntry& entry) {
    auto current = AuditAnchor::read(db);
    if (!current) return std::unexpected(current.error());
    if (*current) {
        auto at = db.prepare("SELECT hash FROM audit_log WHERE seq = ?1");
        if (!at) return std::unexpected(at.error());
        at->bind(1, (*current)->seq);
        auto step = at->step();
        if (!step) return std::unexpected(step.error());
        const bool onChain = *step == sqlite::Step::Row && at->getText(0) == (*current)->hash && (*current)->seq < entry.seq;
        if (!onChain) return {};
    }
    auto put = db.prepare(
        "INSERT INTO audit_anchor(id, seq, hash, mac) VALUES (1, ?1, ?2, " + std::string(AuditAnchor::kSqlFunction) +
        "(?1, ?2)) ON CONFLICT(id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac");
    if (!put) {
        // Not the server's signing connection: the anchor stays where it is.
        if (put.error().message.find("no such function") != std::string::npos) return {};
        return std::unexpected(put.error());
    }
    put->bind(1, entry.seq).bind(2, entry.hash);
    return put->run();
}

AuditEntry readRow(const sqlite::Statement& st) {
    AuditEntry e;
    e.seq = st.getInt(0);
    e.at = Instant::fromMicros(st.getInt(1));
    e.event.actor = st.getText(2);
    e.event.action = st.getText(3);
    e.event.target = st.getText(4);
    e.event.before = nlohmann::json::parse(st.getText(5), nullptr, false);
    e.event.after = nlohmann::json::parse(st.getText(6), nullptr, false);
    e.event.remote = st.getText(7);
    e.prevHash = st.getText(8);
    e.hash = st.getText(9);
    return e;
}

constexpr std::string_view kColumns =
    "seq, at_us, actor, action, target, before_json, after_json, remote, prev_hash, hash";

}  // namespace

std::span<const sqlite::Migration> AuditLog::migrations() { return kMigrations; }

Status AuditLog::migrate(sqlite::Database& db) {
    auto v = sqlite::migrate(db, "audit", kMigrations);
    if (!v) return std::unexpected(v.error());
    return {};
}

std::string AuditLog::computeHash(const AuditEntry& e) {
    // A JSON array is an unambiguous encoding of the fields (no delimiter tricks).
    const nlohmann::json canonical = nlohmann::json::array(
        {e.seq, e.at.micros(), e.event.actor, e.event.action, e.event.target, e.event.before.dump(),
         e.event.after.dump(), e.event.remote, e.prevHash});
    return crypto::sha256Hex(canonical.dump());
}

Result<AuditEntry> AuditLog::append(const AuditEvent& event, Instant at) {
    // SAVEPOINT nests inside a caller's transaction and is a transaction of its own otherwise,
    // so reading the chain head and appending cannot interleave with another writer.
    if (auto st = db_->exec("SAVEPOINT audit_append"); !st) return std::unexpected(st.error());
    auto rollback = [&] { (void)db_->exec("ROLLBACK TO audit_append; RELEASE audit_append"); };
    AuditEntry entry;
    entry.at = at;
    entry.event = event;
    {
        auto head = db_->prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        if (!head) { rollback(); return std::unexpected(head.error()); }
        auto step = head->step();
        if (!step) { rollback(); return std::unexpected(step.error()); }
        if (*step == sqlite::Step::Row) {
            entry.seq = head->getInt(0) + 1;
            entry.prevHash = head->getText(1);
        } else {
            entry.seq = 1;
            entry.prevHash = std::string(kGenesis);
        }
    }
    entry.hash = computeHash(entry);
    auto ins = db_->prepare(
        "INSERT INTO audit_log(seq, at_us, actor, action, target, before_json, after_json, remote, prev_hash, hash) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    if (!ins) { rollback(); return std::unexpected(ins.error()); }
    ins->bind(1, entry.seq).bind(2, entry.at.micros()).bind(3, event.actor).bind(4, event.action)
        .bind(5, event.target).bind(6, event.before.dump()).bind(7, event.after.dump()).bind(8, event.remote)
        .bind(9, entry.prevHash).bind(10, entry.hash);
    if (auto st = ins->run(); !st) { rollback(); return std::unexpected(st.error()); }
    if (auto st = advanceAnchor(*db_, entry); !st) { rollback(); return std::unexpected(st.error()); }
    if (auto st = db_->exec("RELEASE audit_append"); !st) { rollback(); return std::unexpected(st.error()); }
    return entry;
}

Result<std::vector<AuditEntry>> AuditLog::list(const AuditQuery& q) const {
    std::string sql = "SELECT " + std::string(kColumns) + " FROM audit_log WHERE seq > ?1";
    if (q.actor) sql += " AND actor = ?2";
    if (q.action) sql += " AND action = ?3";
    if (q.targetPrefix) sql += " AND substr(target, 1, length(?4)) = ?4";
    sql += " ORDER BY seq LIMIT ?5";
    auto st = db_->prepare(sql);
    if (!st) return std::unexpected(st.error());
    st->bind(1, q.afterSeq).bind(5, q.limit);
    if (q.actor) st->bind(2, *q.actor);
    if (q.action) st->bind(3, *q.action);
    if (q.targetPrefix) st->bind(4, *q.targetPrefix);
    std::vector<AuditEntry> out;
    while (true) {
        auto step = st->step();
        if (!step) return std::unexpected(step.error());
        if (*step == sqlite::Step::Done) break;
        out.push_back(readRow(*st));
    }
    return out;
}

Result<VerifyReport> AuditLog::verify(const AuditAnchor* key) const {
    auto anchor = AuditAnchor::read(*db_);
    if (!anchor) return std::unexpected(anchor.error());
    auto st = db_->prepare("SELECT " + std::string(kColumns) + " FROM audit_log ORDER BY seq");
    if (!st) return std::unexpected(st.error());
    VerifyReport report;
    std::optional<std::string> anchoredHash;  // the hash of the entry the anchor names, when present
    std::string expectedPrev(kGenesis);
    std::int64_t expectedSeq = 1;
    auto broken = [&](std::int64_t seq, std::string why) {
        report.ok = false;
        report.firstBroken = seq;
        report.reason = std::move(why);
    };
    while (true) {
        auto step = st->step();
        if (!step) return std::unexpected(step.error());
        if (*step == sqlite::Step::Done) break;
        const AuditEntry e = readRow(*st);
        ++report.entriesChecked;
        if (e.seq != expectedSeq) {
            broken(expectedSeq, "entry " + std::to_string(expectedSeq) + " is missing (next present entry is " +
                                    std::to_string(e.seq) + ")");
            break;
        }
        if (e.prevHash != expectedPrev) {
            broken(e.seq, "entry " + std::to_string(e.seq) + " does not link to the hash of the entry before it");
            break;
        }
        if (e.event.before.is_discarded() || e.event.after.is_discarded() || computeHash(e) != e.hash) {
            broken(e.seq, "entry " + std::to_string(e.seq) + " was altered: its content does not match its hash");
            break;
        }
        if (*anchor && e.seq == (*anchor)->seq) anchoredHash = e.hash;
        expectedPrev = e.hash;
        ++expectedSeq;
    }
    if (!report.ok) return report;
    const std::int64_t last = expectedSeq - 1;
    if (!*anchor) {
        if (key && last > 0) {
            broken(last, "the anchor is missing: the log holds " + std::to_string(last) +
                             " entries but no signed record of its newest one, so deleted entries at its end cannot be ruled out");
        }
        return report;
    }
    const auto& a = **anchor;
    if (key && !key->signedHere(a)) {
        broken(std::min(a.seq, last + 1), "the anchor's signature does not match: the anchor was edited, or the key changed");
    } else if (a.seq > last) {
        broken(last + 1, "entries were deleted from the end of the log: it ends at entry " + std::to_string(last) +
                             " but the anchor records entry " + std::to_string(a.seq));
    } else if (anchoredHash != a.hash) {
        broken(a.seq, "entries were deleted from the end of the log and others appended in their place: entry " +
                          std::to_string(a.seq) + " is not the entry the anchor records");
    }
    return report;
}

nlohmann::json toJson(const AuditEntry& e) {
    return {{"seq", e.seq},           {"at", e.at.toIso()},           {"actor", e.event.actor},
            {"action", e.event.action}, {"target", e.event.target},   {"before", e.event.before},
            {"after", e.event.after},   {"remote", e.event.remote},   {"prev_hash", e.prevHash},
            {"hash", e.hash}};
}

}  // namespace rollcall::audit
