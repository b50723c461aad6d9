#pragma once
// One persistent TLS connection from a provisioned terminal to the server, on its own thread.
// It sends unacknowledged journal punches oldest first in batches (one batch in flight), marks
// them acknowledged only when the server's Ack says they are durable, and after any disconnect
// starts again from the oldest unacknowledged punch. Reconnects with capped exponential
// backoff and jitter; pings every heartbeat and treats silence as a dead link; keeps the
// server clock offset; applies gallery deltas through GalleryApplier and acks them.
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "rollcall/domain/Error.hpp"
#include "rollcall/journal/Journal.hpp"
#include "rollcall/proto/Messages.hpp"
#include "rollcall/sync/Identity.hpp"

namespace rollcall::sync {

// The terminal's gallery (face and fingerprint templates). apply() must be all or nothing.
class GalleryApplier {
public:
    virtual ~GalleryApplier() = default;
    [[nodiscard]] virtual std::uint64_t galleryVersion() const = 0;
    virtual Status apply(const proto::GalleryDelta& delta) = 0;
};

struct SyncEvents {
    std::function<void(const proto::SpotCheckStart&)> spotCheckStarted;
    std::function<void(const proto::SpotCheckEnd&)> spotCheckEnded;
    std::function<void(bool connected)> connectionChanged;
};

struct SyncOptions {
    std::string softwareVersion = "0.1.0";
    std::size_t maxBatch = 256;  // lowered to the server's limit from Welcome
    std::chrono::milliseconds heartbeat{15'000};
    std::chrono::milliseconds ackTimeout{30'000};
    std::chrono::milliseconds connectTimeout{10'000};
    std::chrono::milliseconds backoffInitial{250};
    std::chrono::milliseconds backoffMax{30'000};
    std::uint32_t maxFrameBytes = 1u << 20;
};

struct SyncStatus {
    bool connected = false;
    std::int64_t clockOffsetUs = 0;  // server minus terminal clock
    std::uint64_t punchesAcked = 0;
    std::uint64_t connects = 0;
    std::string lastError;
};

class SyncClient {
public:
    SyncClient(journal::Journal& journal, TerminalIdentity identity, crypto::SigningKey key, SyncOptions options = {},
               GalleryApplier* gallery = nullptr, SyncEvents events = {});
    SyncClient(const SyncClient&) = delete;
    SyncClient& operator=(const SyncClient&) = delete;
    ~SyncClient();

    void start();
    void stop();
    // Call after a journal append so the punch leaves at once instead of at the next heartbeat.
    void wake();

    [[nodiscard]] SyncStatus status() const;
    [[nodiscard]] std::int64_t clockOffsetUs() const { return clockOffsetUs_.load(); }

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    std::atomic<std::int64_t> clockOffsetUs_{0};
};

}  // namespace rollcall::sync
