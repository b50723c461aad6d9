#pragma once
// Every message of the terminal <-> server protocol, one definition each, shared by both
// sides. Field names on the wire are listed in docs/protocol.md and in Codec.cpp only.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "rollcall/domain/Ids.hpp"
#include "rollcall/proto/PunchRecord.hpp"

namespace rollcall::proto {

using Blob = std::vector<std::uint8_t>;

// Terminal -> server, always the first frame of a connection.
struct Hello {
    std::uint32_t protocolVersion = 0;
    std::string softwareVersion;
    TerminalSeq lastSeq = 0;          // highest sequence the journal has handed out
    std::uint64_t backlog = 0;        // punches not yet acknowledged
    std::uint64_t galleryVersion = 0; // gallery version the terminal holds
    std::int64_t terminalTimeUs = 0;
    std::int64_t clockOffsetUs = 0;   // the terminal's current estimate (server - terminal)
    bool operator==(const Hello&) const = default;
};

struct TerminalConfig {
    std::string name;
    PostId post;
    std::uint32_t heartbeatSeconds = 15;
    std::uint32_t maxBatch = 256;
    bool operator==(const TerminalConfig&) const = default;
};

// Server -> terminal, answer to Hello.
struct Welcome {
    std::uint32_t protocolVersion = 0;
    TerminalId terminal;
    std::int64_t serverTimeUs = 0;
    TerminalConfig config;
    bool operator==(const Welcome&) const = default;
};

struct PunchBatch {
    std::vector<PunchRecord> punches;  // ascending sequence, all of the sending terminal
    std::uint64_t backlog = 0;         // unacknowledged punches left after this batch
    bool operator==(const PunchBatch&) const = default;
};

// Server -> terminal: these sequences are durable on the server (newly stored or already there).
struct Ack {
    std::vector<TerminalSeq> seqs;
    bool operator==(const Ack&) const = default;
};

struct GalleryTemplate {
    std::string kind;  // "face" or "finger"
    Blob data;
    bool operator==(const GalleryTemplate&) const = default;
};

struct GalleryPerson {
    EmployeeId employee;
    std::string displayName;
    std::vector<GalleryTemplate> templates;
    bool operator==(const GalleryPerson&) const = default;
};

// Server -> terminal: moves the gallery from fromVersion to toVersion, applied all or nothing.
struct GalleryDelta {
    std::uint64_t fromVersion = 0;
    std::uint64_t toVersion = 0;
    std::vector<GalleryPerson> upserts;
    std::vector<EmployeeId> removals;
    bool operator==(const GalleryDelta&) const = default;
};

struct GalleryAck {
    std::uint64_t version = 0;
    bool operator==(const GalleryAck&) const = default;
};

struct SpotCheckStart {
    SpotCheckId spotCheck;
    std::int64_t startsAtUs = 0;
    std::int64_t endsAtUs = 0;
    std::string message;
    bool operator==(const SpotCheckStart&) const = default;
};

struct SpotCheckEnd {
    SpotCheckId spotCheck;
    bool operator==(const SpotCheckEnd&) const = default;
};

// Request (serverTimeUs empty) from the terminal; the server echoes it with its clock.
struct TimeSync {
    std::int64_t terminalSendUs = 0;
    std::optional<std::int64_t> serverTimeUs;
    bool operator==(const TimeSync&) const = default;
};

struct Ping {
    std::uint64_t nonce = 0;
    bool operator==(const Ping&) const = default;
};

struct Pong {
    std::uint64_t nonce = 0;
    bool operator==(const Pong&) const = default;
};

// Either side, just before it closes the connection (or to refuse one request).
struct ErrorMessage {
    std::string code;  // one of proto::errc
    std::string message;
    bool operator==(const ErrorMessage&) const = default;
};

// Terminal -> server on a connection whose certificate key is not yet registered.
struct Provision {
    std::string token;
    Blob publicKey;  // must equal the Ed25519 key of the client certificate
    std::string softwareVersion;
    bool operator==(const Provision&) const = default;
};

struct Provisioned {
    TerminalId terminal;
    TerminalConfig config;
    bool operator==(const Provisioned&) const = default;
};

using Message = std::variant<Hello, Welcome, PunchBatch, Ack, GalleryDelta, GalleryAck, SpotCheckStart,
                             SpotCheckEnd, TimeSync, Ping, Pong, ErrorMessage, Provision, Provisioned>;

// The wire name of the message's type ("hello", "punch_batch", ...).
std::string_view typeName(const Message& message);

}  // namespace rollcall::proto
