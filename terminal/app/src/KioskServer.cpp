#include "rollcall/terminal/KioskServer.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <chrono>
#include <set>
#include <thread>

#include "rollcall/terminal/KioskAssets.hpp"

namespace rollcall::terminal {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;

namespace {

template <class Body>
void secure(http::response<Body>& res) {
    res.set(http::field::server, "rollcall-terminal");
    res.set("Content-Security-Policy", KioskServer::contentSecurityPolicy());
    res.set("X-Content-Type-Options", "nosniff");
    res.set("X-Frame-Options", "DENY");
    res.set("Referrer-Policy", "no-referrer");
    res.set("Cross-Origin-Resource-Policy", "same-origin");
    res.set(http::field::cache_control, "no-store");
}

}  // namespace

struct KioskServer::Impl {
    asio::io_context io;
    tcp::acceptor acceptor{io};
    std::thread thread;
    Snapshot snapshot;
    std::uint16_t port = 0;
    bool stopping = false;

    // Touched only on the io thread.
    std::string state = "{}";
    std::uint64_t revision = 0;
    struct Stream {
        explicit Stream(asio::io_context& ctx) : wake(ctx) {}
        asio::steady_timer wake;
    };
    std::set<std::shared_ptr<Stream>> streams;
    std::set<std::shared_ptr<beast::tcp_stream>> connections;

    asio::awaitable<void> acceptLoop() {
        while (!stopping) {
            boost::system::error_code ec;
            tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
            if (ec) {
                if (stopping || ec == asio::error::operation_aborted) break;
                continue;
            }
            auto conn = std::make_shared<beast::tcp_stream>(std::move(socket));
            connections.insert(conn);
            asio::co_spawn(io, serve(conn), asio::detached);
        }
    }

    http::response<http::string_body> answer(const http::request<http::string_body>& req) {
        http::response<http::string_body> res{http::status::ok, req.version()};
        const std::string target(req.target());
        const std::string path = target.substr(0, target.find('?'));
        auto reply = [&](http::status status, std::string_view type, std::string body) {
            res.result(status);
            res.set(http::field::content_type, std::string(type));
            res.body() = std::move(body);
        };
        if (req.method() != http::verb::get && req.method() != http::verb::head) {
            reply(http::status::method_not_allowed, "text/plain; charset=utf-8", "the kiosk page is read-only\n");
        } else if (path == "/state") {
            reply(http::status::ok, "application/json; charset=utf-8", state);
        } else if (path == "/snapshot.jpg") {
            auto jpeg = snapshot ? snapshot() : std::nullopt;
            if (jpeg) {
                reply(http::status::ok, "image/jpeg", std::string(jpeg->begin(), jpeg->end()));
            } else {
                reply(http::status::not_found, "text/plain; charset=utf-8", "no camera frame\n");
            }
        } else {
            reply(http::status::not_found, "text/plain; charset=utf-8", "not found\n");
            for (const auto& asset : kioskAssets()) {
                if (asset.path == path || (path == "/index.html" && asset.path == "/")) {
                    reply(http::status::ok, asset.contentType, std::string(asset.body));
                }
            }
        }
        secure(res);
        res.keep_alive(req.keep_alive());
        res.prepare_payload();
        if (req.method() == http::verb::head) res.body().clear();
        return res;
    }

    asio::awaitable<void> serve(std::shared_ptr<beast::tcp_stream> conn) {
        beast::flat_buffer buffer;
        boost::system::error_code ec;
        while (!stopping) {
            http::request<http::string_body> req;
            conn->expires_after(60s);
            co_await http::async_read(*conn, buffer, req, asio::redirect_error(asio::use_awaitable, ec));
            if (ec) break;
            const std::string target(req.target());
            if (req.method() == http::verb::get && target.substr(0, target.find('?')) == "/events") {
                co_await events(conn, req.version());
                break;
            }
            auto res = answer(req);
            conn->expires_after(30s);
            co_await http::async_write(*conn, res, asio::redirect_error(asio::use_awaitable, ec));
            if (ec || !res.keep_alive()) break;
        }
        conn->socket().shutdown(tcp::socket::shutdown_both, ec);
        conn->socket().close(ec);
        connections.erase(conn);
    }

