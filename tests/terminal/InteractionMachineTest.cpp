// The interaction state machine over events (face results, finger results, the clock, the
// journal's answer) for every policy, per terminal and per person.
#include <gtest/gtest.h>

#include <map>

#include "rollcall/terminal/InteractionMachine.hpp"

using namespace rollcall;
using namespace rollcall::terminal;
using namespace std::chrono_literals;
using P = VerificationPolicy;
using FK = FingerObservation::Kind;

namespace {

constexpr EmployeeId kAnna{1};
constexpr EmployeeId kBo{2};

FaceObservation faceOf(EmployeeId who, double score = 0.72, LivenessVerdict live = LivenessVerdict::Live) {
    FaceObservation f;
    f.kind = FaceObservation::Kind::Matched;
    f.person = who;
    f.score = score;
    f.liveness = live;
    f.livenessScore = live == LivenessVerdict::Live ? 0.95 : 0.1;
    return f;
}

FaceObservation refusedFace(std::string reason = "not enrolled", bool poorQuality = false) {
    FaceObservation f;
    f.kind = FaceObservation::Kind::Refused;
    f.reason = std::move(reason);
    f.poorQuality = poorQuality;
    return f;
}

FingerObservation finger(FK kind, EmployeeId who = {}, double score = 31) { return {kind, who, score, {}}; }

class Interaction : public ::testing::Test {
protected:
    InteractionMachine make(P policy) {
        InteractionSettings s;
        s.policy = policy;
        return InteractionMachine(s, [this](EmployeeId id) {
            auto it = facts.find(id.value());
            return it == facts.end() ? PersonFacts{std::nullopt, true, false} : it->second;
        });
    }
    // Commits what the machine decided, as the daemon does after the journal's answer.
    static void commit(InteractionMachine& m, SteadyTime at, std::uint64_t seq = 7) {
        m.onCommitted({true, seq, Instant::fromMicros(1'000'000), {}}, at);
    }

    SteadyTime t0 = SteadyTime{} + 1h;
    std::map<std::int64_t, PersonFacts> facts;
};

}  // namespace

TEST_F(Interaction, FaceOnlyRecordsAFaceAndShowsOkThenReturnsToIdle) {
    auto m = make(P::Face);
    EXPECT_EQ(m.view().phase, Phase::Idle);
    EXPECT_EQ(m.view().prompt, Prompt::LookAtCamera);
    EXPECT_EQ(m.fingerRequest().kind, FingerRequest::Kind::None);
    auto d = m.onFace(faceOf(kAnna, 0.8), t0);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->person, kAnna);
    EXPECT_EQ(d->method, proto::PunchMethod::Face);
    EXPECT_DOUBLE_EQ(d->faceScore.value(), 0.8);
    EXPECT_DOUBLE_EQ(d->livenessScore.value(), 0.95);
    EXPECT_FALSE(d->fingerScore);
    EXPECT_EQ(m.view().phase, Phase::Committing);
    EXPECT_FALSE(m.wantsFace());
    commit(m, t0 + 20ms, 42);
    EXPECT_EQ(m.view().phase, Phase::Success);
    EXPECT_EQ(m.view().prompt, Prompt::Recorded);
    EXPECT_EQ(m.view().seq, 42u);
    ASSERT_TRUE(m.view().punch);
    EXPECT_EQ(m.view().punch->method, proto::PunchMethod::Face);
    m.onTick(t0 + 2s);
    EXPECT_EQ(m.view().phase, Phase::Success);
    m.onTick(t0 + 4s);
    EXPECT_EQ(m.view().phase, Phase::Idle);
    EXPECT_EQ(m.view().prompt, Prompt::LookAtCamera);
}

TEST_F(Interaction, FaceOnlyIgnoresFingersAndTellsAStrangerToTryAgain) {
    auto m = make(P::Face);
    EXPECT_FALSE(m.onFinger(finger(FK::Identified, kAnna), t0));
    EXPECT_EQ(m.view().phase, Phase::Idle);
    EXPECT_FALSE(m.onFace(refusedFace("not enrolled"), t0));
    EXPECT_EQ(m.view().phase, Phase::Failure);
    EXPECT_EQ(m.view().prompt, Prompt::NotRecognised);
    EXPECT_EQ(m.view().detail, "not enrolled");
    m.onTick(t0 + 3s);
    EXPECT_EQ(m.view().phase, Phase::Idle);
}

