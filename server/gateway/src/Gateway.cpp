#include "rollcall/gateway/Gateway.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <fstream>
#include <future>
#include <iterator>
#include <mutex>
#include <sstream>

#include "GatewayCore.hpp"
#include "Session.hpp"
#include "rollcall/proto/TlsContext.hpp"

namespace rollcall::gateway {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

// Several parts (spot checks, enrolment, attendance) each want a connect hook and an ingest
// listener. The core holds one of each: a dispatcher over these lists, installed at start.
// Lists are replaced whole (copy on write), so a dispatch never holds the lock while it runs.
struct Gateway::Hooks {
    std::mutex mutex;
    std::shared_ptr<const std::vector<ConnectHook>> connect = std::make_shared<std::vector<ConnectHook>>();
    std::shared_ptr<const std::vector<IngestListener>> ingest = std::make_shared<std::vector<IngestListener>>();

    template <class T>
    std::shared_ptr<const std::vector<T>> snapshot(const std::shared_ptr<const std::vector<T>>& list) {
        std::lock_guard lock(mutex);
        return list;
    }
    template <class T>
    void add(std::shared_ptr<const std::vector<T>>& list, T item, bool replace) {
        std::lock_guard lock(mutex);
        auto next = replace ? std::make_shared<std::vector<T>>() : std::make_shared<std::vector<T>>(*list);
        if (item) next->push_back(std::move(item));
        list = std::move(next);
    }
};

namespace {

// The server's identity lives in its data dir: created on first start, the same key ever after
// (terminals pinned it when they were provisioned).
Result<proto::TlsIdentity> loadServerIdentity(const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return fail("gateway.data_dir", "cannot create '" + dir.string() + "': " + ec.message());
    auto key = proto::loadOrCreateSigningKey(dir / "gateway.key");
    if (!key) return std::unexpected(key.error());
    auto fresh = proto::makeSelfSigned(*key, "rollcall-server");
    if (!fresh) return fresh;
    const auto certFile = dir / "gateway.crt";
    if (std::filesystem::exists(certFile)) {
        std::ifstream in(certFile);
        std::stringstream pem;
        pem << in.rdbuf();
        auto certKey = proto::ed25519KeyOfPem(pem.str());
        if (certKey && *certKey == key->publicKey) return proto::TlsIdentity{pem.str(), fresh->privateKeyPem};
        spdlog::warn("gateway: '{}' does not match gateway.key; writing a new certificate", certFile.string());
    }
    std::ofstream out(certFile, std::ios::trunc);
    out << fresh->certificatePem;
    if (!out) return fail("gateway.data_dir", "cannot write '" + certFile.string() + "'");
    return fresh;
}

// Owns the session for as long as its coroutine runs.
awaitable<void> runSession(std::shared_ptr<Session> session) { co_await session->run(); }

awaitable<void> acceptLoop(std::shared_ptr<GatewayCore> core) {
    asio::steady_timer pause(core->io);
    while (!core->stopped) {
        boost::system::error_code ec;
        auto socket = co_await core->acceptor.async_accept(asio::redirect_error(use_awaitable, ec));
        if (core->stopped) break;
        if (ec) {
            // Out of descriptors and the like: wait a little instead of spinning.
            spdlog::warn("gateway: accept failed: {}", ec.message());
            pause.expires_after(std::chrono::milliseconds(100));
            co_await pause.async_wait(asio::redirect_error(use_awaitable, ec));
            continue;
        }
        if (core->connections.load() >= core->options.maxConnections) {
            spdlog::warn("gateway: refusing a connection: {} open, the limit", core->connections.load());
            socket.close(ec);
            continue;
        }
        asio::co_spawn(core->io, runSession(std::make_shared<Session>(core, std::move(socket))), asio::detached);
    }
}

}  // namespace

Result<std::unique_ptr<Gateway>> Gateway::start(asio::io_context& io, store::Store& store, TerminalRegistry& registry,
                                                GatewayOptions options) {
    auto identity = loadServerIdentity(options.dataDir);
    if (!identity) return std::unexpected(identity.error());
    auto core = std::make_shared<GatewayCore>(io, store, registry, std::move(options));
    core->certificatePem = identity->certificatePem;
    // Runs inside the handshake: unknown keys may only provision, revoked keys never get in.
    auto tls = proto::makeServerContext(*identity, [&registry](const proto::PublicKey& key) {
        const auto status = registry.lookupKey(key);
        return !status || !status->revoked;
    });
    if (!tls) return std::unexpected(tls.error());
    core->tls = *tls;

    boost::system::error_code ec;
    const auto address = asio::ip::make_address(core->options.bindAddress, ec);
    if (ec) return fail("gateway.address", "'" + core->options.bindAddress + "' is not an IP address");
    const asio::ip::tcp::endpoint endpoint(address, core->options.port);
    core->acceptor.open(endpoint.protocol(), ec);
    if (!ec) core->acceptor.set_option(asio::ip::tcp::acceptor::reuse_address(true), ec);
    if (!ec) core->acceptor.bind(endpoint, ec);
    if (!ec) core->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        return fail("gateway.listen", "cannot listen on " + core->options.bindAddress + ":" +
                                          std::to_string(core->options.port) + ": " + ec.message());
    }
    std::weak_ptr<GatewayCore> weak = core;
    registry.addRevocationListener([weak](TerminalId id) {
        auto c = weak.lock();
        if (!c) return;
        asio::post(c->io, [weak, id] {
            auto cc = weak.lock();
            if (!cc) return;
            auto sessions = cc->sessions;
            for (const auto& s : sessions) {
                if (s->terminal() && s->terminal()->id == id) s->disconnect("the terminal was revoked");
            }
        });
    });
    auto hooks = std::make_shared<Hooks>();
    core->connectHook = [hooks](const TerminalInfo& terminal) {
        std::vector<proto::Message> out;
        for (const auto& hook : *hooks->snapshot(hooks->connect)) {
            auto more = hook(terminal);
            std::move(more.begin(), more.end(), std::back_inserter(out));
        }
        return out;
    };
    core->ingest.setListener([hooks](std::size_t inserted) {
        for (const auto& listener : *hooks->snapshot(hooks->ingest)) listener(inserted);
    });
    asio::co_spawn(io, acceptLoop(core), asio::detached);
    spdlog::info("gateway: listening on {}:{}", core->options.bindAddress, core->acceptor.local_endpoint().port());
    return std::unique_ptr<Gateway>(new Gateway(core, std::move(hooks)));
}

