// Debian's libsqlite3 is built with the pre-update hook; sqlite3.h declares it only when asked.
#ifndef SQLITE_ENABLE_PREUPDATE_HOOK
#define SQLITE_ENABLE_PREUPDATE_HOOK 1
#endif
#include <sqlite3.h>

#include "rollcall/store/Store.hpp"

#include <string>

#include "WalCheckpointer.hpp"
#include "rollcall/store/Schema.hpp"

namespace rollcall::store {
namespace {

// SQLite's default automatic checkpoint threshold (about 4 MiB of WAL).
constexpr int kCheckpointPages = 1000;

// Every component is checked before any is migrated, so that a newer file stays untouched.
Status refuseNewer(sqlite::Database& db, std::span<const ComponentMigrations> components) {
    for (const auto& c : components) {
        auto version = sqlite::schemaVersion(db, c.component);
        if (!version) return std::unexpected(version.error());
        const int known = static_cast<int>(c.migrations.size());
        if (*version > known) {
            return fail("store.newer_schema",
                        "database '" + db.path() + "' has schema version " + std::to_string(*version) + " of '" +
                            c.component + "', newer than this program knows (" + std::to_string(known) +
                            "); it was left untouched: run the Rollcall version that wrote it, or a newer one");
        }
    }
    return {};
}

// The pre-update hook, unlike sqlite3_update_hook, also fires for WITHOUT ROWID tables
// (day_records is one) and turns off the truncate optimisation, so no change goes unnoted.
void noteChange(void* changes, sqlite3*, int, const char*, const char* table, sqlite3_int64, sqlite3_int64) {
    static_cast<ChangeGenerations*>(changes)->noteChanged(table);
}

}  // namespace

Result<std::unique_ptr<Store>> Store::open(StoreOptions options) {
    auto zone = TimeZone::load(options.timeZone);
    if (!zone) return std::unexpected(zone.error());
    if (options.maxReaders < 1) return fail("store.options", "maxReaders must be at least 1", "maxReaders");

    sqlite::OpenOptions writerOptions;
    writerOptions.busyTimeoutMs = options.busyTimeoutMs;
    // A punch is acknowledged to its terminal after the commit; FULL keeps that promise on power loss.
    writerOptions.synchronous = sqlite::Synchronous::Full;
    auto writer = sqlite::Database::open(options.path, writerOptions);
    if (!writer) return std::unexpected(writer.error());

    std::vector<ComponentMigrations> all(storeMigrations().begin(), storeMigrations().end());
    all.insert(all.end(), options.extraMigrations.begin(), options.extraMigrations.end());
    if (auto st = refuseNewer(*writer, all); !st) return std::unexpected(st.error());
    for (const auto& c : all) {
        if (auto v = sqlite::migrate(*writer, c.component, c.migrations); !v) return std::unexpected(v.error());
    }
    return std::unique_ptr<Store>(new Store(std::move(options), *zone, std::move(*writer)));
}

Store::Store(StoreOptions options, TimeZone zone, sqlite::Database writer)
    : options_(std::move(options)), zone_(std::move(zone)), writer_(std::move(writer)) {
    sqlite3_preupdate_hook(writer_.handle(), &noteChange, &changes_);
    checkpointer_ = std::make_unique<WalCheckpointer>(options_.path, options_.busyTimeoutMs, kCheckpointPages);
    checkpointer_->attach(writer_.handle());
}

Store::~Store() {
    if (writer_.handle()) {
        sqlite3_preupdate_hook(writer_.handle(), nullptr, nullptr);
        WalCheckpointer::detach(writer_.handle());
    }
}

Result<std::unique_ptr<sqlite::Database>> Store::acquireReader() {
    std::unique_lock lock(poolMutex_);
    poolFree_.wait(lock, [&] { return !idleReaders_.empty() || openReaders_ < options_.maxReaders; });
    if (!idleReaders_.empty()) {
        auto db = std::move(idleReaders_.back());
        idleReaders_.pop_back();
        return db;
    }
    ++openReaders_;
    lock.unlock();
    sqlite::OpenOptions o;
    o.create = false;
    o.wal = false;  // the journal mode is a property of the file, set by the writer
    o.busyTimeoutMs = options_.busyTimeoutMs;
    auto db = sqlite::Database::open(options_.path, o);
    Status st = db ? db->exec("PRAGMA query_only = ON") : Status(std::unexpect, db.error());
    if (!st) {
        lock.lock();
        --openReaders_;
        poolFree_.notify_one();
        return std::unexpected(st.error());
    }
    return std::make_unique<sqlite::Database>(std::move(*db));
}

void Store::releaseReader(std::unique_ptr<sqlite::Database> db) {
    std::lock_guard lock(poolMutex_);
    idleReaders_.push_back(std::move(db));
    poolFree_.notify_one();
}

Store::WriteScope::WriteScope(Store& store) : store_(store) {
    if (store_.holdsWriter()) {
        depth_ = ++store_.writeDepth_;
        started_ = store_.writer_.exec("SAVEPOINT w" + std::to_string(depth_));
    } else {
        lock_ = std::unique_lock(store_.writerMutex_);
        store_.writerThread_.store(std::this_thread::get_id());
        depth_ = store_.writeDepth_ = 1;
        started_ = store_.writer_.exec("BEGIN IMMEDIATE");
    }
    open_ = started_.has_value();
    if (!open_) {
        // Nothing to undo: leave the writer as it was.
        --store_.writeDepth_;
        if (lock_.owns_lock()) store_.writerThread_.store(std::thread::id{});
    }
}

// The stamp is published only after COMMIT has returned. A reader that takes generation G and
// then opens its snapshot either took G before this publish (its answer is filed under the old
// G, which no longer matches once G moves on, so it is never served) or after it (then the
// commit had already finished, and WAL shows every snapshot begun after that the new rows).
// Publishing before the commit would let a reader file a pre-commit answer under the new G.
Status Store::WriteScope::commit() {
    // A cached statement left mid-step would keep its transaction's snapshot alive.
    if (depth_ == 1) store_.writer_.resetCached();
    const std::string sql = depth_ == 1 ? "COMMIT" : "RELEASE w" + std::to_string(depth_);
    auto st = store_.writer_.exec(sql);
    if (st) {
        open_ = false;
        if (depth_ == 1) store_.changes_.publish();
    }
    return st;
}

Store::WriteScope::~WriteScope() {
    if (!started_) return;
    if (open_) {
        if (depth_ == 1) {
            store_.writer_.resetCached();
            // A failed ROLLBACK means SQLite had already ended the transaction (an I/O error,
            // say) and later statements may have committed alone: publish rather than guess.
            if (store_.writer_.exec("ROLLBACK")) store_.changes_.discard();
            else store_.changes_.publish();
        } else {
            const auto name = "w" + std::to_string(depth_);
            (void)store_.writer_.exec("ROLLBACK TO " + name + "; RELEASE " + name);
        }
    }
    --store_.writeDepth_;
    if (depth_ == 1) store_.writerThread_.store(std::thread::id{});
}

Store::ReadLease::ReadLease(Store& store) : store_(store) {
    auto db = store_.acquireReader();
    if (!db) {
        started_ = Status(std::unexpect, db.error());
        return;
    }
    db_ = std::move(*db);
    started_ = db_->exec("BEGIN");
    open_ = started_.has_value();
}

Store::ReadLease::~ReadLease() {
    if (!db_) return;
    db_->resetCached();  // else a pooled reader keeps an old snapshot open
    if (open_) (void)db_->exec("COMMIT");
    store_.releaseReader(std::move(db_));
}

}  // namespace rollcall::store
