#pragma once
// The terminal gateway: accepts terminals over mutual TLS 1.3 on the caller's io_context
// (one coroutine per connection), provisions new terminals, ingests their signed punches
// idempotently with group commit and acks only durable punches, and pushes messages
// (gallery deltas, spot checks) down the open connections.
//
//   auto store = store::Store::open({.path = db, .extraMigrations = {gateway::migrations()}});
//   auto registry = gateway::TerminalRegistry::open(**store);
//   auto gw = gateway::Gateway::start(io, **store, **registry, {.dataDir = dir, .port = 7443});
//   io.run();   // on one thread; stop() and destroy the gateway before the io_context
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/gateway/GatewayOptions.hpp"
#include "rollcall/gateway/TerminalInfo.hpp"
#include "rollcall/gateway/TerminalRegistry.hpp"
#include "rollcall/proto/Messages.hpp"
#include "rollcall/store/Store.hpp"

namespace boost::asio {
class io_context;
}

namespace rollcall::gateway {

struct GatewayCore;

struct GatewayStats {
    std::uint64_t connections = 0;       // open now
    std::uint64_t punchesInserted = 0;
    std::uint64_t punchesDuplicate = 0;
    std::uint64_t batchesAcked = 0;
    std::uint64_t connectionsRefused = 0;  // closed for a protocol violation
};

class Gateway {
public:
    static Result<std::unique_ptr<Gateway>> start(boost::asio::io_context& io, store::Store& store,
                                                  TerminalRegistry& registry, GatewayOptions options);
    Gateway(const Gateway&) = delete;
    Gateway& operator=(const Gateway&) = delete;
    ~Gateway();

    // Closes the listener and every connection, then drains the ingest queue. Thread-safe.
    void stop();

    [[nodiscard]] std::uint16_t port() const;
    [[nodiscard]] const std::string& certificatePem() const;
    [[nodiscard]] GatewayStats stats() const;

    // Queues `message` to every connected terminal for which `predicate` holds. Thread-safe;
    // the delivery count goes to `delivered` (on the gateway's thread) when given.
    void broadcast(proto::Message message, std::function<bool(const TerminalInfo&)> predicate,
                   std::function<void(std::size_t)> delivered = {});
    void sendTo(TerminalId terminal, proto::Message message);
    using ConnectHook = std::function<std::vector<proto::Message>(const TerminalInfo&)>;
    using IngestListener = std::function<void(std::size_t inserted)>;
    // Messages to push to a terminal right after its Welcome (a running spot check, the gallery
    // delta since its version). Hooks run on the gateway's thread in the order they were added,
    // their messages sent in that order. Thread-safe; add them before terminals connect.
    void addConnectHook(ConnectHook hook);
    // Run on the ingest thread after each commit that stored new punches, in the order added
    // (e.g. to nudge the attendance service; the dirty days are already marked in the same
    // transaction). Keep them short: the next group commit waits for them. Thread-safe.
    void addIngestListener(IngestListener listener);
    // Replace every hook (listener) added so far by this one.
    void setConnectHook(ConnectHook hook);
    void setIngestListener(IngestListener listener);

private:
    struct Hooks;
    Gateway(std::shared_ptr<GatewayCore> core, std::shared_ptr<Hooks> hooks)
        : core_(std::move(core)), hooks_(std::move(hooks)) {}
    std::shared_ptr<GatewayCore> core_;
    std::shared_ptr<Hooks> hooks_;
};

}  // namespace rollcall::gateway
