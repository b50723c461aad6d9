#include "rollcall/api/AnswerCache.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <array>

#include "rollcall/crypto/Crypto.hpp"

namespace rollcall::api {
namespace {

// What an entry costs beyond its strings: list node, index slot, the answer's control block.
constexpr std::size_t kEntryOverhead = 256;

std::size_t costOf(const std::string& key, const CachedAnswer& a) {
    return key.size() * 2 + a.body.size() + a.contentType.size() + a.etag.size() + kEntryOverhead;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

}  // namespace

std::shared_ptr<const CachedAnswer> AnswerCache::find(const std::string& key, std::uint64_t generation) {
    std::lock_guard lock(mutex_);
    return findLocked(key, generation);
}

std::shared_ptr<const CachedAnswer> AnswerCache::findLocked(const std::string& key, std::uint64_t generation) {
    auto it = index_.find(std::string_view(key));
    if (it == index_.end()) {
        ++stats_.misses;
        return nullptr;
    }
    if (it->second->answer->generation != generation) {
        // Read before a change that has committed since: never served again.
        eraseLocked(it->second);
        ++stats_.misses;
        return nullptr;
    }
    lru_.splice(lru_.begin(), lru_, it->second);
    ++stats_.hits;
    return lru_.front().answer;
}

void AnswerCache::put(const std::string& key, std::shared_ptr<const CachedAnswer> answer) {
    const std::size_t bytes = costOf(key, *answer);
    // One answer larger than a quarter of the budget would empty the cache for itself.
    if (bytes > limits_.maxBytes / 4 || limits_.maxEntries == 0) return;
    std::lock_guard lock(mutex_);
    if (auto it = index_.find(std::string_view(key)); it != index_.end()) {
        if (it->second->answer->generation > answer->generation) return;  // a slower reader of older data
        eraseLocked(it->second);
    }
    lru_.push_front(Entry{key, std::move(answer), bytes});
    index_.emplace(std::string_view(lru_.front().key), lru_.begin());
    stats_.bytes += bytes;
    while (index_.size() > limits_.maxEntries || stats_.bytes > limits_.maxBytes) {
        eraseLocked(std::prev(lru_.end()));
        ++stats_.evictions;
    }
    stats_.entries = index_.size();
}

Result<std::shared_ptr<const CachedAnswer>> AnswerCache::getOrRead(const std::string& key, std::uint64_t generation,
                                                                   const Reader& read) {
    std::promise<std::shared_ptr<const CachedAnswer>> mine;
    std::shared_future<std::shared_ptr<const CachedAnswer>> other;
    {
        std::lock_guard lock(mutex_);
        if (auto a = findLocked(key, generation)) return a;
        if (auto it = reading_.find(key); it != reading_.end() && it->second.generation == generation) {
            other = it->second.done;
            --stats_.misses;  // counted again below as a hit, or as a miss when that read failed
        } else {
            reading_[key] = Reading{generation, mine.get_future().share()};
        }
    }
    if (other.valid()) {
        auto a = other.get();
        std::lock_guard lock(mutex_);
        (a ? stats_.hits : stats_.misses) += 1;
        if (a) return a;
    }
    // Whatever happens to the read (an error, an exception), the waiting threads are released.
    std::shared_ptr<const CachedAnswer> result;
    struct Release {
        AnswerCache& cache;
        const std::string& key;
        std::uint64_t generation;
        std::promise<std::shared_ptr<const CachedAnswer>>& promise;
        std::shared_ptr<const CachedAnswer>& result;
        bool leader;
        ~Release() {
            if (!leader) return;
            {
                std::lock_guard lock(cache.mutex_);
                if (auto it = cache.reading_.find(key); it != cache.reading_.end() && it->second.generation == generation) {
                    cache.reading_.erase(it);
                }
            }
            promise.set_value(result);
        }
    } release{*this, key, generation, mine, result, !other.valid()};
    auto r = read();
    if (!r) return r;
    result = *r;
    put(key, result);
    return r;
}

void AnswerCache::eraseLocked(Lru::iterator it) {
    stats_.bytes -= it->bytes;
    index_.erase(std::string_view(it->key));
    lru_.erase(it);
    stats_.entries = index_.size();
}

AnswerCacheStats AnswerCache::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

std::string AnswerCache::prometheus() const {
    const auto s = stats();
    return fmt::format(
        "# HELP rollcall_answer_cache_hits_total Reads answered from the answer cache.\n"
        "# TYPE rollcall_answer_cache_hits_total counter\nrollcall_answer_cache_hits_total {}\n"
        "# HELP rollcall_answer_cache_misses_total Cacheable reads that went to the database.\n"
        "# TYPE rollcall_answer_cache_misses_total counter\nrollcall_answer_cache_misses_total {}\n"
        "# HELP rollcall_answer_cache_evictions_total Answers dropped to stay within the cache's bounds.\n"
        "# TYPE rollcall_answer_cache_evictions_total counter\nrollcall_answer_cache_evictions_total {}\n"
        "# HELP rollcall_answer_cache_entries Answers held now.\n"
        "# TYPE rollcall_answer_cache_entries gauge\nrollcall_answer_cache_entries {}\n"
        "# HELP rollcall_answer_cache_bytes Approximate memory the held answers use.\n"
        "# TYPE rollcall_answer_cache_bytes gauge\nrollcall_answer_cache_bytes {}\n",
        s.hits, s.misses, s.evictions, s.entries, s.bytes);
}

std::string answerEtag(std::string_view body) {
    crypto::init();  // picks libsodium's fastest BLAKE2b for this CPU
    std::array<unsigned char, 16> hash{};
    crypto_generichash(hash.data(), hash.size(), reinterpret_cast<const unsigned char*>(body.data()), body.size(), nullptr, 0);
    std::string out(2 + hash.size() * 2, '"');
    static constexpr char kHex[] = "0123456789abcdef";
    for (std::size_t i = 0; i < hash.size(); ++i) {
        out[1 + 2 * i] = kHex[hash[i] >> 4];
        out[2 + 2 * i] = kHex[hash[i] & 0xf];
    }
    return out;
}

bool etagMatches(std::string_view ifNoneMatch, std::string_view etag) {
    while (!ifNoneMatch.empty()) {
        const auto comma = ifNoneMatch.find(',');
        auto tag = trim(ifNoneMatch.substr(0, comma));
        ifNoneMatch = comma == std::string_view::npos ? std::string_view{} : ifNoneMatch.substr(comma + 1);
        if (tag == "*") return true;
        if (tag.starts_with("W/")) tag.remove_prefix(2);
        if (tag == etag) return true;
    }
    return false;
}

}  // namespace rollcall::api
