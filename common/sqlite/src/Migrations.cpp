#include "rollcall/sqlite/Migrations.hpp"

#include <string>

namespace rollcall::sqlite {
namespace {

Status ensureTable(Database& db) {
    return db.exec(
        "CREATE TABLE IF NOT EXISTS schema_versions ("
        " component TEXT PRIMARY KEY,"
        " version INTEGER NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
}

}  // namespace

Result<int> schemaVersion(Database& db, std::string_view component) {
    if (auto st = ensureTable(db); !st) return std::unexpected(st.error());
    auto stmt = db.prepare("SELECT version FROM schema_versions WHERE component = ?1");
    if (!stmt) return std::unexpected(stmt.error());
    stmt->bind(1, component);
    auto step = stmt->step();
    if (!step) return std::unexpected(step.error());
    return *step == Step::Row ? static_cast<int>(stmt->getInt(0)) : 0;
}

Result<int> migrate(Database& db, std::string_view component, std::span<const Migration> migrations) {
    int known = 0;
    for (const auto& m : migrations) {
        if (m.version != known + 1) {
            return fail("migration.order", "migrations of '" + std::string(component) +
                                               "' must be numbered 1, 2, 3, ... without gaps");
        }
        known = m.version;
    }
    auto current = schemaVersion(db, component);
    if (!current) return current;
    if (*current > known) {
        return fail("migration.newer",
                    "database '" + db.path() + "' has schema version " + std::to_string(*current) + " of '" +
                        std::string(component) + "', newer than this program knows (" + std::to_string(known) +
                        "); upgrade Rollcall instead of opening it with an older version");
    }
    for (const auto& m : migrations) {
        if (m.version <= *current) continue;
        auto tx = Transaction::begin(db);
        if (!tx) return std::unexpected(tx.error());
        if (auto st = db.exec(m.sql); !st) {
            return fail("migration.failed", "migration " + std::to_string(m.version) + " of '" +
                                                std::string(component) + "' failed: " + st.error().message);
        }
        auto up = db.prepare(
            "INSERT INTO schema_versions(component, version) VALUES (?1, ?2) "
            "ON CONFLICT(component) DO UPDATE SET version = excluded.version, "
            "applied_at = strftime('%Y-%m-%dT%H:%M:%fZ','now')");
        if (!up) return std::unexpected(up.error());
        up->bind(1, component).bind(2, m.version);
        if (auto st = up->run(); !st) return std::unexpected(st.error());
        if (auto st = tx->commit(); !st) return std::unexpected(st.error());
    }
    return known;
}

}  // namespace rollcall::sqlite
