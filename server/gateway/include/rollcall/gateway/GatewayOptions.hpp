#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "rollcall/proto/Protocol.hpp"

namespace rollcall::gateway {

struct GatewayOptions {
    // Holds the server's TLS identity: gateway.key (Ed25519 seed, mode 0600) and gateway.crt,
    // both created on first start. Terminals pin this key when they are provisioned.
    std::filesystem::path dataDir;
    std::string bindAddress = "0.0.0.0";
    std::uint16_t port = 7443;  // 0: any free port (see Gateway::port)

    std::uint32_t maxFrameBytes = proto::kDefaultMaxFrameBytes;
    std::uint32_t maxBatch = 1000;         // punches per PunchBatch
    std::size_t maxConnections = 20'000;
    std::size_t maxQueuedFrames = 256;     // outgoing frames per connection before it is dropped
    std::chrono::milliseconds handshakeTimeout{10'000};
    std::chrono::milliseconds helloTimeout{10'000};
    // Read deadline once a terminal is in; it pings every heartbeatSeconds, so silence this
    // long means a dead link.
    std::chrono::milliseconds idleTimeout{60'000};
    std::uint32_t heartbeatSeconds = 15;
    std::size_t maxGroupPunches = 16'384;  // punches per group-commit transaction
};

}  // namespace rollcall::gateway