TEST_F(Interaction, ABlurredFrameDoesNotReplaceOkButTheNextPersonDoes) {
    auto m = make(P::Face);
    ASSERT_TRUE(m.onFace(faceOf(kAnna), t0));
    commit(m, t0);
    m.onFace(refusedFace("quality: blurred", true), t0 + 100ms);
    EXPECT_EQ(m.view().prompt, Prompt::Recorded);
    auto d = m.onFace(faceOf(kBo), t0 + 200ms);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->person, kBo);
    commit(m, t0 + 200ms);
    m.onFace(refusedFace("not enrolled"), t0 + 300ms);  // a stranger steps up
    EXPECT_EQ(m.view().prompt, Prompt::NotRecognised);
}

TEST_F(Interaction, ARepeatedFaceStaysQuiet) {
    facts[kAnna.value()] = {std::nullopt, true, true};
    auto m = make(P::Face);
    const auto before = m.revision();
    EXPECT_FALSE(m.onFace(faceOf(kAnna), t0));
    EXPECT_EQ(m.view().phase, Phase::Idle);
    EXPECT_EQ(m.revision(), before);
}

TEST_F(Interaction, SpoofedFaceIsNotLive) {
    auto m = make(P::Face);
    EXPECT_FALSE(m.onFace(faceOf(kAnna, 0.8, LivenessVerdict::Spoof), t0));
    EXPECT_EQ(m.view().phase, Phase::Failure);
    EXPECT_EQ(m.view().prompt, Prompt::FaceNotLive);
    EXPECT_FALSE(m.onFace(faceOf(kAnna, 0.8, LivenessVerdict::Uncertain), t0 + 100ms));
    EXPECT_EQ(m.view().prompt, Prompt::FaceNotLive);
}

TEST_F(Interaction, JournalRefusalIsShownAndNothingCountsAsRecorded) {
    auto m = make(P::Face);
    ASSERT_TRUE(m.onFace(faceOf(kAnna), t0));
    m.onCommitted({false, 0, {}, "disk full"}, t0);
    EXPECT_EQ(m.view().phase, Phase::Failure);
    EXPECT_EQ(m.view().prompt, Prompt::RecordFailed);
    EXPECT_EQ(m.view().detail, "disk full");
    EXPECT_FALSE(m.view().punch);
}

TEST_F(Interaction, FingerprintOnlyIdentifiesByFingerAndIgnoresFaces) {
    auto m = make(P::Fingerprint);
    EXPECT_EQ(m.view().prompt, Prompt::PlaceFinger);
    EXPECT_EQ(m.fingerRequest().kind, FingerRequest::Kind::Identify);
    EXPECT_FALSE(m.wantsFace());
    EXPECT_FALSE(m.onFace(faceOf(kAnna), t0));
    EXPECT_EQ(m.view().phase, Phase::Idle);
    auto d = m.onFinger(finger(FK::Identified, kBo, 27), t0);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->person, kBo);
    EXPECT_EQ(d->method, proto::PunchMethod::Fingerprint);
    EXPECT_DOUBLE_EQ(d->fingerScore.value(), 27);
    EXPECT_FALSE(d->faceScore);
    EXPECT_FALSE(d->livenessScore);
    EXPECT_EQ(m.fingerRequest().kind, FingerRequest::Kind::None);  // nothing runs while committing
    commit(m, t0);
    EXPECT_EQ(m.fingerRequest().kind, FingerRequest::Kind::Identify);  // the next person may place a finger
}

TEST_F(Interaction, FingerprintOnlyPromptsOnBadScansAndUnknownFingers) {
    auto m = make(P::Fingerprint);
    m.onFinger(finger(FK::Retry), t0);
    EXPECT_EQ(m.view().prompt, Prompt::FingerAgain);
    m.onFinger(finger(FK::NotRecognised), t0 + 1s);
    EXPECT_EQ(m.view().prompt, Prompt::NotRecognised);
    m.onFinger({FK::Failed, {}, 0, "reader removed"}, t0 + 2s);
    EXPECT_EQ(m.view().prompt, Prompt::ReaderFailed);
    EXPECT_EQ(m.view().detail, "reader removed");
}

TEST_F(Interaction, AFingerPlacedAgainSoonIsToldItIsAlreadyRecorded) {
    facts[kBo.value()] = {std::nullopt, true, true};
    auto m = make(P::Fingerprint);
    EXPECT_FALSE(m.onFinger(finger(FK::Identified, kBo), t0));
    EXPECT_EQ(m.view().phase, Phase::Success);
    EXPECT_EQ(m.view().prompt, Prompt::AlreadyRecorded);
    EXPECT_FALSE(m.view().punch);
}

