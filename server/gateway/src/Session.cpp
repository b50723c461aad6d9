#include "Session.hpp"

#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include "rollcall/proto/TlsContext.hpp"

namespace rollcall::gateway {

namespace asio = boost::asio;
using asio::awaitable;
using asio::use_awaitable;

namespace {

// Hands a job to the ingest thread and resumes the coroutine on its own executor once the
// batch is durable (or refused).
template <class Token>
auto asyncIngest(IngestQueue& queue, IngestJob job, Token&& token) {
    return asio::async_initiate<Token, void(Result<IngestOutcome>)>(
        [&queue](auto handler, IngestJob j) {
            auto executor = asio::get_associated_executor(handler);
            queue.submit(std::move(j), [h = std::move(handler), executor](Result<IngestOutcome> r) mutable {
                asio::post(executor, [h = std::move(h), r = std::move(r)]() mutable { h(std::move(r)); });
            });
        },
        token, std::move(job));
}

proto::TerminalConfig configFor(const TerminalInfo& info, const GatewayOptions& o) {
    return proto::TerminalConfig{info.name, info.post.value_or(PostId{}), o.heartbeatSeconds, o.maxBatch};
}

}  // namespace

Session::Session(std::shared_ptr<GatewayCore> core, asio::ip::tcp::socket socket) : core_(std::move(core)) {
    boost::system::error_code ec;
    const auto endpoint = socket.remote_endpoint(ec);
    peer_ = ec ? std::string("?") : endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
    socket.set_option(asio::ip::tcp::no_delay(true), ec);
    stream_ = std::make_shared<proto::FramedStream>(proto::TlsStream(std::move(socket), *core_->tls),
                                                    proto::StreamLimits{core_->options.maxFrameBytes,
                                                                        core_->options.maxQueuedFrames,
                                                                        std::chrono::milliseconds(30'000)});
}

void Session::push(const proto::Message& message) {
    if (!stream_->send(message)) spdlog::warn("gateway: {} dropped: its outgoing queue is full", peer_);
}

void Session::disconnect(std::string_view reason) {
    spdlog::info("gateway: closing {}: {}", peer_, reason);
    stream_->close();
}

void Session::refuse(std::string_view code, const std::string& message) {
    core_->connectionsRefused++;
    const std::string who = info_ ? "terminal " + std::to_string(info_->id.value()) + " (" + peer_ + ")" : peer_;
    spdlog::warn("gateway: closing {}: {}: {}", who, code, message);
    stream_->send(proto::ErrorMessage{std::string(code), message});
    stream_->closeAfterFlush();
}

awaitable<bool> Session::handshake() {
    asio::steady_timer deadline(co_await asio::this_coro::executor);
    deadline.expires_after(core_->options.handshakeTimeout);
    deadline.async_wait([stream = stream_](boost::system::error_code ec) {
        if (!ec) stream->close();
    });
    boost::system::error_code ec;
    co_await stream_->tls().async_handshake(asio::ssl::stream_base::server, asio::redirect_error(use_awaitable, ec));
    deadline.cancel();
    if (ec) {
        // Revoked or foreign keys end here: the verify callback refused them.
        spdlog::info("gateway: TLS handshake with {} failed: {}", peer_, ec.message());
        co_return false;
    }
    auto key = proto::peerKey(stream_->tls());
    if (!key) {
        spdlog::warn("gateway: {} presented no usable key: {}", peer_, key.error().message);
        co_return false;
    }
    key_ = *key;
    co_return true;
}

awaitable<void> Session::run() {
    auto self = shared_from_this();
    if (!co_await handshake()) {
        stream_->close();
        co_return;
    }
    asio::co_spawn(co_await asio::this_coro::executor, stream_->runWriter(), asio::detached);

    auto first = co_await stream_->read(core_->options.helloTimeout);
    if (!first) {
        refuse(first.error().code, first.error().message);
        co_return;
    }
    auto* hello = std::get_if<proto::Hello>(&*first);
    if (!hello) {
        refuse(proto::errc::unexpected, "the first message must be hello, not " + std::string(proto::typeName(*first)));
        co_return;
    }
    if (hello->protocolVersion != proto::kProtocolVersion) {
        refuse(proto::errc::version, "protocol version " + std::to_string(hello->protocolVersion) +
                                         " is not supported; this server speaks version " +
                                         std::to_string(proto::kProtocolVersion));
        co_return;
    }

    const auto status = core_->registry.lookupKey(key_);
    if (!status) {
        co_await provision(key_);
        co_return;
    }
    if (status->revoked) {
        refuse(proto::errc::notProvisioned, "this terminal has been revoked");
        co_return;
    }
    auto info = core_->registry.get(status->terminal);
    if (!info || !*info) {
        refuse(proto::errc::server, "the terminal's record cannot be read");
        co_return;
    }
    info_ = **info;
    const proto::Hello helloCopy = *hello;
    co_await serve(*info_, helloCopy);
}

awaitable<void> Session::provision(const proto::PublicKey& key) {
    auto next = co_await stream_->read(core_->options.helloTimeout);
    if (!next) {
        refuse(next.error().code, next.error().message);
        co_return;
    }
    auto* request = std::get_if<proto::Provision>(&*next);
    if (!request) {
        refuse(proto::errc::notProvisioned, "this key is not registered; only provision is accepted, not " +
                                                std::string(proto::typeName(*next)));
        co_return;
    }
    if (request->publicKey.size() != key.size() || !std::equal(key.begin(), key.end(), request->publicKey.begin())) {
        refuse(proto::errc::badToken, "the key to register differs from the key of the TLS certificate");
        co_return;
    }
    auto info = core_->registry.provision(request->token, key, request->softwareVersion);
    if (!info) {
        refuse(proto::errc::badToken, info.error().message);
        co_return;
    }
    spdlog::info("gateway: terminal {} '{}' provisioned from {}", info->id.value(), info->name, peer_);
    stream_->send(proto::Provisioned{info->id, configFor(*info, core_->options)});
    stream_->closeAfterFlush();
}

awaitable<void> Session::serve(const TerminalInfo& info, const proto::Hello& hello) {
    auto self = shared_from_this();
    core_->sessions.insert(self);
    core_->connections++;
    struct Leave {
        std::shared_ptr<GatewayCore> core;
        std::shared_ptr<Session> session;
        ~Leave() {
            core->sessions.erase(session);
            core->connections--;
        }
    } leave{core_, self};

    core_->registry.markOnline(info.id, {hello.softwareVersion, hello.lastSeq, hello.backlog, hello.galleryVersion,
                                         hello.clockOffsetUs});
    stream_->send(proto::Welcome{proto::kProtocolVersion, info.id, Instant::now().micros(), configFor(info, core_->options)});
    if (core_->connectHook) {
        for (const auto& m : core_->connectHook(info)) stream_->send(m);
    }
    spdlog::debug("gateway: terminal {} online from {}", info.id.value(), peer_);

    while (stream_->open()) {
        auto message = co_await stream_->read(core_->options.idleTimeout);
        if (!message) {
            if (message.error().code == "net.closed") break;
            refuse(message.error().code, message.error().message);
            break;
        }
        bool keep = true;
        if (auto* batch = std::get_if<proto::PunchBatch>(&*message)) {
            keep = co_await handleBatch(std::move(*batch));
        } else if (auto* ping = std::get_if<proto::Ping>(&*message)) {
            core_->registry.markSeen(info.id, info.backlog);
            stream_->send(proto::Pong{ping->nonce});
        } else if (auto* sync = std::get_if<proto::TimeSync>(&*message)) {
            const auto now = Instant::now().micros();
            core_->registry.markClockOffset(info.id, now - sync->terminalSendUs);
            stream_->send(proto::TimeSync{sync->terminalSendUs, now});
        } else if (auto* ack = std::get_if<proto::GalleryAck>(&*message)) {
            core_->registry.markGalleryVersion(info.id, ack->version);
        } else if (auto* error = std::get_if<proto::ErrorMessage>(&*message)) {
            spdlog::warn("gateway: terminal {} reported {}: {}", info.id.value(), error->code, error->message);
            break;
        } else {
            refuse(proto::errc::unexpected, "a terminal does not send " + std::string(proto::typeName(*message)));
            keep = false;
        }
        if (!keep) break;
    }
    core_->registry.markOffline(info.id);
    stream_->closeAfterFlush();
}

awaitable<bool> Session::handleBatch(proto::PunchBatch batch) {
    const auto& o = core_->options;
    if (batch.punches.empty()) co_return true;
    if (batch.punches.size() > o.maxBatch) {
        refuse(proto::errc::batchTooLarge, std::to_string(batch.punches.size()) + " punches in one batch; at most " +
                                               std::to_string(o.maxBatch));
        co_return false;
    }
    for (const auto& p : batch.punches) {
        if (p.terminal != info_->id) {
            refuse(proto::errc::wrongTerminal, "punch " + std::to_string(p.seq) + " names terminal " +
                                                   std::to_string(p.terminal.value()) + ", not this one");
            co_return false;
        }
        // Within one connection sequences only grow: anything else is a replayed frame.
        if (p.seq <= highestSeq_) {
            refuse(proto::errc::replay, "punch " + std::to_string(p.seq) + " was already sent on this connection");
            co_return false;
        }
        highestSeq_ = p.seq;
    }
    std::vector<TerminalSeq> seqs;
    seqs.reserve(batch.punches.size());
    for (const auto& p : batch.punches) seqs.push_back(p.seq);

    // A named job, not a temporary inside co_await: g++ 12 destroys such temporaries twice.
    IngestJob job{key_, std::move(batch.punches), Instant::now(), {}};
    auto outcome = co_await asyncIngest(core_->ingest, std::move(job), use_awaitable);
    if (!outcome) {
        refuse(outcome.error().code, outcome.error().message);
        co_return false;
    }
    core_->punchesInserted += outcome->inserted;
    core_->punchesDuplicate += outcome->duplicates;
    core_->batchesAcked++;
    core_->registry.markSeen(info_->id, batch.backlog);
    stream_->send(proto::Ack{std::move(seqs)});
    co_return true;
}

}  // namespace rollcall::gateway
