#pragma once
// TLS 1.3 contexts for both ends. Neither trusts a CA: the server hands each client key to
// `acceptKey` during the handshake (refusing revoked terminals there), and a provisioned
// terminal accepts only the server key it pinned.
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "rollcall/domain/Error.hpp"
#include "rollcall/proto/TlsIdentity.hpp"

namespace rollcall::proto {

using TlsStream = boost::asio::ssl::stream<boost::asio::ip::tcp::socket>;

// acceptKey runs on the handshaking thread; it must be quick and thread-safe.
Result<std::shared_ptr<boost::asio::ssl::context>> makeServerContext(
    const TlsIdentity& identity, std::function<bool(const PublicKey&)> acceptKey);

// Without a pinned key (provisioning) any server key is accepted and the caller pins the one
// it saw, read back with peerCertificatePem.
Result<std::shared_ptr<boost::asio::ssl::context>> makeClientContext(const TlsIdentity& identity,
                                                                     std::optional<PublicKey> pinnedServerKey);

Result<PublicKey> peerKey(TlsStream& stream);
Result<std::string> peerCertificatePem(TlsStream& stream);

}  // namespace rollcall::proto
