#pragma once
// A deliberately dumb, blocking TLS client that sends whatever bytes a test wants, to see how
// the gateway treats malformed and hostile input.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>

#include <memory>
#include <string>

#include "rollcall/proto/Codec.hpp"
#include "rollcall/proto/Frame.hpp"
#include "rollcall/proto/TlsContext.hpp"

namespace rollcall::test {

class RawTerminal {
public:
    explicit RawTerminal(const crypto::SigningKey& key) {
        auto identity = proto::makeSelfSigned(key, "raw-terminal");
        auto ctx = proto::makeClientContext(*identity, std::nullopt);
        ctx_ = *ctx;
        stream_ = std::make_unique<proto::TlsStream>(io_, *ctx_);
    }

    // False when TCP or the TLS handshake fails (a refused key ends here).
    bool connect(std::uint16_t port) {
        boost::system::error_code ec;
        stream_->lowest_layer().connect({boost::asio::ip::make_address("127.0.0.1"), port}, ec);
        if (ec) return false;
        stream_->handshake(boost::asio::ssl::stream_base::client, ec);
        if (ec) return false;
        // TLS 1.3 reports a refused client certificate only on the first read after the handshake.
        return true;
    }

    bool sendBytes(std::span<const std::uint8_t> bytes) {
        boost::system::error_code ec;
        boost::asio::write(*stream_, boost::asio::buffer(bytes.data(), bytes.size()), ec);
        return !ec;
    }
    bool send(const proto::Message& m) { return sendBytes(proto::encodeMessageFrame(m)); }

    // The next message, or an error when the server closed the connection first.
    Result<proto::Message> read() {
        std::array<std::uint8_t, 4> header{};
        boost::system::error_code ec;
        boost::asio::read(*stream_, boost::asio::buffer(header), ec);
        if (ec) return fail("net.closed", ec.message());
        auto n = proto::parseFrameHeader(header);
        if (!n) return std::unexpected(n.error());
        std::vector<std::uint8_t> body(*n);
        boost::asio::read(*stream_, boost::asio::buffer(body), ec);
        if (ec) return fail("net.closed", ec.message());
        return proto::decodePayload(body);
    }

    // Reads until an Error message arrives or the connection ends; returns its code, or "closed".
    std::string readUntilError() {
        for (int i = 0; i < 100; ++i) {
            auto m = read();
            if (!m) return m.error().code == "net.closed" ? "closed" : m.error().code;
            if (auto* e = std::get_if<proto::ErrorMessage>(&*m)) return e->code;
        }
        return "none";
    }

    void shutdownSend() {
        boost::system::error_code ec;
        stream_->lowest_layer().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
    }

private:
    boost::asio::io_context io_;
    std::shared_ptr<boost::asio::ssl::context> ctx_;
    std::unique_ptr<proto::TlsStream> stream_;
};

}  // namespace rollcall::test
