#pragma once
// Framing: a 4-byte big-endian payload length, then the payload. Lengths of zero or above the
// configured maximum are refused before any payload byte is read or buffered.
#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/proto/Protocol.hpp"

namespace rollcall::proto {

std::vector<std::uint8_t> encodeFrame(std::span<const std::uint8_t> payload);
std::array<std::uint8_t, kFrameHeaderBytes> frameHeader(std::uint32_t length);
// The payload length announced by a header, checked against maxBytes.
Result<std::uint32_t> parseFrameHeader(std::span<const std::uint8_t, kFrameHeaderBytes> header,
                                       std::uint32_t maxBytes = kDefaultMaxFrameBytes);

// Incremental decoder for byte streams that arrive in arbitrary pieces.
class FrameDecoder {
public:
    explicit FrameDecoder(std::uint32_t maxBytes = kDefaultMaxFrameBytes) : maxBytes_(maxBytes) {}

    // Appends bytes; fails (and stays failed) on a bad header.
    Status feed(std::span<const std::uint8_t> bytes);
    // The next complete payload, if one is buffered.
    std::optional<std::vector<std::uint8_t>> next();
    // Fails if the stream ended inside a frame.
    Status finish() const;
    [[nodiscard]] std::size_t buffered() const { return buffer_.size(); }

private:
    Status parseHeaders();
    std::uint32_t maxBytes_;
    std::vector<std::uint8_t> buffer_;
    std::deque<std::vector<std::uint8_t>> ready_;
    std::optional<Error> failed_;
};

}  // namespace rollcall::proto
