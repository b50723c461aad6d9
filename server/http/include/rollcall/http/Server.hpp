#pragma once
// The HTTP listener: one coroutine per connection on the caller's io_context, keep-alive,
// limits on header and body size, a deadline on every read and write. Each complete request
// is handed to a pool of worker threads, so a slow handler (a database read) never holds up
// the other connections; the connection's coroutine resumes on the io thread with the answer.
// The dispatch function is therefore called on several threads at once.
// stop() closes the listener and idle connections at once; a request being handled is
// answered (with "Connection: close") before its connection ends, so in-flight work finishes.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
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
    std::size_t workerThreads = 0;  // handler threads; 0: one per hardware thread, at least 2
};

// Called for every complete request, on a worker thread; returns the answer.
using Dispatch = std::function<Response(const Request&, std::string remoteAddress)>;

class Server {
public:
    Server(boost::asio::io_context& io, ServerOptions options, Dispatch dispatch);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // Binds and starts accepting; the port actually bound is port() afterwards.
    rollcall::Status start();
    // Stops accepting, closes idle connections, lets in-flight requests finish. Call it on the
    // io thread (post it there); the io_context's run() returns once the last answer is written.
    void stop();
    [[nodiscard]] std::uint16_t port() const { return boundPort_; }
    // Safe from any thread (a /metrics handler asks from a worker).
    [[nodiscard]] std::size_t openConnections() const { return openConnections_.load(); }
    [[nodiscard]] std::size_t workerThreads() const { return workerCount_; }

private:
    struct Session;
    boost::asio::awaitable<void> acceptLoop();
    boost::asio::awaitable<void> serve(std::shared_ptr<Session> session);
    // Runs dispatch_ on a worker and resumes the caller on the io thread with the answer.
    boost::asio::awaitable<Response> handle(const Request& request, const std::string& remote);

    boost::asio::io_context& io_;
    ServerOptions options_;
    Dispatch dispatch_;
    boost::asio::ip::tcp::acceptor acceptor_;
    std::uint16_t boundPort_ = 0;
    std::atomic<bool> stopping_ = false;
    std::set<std::shared_ptr<Session>> sessions_;  // io thread only
    std::atomic<std::size_t> openConnections_ = 0;
    std::size_t workerCount_;
    // Last member: destroyed (joined) first, while everything a running handler uses still exists.
    boost::asio::thread_pool workers_;
};

}  // namespace rollcall::http
