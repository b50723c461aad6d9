#include "rollcall/gateway/StoredPunchRecord.hpp"

#include <algorithm>

namespace rollcall::gateway {
namespace {

store::PunchMethod toStore(proto::PunchMethod m) {
    switch (m) {
        case proto::PunchMethod::Face: return store::PunchMethod::Face;
        case proto::PunchMethod::Fingerprint: return store::PunchMethod::Fingerprint;
        case proto::PunchMethod::FaceAndFingerprint: return store::PunchMethod::FaceAndFingerprint;
        case proto::PunchMethod::Card: return store::PunchMethod::Card;
        case proto::PunchMethod::Pin: return store::PunchMethod::Pin;
    }
    return store::PunchMethod::Face;
}

std::optional<proto::PunchMethod> toProto(store::PunchMethod m) {
    switch (m) {
        case store::PunchMethod::Face: return proto::PunchMethod::Face;
        case store::PunchMethod::Fingerprint: return proto::PunchMethod::Fingerprint;
        case store::PunchMethod::FaceAndFingerprint: return proto::PunchMethod::FaceAndFingerprint;
        case store::PunchMethod::Card: return proto::PunchMethod::Card;
        case store::PunchMethod::Pin: return proto::PunchMethod::Pin;
        case store::PunchMethod::Manual: return std::nullopt;
    }
    return std::nullopt;
}

}  // namespace

store::NewPunch toStore(const proto::PunchRecord& p, Instant receivedAt) {
    store::NewPunch n;
    n.terminalId = p.terminal;
    n.terminalSeq = p.seq;
    n.employeeId = p.employee;
    n.method = toStore(p.method);
    n.at = Instant::fromMicros(p.correctedTimeUs());
    n.terminalTime = Instant::fromMicros(p.terminalTimeUs);
    n.clockOffset = std::chrono::microseconds(p.clockOffsetUs);
    n.faceScore = p.faceScore;
    n.fingerScore = p.fingerScore;
    n.livenessScore = p.livenessScore;
    n.spotCheckId = p.spotCheck;
    n.signature = std::vector<std::uint8_t>(p.signature.begin(), p.signature.end());
    n.prevHash = std::vector<std::uint8_t>(p.prev.begin(), p.prev.end());
    n.receivedAt = receivedAt;
    n.source = store::PunchSource::Terminal;
    return n;
}

std::optional<proto::PunchRecord> toRecord(const store::NewPunch& n) {
    const auto method = toProto(n.method);
    if (n.source != store::PunchSource::Terminal || !method || !n.terminalId || !n.terminalSeq || !n.terminalTime ||
        !n.clockOffset || !n.prevHash || n.prevHash->size() != proto::ChainDigest{}.size()) {
        return std::nullopt;
    }
    proto::PunchRecord p;
    p.terminal = *n.terminalId;
    p.seq = *n.terminalSeq;
    p.employee = n.employeeId;
    p.method = *method;
    p.faceScore = n.faceScore;
    p.fingerScore = n.fingerScore;
    p.livenessScore = n.livenessScore;
    p.terminalTimeUs = n.terminalTime->micros();
    p.clockOffsetUs = n.clockOffset->count();
    p.spotCheck = n.spotCheckId;
    std::copy(n.prevHash->begin(), n.prevHash->end(), p.prev.begin());
    if (n.signature && n.signature->size() == p.signature.size()) {
        std::copy(n.signature->begin(), n.signature->end(), p.signature.begin());
    }
    return p;
}

}  // namespace rollcall::gateway
