#include "WalCheckpointer.hpp"

#include <spdlog/spdlog.h>

#include <optional>

#include "rollcall/sqlite/Database.hpp"

namespace rollcall::store {

WalCheckpointer::WalCheckpointer(std::filesystem::path path, int busyTimeoutMs, int thresholdPages)
    : path_(std::move(path)), busyTimeoutMs_(busyTimeoutMs), thresholdPages_(thresholdPages), thread_([this] { run(); }) {}

WalCheckpointer::~WalCheckpointer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void WalCheckpointer::attach(sqlite3* writer) { sqlite3_wal_hook(writer, &WalCheckpointer::onCommit, this); }

void WalCheckpointer::detach(sqlite3* writer) { sqlite3_wal_hook(writer, nullptr, nullptr); }

int WalCheckpointer::onCommit(void* self, sqlite3*, const char*, int pages) {
    auto* me = static_cast<WalCheckpointer*>(self);
    if (pages >= me->thresholdPages_) {
        {
            std::lock_guard lock(me->mutex_);
            me->wanted_ = true;
        }
        me->wake_.notify_one();
    }
    return SQLITE_OK;
}

void WalCheckpointer::run() {
    std::optional<sqlite::Database> db;
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [&] { return wanted_ || stopping_; });
        if (stopping_) return;  // the writer's close checkpoints what is left
        wanted_ = false;
        lock.unlock();
        if (!db) {
            sqlite::OpenOptions o;
            o.create = false;
            o.wal = false;  // the journal mode is the file's, set by the writer
            o.busyTimeoutMs = busyTimeoutMs_;
            auto opened = sqlite::Database::open(path_, o);
            if (opened) {
                db.emplace(std::move(*opened));
            } else {
                spdlog::warn("store: cannot open a connection to checkpoint the WAL: {}", opened.error().describe());
            }
        }
        if (db) {
            int logPages = 0, copied = 0;
            const int rc = sqlite3_wal_checkpoint_v2(db->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &logPages, &copied);
            if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
                spdlog::warn("store: WAL checkpoint failed: {}", sqlite3_errmsg(db->handle()));
            }
        }
        lock.lock();
    }
}

}  // namespace rollcall::store
