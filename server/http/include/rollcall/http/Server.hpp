#pragma once
// The HTTP listener: one coroutine per connection on the caller's io_context, keep-alive,
// limits on header and body size, a deadline on every read and write. stop() closes the
// listener and idle connections at once; a request being handled is answered (with
// "Connection: close") before its connection ends, so in-flight work finishes.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <string>

#include "rollcall/domain/Error.hpp"
#include "rollcall/http/Message.hpp"

namespace rollcall::http {

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;  // 0 picks a free port (tests)
    std::size_t maxBodyBytes = 1 << 20;
    std::size_t maxHeaderBytes = 16 << 10;
    std::chrono::seconds readTimeout{30};   // a request must arrive whole within this
    std::chrono::seconds idleTimeout{60};   // a keep-alive connection may wait this long for the next one
    std::chrono::seconds writeTimeout{30};
};

// Called for every complete request; returns the answer.
using Dispatch = std::function<Response(const Request&, std::string remoteAddress)>;

class Server {
public:
    Server(boost::asio::io_context& io, ServerOptions options, Dispatch dispatch);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and starts accepting; the port actually bound is port() afterwards.
    rollcall::Status start();
    // Stops accepting, closes idle connections, lets in-flight requests finish.
    void stop();
    [[nodiscard]] std::uint16_t port() const { return boundPort_; }
    [[nodiscard]] std::size_t openConnections() const { return sessions_.size(); }

private:
    struct Session;
    boost::asio::awaitable<void> acceptLoop();
    boost::asio::awaitable<void> serve(std::shared_ptr<Session> session);

    boost::asio::io_context& io_;
    ServerOptions options_;
    Dispatch dispatch_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::uint16_t boundPort_ = 0;
    bool stopping_ = false;
    std::set<std::shared_ptr<Session>> sessions_;
};

}  // namespace rollcall::http
