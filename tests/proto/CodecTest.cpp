#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "rollcall/proto/Codec.hpp"
#include "rollcall/proto/Frame.hpp"

using namespace rollcall;
using namespace rollcall::proto;

namespace {

PunchRecord samplePunch() {
    PunchRecord p;
    p.terminal = TerminalId(7);
    p.seq = 42;
    p.employee = EmployeeId(1001);
    p.method = PunchMethod::FaceAndFingerprint;
    p.faceScore = 0.87;
    p.fingerScore = 41.0;
    p.livenessScore = 0.99;
    p.terminalTimeUs = 1'800'000'000'000'000;
    p.clockOffsetUs = -1234;
    p.spotCheck = SpotCheckId(5);
    p.signature.fill(0xAB);
    return p;
}

void expectRoundTrip(const Message& m) {
    auto decoded = decodePayload(encodePayload(m));
    ASSERT_TRUE(decoded) << decoded.error().describe();
    EXPECT_EQ(decoded->index(), m.index());
    EXPECT_TRUE(*decoded == m) << typeName(m);
}

}  // namespace

TEST(Codec, EveryMessageTypeRoundTrips) {
    const TerminalConfig config{"Gate A", PostId(3), 15, 256};
    PunchRecord bare = samplePunch();
    bare.faceScore.reset();
    bare.spotCheck.reset();
    const std::vector<Message> all = {
        Hello{kProtocolVersion, "0.1.0", 99, 3, 12, 1'700'000'000'000'000, 250},
        Welcome{kProtocolVersion, TerminalId(7), 1'700'000'000'000'001, config},
        PunchBatch{{samplePunch(), bare}, 17},
        Ack{{41, 42}},
        GalleryDelta{3, 4, {GalleryPerson{EmployeeId(9), "Li Wei", {GalleryTemplate{"face", {1, 2, 3}}}}}, {EmployeeId(8)}},
        GalleryAck{4},
        SpotCheckStart{SpotCheckId(2), 10, 20, "Duty check"},
        SpotCheckEnd{SpotCheckId(2)},
        TimeSync{123, std::nullopt},
        TimeSync{123, 456},
        Ping{77},
        Pong{77},
        ErrorMessage{std::string(errc::version), "version 9 is not spoken here"},
        Provision{"tok", std::vector<std::uint8_t>(32, 5), "0.1.0"},
        Provisioned{TerminalId(7), config},
    };
    for (const auto& m : all) expectRoundTrip(m);
}

TEST(Codec, GarbageIsBadCbor) {
    const std::vector<std::uint8_t> garbage = {0xff, 0x00, 0x13, 0x37, 0x42};
    auto r = decodePayload(garbage);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::badCbor);
}

TEST(Codec, DeepNestingIsRefusedWithoutRecursion) {
    std::vector<std::uint8_t> deep(100000, 0x81);  // [[[[...
    deep.push_back(0x00);
    auto r = decodePayload(deep);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::badCbor);
}

TEST(Codec, HugeDeclaredLengthIsRefused) {
    const std::vector<std::uint8_t> claim = {0x5b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};  // bytes(2^63)
    EXPECT_EQ(decodePayload(claim).error().code, errc::badCbor);
}

TEST(Codec, UnknownTypeIsNamed) {
    // {"t": "launch_missiles"}
    std::vector<std::uint8_t> p = {0xa1, 0x61, 't', 0x6f};
    for (char c : std::string("launch_missiles")) p.push_back(static_cast<std::uint8_t>(c));
    auto r = decodePayload(p);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::unknownType);
    EXPECT_NE(r.error().message.find("launch_missiles"), std::string::npos);
}

TEST(Codec, MissingOrMistypedFieldIsBadField) {
    auto payload = encodePayload(Ping{1});
    // Replace the value 1 of "nonce" with a text value by re-encoding by hand: {"t":"ping","nonce":"x"}
    std::vector<std::uint8_t> p = {0xa2, 0x61, 't', 0x64, 'p', 'i', 'n', 'g', 0x65, 'n', 'o', 'n', 'c', 'e', 0x61, 'x'};
    auto r = decodePayload(p);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, errc::badField);
    std::vector<std::uint8_t> q = {0xa1, 0x61, 't', 0x64, 'p', 'i', 'n', 'g'};
    EXPECT_EQ(decodePayload(q).error().code, errc::badField);
    EXPECT_TRUE(decodePayload(payload));
}

TEST(Codec, PunchWithShortSignatureIsRefused) {
    auto m = PunchBatch{{samplePunch()}, 0};
    auto bytes = encodePayload(m);
    // Truncating the payload anywhere must fail cleanly, never crash.
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        auto r = decodePayload(std::span<const std::uint8_t>(bytes.data(), n));
        EXPECT_FALSE(r) << n;
    }
}

TEST(Codec, FrameCarriesOneMessage) {
    auto frame = encodeMessageFrame(Pong{9});
    FrameDecoder d;
    ASSERT_TRUE(d.feed(frame));
    auto payload = d.next();
    ASSERT_TRUE(payload);
    auto m = decodePayload(*payload);
    ASSERT_TRUE(m);
    EXPECT_EQ(std::get<Pong>(*m).nonce, 9u);
}

// The fuzzer starts from tests/fuzz/seeds: each must be a frame holding a message this build
// decodes, or the fuzzer would only explore the decoder's error paths.
TEST(Codec, FuzzSeedsAreValidFramesOfThisProtocol) {
    const char* src = std::getenv("ROLLCALL_SOURCE_DIR");
    ASSERT_NE(src, nullptr) << "ROLLCALL_SOURCE_DIR is set by ctest";
    int seen = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(src) / "tests/fuzz/seeds")) {
        std::ifstream in(entry.path(), std::ios::binary);
        const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        rollcall::proto::FrameDecoder decoder(64 * 1024);
        ASSERT_TRUE(decoder.feed(bytes)) << entry.path();
        auto payload = decoder.next();
        ASSERT_TRUE(payload) << entry.path();
        auto message = rollcall::proto::decodePayload(*payload);
        EXPECT_TRUE(message) << entry.path() << ": " << (message ? "" : message.error().message);
        ++seen;
    }
    EXPECT_GE(seen, 9);
}
