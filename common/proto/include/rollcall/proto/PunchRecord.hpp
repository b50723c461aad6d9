#pragma once
// The punch as a terminal signs it and the server stores it. The signature covers a fixed
// binary encoding of every other field (canonicalBytes), never the CBOR, so that a stored
// punch can be re-verified later from its database columns alone.
//
// Each terminal's punches form a hash chain: a punch carries the digest of the terminal's
// previous punch (`prev`, all zero for the first), and that digest is inside the signed bytes.
// A signature over punch n therefore vouches for every punch before it, which lets the gateway
// check one Ed25519 signature per batch instead of one per punch (docs/adr/punch-hash-chain.md),
// and makes a punch deleted or altered in the server's database show as a broken link.
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rollcall/crypto/Crypto.hpp"
#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Ids.hpp"

namespace rollcall::proto {

enum class PunchMethod : std::uint8_t { Face = 1, Fingerprint = 2, FaceAndFingerprint = 3, Card = 4, Pin = 5 };

// "face", "fingerprint", "face+fingerprint", "card", "pin" (the store's spelling).
std::string_view methodName(PunchMethod method);
std::optional<PunchMethod> parseMethod(std::string_view name);

using Signature = std::array<std::uint8_t, 64>;
using ChainDigest = std::array<std::uint8_t, 32>;

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
    ChainDigest prev{};  // chainDigest of this terminal's punch seq - 1; zero for a chain's first
    Signature signature{};

    // The time the punch counts at: terminal clock corrected by the offset.
    [[nodiscard]] std::int64_t correctedTimeUs() const { return terminalTimeUs + clockOffsetUs; }

    bool operator==(const PunchRecord&) const = default;
};

// Domain-separated, fixed-layout big-endian encoding of every field but the signature.
std::vector<std::uint8_t> canonicalBytes(const PunchRecord& punch);
// SHA-256 of canonicalBytes: what the next punch of the same terminal carries as `prev`.
ChainDigest chainDigest(const PunchRecord& punch);
void sign(PunchRecord& punch, const crypto::SigningKey& key);
bool verify(const PunchRecord& punch, std::span<const std::uint8_t> publicKey32);

// Whether `first` follows the punch whose chain digest is `before` (errc::brokenChain if not).
Status checkLink(const PunchRecord& first, const ChainDigest& before);

// Whether a run of punches holds together as one terminal's chain: one terminal, consecutive
// sequence numbers, each `prev` the digest of the punch before it (the first one's against
// `before` when the punch before the run is known), and the last punch signed by
// `publicKey32`; that one signature covers the whole run through the digests. Errors carry
// errc::brokenChain or errc::badSignature and name the punch.
Status checkChain(std::span<const PunchRecord> run, const std::optional<ChainDigest>& before,
                  std::span<const std::uint8_t> publicKey32);

}  // namespace rollcall::proto