Gateway::~Gateway() { stop(); }

void Gateway::stop() {
    if (!core_ || core_->stopRequested.exchange(true)) return;
    auto core = core_;
    std::promise<void> done;
    auto finished = done.get_future();
    asio::post(core->io, [core, &done] {
        core->stopped = true;
        boost::system::error_code ec;
        core->acceptor.close(ec);
        auto sessions = core->sessions;
        for (const auto& s : sessions) s->disconnect("the server is stopping");
        done.set_value();
    });
    // When the io_context is not running (already stopped), close from here.
    if (finished.wait_for(std::chrono::seconds(5)) != std::future_status::ready) {
        core->stopped = true;
        boost::system::error_code ec;
        core->acceptor.close(ec);
    }
    core->ingest.stop();
}

std::uint16_t Gateway::port() const {
    boost::system::error_code ec;
    return core_->acceptor.local_endpoint(ec).port();
}

const std::string& Gateway::certificatePem() const { return core_->certificatePem; }

GatewayStats Gateway::stats() const {
    return GatewayStats{core_->connections.load(), core_->punchesInserted.load(), core_->punchesDuplicate.load(),
                        core_->batchesAcked.load(), core_->connectionsRefused.load()};
}

void Gateway::broadcast(proto::Message message, std::function<bool(const TerminalInfo&)> predicate,
                        std::function<void(std::size_t)> delivered) {
    auto core = core_;
    asio::post(core->io, [core, message = std::move(message), predicate = std::move(predicate),
                          delivered = std::move(delivered)] {
        // Encoded once, copied per connection.
        std::size_t count = 0;
        for (const auto& s : core->sessions) {
            if (s->terminal() && predicate(*s->terminal())) {
                s->push(message);
                ++count;
            }
        }
        if (delivered) delivered(count);
    });
}

void Gateway::sendTo(TerminalId terminal, proto::Message message) {
    broadcast(std::move(message), [terminal](const TerminalInfo& t) { return t.id == terminal; });
}

void Gateway::addConnectHook(ConnectHook hook) { hooks_->add(hooks_->connect, std::move(hook), false); }
void Gateway::addIngestListener(IngestListener listener) { hooks_->add(hooks_->ingest, std::move(listener), false); }
void Gateway::setConnectHook(ConnectHook hook) { hooks_->add(hooks_->connect, std::move(hook), true); }
void Gateway::setIngestListener(IngestListener listener) { hooks_->add(hooks_->ingest, std::move(listener), true); }

}  // namespace rollcall::gateway
