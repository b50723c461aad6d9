#pragma once
// Opens a TLS connection to "host:port" with deadlines on resolve, connect and handshake.
#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>

#include <chrono>
#include <memory>
#include <string>

#include "rollcall/domain/Error.hpp"
#include "rollcall/proto/FramedStream.hpp"

namespace rollcall::sync {

boost::asio::awaitable<Result<std::shared_ptr<proto::FramedStream>>> connectTls(
    const std::string& address, boost::asio::ssl::context& tls, std::chrono::milliseconds timeout,
    proto::StreamLimits limits);

}  // namespace rollcall::sync