TEST_F(Interaction, EitherAcceptsWhicheverFactorComesFirst) {
    auto m = make(P::Either);
    EXPECT_EQ(m.view().prompt, Prompt::LookOrPlaceFinger);
    EXPECT_TRUE(m.wantsFace());
    EXPECT_EQ(m.fingerRequest().kind, FingerRequest::Kind::Identify);
    auto byFace = m.onFace(faceOf(kAnna), t0);
    ASSERT_TRUE(byFace);
    EXPECT_EQ(byFace->method, proto::PunchMethod::Face);
    commit(m, t0);
    auto byFinger = m.onFinger(finger(FK::Identified, kBo), t0 + 1s);
    ASSERT_TRUE(byFinger);
    EXPECT_EQ(byFinger->method, proto::PunchMethod::Fingerprint);
}

TEST_F(Interaction, BothFaceIdentifiesThenTheFingerConfirmsTheSamePerson) {
    auto m = make(P::FaceAndFinger);
    EXPECT_EQ(m.fingerRequest().kind, FingerRequest::Kind::None);  // the finger only confirms
    EXPECT_FALSE(m.onFinger(finger(FK::Identified, kAnna), t0));  // and never identifies
    EXPECT_FALSE(m.onFace(faceOf(kAnna, 0.66), t0));
    EXPECT_EQ(m.view().phase, Phase::SecondFactor);
    EXPECT_EQ(m.view().prompt, Prompt::PlaceFinger);
    EXPECT_EQ(m.view().person, kAnna);
    EXPECT_EQ(m.fingerRequest(), (FingerRequest{FingerRequest::Kind::Verify, kAnna}));
    EXPECT_FALSE(m.wantsFace());
    EXPECT_FALSE(m.onFace(faceOf(kBo), t0 + 1s));  // someone else walks past: still Anna's turn
    EXPECT_EQ(m.view().person, kAnna);
    auto d = m.onFinger(finger(FK::Verified, kAnna, 19), t0 + 2s);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->method, proto::PunchMethod::FaceAndFingerprint);
    EXPECT_DOUBLE_EQ(d->faceScore.value(), 0.66);
    EXPECT_DOUBLE_EQ(d->fingerScore.value(), 19);
    EXPECT_TRUE(d->livenessScore);
}

TEST_F(Interaction, BothGivesThreeFingerAttemptsEachWithItsOwnTimeout) {
    auto m = make(P::FaceAndFinger);
    m.onFace(faceOf(kAnna), t0);
    const auto firstDeadline = m.view().deadline.value();
    EXPECT_EQ(firstDeadline, t0 + 10s);
    m.onFinger(finger(FK::Retry), t0 + 1s);  // a bad scan is not an attempt
    EXPECT_EQ(m.view().prompt, Prompt::FingerAgain);
    EXPECT_EQ(m.view().attempts, 0);
    m.onFinger(finger(FK::Rejected, kAnna), t0 + 2s);
    EXPECT_EQ(m.view().phase, Phase::SecondFactor);
    EXPECT_EQ(m.view().prompt, Prompt::FingerNoMatch);
    EXPECT_EQ(m.view().attempts, 1);
    EXPECT_EQ(m.view().deadline.value(), t0 + 12s);
    m.onFinger(finger(FK::Identified, kBo), t0 + 3s);  // Bo's finger on Anna's face: no
    EXPECT_EQ(m.view().attempts, 2);
    EXPECT_FALSE(m.onFinger(finger(FK::Rejected, kAnna), t0 + 4s));
    EXPECT_EQ(m.view().phase, Phase::Failure);
    EXPECT_EQ(m.view().prompt, Prompt::FingerNoMatch);
    EXPECT_EQ(m.fingerRequest().kind, FingerRequest::Kind::None);
}

TEST_F(Interaction, BothTimesOutWithoutAFinger) {
    auto m = make(P::FaceAndFinger);
    m.onFace(faceOf(kAnna), t0);
    m.onTick(t0 + 9s);
    EXPECT_EQ(m.view().phase, Phase::SecondFactor);
    m.onTick(t0 + 10s);
    EXPECT_EQ(m.view().phase, Phase::Failure);
    EXPECT_EQ(m.view().prompt, Prompt::TimedOut);
    EXPECT_EQ(m.view().person, kAnna);
    // A finger arriving late starts nothing at this terminal.
    EXPECT_FALSE(m.onFinger(finger(FK::Verified, kAnna), t0 + 11s));
    m.onTick(t0 + 13s);
    EXPECT_EQ(m.view().phase, Phase::Idle);
}

