#pragma once
// Which tables changed, as numbers that only grow: every committed write transaction gets the
// next stamp, and each table it changed remembers that stamp. A reader that wants to reuse an
// answer derived from some tables compares generation(tables) now with what it was before the
// answer was read; equal means no commit has changed those tables since.
//
// The writer notes tables while its transaction runs (noteChanged) and publishes them only
// after the outermost COMMIT returned, so a stamp never announces rows a new snapshot could
// miss (Store.cpp explains the ordering).
#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace rollcall::store {

class ChangeGenerations {
public:
    // Writer thread only, inside a transaction: `table` had a row inserted, updated or deleted.
    void noteChanged(std::string_view table) {
        for (const auto& t : pending_) {
            if (t == table) return;
        }
        pending_.emplace_back(table);
    }

    // Writer thread only, after the outermost COMMIT succeeded (or when a failed rollback may
    // have left changes behind): the noted tables get the next stamp.
    void publish() {
        if (pending_.empty()) return;
        {
            std::unique_lock lock(mutex_);
            const std::uint64_t stamp = latest_.load(std::memory_order_relaxed) + 1;
            for (auto& t : pending_) stamps_[std::move(t)] = stamp;
            latest_.store(stamp, std::memory_order_release);
        }
        pending_.clear();
    }

    // Writer thread only, after the outermost transaction rolled back: nothing changed.
    void discard() {
        pending_.clear();
    }

    // Any thread: the stamp of the latest commit that changed anything.
    [[nodiscard]] std::uint64_t latest() const { return latest_.load(std::memory_order_acquire); }

    // Any thread: the stamp of the latest commit that changed any of `tables` (0: none since open).
    [[nodiscard]] std::uint64_t of(std::initializer_list<std::string_view> tables) const {
        return of(std::span<const std::string_view>(tables.begin(), tables.size()));
    }
    [[nodiscard]] std::uint64_t of(std::span<const std::string_view> tables) const {
        std::shared_lock lock(mutex_);
        std::uint64_t out = 0;
        for (auto t : tables) {
            if (auto it = stamps_.find(t); it != stamps_.end() && it->second > out) out = it->second;
        }
        return out;
    }

private:
    // Touched by the writer thread only.
    std::vector<std::string> pending_;  // a transaction changes a handful of tables

    mutable std::shared_mutex mutex_;
    std::map<std::string, std::uint64_t, std::less<>> stamps_;
    std::atomic<std::uint64_t> latest_{0};
};

}  // namespace rollcall::store
