#pragma once
// Finished answers of frequent reads (a department's day records, the monthly sheet), kept
// with the store's change stamp taken before they were read. An answer is served again only
// while that stamp is still current, so it is never staler than a fresh read would be
// (Store.cpp explains why). The key must already hold everything the answer depends on,
// including the caller's scope: authorisation runs before the cache, on every request.
// Bounded in entries and bytes (least recently used goes first); safe from any thread.
// getOrRead() lets one request read a missing answer while the others that want the same
// answer at the same generation wait for it, instead of each reading it again.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "rollcall/domain/Error.hpp"

namespace rollcall::api {

struct CachedAnswer {
    std::string body;
    std::string contentType;
    std::string etag;  // quoted, as sent in the ETag header
    std::uint64_t generation = 0;
};

struct AnswerCacheLimits {
    std::size_t maxEntries = 512;
    std::size_t maxBytes = 64u << 20;
};

struct AnswerCacheStats {
    std::uint64_t hits = 0;  // including requests that waited for another's read
    std::uint64_t misses = 0;
    std::uint64_t evictions = 0;
    std::size_t entries = 0;
    std::size_t bytes = 0;
};

class AnswerCache {
public:
    explicit AnswerCache(AnswerCacheLimits limits = {}) : limits_(limits) {}
    AnswerCache(const AnswerCache&) = delete;
    AnswerCache& operator=(const AnswerCache&) = delete;

    // The answer filed under `key` if it was read at `generation`; null (a miss) otherwise.
    std::shared_ptr<const CachedAnswer> find(const std::string& key, std::uint64_t generation);
    // Files `answer`, unless an answer read at a later generation is already there.
    void put(const std::string& key, std::shared_ptr<const CachedAnswer> answer);
    // The answer for `key` at `generation`: held, being read by another thread (waited for), or
    // read now by read() and filed. A failed read is returned to its caller only; the threads
    // that waited for it then read for themselves.
    using Reader = std::function<Result<std::shared_ptr<const CachedAnswer>>()>;
    Result<std::shared_ptr<const CachedAnswer>> getOrRead(const std::string& key, std::uint64_t generation, const Reader& read);
    [[nodiscard]] AnswerCacheStats stats() const;
    // The counters in Prometheus text format (rollcall_answer_cache_*).
    [[nodiscard]] std::string prometheus() const;

private:
    struct Entry {
        std::string key;
        std::shared_ptr<const CachedAnswer> answer;
        std::size_t bytes = 0;
    };
    using Lru = std::list<Entry>;  // most recently used first

    struct Reading {
        std::uint64_t generation = 0;
        std::shared_future<std::shared_ptr<const CachedAnswer>> done;
    };

    void eraseLocked(Lru::iterator it);
    std::shared_ptr<const CachedAnswer> findLocked(const std::string& key, std::uint64_t generation);

    AnswerCacheLimits limits_;
    mutable std::mutex mutex_;
    Lru lru_;
    std::unordered_map<std::string_view, Lru::iterator> index_;  // views into Entry::key
    std::unordered_map<std::string, Reading> reading_;           // reads in progress, by key
    AnswerCacheStats stats_;
};

// A strong validator for `body`: 128 bits of BLAKE2b, hex, in quotes.
std::string answerEtag(std::string_view body);
// Does an If-None-Match header value name `etag` (or "*")? Weak tags compare by their value.
bool etagMatches(std::string_view ifNoneMatch, std::string_view etag);

}  // namespace rollcall::api
