#include <gtest/gtest.h>

#include "rollcall/proto/Frame.hpp"

using namespace rollcall;
using namespace rollcall::proto;

TEST(Frame, HeaderIsBigEndianLength) {
    const auto h = frameHeader(0x01020304);
    EXPECT_EQ(h[0], 1);
    EXPECT_EQ(h[3], 4);
    auto n = parseFrameHeader(std::span<const std::uint8_t, 4>(h), 0x02000000);
    ASSERT_TRUE(n);
    EXPECT_EQ(*n, 0x01020304u);
}

TEST(Frame, LengthOverTheMaximumIsRefusedFromTheHeaderAlone) {
    const auto h = frameHeader(1025);
    auto n = parseFrameHeader(std::span<const std::uint8_t, 4>(h), 1024);
    ASSERT_FALSE(n);
    EXPECT_EQ(n.error().code, errc::frameTooLarge);
}

TEST(Frame, EmptyFrameIsRefused) {
    const auto h = frameHeader(0);
    EXPECT_EQ(parseFrameHeader(std::span<const std::uint8_t, 4>(h)).error().code, errc::frameEmpty);
}

TEST(Frame, DecoderReassemblesFramesSplitAnywhere) {
    std::vector<std::uint8_t> stream;
    for (int i = 1; i <= 3; ++i) {
        std::vector<std::uint8_t> payload(static_cast<std::size_t>(i * 100), static_cast<std::uint8_t>(i));
        auto f = encodeFrame(payload);
        stream.insert(stream.end(), f.begin(), f.end());
    }
    FrameDecoder d;
    for (auto b : stream) ASSERT_TRUE(d.feed(std::span<const std::uint8_t>(&b, 1)));
    for (int i = 1; i <= 3; ++i) {
        auto p = d.next();
        ASSERT_TRUE(p);
        EXPECT_EQ(p->size(), static_cast<std::size_t>(i * 100));
        EXPECT_EQ((*p)[0], i);
    }
    EXPECT_FALSE(d.next());
    EXPECT_TRUE(d.finish());
}

TEST(Frame, TruncatedStreamIsReportedAtTheEnd) {
    std::vector<std::uint8_t> payload(50, 7);
    auto f = encodeFrame(payload);
    f.resize(30);
    FrameDecoder d;
    ASSERT_TRUE(d.feed(f));
    EXPECT_FALSE(d.next());
    EXPECT_EQ(d.finish().error().code, errc::frameTruncated);
}

TEST(Frame, DecoderStaysFailedAfterAnOversizedHeader) {
    FrameDecoder d(16);
    auto h = frameHeader(17);
    EXPECT_FALSE(d.feed(h));
    std::vector<std::uint8_t> ok = encodeFrame(std::vector<std::uint8_t>(4, 1));
    EXPECT_FALSE(d.feed(ok));
    EXPECT_EQ(d.buffered(), 0u);
}
