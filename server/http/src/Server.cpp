#include "rollcall/http/Server.hpp"

#include <boost/asio/async_result.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <thread>

#include "rollcall/http/SecurityHeaders.hpp"

namespace rollcall::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

struct Server::Session {
    explicit Session(tcp::socket socket) : stream(std::move(socket)) {}
    beast::tcp_stream stream;
    bool busy = false;  // a request is being handled or answered
};

namespace {
std::size_t workersFor(std::size_t wanted) {
    if (wanted > 0) return wanted;
    return std::max<std::size_t>(2, std::thread::hardware_concurrency());
}
}  // namespace

Server::Server(asio::io_context& io, ServerOptions options, Dispatch dispatch)
    : io_(io), options_(std::move(options)), dispatch_(std::move(dispatch)), acceptor_(io),
      workerCount_(workersFor(options_.workerThreads)), workers_(workerCount_) {}

// join() without stop(): a handler already handed over finishes before the server goes.
Server::~Server() { workers_.join(); }

rollcall::Status Server::start() {
    boost::system::error_code ec;
    const auto address = asio::ip::make_address(options_.address, ec);
    if (ec) return fail("http.address", "'" + options_.address + "' is not an IP address", "server.address");
    const tcp::endpoint endpoint(address, options_.port);
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
        return fail("http.listen", "cannot listen on " + options_.address + ":" + std::to_string(options_.port) + ": " +
                                       ec.message());
    }
    boundPort_ = acceptor_.local_endpoint().port();
    asio::co_spawn(io_, acceptLoop(), asio::detached);
    return {};
}

void Server::stop() {
    if (stopping_.exchange(true)) return;
    boost::system::error_code ec;
    acceptor_.close(ec);
    for (const auto& s : sessions_) {
        if (!s->busy) s->stream.socket().close(ec);
    }
}

asio::awaitable<void> Server::acceptLoop() {
    while (!stopping_) {
        boost::system::error_code ec;
        tcp::socket socket = co_await acceptor_.async_accept(asio::redirect_error(asio::use_awaitable, ec));
        if (ec) {
            if (stopping_ || ec == asio::error::operation_aborted) break;
            spdlog::warn("http: accept failed: {}", ec.message());
            continue;
        }
        socket.set_option(tcp::no_delay(true), ec);
        auto session = std::make_shared<Session>(std::move(socket));
        sessions_.insert(session);
        ++openConnections_;
        asio::co_spawn(io_, serve(session), asio::detached);
    }
}

asio::awaitable<void> Server::serve(std::shared_ptr<Session> session) {
    auto& stream = session->stream;
    boost::system::error_code ec;
    std::string remote = stream.socket().remote_endpoint(ec).address().to_string();
    beast::flat_buffer buffer;
    bool first = true;
    while (!stopping_) {
        bhttp::request_parser<bhttp::string_body> parser;
        parser.body_limit(options_.maxBodyBytes);
        parser.header_limit(static_cast<std::uint32_t>(options_.maxHeaderBytes));
        stream.expires_after(first ? options_.readTimeout : options_.idleTimeout);
        first = false;
        // Wait for the start of the next request; an idle connection may be closed by stop().
        co_await bhttp::async_read_header(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        if (!ec) {
            session->busy = true;
            stream.expires_after(options_.readTimeout);
            co_await bhttp::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        }
        if (ec) {
            const bool tooLarge = ec == bhttp::error::body_limit || ec == bhttp::error::header_limit ||
                                  ec == bhttp::error::buffer_overflow;
            const bool malformed = ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category() &&
                                   ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message;
            if (tooLarge || malformed) {
                Response res = tooLarge ? errorResponse(Status::payload_too_large, "too_large",
                                                        "the request is larger than the server accepts")
                                        : errorResponse(Status::bad_request, "bad_request", "malformed HTTP request");
                res.keep_alive(false);
                applySecurityHeaders(res);
                res.prepare_payload();
                stream.expires_after(options_.writeTimeout);
                co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
            }
            break;
        }
        const Request& request = parser.get();
        Response res = co_await handle(request, remote);
        res.version(request.version());
        res.keep_alive(request.keep_alive() && !stopping_);
        applySecurityHeaders(res);
        if (request.method() == Verb::head) {
            const auto size = res.body().size();
            res.body().clear();
            res.content_length(size);
        } else {
            res.prepare_payload();
        }
        stream.expires_after(options_.writeTimeout);
        co_await bhttp::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
        session->busy = false;
        if (ec || !res.keep_alive()) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    stream.socket().close(ec);
    sessions_.erase(session);
    --openConnections_;
}

asio::awaitable<Response> Server::handle(const Request& request, const std::string& remote) {
    // The coroutine frame (and with it the parser that owns `request`) stays alive while suspended.
    auto initiate = [this, &request, &remote](auto handler) {
        asio::post(workers_, [this, &request, remote, handler = std::move(handler), work = asio::make_work_guard(io_)]() mutable {
            Response res;
            try {
                res = dispatch_(request, remote);
            } catch (const std::exception& e) {
                spdlog::error("http: handler failed: {}", e.what());
                res = errorResponse(Status::internal_server_error, "internal", "the server could not complete the request");
            }
            auto back = asio::get_associated_executor(handler, io_.get_executor());
            asio::post(back, [handler = std::move(handler), res = std::move(res)]() mutable { std::move(handler)(std::move(res)); });
        });
    };
    co_return co_await asio::async_initiate<decltype(asio::use_awaitable), void(Response)>(initiate, asio::use_awaitable);
}

}  // namespace rollcall::http