    // Server-sent events: the state now, then every change; a comment every 15 s keeps the
    // connection alive through anything in between.
    asio::awaitable<void> events(std::shared_ptr<beast::tcp_stream> conn, unsigned version) {
        http::response<http::empty_body> res{http::status::ok, version};
        res.set(http::field::content_type, "text/event-stream; charset=utf-8");
        secure(res);
        res.keep_alive(false);
        http::response_serializer<http::empty_body> header(res);
        boost::system::error_code ec;
        conn->expires_never();
        co_await http::async_write_header(*conn, header, asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return;
        auto stream = std::make_shared<Stream>(io);
        streams.insert(stream);
        std::uint64_t sent = 0;
        bool first = true;
        while (!stopping) {
            std::string chunk;
            if (first || sent != revision) {
                chunk = "event: state\ndata: " + state + "\n\n";
                sent = revision;
                first = false;
            }
            if (!chunk.empty()) {
                conn->expires_after(10s);
                co_await asio::async_write(conn->socket(), asio::buffer(chunk), asio::redirect_error(asio::use_awaitable, ec));
                conn->expires_never();
                if (ec) break;
                continue;  // the state may have changed while writing
            }
            stream->wake.expires_after(15s);
            co_await stream->wake.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            if (stopping) break;
            if (!ec) {
                static constexpr std::string_view ping = ": ping\n\n";
                co_await asio::async_write(conn->socket(), asio::buffer(ping), asio::redirect_error(asio::use_awaitable, ec));
                if (ec) break;
            }
        }
        streams.erase(stream);
    }
};

const char* KioskServer::contentSecurityPolicy() {
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
           "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}

Result<std::unique_ptr<KioskServer>> KioskServer::start(const std::string& address, std::uint16_t port, Snapshot snapshot) {
    auto impl = std::make_shared<Impl>();
    impl->snapshot = std::move(snapshot);
    boost::system::error_code ec;
    const auto ip = asio::ip::make_address(address, ec);
    if (ec) return fail("kiosk.address", "'" + address + "' is not an IP address", "kiosk.address");
    const tcp::endpoint endpoint(ip, port);
    impl->acceptor.open(endpoint.protocol(), ec);
    if (!ec) impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) impl->acceptor.bind(endpoint, ec);
    if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return fail("kiosk.listen", "the kiosk page cannot listen on " + address + ":" + std::to_string(port) + ": " + ec.message(), "kiosk.port");
    impl->port = impl->acceptor.local_endpoint().port();
    asio::co_spawn(impl->io, impl->acceptLoop(), asio::detached);
    impl->thread = std::thread([raw = impl.get()] { raw->io.run(); });
    return std::unique_ptr<KioskServer>(new KioskServer(std::move(impl)));
}

KioskServer::~KioskServer() {
    Impl* impl = impl_.get();
    asio::post(impl->io, [impl] {
        impl->stopping = true;
        boost::system::error_code ec;
        impl->acceptor.close(ec);
        for (const auto& s : impl->streams) s->wake.cancel();
        for (const auto& c : impl->connections) c->socket().close(ec);
    });
    impl->thread.join();
}

void KioskServer::publish(std::string stateJson) {
    Impl* impl = impl_.get();
    asio::post(impl->io, [impl, json = std::move(stateJson)]() mutable {
        impl->state = std::move(json);
        ++impl->revision;
        for (const auto& s : impl->streams) s->wake.cancel();
    });
}

std::uint16_t KioskServer::port() const { return impl_->port; }

}  // namespace rollcall::terminal
