#pragma once
// One SQLite connection: WAL, busy timeout, foreign keys on. Not thread-safe; give each
// thread its own Database (SQLite serialises writers; WAL lets readers run beside them).
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

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

    [[nodiscard]] std::int64_t lastInsertRowId() const;
    [[nodiscard]] int changes() const;
    [[nodiscard]] sqlite3* handle() const { return db_; }
    [[nodiscard]] const std::string& path() const { return path_; }

    // Closes the connection now (checkpointing the WAL); later calls fail.
    Status close();

private:
    Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
    sqlite3* db_ = nullptr;
    std::string path_;
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
