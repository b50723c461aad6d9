#include "rollcall/proto/Frame.hpp"

#include <string>

namespace rollcall::proto {

std::array<std::uint8_t, kFrameHeaderBytes> frameHeader(std::uint32_t length) {
    return {static_cast<std::uint8_t>(length >> 24), static_cast<std::uint8_t>(length >> 16),
            static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)};
}

std::vector<std::uint8_t> encodeFrame(std::span<const std::uint8_t> payload) {
    const auto header = frameHeader(static_cast<std::uint32_t>(payload.size()));
    // Appended one piece at a time: g++ 12 misreports range inserts here (-Wstringop-overflow).
    std::vector<std::uint8_t> out;
    out.reserve(header.size() + payload.size());
    for (auto b : header) out.push_back(b);
    for (auto b : payload) out.push_back(b);
    return out;
}

Result<std::uint32_t> parseFrameHeader(std::span<const std::uint8_t, kFrameHeaderBytes> h, std::uint32_t maxBytes) {
    const std::uint32_t length = (std::uint32_t{h[0]} << 24) | (std::uint32_t{h[1]} << 16) |
                                 (std::uint32_t{h[2]} << 8) | std::uint32_t{h[3]};
    if (length == 0) return fail(std::string(errc::frameEmpty), "a frame announced an empty payload");
    if (length > maxBytes) {
        return fail(std::string(errc::frameTooLarge), "a frame announced " + std::to_string(length) +
                                                          " bytes, more than the maximum of " +
                                                          std::to_string(maxBytes));
    }
    return length;
}

Status FrameDecoder::feed(std::span<const std::uint8_t> bytes) {
    if (failed_) return std::unexpected(*failed_);
    buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
    return parseHeaders();
}

Status FrameDecoder::parseHeaders() {
    std::size_t pos = 0;
    while (buffer_.size() - pos >= kFrameHeaderBytes) {
        auto length = parseFrameHeader(std::span<const std::uint8_t, kFrameHeaderBytes>(buffer_.data() + pos, kFrameHeaderBytes), maxBytes_);
        if (!length) {
            failed_ = length.error();
            buffer_.clear();
            return std::unexpected(*failed_);
        }
        if (buffer_.size() - pos - kFrameHeaderBytes < *length) break;
        const auto begin = buffer_.begin() + static_cast<std::ptrdiff_t>(pos + kFrameHeaderBytes);
        ready_.emplace_back(begin, begin + *length);
        pos += kFrameHeaderBytes + *length;
    }
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(pos));
    return {};
}

std::optional<std::vector<std::uint8_t>> FrameDecoder::next() {
    if (ready_.empty()) return std::nullopt;
    auto out = std::move(ready_.front());
    ready_.pop_front();
    return out;
}

Status FrameDecoder::finish() const {
    if (failed_) return std::unexpected(*failed_);
    if (!buffer_.empty()) {
        return fail(std::string(errc::frameTruncated),
                    "the stream ended " + std::to_string(buffer_.size()) + " bytes into an incomplete frame");
    }
    return {};
}

}  // namespace rollcall::proto
