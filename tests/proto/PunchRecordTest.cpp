#include <gtest/gtest.h>

#include "rollcall/proto/Protocol.hpp"
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
    std::vector<PunchRecord> changed(10, p);
    changed[0].terminal = TerminalId(4);
    changed[1].seq = 2;
    changed[2].employee = EmployeeId(11);
    changed[3].method = PunchMethod::Card;
    changed[4].faceScore = 0.5;
    changed[5].fingerScore.reset();
    changed[6].terminalTimeUs = 1001;
    changed[7].clockOffsetUs = 21;
    changed[8].spotCheck = SpotCheckId(1);
    changed[9].prev[31] ^= 1;
    for (const auto& c : changed) EXPECT_FALSE(verify(c, key.publicKey));
}

TEST(PunchRecord, MethodNamesMatchTheStore) {
    EXPECT_EQ(methodName(PunchMethod::FaceAndFingerprint), "face+fingerprint");
    EXPECT_EQ(parseMethod("pin"), PunchMethod::Pin);
    EXPECT_FALSE(parseMethod("manual"));
}

TEST(PunchRecord, CorrectedTimeAddsTheOffset) { EXPECT_EQ(punch().correctedTimeUs(), 1020); }

namespace {
std::vector<PunchRecord> chain(std::size_t n, const crypto::SigningKey& key) {
    std::vector<PunchRecord> out;
    ChainDigest prev{};
    for (std::size_t i = 0; i < n; ++i) {
        auto p = punch();
        p.seq = i + 1;
        p.terminalTimeUs += static_cast<std::int64_t>(i);
        p.prev = prev;
        sign(p, key);
        prev = chainDigest(p);
        out.push_back(p);
    }
    return out;
}
}  // namespace

TEST(PunchChain, ARunLinkedAndSignedAtItsEndHolds) {
    auto key = crypto::SigningKey::generate();
    const auto run = chain(5, key);
    EXPECT_TRUE(checkChain(run, std::nullopt, key.publicKey));
    EXPECT_TRUE(checkChain(std::span(run).subspan(2), chainDigest(run[1]), key.publicKey));
    EXPECT_TRUE(checkChain({}, std::nullopt, key.publicKey));
}

TEST(PunchChain, DigestDependsOnThePreviousPunch) {
    auto a = punch();
    auto b = a;
    b.prev[0] = 1;
    EXPECT_NE(chainDigest(a), chainDigest(b));
}

TEST(PunchChain, EveryBreakIsNamed) {
    auto key = crypto::SigningKey::generate();
    const auto run = chain(4, key);
    auto altered = run;
    altered[1].livenessScore = 0.1;  // after signing: its digest no longer matches punch 3's link
    auto st = checkChain(altered, std::nullopt, key.publicKey);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, errc::brokenChain);
    EXPECT_NE(st.error().message.find("punch 3"), std::string::npos) << st.error().message;

    std::vector<PunchRecord> gap{run[0], run[2]};
    st = checkChain(gap, std::nullopt, key.publicKey);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, errc::brokenChain);

    st = checkChain(std::span(run).subspan(1), ChainDigest{}, key.publicKey);  // does not follow what is stored
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, errc::brokenChain);

    auto other = crypto::SigningKey::generate();
    st = checkChain(run, std::nullopt, other.publicKey);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, errc::badSignature);

    auto forged = run;
    forged.back().signature[0] ^= 1;
    st = checkChain(forged, std::nullopt, key.publicKey);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, errc::badSignature);
}
