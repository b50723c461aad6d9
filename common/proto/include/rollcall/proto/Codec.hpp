#pragma once
// Message <-> CBOR payload. Decoding never throws: bad CBOR, an unknown type, a missing or
// mistyped field each give an Error whose code is one of proto::errc.
#include <cstdint>
#include <span>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/proto/Messages.hpp"

namespace rollcall::proto {

std::vector<std::uint8_t> encodePayload(const Message& message);
Result<Message> decodePayload(std::span<const std::uint8_t> payload);

// encodePayload wrapped in a frame (length header included).
std::vector<std::uint8_t> encodeMessageFrame(const Message& message);

}  // namespace rollcall::proto
