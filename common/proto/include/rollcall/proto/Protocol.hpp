#pragma once
// Constants of the terminal <-> server protocol (docs/protocol.md). Every error code either
// side puts in an Error message or a log line is named here, once.
#include <cstdint>
#include <string_view>

namespace rollcall::proto {

// The only version this build speaks; a Hello with any other is refused with errc::version.
// Version 2: punches carry the digest of their terminal's previous punch (a hash chain), and
// the gateway checks one signature per batch.
inline constexpr std::uint32_t kProtocolVersion = 2;
// Hard upper bound of a frame's payload unless configured otherwise.
inline constexpr std::uint32_t kDefaultMaxFrameBytes = 1u << 20;
inline constexpr std::size_t kFrameHeaderBytes = 4;

namespace errc {
inline constexpr std::string_view frameEmpty = "proto.frame_empty";
inline constexpr std::string_view frameTooLarge = "proto.frame_too_large";
inline constexpr std::string_view frameTruncated = "proto.frame_truncated";
inline constexpr std::string_view badCbor = "proto.bad_cbor";
inline constexpr std::string_view unknownType = "proto.unknown_type";
inline constexpr std::string_view badField = "proto.bad_field";
inline constexpr std::string_view version = "proto.version";
inline constexpr std::string_view unexpected = "proto.unexpected_message";
inline constexpr std::string_view badSignature = "proto.bad_signature";
inline constexpr std::string_view brokenChain = "proto.broken_chain";
inline constexpr std::string_view wrongTerminal = "proto.wrong_terminal";
inline constexpr std::string_view replay = "proto.replay";
inline constexpr std::string_view batchTooLarge = "proto.batch_too_large";
inline constexpr std::string_view notProvisioned = "proto.not_provisioned";
inline constexpr std::string_view badToken = "proto.bad_token";
inline constexpr std::string_view timeout = "proto.timeout";
inline constexpr std::string_view server = "proto.server_error";
}  // namespace errc

}  // namespace rollcall::proto
