// The answer cache on its own: an answer is served only at the generation it was read at,
// the cache stays within its entry and byte bounds (least recently used goes first), an
// older answer never replaces a newer one, and ETags / If-None-Match compare as HTTP says.
#include "rollcall/api/AnswerCache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace rollcall::api;

namespace {

std::shared_ptr<const CachedAnswer> answer(std::string body, std::uint64_t generation) {
    auto a = std::make_shared<CachedAnswer>();
    a->etag = answerEtag(body);
    a->body = std::move(body);
    a->contentType = "application/json";
    a->generation = generation;
    return a;
}

}  // namespace

TEST(AnswerCache, ServesAnAnswerOnlyAtTheGenerationItWasReadAt) {
    AnswerCache cache;
    EXPECT_EQ(cache.find("k", 1), nullptr);
    cache.put("k", answer("one", 1));
    auto hit = cache.find("k", 1);
    ASSERT_NE(hit, nullptr);
    EXPECT_EQ(hit->body, "one");
    EXPECT_EQ(cache.find("k", 2), nullptr) << "a later generation must not see the older answer";
    EXPECT_EQ(cache.find("k", 1), nullptr) << "a stale answer is dropped, not kept";
    const auto s = cache.stats();
    EXPECT_EQ(s.hits, 1u);
    EXPECT_EQ(s.misses, 3u);
    EXPECT_EQ(s.entries, 0u);
    EXPECT_EQ(s.bytes, 0u);
}

TEST(AnswerCache, AnOlderAnswerNeverReplacesANewerOne) {
    AnswerCache cache;
    cache.put("k", answer("new", 5));
    cache.put("k", answer("old", 4));  // a slow reader that started before the change
    ASSERT_NE(cache.find("k", 5), nullptr);
    EXPECT_EQ(cache.find("k", 5)->body, "new");
    cache.put("k", answer("newer", 6));
    EXPECT_EQ(cache.find("k", 6)->body, "newer");
    EXPECT_EQ(cache.stats().entries, 1u);
}

TEST(AnswerCache, StaysWithinItsEntryBoundDroppingTheLeastRecentlyUsed) {
    AnswerCache cache({.maxEntries = 3, .maxBytes = 1u << 20});
    for (const char* k : {"a", "b", "c"}) cache.put(k, answer(k, 1));
    ASSERT_NE(cache.find("a", 1), nullptr);  // a is now the most recently used
    cache.put("d", answer("d", 1));
    EXPECT_EQ(cache.stats().entries, 3u);
    EXPECT_EQ(cache.stats().evictions, 1u);
    EXPECT_EQ(cache.find("b", 1), nullptr) << "b was the least recently used";
    EXPECT_NE(cache.find("a", 1), nullptr);
    EXPECT_NE(cache.find("c", 1), nullptr);
    EXPECT_NE(cache.find("d", 1), nullptr);
}

TEST(AnswerCache, StaysWithinItsByteBound) {
    const std::size_t budget = 64 * 1024;
    AnswerCache cache({.maxEntries = 1000, .maxBytes = budget});
    for (int i = 0; i < 100; ++i) {
        cache.put("key" + std::to_string(i), answer(std::string(4000, 'x'), 1));
        ASSERT_LE(cache.stats().bytes, budget);
    }
    const auto s = cache.stats();
    EXPECT_GT(s.entries, 5u);
    EXPECT_LT(s.entries, 17u);
    EXPECT_EQ(s.evictions, 100u - s.entries);
    EXPECT_NE(cache.find("key99", 1), nullptr) << "the newest answer stays";
    EXPECT_EQ(cache.find("key0", 1), nullptr);
    // One answer larger than a quarter of the budget is not kept at all.
    cache.put("huge", answer(std::string(budget / 2, 'y'), 1));
    EXPECT_EQ(cache.find("huge", 1), nullptr);
    EXPECT_LE(cache.stats().bytes, budget);
}

