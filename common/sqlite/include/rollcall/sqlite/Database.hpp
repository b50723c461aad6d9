#pragma once
// One SQLite connection: WAL, busy timeout, foreign keys on. Not thread-safe; give each
// thread its own Database (SQLite serialises writers; WAL lets readers run beside them).
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "rollcall/domain/Error.hpp"
#include "rollcall/sqlite/Statement.hpp"

struct sqlite3;

namespace rollcall::sqlite {

enum class Synchronous { Off, Normal, Full };

struct OpenOptions {
    bool readOnly = false;
    bool create = true;
    int busyTimeoutMs = 5000;
    Synchronous synchronous = Synchronous::Normal;  // Full for journals that must survive power loss
    bool wal = true;
};

class Database {
public:
    static Result<Database> open(const std::filesystem::path& path, const OpenOptions& options = {});
    static Result<Database> openMemory();

    Database(Database&&) noexcept;
    Database& operator=(Database&&) noexcept;
    ~Database();

    // Runs one or more statements that return no rows.
    Status exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    // The connection's own prepared copy of `sql`, reset with no bindings, kept until close().
    // For hot paths: re-preparing costs far more than running a small statement. The pointer
    // stays valid while this Database lives; do not hold it across another cached(sql) of the
    // same text (that resets it). resetCached() ends any unfinished step of every cached statement.
    Result<Statement*> cached(std::string_view sql);
    void resetCached();

    [[nodiscard]] std::int64_t lastInsertRowId() const;
    [[nodiscard]] int changes() const;
    [[nodiscard]] sqlite3* handle() const { return db_; }
    [[nodiscard]] const std::string& path() const { return path_; }

    // Closes the connection now (checkpointing the WAL); later calls fail.
    Status close();

private:
    struct TextHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
    };
    Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    sqlite3* db_ = nullptr;
    std::string path_;
    // Finalised by ~Database()/close() before the connection closes.
    std::unordered_map<std::string, std::unique_ptr<Statement>, TextHash, std::equal_to<>> cache_;
};

// RAII transaction: BEGIN IMMEDIATE on construction, ROLLBACK unless commit() succeeded.
class Transaction {
public:
    static Result<Transaction> begin(Database& db);
    Transaction(Transaction&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
    Transaction& operator=(Transaction&&) = delete;
    ~Transaction();
    Status commit();

private:
    explicit Transaction(Database& db) : db_(&db) {}
    Database* db_;
};

// Error from the connection's last failure, with a stable code ("sqlite.busy", "sqlite.constraint", ...).
Error lastError(sqlite3* db, std::string_view context);

}  // namespace rollcall::sqlite
