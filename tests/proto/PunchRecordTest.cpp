#include <gtest/gtest.h>

#include "rollcall/proto/PunchRecord.hpp"

using namespace rollcall;
using namespace rollcall::proto;

namespace {
PunchRecord punch() {
    PunchRecord p;
    p.terminal = TerminalId(3);
    p.seq = 1;
    p.employee = EmployeeId(10);
    p.method = PunchMethod::Fingerprint;
    p.fingerScore = 55.0;
    p.terminalTimeUs = 1000;
    p.clockOffsetUs = 20;
    return p;
}
}  // namespace

TEST(PunchRecord, SignatureVerifiesWithTheSigningKeyOnly) {
    auto key = crypto::SigningKey::generate();
    auto other = crypto::SigningKey::generate();
    auto p = punch();
    sign(p, key);
    EXPECT_TRUE(verify(p, key.publicKey));
    EXPECT_FALSE(verify(p, other.publicKey));
}

TEST(PunchRecord, EveryFieldIsCoveredBySignature) {
    auto key = crypto::SigningKey::generate();
    auto p = punch();
    sign(p, key);
    std::vector<PunchRecord> changed(9, p);
    changed[0].terminal = TerminalId(4);
    changed[1].seq = 2;
    changed[2].employee = EmployeeId(11);
    changed[3].method = PunchMethod::Card;
    changed[4].faceScore = 0.5;
    changed[5].fingerScore.reset();
    changed[6].terminalTimeUs = 1001;
    changed[7].clockOffsetUs = 21;
    changed[8].spotCheck = SpotCheckId(1);
    for (const auto& c : changed) EXPECT_FALSE(verify(c, key.publicKey));
}

TEST(PunchRecord, MethodNamesMatchTheStore) {
    EXPECT_EQ(methodName(PunchMethod::FaceAndFingerprint), "face+fingerprint");
    EXPECT_EQ(parseMethod("pin"), PunchMethod::Pin);
    EXPECT_FALSE(parseMethod("manual"));
}

TEST(PunchRecord, CorrectedTimeAddsTheOffset) { EXPECT_EQ(punch().correctedTimeUs(), 1020); }