TEST_F(Interaction, BothChecksLivenessAfterTheSecondFactor) {
    auto m = make(P::FaceAndFinger);
    m.onFace(faceOf(kAnna, 0.7, LivenessVerdict::Spoof), t0);
    EXPECT_EQ(m.view().phase, Phase::SecondFactor);
    EXPECT_FALSE(m.onFinger(finger(FK::Verified, kAnna), t0 + 1s));
    EXPECT_EQ(m.view().phase, Phase::Failure);
    EXPECT_EQ(m.view().prompt, Prompt::FaceNotLive);
}

TEST_F(Interaction, BothRefusesAPersonWithoutEnrolledPrints) {
    facts[kAnna.value()] = {std::nullopt, false, false};
    auto m = make(P::FaceAndFinger);
    EXPECT_FALSE(m.onFace(faceOf(kAnna), t0));
    EXPECT_EQ(m.view().phase, Phase::Failure);
    EXPECT_EQ(m.view().prompt, Prompt::NoFingerEnrolled);
}

TEST_F(Interaction, APersonMarkedBothGivesAFingerAtAFaceOnlyTerminal) {
    facts[kAnna.value()] = {P::FaceAndFinger, true, false};
    auto m = make(P::Face);
    EXPECT_FALSE(m.onFace(faceOf(kAnna), t0));
    EXPECT_EQ(m.view().phase, Phase::SecondFactor);
    EXPECT_EQ(m.fingerRequest(), (FingerRequest{FingerRequest::Kind::Verify, kAnna}));
    auto d = m.onFinger(finger(FK::Verified, kAnna), t0 + 1s);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->method, proto::PunchMethod::FaceAndFingerprint);
    commit(m, t0 + 1s);
    // Others at the same terminal still need only their face.
    m.onTick(t0 + 5s);
    auto other = m.onFace(faceOf(kBo), t0 + 5s);
    ASSERT_TRUE(other);
    EXPECT_EQ(other->method, proto::PunchMethod::Face);
}

TEST_F(Interaction, APersonMarkedBothShowsTheFaceAtAFingerprintTerminal) {
    facts[kBo.value()] = {P::FaceAndFinger, true, false};
    auto m = make(P::Fingerprint);
    EXPECT_FALSE(m.onFinger(finger(FK::Identified, kBo, 25), t0));
    EXPECT_EQ(m.view().phase, Phase::SecondFactor);
    EXPECT_EQ(m.view().prompt, Prompt::LookAtCamera);
    EXPECT_TRUE(m.wantsFace());
    EXPECT_EQ(m.fingerRequest().kind, FingerRequest::Kind::None);
    EXPECT_FALSE(m.onFace(faceOf(kAnna), t0 + 1s));  // not Bo's face
    EXPECT_EQ(m.view().phase, Phase::SecondFactor);
    EXPECT_EQ(m.view().detail, "another person's face");
    auto d = m.onFace(faceOf(kBo, 0.6), t0 + 2s);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->method, proto::PunchMethod::FaceAndFingerprint);
    EXPECT_DOUBLE_EQ(d->fingerScore.value(), 25);
    EXPECT_DOUBLE_EQ(d->faceScore.value(), 0.6);
}

TEST_F(Interaction, APersonMarkedFingerprintAtAnEitherTerminalCannotUseTheFaceAlone) {
    facts[kAnna.value()] = {P::Fingerprint, true, false};
    auto m = make(P::Either);
    EXPECT_FALSE(m.onFace(faceOf(kAnna), t0));
    EXPECT_EQ(m.view().phase, Phase::SecondFactor);
    EXPECT_EQ(m.view().prompt, Prompt::PlaceFinger);
    auto d = m.onFinger(finger(FK::Verified, kAnna), t0 + 1s);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->method, proto::PunchMethod::FaceAndFingerprint);
}

TEST_F(Interaction, RevisionChangesOnlyWhenTheViewChanges) {
    auto m = make(P::Face);
    m.onFace(refusedFace("not enrolled"), t0);
    const auto r = m.revision();
    m.onFace(refusedFace("not enrolled"), t0 + 40ms);
    EXPECT_EQ(m.revision(), r);
    m.onFace(refusedFace("quality: too small"), t0 + 80ms);
    EXPECT_GT(m.revision(), r);
}

TEST(InteractionPrompt, EveryPromptHasAKey) {
    for (int p = 0; p <= static_cast<int>(Prompt::Recorded); ++p) {
        EXPECT_FALSE(promptKey(static_cast<Prompt>(p)).empty());
    }
    EXPECT_EQ(promptKey(Prompt::PlaceFinger), "place_finger");
    EXPECT_EQ(phaseName(Phase::SecondFactor), "second_factor");
}
