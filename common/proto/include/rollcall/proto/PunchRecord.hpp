#pragma once
// The punch as a terminal signs it and the server stores it. The signature covers a fixed
// binary encoding of every other field (canonicalBytes), never the CBOR, so that a stored
// punch can be re-verified later from its database columns alone.
#include <array>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "rollcall/crypto/Crypto.hpp"
#include "rollcall/domain/Ids.hpp"

namespace rollcall::proto {

enum class PunchMethod : std::uint8_t { Face = 1, Fingerprint = 2, FaceAndFingerprint = 3, Card = 4, Pin = 5 };

// "face", "fingerprint", "face+fingerprint", "card", "pin" (the store's spelling).
std::string_view methodName(PunchMethod method);
std::optional<PunchMethod> parseMethod(std::string_view name);

using Signature = std::array<std::uint8_t, 64>;

struct PunchRecord {
    TerminalId terminal;
    TerminalSeq seq = 0;
    EmployeeId employee;
    PunchMethod method = PunchMethod::Face;
    std::optional<double> faceScore;
    std::optional<double> fingerScore;
    std::optional<double> livenessScore;
    std::int64_t terminalTimeUs = 0;  // the terminal's clock when the person verified
    std::int64_t clockOffsetUs = 0;   // server time minus terminal time, as the terminal knew it then
    std::optional<SpotCheckId> spotCheck;
    Signature signature{};

    // The time the punch counts at: terminal clock corrected by the offset.
    [[nodiscard]] std::int64_t correctedTimeUs() const { return terminalTimeUs + clockOffsetUs; }

    bool operator==(const PunchRecord&) const = default;
};

// Domain-separated, fixed-layout big-endian encoding of every field but the signature.
std::vector<std::uint8_t> canonicalBytes(const PunchRecord& punch);
void sign(PunchRecord& punch, const crypto::SigningKey& key);
bool verify(const PunchRecord& punch, std::span<const std::uint8_t> publicKey32);

}  // namespace rollcall::proto
