#pragma once
// The server's persistence: one SQLite file (WAL) shared by the gateway, the HTTP API and the
// services. One writer connection, serialised by a mutex, plus a small pool of reader
// connections so that reads run beside writes (docs/adr/store-sqlite.md).
//
//   auto store = Store::open({.path = "rollcall.db"});
//   store->write([&](sqlite::Database& db) -> Status { ... });   // one transaction
//   store->read([&](sqlite::Database& db) -> Result<T> { ... });  // one consistent snapshot
//
// write() nests: a write() (or read()) on a thread that already holds the writer joins the
// outer transaction (through a SAVEPOINT), so repositories compose into one atomic service call.
//
// changes() tells which tables committed writes have changed (ChangeGenerations.hpp), so
// that an answer read from them can be reused until one of them changes:
//   const auto g = store->changes().of({"day_records", "employees"});  // before reading
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <atomic>
#include <span>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/sqlite/Database.hpp"
#include "rollcall/sqlite/Migrations.hpp"
#include "rollcall/store/ChangeGenerations.hpp"
#include "rollcall/tz/TimeZone.hpp"

namespace rollcall::store {

// Migrations of a component that lives in the same file but outside the store (gateway, audit, ...).
struct ComponentMigrations {
    std::string component;
    std::span<const sqlite::Migration> migrations;
};

struct StoreOptions {
    std::filesystem::path path{};
    std::string timeZone = "Asia/Shanghai";
    int busyTimeoutMs = 5000;
    int maxReaders = 4;
    std::vector<ComponentMigrations> extraMigrations{};
};

class WalCheckpointer;

class Store {
public:
    // Opens (creating when absent) and migrates. A file whose schema is newer than this build
    // is refused before anything is written to it.
    static Result<std::unique_ptr<Store>> open(StoreOptions options);

    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;
    ~Store();

    [[nodiscard]] const TimeZone& timeZone() const { return zone_; }
    [[nodiscard]] const std::filesystem::path& path() const { return options_.path; }
    // Stamps of committed changes per table; only writes through this Store are seen.
    [[nodiscard]] const ChangeGenerations& changes() const { return changes_; }

    // fn(sqlite::Database&) returns Status or Result<T>; an error (or an exception) rolls back.
    template <class F>
    auto write(F&& fn) -> std::invoke_result_t<F&, sqlite::Database&>;

    // fn(sqlite::Database&) on a reader connection inside one read transaction (a snapshot).
    // On the thread that holds the writer, it runs on the writer and sees its uncommitted rows.
    template <class F>
    auto read(F&& fn) -> std::invoke_result_t<F&, sqlite::Database&>;

private:
    class WriteScope;
    class ReadLease;

    Store(StoreOptions options, TimeZone zone, sqlite::Database writer);
    [[nodiscard]] bool holdsWriter() const { return writerThread_.load() == std::this_thread::get_id(); }
    Result<std::unique_ptr<sqlite::Database>> acquireReader();
    void releaseReader(std::unique_ptr<sqlite::Database> db);

    StoreOptions options_;
    TimeZone zone_;
    ChangeGenerations changes_;  // declared before writer_: the writer's hook points at it
    sqlite::Database writer_;
    std::mutex writerMutex_;
    std::atomic<std::thread::id> writerThread_{};
    int writeDepth_ = 0;  // touched only by the thread holding the writer

    std::mutex poolMutex_;
    std::condition_variable poolFree_;
    std::vector<std::unique_ptr<sqlite::Database>> idleReaders_;
    int openReaders_ = 0;

    std::unique_ptr<WalCheckpointer> checkpointer_;  // WAL checkpoints off the writer's COMMIT
};

// Holds the writer for one (possibly nested) transaction.
class Store::WriteScope {
public:
    explicit WriteScope(Store& store);
    WriteScope(const WriteScope&) = delete;
    WriteScope& operator=(const WriteScope&) = delete;
    ~WriteScope();
    [[nodiscard]] const Status& started() const { return started_; }
    [[nodiscard]] sqlite::Database& db() { return store_.writer_; }
    Status commit();

private:
    Store& store_;
    std::unique_lock<std::mutex> lock_;
    int depth_ = 0;
    bool open_ = false;
    Status started_;
};

// Borrows a reader connection for one read transaction.
class Store::ReadLease {
public:
    explicit ReadLease(Store& store);
    ReadLease(const ReadLease&) = delete;
    ReadLease& operator=(const ReadLease&) = delete;
    ~ReadLease();
    [[nodiscard]] const Status& started() const { return started_; }
    [[nodiscard]] sqlite::Database& db() { return *db_; }

private:
    Store& store_;
    std::unique_ptr<sqlite::Database> db_;
    bool open_ = false;
    Status started_;
};

template <class F>
auto Store::write(F&& fn) -> std::invoke_result_t<F&, sqlite::Database&> {
    using R = std::invoke_result_t<F&, sqlite::Database&>;
    WriteScope scope(*this);
    if (!scope.started()) return R(std::unexpect, scope.started().error());
    R result = fn(scope.db());
    if (!result) return result;
    if (auto st = scope.commit(); !st) return R(std::unexpect, st.error());
    return result;
}

template <class F>
auto Store::read(F&& fn) -> std::invoke_result_t<F&, sqlite::Database&> {
    using R = std::invoke_result_t<F&, sqlite::Database&>;
    if (holdsWriter()) return fn(writer_);
    ReadLease lease(*this);
    if (!lease.started()) return R(std::unexpect, lease.started().error());
    return fn(lease.db());
}

}  // namespace rollcall::store
