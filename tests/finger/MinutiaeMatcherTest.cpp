#include <gtest/gtest.h>

#include <random>

#include "rollcall/finger/MinutiaeMatcher.hpp"
#include "rollcall/finger/SyntheticPrints.hpp"

using namespace rollcall::finger;

namespace {

TEST(MinutiaeMatcher, SameFingerTurnedShiftedAndJitteredMatches) {
    std::mt19937 rng(1);
    const MinutiaeMatcher matcher;
    for (int trial = 0; trial < 20; ++trial) {
        const auto original = randomMinutiae(rng, 40);
        const auto again = reimpress(original, rng, -40.0 + 4 * trial, 25, -15);
        const int score = matcher.score(matcher.prepare(again), matcher.prepare(original));
        EXPECT_TRUE(matcher.accepts(score)) << "trial " << trial << " score " << score;
    }
}

TEST(MinutiaeMatcher, DifferentFingersDoNotMatch) {
    std::mt19937 rng(2);
    const MinutiaeMatcher matcher;
    for (int trial = 0; trial < 50; ++trial) {
        const auto a = matcher.prepare(randomMinutiae(rng, 45));
        const auto b = matcher.prepare(randomMinutiae(rng, 45));
        const int score = matcher.score(a, b);
        EXPECT_FALSE(matcher.accepts(score)) << "trial " << trial << " score " << score;
    }
}

TEST(MinutiaeMatcher, PartialOverlapStillMatchesAndScoresLower) {
    std::mt19937 rng(3);
    const MinutiaeMatcher matcher;
    const auto original = randomMinutiae(rng, 50);
    MinutiaeImage half;  // the left part of the finger only, as when it is placed off centre
    for (const auto& m : original) {
        if (m.x < 190) half.push_back(m);
    }
    const auto whole = matcher.prepare(original);
    const int full = matcher.score(matcher.prepare(reimpress(original, rng, 10, 5, 5)), whole);
    const int part = matcher.score(matcher.prepare(reimpress(half, rng, 10, 5, 5)), whole);
    EXPECT_TRUE(matcher.accepts(part)) << part;
    EXPECT_GT(full, part);
}

TEST(MinutiaeMatcher, TemplateScoreIsTheBestOfItsImages) {
    std::mt19937 rng(4);
    const MinutiaeMatcher matcher;
    const auto finger = randomMinutiae(rng, 40);
    const PrintMinutiae tmpl{{randomMinutiae(rng, 40), reimpress(finger, rng, 5, 3, 3), randomMinutiae(rng, 40)}};
    const auto probe = matcher.prepare(reimpress(finger, rng, -5, -3, 2));
    const auto prepared = matcher.prepare(tmpl);
    EXPECT_EQ(matcher.score(probe, prepared), matcher.score(probe, prepared.images[1]));
    EXPECT_TRUE(matcher.accepts(matcher.score(probe, prepared)));
}

TEST(MinutiaeMatcher, EmptyOrTinyImagesScoreZero) {
    const MinutiaeMatcher matcher;
    const auto empty = matcher.prepare(MinutiaeImage{});
    const auto one = matcher.prepare(MinutiaeImage{{10, 10, 0}});
    std::mt19937 rng(5);
    const auto some = matcher.prepare(randomMinutiae(rng, 30));
    EXPECT_EQ(matcher.score(empty, some), 0);
    EXPECT_EQ(matcher.score(some, empty), 0);
    EXPECT_EQ(matcher.score(one, some), 0);
}

}  // namespace
