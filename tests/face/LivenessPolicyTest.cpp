#include <gtest/gtest.h>

#include "rollcall/face/Liveness.hpp"

using namespace rollcall::face;
using namespace std::chrono_literals;

TEST(LivenessPolicy, ScoresAboveLiveBelowSpoofAndUncertainBetween) {
    const LivenessPolicy p{0.8F, 0.3F};
    EXPECT_EQ(decideLiveness(0.95F, p), LivenessDecision::Live);
    EXPECT_EQ(decideLiveness(0.80F, p), LivenessDecision::Live);
    EXPECT_EQ(decideLiveness(0.50F, p), LivenessDecision::Uncertain);
    EXPECT_EQ(decideLiveness(0.29F, p), LivenessDecision::Spoof);
}

TEST(BlinkChallenge, OpenClosedOpenPasses) {
    const auto t0 = BlinkChallenge::Clock::now();
    BlinkChallenge c(t0, 5s);
    EXPECT_EQ(c.observe(EyeState::Open, t0 + 100ms), BlinkChallenge::Status::Pending);
    EXPECT_EQ(c.observe(EyeState::Unknown, t0 + 200ms), BlinkChallenge::Status::Pending);
    EXPECT_EQ(c.observe(EyeState::Closed, t0 + 300ms), BlinkChallenge::Status::Pending);
    EXPECT_EQ(c.observe(EyeState::Open, t0 + 400ms), BlinkChallenge::Status::Passed);
    EXPECT_EQ(c.observe(EyeState::Closed, t0 + 6s), BlinkChallenge::Status::Passed);
}

TEST(BlinkChallenge, APhotoThatNeverBlinksTimesOut) {
    const auto t0 = BlinkChallenge::Clock::now();
    BlinkChallenge c(t0, 2s);
    for (int i = 0; i < 19; ++i) EXPECT_EQ(c.observe(EyeState::Open, t0 + i * 100ms), BlinkChallenge::Status::Pending);
    EXPECT_EQ(c.observe(EyeState::Open, t0 + 2100ms), BlinkChallenge::Status::TimedOut);
}

TEST(BlinkChallenge, ClosedEyesAtTheStartDoNotCountAsABlink) {
    const auto t0 = BlinkChallenge::Clock::now();
    BlinkChallenge c(t0, 5s);
    c.observe(EyeState::Closed, t0 + 100ms);
    EXPECT_EQ(c.observe(EyeState::Open, t0 + 200ms), BlinkChallenge::Status::Pending);
}
