// From the face engine's recognition to what the interaction sees: nobody, a refusal with its
// reason, or a match whose liveness is left for the machine to judge.
#include <gtest/gtest.h>

#include "rollcall/terminal/FaceObservation.hpp"

using namespace rollcall;
using namespace rollcall::terminal;
using K = FaceObservation::Kind;

namespace {

face::Recognition seen(face::MatchDecision decision, bool qualityOk = true) {
    face::Recognition r;
    r.analysis.embedding = {1.0F, 0.0F};
    r.analysis.quality.ok = qualityOk;
    r.match.decision = decision;
    r.match.hits.best = face::SearchHit{EmployeeId(4), 0.77F};
    r.match.hits.second = face::SearchHit{EmployeeId(9), 0.75F};
    return r;
}

}  // namespace

TEST(FaceObservation, NobodyInViewIsNoFace) {
    face::Recognition r;
    r.reason = "no face";
    EXPECT_EQ(observeFace(r).kind, K::NoFace);
}

TEST(FaceObservation, APoorImageIsRefusedAsPoorQuality) {
    auto r = seen(face::MatchDecision::Match, false);
    r.reason = "quality: too small";
    const auto o = observeFace(r);
    EXPECT_EQ(o.kind, K::Refused);
    EXPECT_TRUE(o.poorQuality);
    EXPECT_EQ(o.reason, "quality: too small");
}

TEST(FaceObservation, StrangersAndLookAlikesAreRefusedWithTheReason) {
    auto stranger = seen(face::MatchDecision::NoMatch);
    stranger.reason = "liveness: looks like a photo";  // the engine's first reason; not the one that matters here
    EXPECT_EQ(observeFace(stranger).reason, "not enrolled");
    EXPECT_FALSE(observeFace(stranger).poorQuality);
    const auto twin = observeFace(seen(face::MatchDecision::Ambiguous));
    EXPECT_EQ(twin.kind, K::Refused);
    EXPECT_EQ(twin.reason, "ambiguous: 4 and 9 are too close");
}

TEST(FaceObservation, AMatchCarriesItsScoreAndLeavesLivenessToTheMachine) {
    auto r = seen(face::MatchDecision::Match);
    r.analysis.liveness = face::LivenessResult{face::LivenessDecision::Spoof, 0.12F, {}};
    const auto o = observeFace(r);
    EXPECT_EQ(o.kind, K::Matched);
    EXPECT_EQ(o.person, EmployeeId(4));
    EXPECT_NEAR(o.score, 0.77, 1e-6);
    EXPECT_EQ(o.liveness, LivenessVerdict::Spoof);
    EXPECT_NEAR(o.livenessScore.value(), 0.12, 1e-6);
    EXPECT_EQ(observeFace(seen(face::MatchDecision::Match)).liveness, LivenessVerdict::NotChecked);
}
