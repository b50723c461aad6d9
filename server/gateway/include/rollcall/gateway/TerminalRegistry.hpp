#pragma once
// The terminals the server knows, in its own tables (migration component "gateway", see
// migrations()). An administrator creates a terminal and gets a one-time provisioning token
// (stored only as a SHA-256 hash, expiring); the terminal redeems it once with its public key,
// which is pinned from then on; a revoked terminal is refused at the TLS handshake.
// Live status (online, last seen, backlog, clock offset) is kept in memory, so the gateway's
// event loop never waits for the database; flushLive() writes what changed. Thread-safe.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/gateway/TerminalInfo.hpp"
#include "rollcall/proto/TlsIdentity.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::gateway {

// Pass to StoreOptions::extraMigrations so that Store::open creates the gateway's tables.
store::ComponentMigrations migrations();

struct RegistryOptions {
    std::chrono::hours tokenLifetime{72};
};

struct CreatedTerminal {
    TerminalId id;
    std::string token;  // shown once; only its hash is kept
    Instant tokenExpiresAt;
};

// What the handshake needs to know about a client key.
struct KeyStatus {
    TerminalId terminal;
    bool revoked = false;
};

class TerminalRegistry {
public:
    // The store must have been opened with migrations() among its extra migrations.
    static Result<std::unique_ptr<TerminalRegistry>> open(store::Store& store, RegistryOptions options = {});

    Result<CreatedTerminal> create(std::string name, std::optional<PostId> post, Instant now = Instant::now());
    // A fresh token for a terminal not yet provisioned (the old one stops working).
    Result<CreatedTerminal> reissueToken(TerminalId id, Instant now = Instant::now());
    Result<std::vector<TerminalInfo>> list();
    Result<std::optional<TerminalInfo>> get(TerminalId id);
    // Refuses the terminal's key from now on and disconnects it (through the revocation listeners).
    Status revoke(TerminalId id, Instant now = Instant::now());

    // Redeems a token: binds `key` to the token's terminal. Fails with "gateway.bad_token" for
    // an unknown, used or expired token and "gateway.key_in_use" for a key already registered.
    Result<TerminalInfo> provision(std::string_view token, const proto::PublicKey& key,
                                   std::string_view softwareVersion, Instant now = Instant::now());

    // Lock-free of the database: answers from the in-memory key table.
    [[nodiscard]] std::optional<KeyStatus> lookupKey(const proto::PublicKey& key) const;
    [[nodiscard]] std::optional<proto::PublicKey> keyOf(TerminalId id) const;

    // Live status, reported by the gateway.
    struct Presence {
        std::string softwareVersion;
        TerminalSeq lastSeq = 0;
        std::uint64_t backlog = 0;
        std::uint64_t galleryVersion = 0;
        std::int64_t clockOffsetUs = 0;
    };
    void markOnline(TerminalId id, const Presence& presence, Instant now = Instant::now());
    void markSeen(TerminalId id, std::uint64_t backlog, Instant now = Instant::now());
    void markClockOffset(TerminalId id, std::int64_t clockOffsetUs);
    void markGalleryVersion(TerminalId id, std::uint64_t version);
    void markOffline(TerminalId id, Instant now = Instant::now());

    // Writes changed live status to the table (the gateway calls it from its ingest thread).
    Status flushLive();

    void addRevocationListener(std::function<void(TerminalId)> listener);

private:
    struct Live {
        bool online = false;
        int connections = 0;
        std::optional<Instant> lastSeen;
        std::uint64_t backlog = 0;
        std::optional<std::int64_t> clockOffsetUs;
        std::string softwareVersion;
        std::uint64_t galleryVersion = 0;
        TerminalSeq lastSeq = 0;
        bool dirty = false;
    };

    TerminalRegistry(store::Store& store, RegistryOptions options) : store_(store), options_(options) {}
    Status loadKeys();
    void overlayLive(TerminalInfo& info) const;

    store::Store& store_;
    RegistryOptions options_;
    mutable std::mutex mutex_;
    std::map<proto::PublicKey, KeyStatus> keys_;
    std::map<TerminalId, proto::PublicKey> keyOfTerminal_;
    std::map<TerminalId, Live> live_;
    std::vector<std::function<void(TerminalId)>> revocationListeners_;
};

}  // namespace rollcall::gateway
