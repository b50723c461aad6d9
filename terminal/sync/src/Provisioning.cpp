#include "rollcall/sync/Provisioning.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>

#include "Connector.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/proto/TlsContext.hpp"

namespace rollcall::sync {

namespace asio = boost::asio;

namespace {

asio::awaitable<Result<TerminalIdentity>> run(std::string address, std::string token, std::string software,
                                              crypto::SigningKey key, std::chrono::milliseconds timeout) {
    auto identity = proto::makeSelfSigned(key, "rollcall-terminal");
    if (!identity) co_return std::unexpected(identity.error());
    auto tls = proto::makeClientContext(*identity, std::nullopt);
    if (!tls) co_return std::unexpected(tls.error());
    auto stream = co_await connectTls(address, **tls, timeout, proto::StreamLimits{});
    if (!stream) co_return std::unexpected(stream.error());
    auto serverPem = proto::peerCertificatePem((*stream)->tls());
    auto serverKey = proto::peerKey((*stream)->tls());
    if (!serverPem || !serverKey) co_return fail("sync.provision", "the server presented no usable certificate");

    asio::co_spawn(co_await asio::this_coro::executor, (*stream)->runWriter(), asio::detached);
    (*stream)->send(proto::Hello{proto::kProtocolVersion, software, 0, 0, 0, Instant::now().micros(), 0});
    (*stream)->send(proto::Provision{token, proto::Blob(key.publicKey.begin(), key.publicKey.end()), software});
    auto answer = co_await (*stream)->read(timeout);
    (*stream)->close();
    if (!answer) co_return std::unexpected(answer.error());
    if (auto* error = std::get_if<proto::ErrorMessage>(&*answer)) {
        co_return fail(error->code, "the server refused provisioning: " + error->message);
    }
    auto* done = std::get_if<proto::Provisioned>(&*answer);
    if (!done) co_return fail(std::string(proto::errc::unexpected), "unexpected answer to provision");
    co_return TerminalIdentity{done->terminal, address, *serverPem, *serverKey, done->config};
}

}  // namespace

Result<TerminalIdentity> provision(const std::filesystem::path& dir, std::string_view address, std::string_view token,
                                   std::string_view softwareVersion, std::chrono::milliseconds timeout) {
    std::error_code ec;
    if (std::filesystem::exists(dir / "identity.json", ec)) {
        return fail("sync.provisioned", "'" + dir.string() + "' already holds a provisioned identity");
    }
    std::filesystem::create_directories(dir, ec);
    if (ec) return fail("sync.identity", "cannot create '" + dir.string() + "': " + ec.message());
    auto key = proto::loadOrCreateSigningKey(keyFile(dir));
    if (!key) return std::unexpected(key.error());

    asio::io_context io;
    auto future = asio::co_spawn(io, run(std::string(address), std::string(token), std::string(softwareVersion), *key, timeout),
                                 asio::use_future);
    io.run();
    auto identity = future.get();
    if (!identity) return identity;
    if (auto st = saveIdentity(dir, *identity); !st) return std::unexpected(st.error());
    return identity;
}

}  // namespace rollcall::sync
