#include "rollcall/sync/SyncClient.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include <mutex>
#include <set>

#include "Connector.hpp"
#include "rollcall/proto/TlsContext.hpp"
#include "rollcall/sync/Backoff.hpp"

namespace rollcall::sync {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;
using Clock = std::chrono::steady_clock;

namespace {

// Per-connection state shared by the reader and the sender coroutines (same thread).
struct Connection {
    std::shared_ptr<proto::FramedStream> stream;
    asio::steady_timer wake;
    std::set<TerminalSeq> inFlight;
    Clock::time_point sentAt{};
    std::size_t maxBatch = 256;
    explicit Connection(asio::any_io_executor ex) : wake(ex, Clock::time_point::max()) {}
};

}  // namespace

struct SyncClient::Impl {
    Impl(SyncClient& owner, journal::Journal& journal, TerminalIdentity identity, crypto::SigningKey key,
         SyncOptions options, GalleryApplier* gallery, SyncEvents events)
        : owner(owner), journal(journal), identity(std::move(identity)), key(key), options(std::move(options)),
          gallery(gallery), events(std::move(events)), backoffTimer(io) {}

    SyncClient& owner;
    journal::Journal& journal;
    TerminalIdentity identity;
    crypto::SigningKey key;
    SyncOptions options;
    GalleryApplier* gallery;
    SyncEvents events;

    asio::io_context io;
    asio::steady_timer backoffTimer;
    std::thread thread;
    std::atomic<bool> stopping{false};
    std::shared_ptr<Connection> current;  // io thread only

    mutable std::mutex statusMutex;
    SyncStatus status;

    void setConnected(bool connected) {
        {
            std::lock_guard lock(statusMutex);
            status.connected = connected;
            if (connected) ++status.connects;
        }
        if (events.connectionChanged) events.connectionChanged(connected);
    }
    void setError(const std::string& error) {
        std::lock_guard lock(statusMutex);
        status.lastError = error;
    }

