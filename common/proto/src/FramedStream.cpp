#include "rollcall/proto/FramedStream.hpp"

#include <boost/asio/read.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>

#include "rollcall/proto/Codec.hpp"
#include "rollcall/proto/Frame.hpp"

namespace rollcall::proto {

namespace asio = boost::asio;

namespace {
// Keeps an idle connection small: a large frame's buffer is not held on to.
constexpr std::size_t kKeepBodyCapacity = 16 * 1024;
}  // namespace

FramedStream::FramedStream(TlsStream stream, StreamLimits limits)
    : stream_(std::move(stream)),
      limits_(limits),
      readTimer_(stream_.get_executor()),
      writeTimer_(stream_.get_executor()),
      wake_(stream_.get_executor(), std::chrono::steady_clock::time_point::max()) {}

asio::awaitable<Result<Message>> FramedStream::read(std::chrono::steady_clock::duration deadline) {
    if (!open_) co_return fail("net.closed", "the connection is closed");
    // The watchdog closes the socket when the deadline passes; the pending read then fails.
    const std::uint64_t generation = ++readGeneration_;
    readExpired_ = false;
    readTimer_.expires_after(deadline);
    readTimer_.async_wait([self = shared_from_this(), generation](boost::system::error_code ec) {
        if (!ec && generation == self->readGeneration_) {
            self->readExpired_ = true;
            self->close();
        }
    });
    struct CancelOnExit {
        asio::steady_timer& timer;
        ~CancelOnExit() { timer.cancel(); }
    } cancel{readTimer_};

    std::array<std::uint8_t, kFrameHeaderBytes> header{};
    boost::system::error_code ec;
    co_await asio::async_read(stream_, asio::buffer(header), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
        if (readExpired_) co_return fail(std::string(errc::timeout), "no frame arrived before the deadline");
        co_return fail("net.closed", "connection closed: " + ec.message());
    }
    auto length = parseFrameHeader(header, limits_.maxFrameBytes);
    if (!length) co_return std::unexpected(length.error());
    body_.resize(*length);
    co_await asio::async_read(stream_, asio::buffer(body_), asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
        if (readExpired_) co_return fail(std::string(errc::timeout), "a frame did not complete before the deadline");
        co_return fail(std::string(errc::frameTruncated), "the connection ended inside a frame: " + ec.message());
    }
    auto message = decodePayload(body_);
    if (body_.capacity() > kKeepBodyCapacity) std::vector<std::uint8_t>().swap(body_);
    co_return message;
}

bool FramedStream::send(const Message& message) { return sendEncoded(encodeMessageFrame(message)); }

bool FramedStream::sendEncoded(std::vector<std::uint8_t> frame) {
    if (!open_ || closing_) return false;
    if (queue_.size() >= limits_.maxQueuedFrames) {
        close();
        return false;
    }
    queue_.push_back(std::move(frame));
    wake_.cancel_one();
    return true;
}

asio::awaitable<void> FramedStream::runWriter() {
    auto self = shared_from_this();
    while (open_) {
        if (queue_.empty()) {
            if (closing_) break;
            boost::system::error_code ec;
            wake_.expires_at(std::chrono::steady_clock::time_point::max());
            co_await wake_.async_wait(asio::redirect_error(asio::use_awaitable, ec));
            continue;
        }
        auto frame = std::move(queue_.front());
        queue_.pop_front();
        writeTimer_.expires_after(limits_.writeTimeout);
        writeTimer_.async_wait([self](boost::system::error_code ec) {
            if (!ec) self->close();
        });
        boost::system::error_code ec;
        co_await asio::async_write(stream_, asio::buffer(frame), asio::redirect_error(asio::use_awaitable, ec));
        writeTimer_.cancel();
        if (ec) break;
    }
    close();
}

void FramedStream::closeAfterFlush() {
    closing_ = true;
    wake_.cancel_one();
}

void FramedStream::close() {
    if (!open_) return;
    open_ = false;
    boost::system::error_code ignored;
    stream_.lowest_layer().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    stream_.lowest_layer().close(ignored);
    readTimer_.cancel();
    writeTimer_.cancel();
    wake_.cancel();
}

}  // namespace rollcall::proto