TEST(AnswerCache, ManyThreadsFindingAndFilingStayWithinBounds) {
    AnswerCache cache({.maxEntries = 16, .maxBytes = 1u << 20});
    std::vector<std::jthread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&cache, t] {
            for (int i = 0; i < 5000; ++i) {
                const auto key = "k" + std::to_string((i * 7 + t) % 40);
                const std::uint64_t g = static_cast<std::uint64_t>(i / 100);
                if (auto a = cache.find(key, g); a) {
                    ASSERT_EQ(a->generation, g);
                    ASSERT_EQ(a->body, key);
                } else {
                    cache.put(key, answer(key, g));
                }
            }
        });
    }
    threads.clear();
    const auto s = cache.stats();
    EXPECT_LE(s.entries, 16u);
    EXPECT_EQ(s.hits + s.misses, 20000u);
}

TEST(AnswerCache, ConcurrentRequestsForOneMissingAnswerReadItOnce) {
    AnswerCache cache;
    std::atomic<int> reads{0};
    const AnswerCache::Reader slowRead = [&]() -> rollcall::Result<std::shared_ptr<const CachedAnswer>> {
        ++reads;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        return answer("body", 7);
    };
    std::vector<std::string> bodies(6);
    {
        std::vector<std::jthread> threads;
        for (std::size_t i = 0; i < bodies.size(); ++i) {
            threads.emplace_back([&, i] {
                auto a = cache.getOrRead("k", 7, slowRead);
                ASSERT_TRUE(a);
                bodies[i] = (*a)->body;
            });
        }
    }
    EXPECT_EQ(reads.load(), 1);
    for (const auto& b : bodies) EXPECT_EQ(b, "body");
    EXPECT_EQ(cache.stats().misses, 1u);
    EXPECT_EQ(cache.stats().hits, 5u);
    // A later generation reads again.
    ASSERT_TRUE(cache.getOrRead("k", 8, [&]() -> rollcall::Result<std::shared_ptr<const CachedAnswer>> {
        ++reads;
        return answer("newer", 8);
    }));
    EXPECT_EQ(reads.load(), 2);
}

TEST(AnswerCache, AFailedReadIsNotSharedAndReleasesTheWaitingRequests) {
    AnswerCache cache;
    std::atomic<int> reads{0};
    const AnswerCache::Reader firstFails = [&]() -> rollcall::Result<std::shared_ptr<const CachedAnswer>> {
        const int n = ++reads;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        if (n == 1) return rollcall::fail("sqlite.busy", "the database is busy");
        return answer("body", 1);
    };
    std::atomic<int> failed{0}, answered{0};
    {
        std::vector<std::jthread> threads;
        for (int i = 0; i < 4; ++i) {
            threads.emplace_back([&] {
                auto a = cache.getOrRead("k", 1, firstFails);
                (a ? answered : failed) += 1;
            });
        }
    }
    EXPECT_EQ(failed.load(), 1) << "only the request whose read failed sees the error";
    EXPECT_EQ(answered.load(), 3);
    EXPECT_NE(cache.find("k", 1), nullptr);
}

TEST(AnswerCache, EtagIsAQuotedHashOfTheBody) {
    const auto a = answerEtag("{\"items\":[]}");
    EXPECT_EQ(a.size(), 34u);
    EXPECT_EQ(a.front(), '"');
    EXPECT_EQ(a.back(), '"');
    EXPECT_EQ(a, answerEtag("{\"items\":[]}"));
    EXPECT_NE(a, answerEtag("{\"items\":[1]}"));
}

TEST(AnswerCache, IfNoneMatchComparesEachListedTag) {
    const std::string tag = "\"abc\"";
    EXPECT_TRUE(etagMatches("\"abc\"", tag));
    EXPECT_TRUE(etagMatches("\"x\", \"abc\"", tag));
    EXPECT_TRUE(etagMatches("W/\"abc\"", tag));
    EXPECT_TRUE(etagMatches("*", tag));
    EXPECT_FALSE(etagMatches("\"abcd\"", tag));
    EXPECT_FALSE(etagMatches("abc", tag));
    EXPECT_FALSE(etagMatches("", tag));
}
