#pragma once
// State shared by the gateway's sessions; lives as long as the last session.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <set>

#include "IngestQueue.hpp"
#include "rollcall/gateway/Gateway.hpp"

namespace rollcall::gateway {

class Session;

struct GatewayCore {
    GatewayCore(boost::asio::io_context& io, store::Store& store, TerminalRegistry& registry, GatewayOptions options)
        : io(io), store(store), registry(registry), options(std::move(options)), acceptor(io),
          ingest(store, registry, this->options.maxGroupPunches) {}

    boost::asio::io_context& io;
    store::Store& store;
    TerminalRegistry& registry;
    GatewayOptions options;
    std::shared_ptr<boost::asio::ssl::context> tls;
    std::string certificatePem;
    boost::asio::ip::tcp::acceptor acceptor;
    IngestQueue ingest;

    // Touched only on the io_context's thread.
    std::set<std::shared_ptr<Session>> sessions;
    std::function<std::vector<proto::Message>(const TerminalInfo&)> connectHook;
    bool stopped = false;

    std::atomic<bool> stopRequested{false};
    std::atomic<std::uint64_t> connections{0};
    std::atomic<std::uint64_t> punchesInserted{0};
    std::atomic<std::uint64_t> punchesDuplicate{0};
    std::atomic<std::uint64_t> batchesAcked{0};
    std::atomic<std::uint64_t> connectionsRefused{0};
};

}  // namespace rollcall::gateway
