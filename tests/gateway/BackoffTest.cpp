#include <gtest/gtest.h>

#include "rollcall/sync/Backoff.hpp"

using namespace rollcall::sync;
using namespace std::chrono_literals;

TEST(Backoff, CeilingDoublesUpToTheCapAndDelaysStayBelowIt) {
    Backoff b(100ms, 1000ms, 42);
    std::vector<std::chrono::milliseconds> ceilings;
    for (int i = 0; i < 8; ++i) {
        const auto ceiling = b.ceiling();
        ceilings.push_back(ceiling);
        const auto d = b.next();
        EXPECT_GE(d, 0ms);
        EXPECT_LE(d, ceiling);
    }
    EXPECT_EQ(ceilings[0], 100ms);
    EXPECT_EQ(ceilings[1], 200ms);
    EXPECT_EQ(ceilings[3], 800ms);
    EXPECT_EQ(ceilings[4], 1000ms);
    EXPECT_EQ(ceilings[7], 1000ms);
    b.reset();
    EXPECT_EQ(b.ceiling(), 100ms);
}

TEST(Backoff, JitterSpreadsTerminalsThatFailedTogether) {
    Backoff a(1000ms, 30000ms, 1);
    Backoff b(1000ms, 30000ms, 2);
    int same = 0;
    for (int i = 0; i < 20; ++i) same += a.next() == b.next();
    EXPECT_LT(same, 3);
}
