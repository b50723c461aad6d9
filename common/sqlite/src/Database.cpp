#include "rollcall/sqlite/Database.hpp"

#include <sqlite3.h>

#include <mutex>
#include <string>

namespace rollcall::sqlite {
namespace {

// Every connection is used by one thread at a time (see Database.hpp), so SQLite's own
// per-call mutexes and its global allocation statistics are pure overhead on the ingest path.
void configureOnce() {
    static std::once_flag once;
    std::call_once(once, [] {
        // Both fail harmlessly (SQLITE_MISUSE) if something initialised SQLite first.
        sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
        sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
        sqlite3_initialize();
    });
}

}  // namespace

Error lastError(sqlite3* db, std::string_view context) {
    const int code = db ? sqlite3_errcode(db) : SQLITE_ERROR;
    std::string name;
    switch (code & 0xff) {
        case SQLITE_BUSY: name = "sqlite.busy"; break;
        case SQLITE_LOCKED: name = "sqlite.locked"; break;
        case SQLITE_CONSTRAINT: name = "sqlite.constraint"; break;
        case SQLITE_CORRUPT: name = "sqlite.corrupt"; break;
        case SQLITE_NOTADB: name = "sqlite.notadb"; break;
        case SQLITE_FULL: name = "sqlite.full"; break;
        case SQLITE_CANTOPEN: name = "sqlite.cantopen"; break;
        case SQLITE_READONLY: name = "sqlite.readonly"; break;
        case SQLITE_IOERR: name = "sqlite.ioerr"; break;
        default: name = "sqlite.error"; break;
    }
    std::string message(context);
    message += ": ";
    message += db ? sqlite3_errmsg(db) : "out of memory";
    return Error{std::move(name), std::move(message), std::nullopt};
}

Result<Database> Database::open(const std::filesystem::path& path, const OpenOptions& options) {
    configureOnce();
    int flags = options.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (options.create && !options.readOnly) flags |= SQLITE_OPEN_CREATE;
    flags |= SQLITE_OPEN_NOMUTEX;
    sqlite3* raw = nullptr;
    const std::string p = path.string();
    if (sqlite3_open_v2(p.c_str(), &raw, flags, nullptr) != SQLITE_OK) {
        Error e = lastError(raw, "cannot open database '" + p + "'");
        sqlite3_close(raw);
        return std::unexpected(std::move(e));
    }
    sqlite3_extended_result_codes(raw, 1);
    sqlite3_busy_timeout(raw, options.busyTimeoutMs);
    Database db(raw, p);
    // Touch the schema so that a file that is not a database fails here, with its name.
    if (auto st = db.exec("PRAGMA foreign_keys = ON; SELECT count(*) FROM sqlite_master;"); !st) {
        return std::unexpected(Error{st.error().code, "'" + p + "' is not a usable SQLite database: " + st.error().message, std::nullopt});
    }
    if (!options.readOnly) {
        if (options.wal) {
            if (auto st = db.exec("PRAGMA journal_mode = WAL;"); !st) return std::unexpected(st.error());
        }
        const char* sync = options.synchronous == Synchronous::Full     ? "PRAGMA synchronous = FULL;"
                           : options.synchronous == Synchronous::Normal ? "PRAGMA synchronous = NORMAL;"
                                                                        : "PRAGMA synchronous = OFF;";
        if (auto st = db.exec(sync); !st) return std::unexpected(st.error());
    }
    return db;
}

Result<Database> Database::openMemory() {
    configureOnce();
    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        Error e = lastError(raw, "cannot open in-memory database");
        sqlite3_close(raw);
        return std::unexpected(std::move(e));
    }
    sqlite3_extended_result_codes(raw, 1);
    Database db(raw, ":memory:");
    if (auto st = db.exec("PRAGMA foreign_keys = ON;"); !st) return std::unexpected(st.error());
    return db;
}

Database::Database(Database&& other) noexcept
    : db_(other.db_), path_(std::move(other.path_)), cache_(std::move(other.cache_)) {
    other.db_ = nullptr;
}

Database& Database::operator=(Database&& other) noexcept {
    if (this != &other) {
        cache_.clear();
        if (db_) sqlite3_close_v2(db_);
        db_ = other.db_;
        path_ = std::move(other.path_);
        cache_ = std::move(other.cache_);
        other.db_ = nullptr;
    }
    return *this;
}

Database::~Database() {
    cache_.clear();
    if (db_) sqlite3_close_v2(db_);
}

Result<Statement*> Database::cached(std::string_view sql) {
    if (auto it = cache_.find(sql); it != cache_.end()) {
        (void)it->second->reset();
        return it->second.get();
    }
    auto st = prepare(sql);
    if (!st) return std::unexpected(st.error());
    auto [it, inserted] = cache_.emplace(std::string(sql), std::make_unique<Statement>(std::move(*st)));
    return it->second.get();
}

void Database::resetCached() {
    for (auto& [sql, st] : cache_) (void)st->reset();
}

Status Database::close() {
    if (!db_) return {};
    cache_.clear();
    if (sqlite3_close(db_) != SQLITE_OK) {
        return std::unexpected(lastError(db_, "cannot close database (statements still open?)"));
    }
    db_ = nullptr;
    return {};
}

Status Database::exec(std::string_view sql) {
    if (!db_) return fail("sqlite.closed", "database is closed");
    std::string text(sql);
    char* err = nullptr;
    if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        Error e = lastError(db_, "statement failed");
        if (err) {
            e.message = std::string("statement failed: ") + err;
            sqlite3_free(err);
        }
        return std::unexpected(std::move(e));
    }
    return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
    if (!db_) return fail("sqlite.closed", "database is closed");
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK) {
        return std::unexpected(lastError(db_, "cannot prepare '" + std::string(sql.substr(0, 80)) + "'"));
    }
    return Statement(db_, stmt);
}

std::int64_t Database::lastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int Database::changes() const { return sqlite3_changes(db_); }

Result<Transaction> Transaction::begin(Database& db) {
    if (auto st = db.exec("BEGIN IMMEDIATE"); !st) return std::unexpected(st.error());
    return Transaction(db);
}

Transaction::~Transaction() {
    if (db_) (void)db_->exec("ROLLBACK");
}

Status Transaction::commit() {
    if (!db_) return fail("sqlite.transaction", "transaction already finished");
    auto st = db_->exec("COMMIT");
    if (st) db_ = nullptr;
    return st;
}

}  // namespace rollcall::sqlite
