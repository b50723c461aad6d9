#pragma once
// Checkpoints the store's WAL on its own thread and connection. SQLite's automatic checkpoint
// runs inside the COMMIT that crosses the threshold, on the writer, so the group commit a
// terminal's ack waits for would now and then also copy megabytes into the database file and
// fsync it. Here the writer's WAL hook only says that the log is long; a PASSIVE checkpoint on
// another connection copies what no reader still needs, beside the writer, which never waits.
#include <sqlite3.h>

#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>

namespace rollcall::store {

class WalCheckpointer {
public:
    WalCheckpointer(std::filesystem::path path, int busyTimeoutMs, int thresholdPages);
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;
    ~WalCheckpointer();

    // Replaces the writer's automatic checkpoint (both are its WAL hook). Detach before the
    // writer closes.
    void attach(sqlite3* writer);
    static void detach(sqlite3* writer);

private:
    static int onCommit(void* self, sqlite3* db, const char* schema, int pages);
    void run();

    std::filesystem::path path_;
    int busyTimeoutMs_;
    int thresholdPages_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool wanted_ = false;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace rollcall::store
