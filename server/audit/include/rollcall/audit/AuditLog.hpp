#pragma once
// The append-only, hash-chained audit log (component "audit"). Each entry records who did
// what, when, to which target, with the state before and after as JSON, and carries the
// hash of the entry before it; its own hash covers all of that. Editing or deleting a row
// in the database breaks the chain at that row, and verify() names it. Deleting entries at
// the end leaves a valid (shorter) chain: the signed anchor (AuditAnchor.hpp) catches that.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/sqlite/Database.hpp"
#include "rollcall/sqlite/Migrations.hpp"

namespace rollcall::audit {

class AuditAnchor;

struct AuditEvent {
    std::string actor;        // account name, or "system", or "anonymous"
    std::string action;       // e.g. "login", "login.failed", "denied", "leave.approve"
    std::string target;       // e.g. "leave/12", "account/alice"
    nlohmann::json before;    // null when nothing existed before
    nlohmann::json after;     // null when nothing exists after
    std::string remote;       // client address, where known
};

struct AuditEntry {
    std::int64_t seq = 0;
    Instant at;
    AuditEvent event;
    std::string prevHash;
    std::string hash;
};

struct AuditQuery {
    std::optional<std::string> actor;
    std::optional<std::string> action;
    std::optional<std::string> targetPrefix;
    std::int64_t afterSeq = 0;
    int limit = 100;
};

struct VerifyReport {
    bool ok = true;
    std::int64_t entriesChecked = 0;
    std::optional<std::int64_t> firstBroken;  // seq of the first entry that fails
    std::string reason;                       // why it fails
};

class AuditLog {
public:
    static constexpr std::string_view kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

    // Creates or upgrades the audit tables (component "audit").
    static Status migrate(sqlite::Database& db);
    static std::span<const sqlite::Migration> migrations();

    explicit AuditLog(sqlite::Database& db) : db_(&db) {}

    // Appends inside the caller's transaction when one is open, so that a change and its
    // audit entry commit together.
    Result<AuditEntry> append(const AuditEvent& event, Instant at = Instant::now());
    Result<std::vector<AuditEntry>> list(const AuditQuery& query) const;
    // Checks the chain, then the anchor: a log shorter than the anchor, or whose anchored
    // entry differs, lost its tail. With `key`, a missing anchor or a bad signature fails too.
    [[nodiscard]] Result<VerifyReport> verify(const AuditAnchor* key = nullptr) const;

    static std::string computeHash(const AuditEntry& entry);

private:
    sqlite::Database* db_;
};

nlohmann::json toJson(const AuditEntry& entry);

}  // namespace rollcall::audit
