#pragma once
// One terminal connection, top to bottom: TLS handshake (the key check happens inside it),
// Hello, then either provisioning or the Welcome and the message loop. Any violation ends
// this session with a logged reason and touches nothing else.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <memory>
#include <optional>
#include <string>

#include "GatewayCore.hpp"
#include "rollcall/proto/FramedStream.hpp"

namespace rollcall::gateway {

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(std::shared_ptr<GatewayCore> core, boost::asio::ip::tcp::socket socket);

    boost::asio::awaitable<void> run();
    // On the io thread.
    void push(const proto::Message& message);
    void disconnect(std::string_view reason);
    [[nodiscard]] const std::optional<TerminalInfo>& terminal() const { return info_; }

private:
    boost::asio::awaitable<bool> handshake();
    boost::asio::awaitable<void> provision(const proto::PublicKey& key);
    boost::asio::awaitable<void> serve(const TerminalInfo& info, const proto::Hello& hello);
    boost::asio::awaitable<bool> handleBatch(proto::PunchBatch batch);
    void refuse(std::string_view code, const std::string& message);

    std::shared_ptr<GatewayCore> core_;
    std::shared_ptr<proto::FramedStream> stream_;
    std::string peer_;
    std::optional<TerminalInfo> info_;
    proto::PublicKey key_{};
    TerminalSeq highestSeq_ = 0;
};

}  // namespace rollcall::gateway
