#pragma once
// A terminal as the API lists it: identity, lifecycle and live status.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"

namespace rollcall::gateway {

enum class TerminalState { AwaitingProvisioning, Active, Revoked };
std::string_view toString(TerminalState state);  // "awaiting_provisioning", "active", "revoked"

struct TerminalInfo {
    TerminalId id;
    std::string name;
    std::optional<PostId> post;
    TerminalState state = TerminalState::AwaitingProvisioning;
    bool online = false;
    std::optional<Instant> lastSeen;
    std::uint64_t backlog = 0;                  // unacknowledged punches the terminal last reported
    std::optional<std::int64_t> clockOffsetUs;  // server minus terminal clock, as last measured
    std::string softwareVersion;
    std::uint64_t galleryVersion = 0;
    TerminalSeq lastSeq = 0;                    // highest sequence the terminal has handed out
    Instant createdAt;
    std::optional<Instant> provisionedAt;
    std::optional<Instant> revokedAt;
    std::optional<Instant> tokenExpiresAt;      // while awaiting provisioning
};

}  // namespace rollcall::gateway
