#include "rollcall/proto/PunchRecord.hpp"

#include <bit>
#include <cstring>

#include "rollcall/proto/Protocol.hpp"

namespace rollcall::proto {
namespace {

constexpr std::string_view kDomain = "rollcall.punch.v2";

void putU64(std::vector<std::uint8_t>& out, std::uint64_t v) {
    for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}
void putI64(std::vector<std::uint8_t>& out, std::int64_t v) { putU64(out, static_cast<std::uint64_t>(v)); }
void putOptDouble(std::vector<std::uint8_t>& out, const std::optional<double>& v) {
    out.push_back(v ? 1 : 0);
    putU64(out, v ? std::bit_cast<std::uint64_t>(*v) : 0);
}

}  // namespace

std::string_view methodName(PunchMethod method) {
    switch (method) {
        case PunchMethod::Face: return "face";
        case PunchMethod::Fingerprint: return "fingerprint";
        case PunchMethod::FaceAndFingerprint: return "face+fingerprint";
        case PunchMethod::Card: return "card";
        case PunchMethod::Pin: return "pin";
    }
    return "face";
}

std::optional<PunchMethod> parseMethod(std::string_view name) {
    for (auto m : {PunchMethod::Face, PunchMethod::Fingerprint, PunchMethod::FaceAndFingerprint, PunchMethod::Card,
                   PunchMethod::Pin}) {
        if (methodName(m) == name) return m;
    }
    return std::nullopt;
}

std::vector<std::uint8_t> canonicalBytes(const PunchRecord& p) {
    std::vector<std::uint8_t> out(kDomain.begin(), kDomain.end());
    out.reserve(out.size() + 8 * 8 + 4 * 9 + 32);
    putI64(out, p.terminal.value());
    putU64(out, p.seq);
    putI64(out, p.employee.value());
    out.push_back(static_cast<std::uint8_t>(p.method));
    putOptDouble(out, p.faceScore);
    putOptDouble(out, p.fingerScore);
    putOptDouble(out, p.livenessScore);
    putI64(out, p.terminalTimeUs);
    putI64(out, p.clockOffsetUs);
    out.push_back(p.spotCheck ? 1 : 0);
    putI64(out, p.spotCheck ? p.spotCheck->value() : 0);
    out.insert(out.end(), p.prev.begin(), p.prev.end());
    return out;
}

ChainDigest chainDigest(const PunchRecord& punch) { return crypto::sha256(canonicalBytes(punch)); }

void sign(PunchRecord& punch, const crypto::SigningKey& key) { punch.signature = key.sign(canonicalBytes(punch)); }

bool verify(const PunchRecord& punch, std::span<const std::uint8_t> publicKey32) {
    return crypto::verifySignature(publicKey32, canonicalBytes(punch), punch.signature);
}

Status checkLink(const PunchRecord& first, const ChainDigest& before) {
    if (first.prev == before) return {};
    return fail(std::string(errc::brokenChain), "punch " + std::to_string(first.seq) + " does not follow the stored punch " +
                                                    std::to_string(first.seq - 1) + ": its previous-punch digest differs");
}

Status checkChain(std::span<const PunchRecord> run, const std::optional<ChainDigest>& before,
                  std::span<const std::uint8_t> publicKey32) {
    if (run.empty()) return {};
    const auto broken = [](std::string message) { return fail(std::string(errc::brokenChain), std::move(message)); };
    if (before) {
        if (auto st = checkLink(run.front(), *before); !st) return st;
    }
    for (std::size_t i = 1; i < run.size(); ++i) {
        const auto& a = run[i - 1];
        const auto& b = run[i];
        if (b.terminal != a.terminal) return broken("one batch holds punches of two terminals");
        if (b.seq != a.seq + 1) {
            return broken("punches " + std::to_string(a.seq) + " and " + std::to_string(b.seq) + " are not consecutive");
        }
        if (b.prev != chainDigest(a)) {
            return broken("punch " + std::to_string(b.seq) + " does not follow punch " + std::to_string(a.seq) +
                          ": its previous-punch digest differs");
        }
    }
    if (!verify(run.back(), publicKey32)) {
        return fail(std::string(errc::badSignature),
                    "punch " + std::to_string(run.back().seq) + " is not signed by the terminal's registered key");
    }
    return {};
}

}  // namespace rollcall::proto
