#include "Connector.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "rollcall/proto/TlsContext.hpp"

namespace rollcall::sync {

namespace asio = boost::asio;
using asio::use_awaitable;

asio::awaitable<Result<std::shared_ptr<proto::FramedStream>>> connectTls(const std::string& address,
                                                                         asio::ssl::context& tls,
                                                                         std::chrono::milliseconds timeout,
                                                                         proto::StreamLimits limits) {
    const auto colon = address.rfind(':');
    if (colon == std::string::npos || colon == 0) co_return fail("sync.address", "'" + address + "' is not host:port");
    const std::string host = address.substr(0, colon);
    const std::string port = address.substr(colon + 1);
    auto executor = co_await asio::this_coro::executor;

    boost::system::error_code ec;
    asio::ip::tcp::resolver resolver(executor);
    auto endpoints = co_await resolver.async_resolve(host, port, asio::redirect_error(use_awaitable, ec));
    if (ec) co_return fail("sync.resolve", "cannot resolve '" + host + "': " + ec.message());

    auto stream = std::make_shared<proto::FramedStream>(proto::TlsStream(asio::ip::tcp::socket(executor), tls), limits);
    asio::steady_timer deadline(executor);
    deadline.expires_after(timeout);
    auto expired = std::make_shared<bool>(false);
    deadline.async_wait([stream, expired](boost::system::error_code e) {
        if (!e) {
            *expired = true;
            stream->close();
        }
    });
    co_await asio::async_connect(stream->tls().lowest_layer(), endpoints, asio::redirect_error(use_awaitable, ec));
    if (!ec) {
        stream->tls().lowest_layer().set_option(asio::ip::tcp::no_delay(true), ec);
        co_await stream->tls().async_handshake(asio::ssl::stream_base::client, asio::redirect_error(use_awaitable, ec));
    }
    deadline.cancel();
    if (ec || *expired) {
        stream->close();
        co_return fail("sync.connect", "cannot reach " + address + ": " + (*expired ? std::string("timed out") : ec.message()));
    }
    co_return stream;
}

}  // namespace rollcall::sync
