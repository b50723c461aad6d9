#pragma once
// One TLS connection speaking the protocol, used from coroutines on one executor (not
// thread-safe: post to its executor from other threads). Every read has a deadline; writes go
// through a bounded queue drained by one writer coroutine, so several producers (acks, pushes,
// pings) never interleave frames.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/proto/Messages.hpp"
#include "rollcall/proto/Protocol.hpp"

namespace rollcall::proto {

struct StreamLimits {
    std::uint32_t maxFrameBytes = kDefaultMaxFrameBytes;
    std::size_t maxQueuedFrames = 256;  // outgoing frames not yet written
    std::chrono::milliseconds writeTimeout{30'000};
};

class FramedStream : public std::enable_shared_from_this<FramedStream> {
public:
    using TlsStream = boost::asio::ssl::stream<boost::asio::ip::tcp::socket>;

    FramedStream(TlsStream stream, StreamLimits limits);

    [[nodiscard]] TlsStream& tls() { return stream_; }
    [[nodiscard]] bool open() const { return open_; }

    // The next message, or an error: "net.timeout", "net.closed", or a proto::errc code for a
    // bad frame or payload. After an error the caller closes the connection.
    boost::asio::awaitable<Result<Message>> read(std::chrono::steady_clock::duration deadline);
    // Queues a message; false (and the connection is closed) when the queue is full.
    bool send(const Message& message);
    bool sendEncoded(std::vector<std::uint8_t> frame);
    // Drains the queue to the socket until close(); run it with co_spawn beside the reader.
    boost::asio::awaitable<void> runWriter();
    // Closes after the queued frames are written (or the write deadline passes).
    void closeAfterFlush();
    void close();

private:
    TlsStream stream_;
    StreamLimits limits_;
    boost::asio::steady_timer readTimer_;
    boost::asio::steady_timer writeTimer_;
    boost::asio::steady_timer wake_;
    std::deque<std::vector<std::uint8_t>> queue_;
    std::vector<std::uint8_t> body_;
    std::uint64_t readGeneration_ = 0;
    bool readExpired_ = false;
    bool open_ = true;
    bool closing_ = false;
};

}  // namespace rollcall::proto
