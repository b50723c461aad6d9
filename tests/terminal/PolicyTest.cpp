// How the terminal's policy and a person's own combine, and which factor identifies.
#include <gtest/gtest.h>

#include "rollcall/terminal/VerificationPolicy.hpp"

using namespace rollcall::terminal;
using P = VerificationPolicy;

TEST(VerificationPolicy, APersonsPolicyIsNeverWeakerThanTheTerminals) {
    EXPECT_EQ(combinePolicies(P::Face, std::nullopt), P::Face);
    EXPECT_EQ(combinePolicies(P::Face, P::FaceAndFinger), P::FaceAndFinger);
    EXPECT_EQ(combinePolicies(P::Face, P::Fingerprint), P::FaceAndFinger);
    EXPECT_EQ(combinePolicies(P::Face, P::Either), P::Face);
    EXPECT_EQ(combinePolicies(P::Either, P::Fingerprint), P::Fingerprint);
    EXPECT_EQ(combinePolicies(P::Either, P::Either), P::Either);
    EXPECT_EQ(combinePolicies(P::FaceAndFinger, P::Face), P::FaceAndFinger);
    EXPECT_EQ(combinePolicies(P::Fingerprint, P::Face), P::FaceAndFinger);
}

TEST(VerificationPolicy, FaceIdentifiesAtAFaceAndFingerprintTerminal) {
    EXPECT_TRUE(identifiesWith(P::FaceAndFinger, Factor::Face));
    EXPECT_FALSE(identifiesWith(P::FaceAndFinger, Factor::Finger));
    EXPECT_TRUE(identifiesWith(P::Either, Factor::Finger));
    EXPECT_FALSE(identifiesWith(P::Face, Factor::Finger));
    EXPECT_FALSE(identifiesWith(P::Fingerprint, Factor::Face));
}

TEST(VerificationPolicy, ParsesEveryNameAndRefusesOthers) {
    for (auto p : {P::Face, P::Fingerprint, P::Either, P::FaceAndFinger}) EXPECT_EQ(parsePolicy(policyName(p)).value(), p);
    auto bad = parsePolicy("face-and-finger");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, "config.policy");
}