    awaitable<void> loop();
    awaitable<bool> session(asio::ssl::context& tls);
    awaitable<void> reader(std::shared_ptr<Connection> c);
    Status sendNextBatch(Connection& c);
};

awaitable<void> SyncClient::Impl::loop() {
    auto tlsIdentity = proto::makeSelfSigned(key, "rollcall-terminal");
    if (!tlsIdentity) {
        setError(tlsIdentity.error().message);
        co_return;
    }
    auto tls = proto::makeClientContext(*tlsIdentity, identity.serverKey);
    if (!tls) {
        setError(tls.error().message);
        co_return;
    }
    Backoff backoff(options.backoffInitial, options.backoffMax);
    while (!stopping) {
        const bool welcomed = co_await session(**tls);
        if (stopping) break;
        if (welcomed) backoff.reset();
        backoffTimer.expires_after(backoff.next());
        boost::system::error_code ec;
        co_await backoffTimer.async_wait(asio::redirect_error(use_awaitable, ec));
    }
}

Status SyncClient::Impl::sendNextBatch(Connection& c) {
    auto batch = journal.pending(c.maxBatch);
    if (!batch) return std::unexpected(batch.error());
    if (batch->empty()) return {};
    auto backlog = journal.backlog();
    const std::uint64_t left = backlog && *backlog >= batch->size() ? *backlog - batch->size() : 0;
    for (const auto& p : *batch) c.inFlight.insert(p.seq);
    c.sentAt = Clock::now();
    c.stream->send(proto::PunchBatch{std::move(*batch), left});
    return {};
}

awaitable<bool> SyncClient::Impl::session(asio::ssl::context& tls) {
    auto connected = co_await connectTls(identity.serverAddress, tls, options.connectTimeout,
                                         proto::StreamLimits{options.maxFrameBytes, 256, std::chrono::milliseconds(30'000)});
    if (!connected) {
        setError(connected.error().message);
        spdlog::debug("sync: {}", connected.error().message);
        co_return false;
    }
    auto c = std::make_shared<Connection>(co_await asio::this_coro::executor);
    c->stream = *connected;
    c->maxBatch = options.maxBatch;
    current = c;
    asio::co_spawn(io, c->stream->runWriter(), asio::detached);

    const auto lastSeq = journal.lastSeq();
    const auto backlog = journal.backlog();
    c->stream->send(proto::Hello{proto::kProtocolVersion, options.softwareVersion, lastSeq.value_or(0),
                                 backlog.value_or(0), gallery ? gallery->galleryVersion() : 0,
                                 Instant::now().micros(), owner.clockOffsetUs_.load()});
    auto first = co_await c->stream->read(options.connectTimeout);
    const auto* welcome = first ? std::get_if<proto::Welcome>(&*first) : nullptr;
    if (!welcome) {
        const std::string why = !first ? first.error().message
                                : std::holds_alternative<proto::ErrorMessage>(*first)
                                    ? std::get<proto::ErrorMessage>(*first).code + ": " + std::get<proto::ErrorMessage>(*first).message
                                    : "unexpected " + std::string(proto::typeName(*first));
        spdlog::warn("sync: the server did not welcome this terminal: {}", why);
        setError(why);
        c->stream->close();
        current.reset();
        co_return false;
    }
    c->maxBatch = std::min<std::size_t>(options.maxBatch, std::max<std::uint32_t>(1, welcome->config.maxBatch));
    owner.clockOffsetUs_ = welcome->serverTimeUs - Instant::now().micros();  // refined by TimeSync below
    c->stream->send(proto::TimeSync{Instant::now().micros(), std::nullopt});
    setConnected(true);
    asio::co_spawn(io, reader(c), asio::detached);

    auto lastSend = Clock::now();
    while (c->stream->open() && !stopping) {
        if (c->inFlight.empty()) {
            if (auto st = sendNextBatch(*c); !st) {
                setError(st.error().message);
                break;
            }
            if (!c->inFlight.empty()) lastSend = Clock::now();
        } else if (Clock::now() - c->sentAt > options.ackTimeout) {
            // The batch is resent from the journal after reconnecting; the server dedups it.
            setError("no ack within the deadline");
            break;
        }
        if (Clock::now() - lastSend >= options.heartbeat) {
            c->stream->send(proto::Ping{static_cast<std::uint64_t>(Clock::now().time_since_epoch().count())});
            c->stream->send(proto::TimeSync{Instant::now().micros(), std::nullopt});
            lastSend = Clock::now();
        }
        auto until = lastSend + options.heartbeat;
        if (!c->inFlight.empty()) until = std::min(until, c->sentAt + options.ackTimeout);
        c->wake.expires_at(until);
        boost::system::error_code ec;
        co_await c->wake.async_wait(asio::redirect_error(use_awaitable, ec));
    }
    c->stream->close();
    current.reset();
    setConnected(false);
    co_return true;
}

awaitable<void> SyncClient::Impl::reader(std::shared_ptr<Connection> c) {
    // Pings go out every heartbeat and the server answers each, so three silent heartbeats
    // mean the link is dead.
    const auto deadline = options.heartbeat * 3;
    while (c->stream->open()) {
        auto message = co_await c->stream->read(deadline);
        if (!message) {
            if (message.error().code != "net.closed") spdlog::warn("sync: connection lost: {}", message.error().message);
            setError(message.error().message);
            break;
        }
        if (auto* ack = std::get_if<proto::Ack>(&*message)) {
            if (auto st = journal.acknowledge(ack->seqs); !st) {
                setError(st.error().message);
                break;
            }
            for (auto seq : ack->seqs) c->inFlight.erase(seq);
            {
                std::lock_guard lock(statusMutex);
                status.punchesAcked += ack->seqs.size();
            }
            c->wake.cancel();
        } else if (auto* delta = std::get_if<proto::GalleryDelta>(&*message)) {
            std::uint64_t version = gallery ? gallery->galleryVersion() : 0;
            if (gallery && delta->fromVersion == version) {
                if (auto st = gallery->apply(*delta); st) {
                    version = delta->toVersion;
                } else {
                    spdlog::warn("sync: gallery delta {}->{} not applied: {}", delta->fromVersion, delta->toVersion,
                                 st.error().message);
                }
            }
            // Acking the version actually held lets the server resend from there.
            c->stream->send(proto::GalleryAck{version});
        } else if (auto* start = std::get_if<proto::SpotCheckStart>(&*message)) {
            if (events.spotCheckStarted) events.spotCheckStarted(*start);
        } else if (auto* end = std::get_if<proto::SpotCheckEnd>(&*message)) {
            if (events.spotCheckEnded) events.spotCheckEnded(*end);
        } else if (auto* sync = std::get_if<proto::TimeSync>(&*message)) {
            if (sync->serverTimeUs) {
                const auto now = Instant::now().micros();
                owner.clockOffsetUs_ = *sync->serverTimeUs - (sync->terminalSendUs + now) / 2;
                std::lock_guard lock(statusMutex);
                status.clockOffsetUs = owner.clockOffsetUs_.load();
            }
        } else if (std::holds_alternative<proto::Pong>(*message)) {
            // The read deadline is what matters; a pong only proves the link is alive.
        } else if (auto* error = std::get_if<proto::ErrorMessage>(&*message)) {
            spdlog::warn("sync: the server closed the connection: {}: {}", error->code, error->message);
            setError(error->code + ": " + error->message);
            break;
        } else {
            spdlog::warn("sync: unexpected {} from the server", proto::typeName(*message));
            break;
        }
    }
    c->stream->close();
    c->wake.cancel();
}

SyncClient::SyncClient(journal::Journal& journal, TerminalIdentity identity, crypto::SigningKey key,
                       SyncOptions options, GalleryApplier* gallery, SyncEvents events)
    : impl_(std::make_unique<Impl>(*this, journal, std::move(identity), key, std::move(options), gallery,
                                   std::move(events))) {}

SyncClient::~SyncClient() { stop(); }

void SyncClient::start() {
    if (impl_->thread.joinable()) return;
    impl_->stopping = false;
    asio::co_spawn(impl_->io, impl_->loop(), asio::detached);
    impl_->thread = std::thread([this] { impl_->io.run(); });
}

void SyncClient::stop() {
    if (!impl_->thread.joinable()) return;
    impl_->stopping = true;
    asio::post(impl_->io, [impl = impl_.get()] {
        impl->backoffTimer.cancel();
        if (impl->current) {
            impl->current->stream->close();
            impl->current->wake.cancel();
        }
    });
    impl_->thread.join();
    impl_->io.restart();
}

void SyncClient::wake() {
    asio::post(impl_->io, [impl = impl_.get()] {
        if (impl->current) impl->current->wake.cancel();
    });
}

SyncStatus SyncClient::status() const {
    std::lock_guard lock(impl_->statusMutex);
    SyncStatus s = impl_->status;
    s.clockOffsetUs = clockOffsetUs_.load();
    return s;
}

}  // namespace rollcall::sync
