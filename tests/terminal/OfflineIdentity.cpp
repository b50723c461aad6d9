#include "OfflineIdentity.hpp"

#include "rollcall/proto/TlsIdentity.hpp"
#include "rollcall/sync/Identity.hpp"

namespace rollcall::terminal::testing {

Status writeUnreachableIdentity(const std::filesystem::path& dir, std::int64_t terminal) {
    std::filesystem::create_directories(dir);
    auto terminalKey = proto::loadOrCreateSigningKey(sync::keyFile(dir));
    if (!terminalKey) return std::unexpected(terminalKey.error());
    auto serverKey = crypto::SigningKey::generate();
    auto cert = proto::makeSelfSigned(serverKey, "rollcall-gateway");
    if (!cert) return std::unexpected(cert.error());
    auto serverPub = proto::ed25519KeyOfPem(cert->certificatePem);
    if (!serverPub) return std::unexpected(serverPub.error());
    sync::TerminalIdentity id;
    id.terminal = TerminalId(terminal);
    id.serverAddress = "127.0.0.1:1";
    id.serverCertificatePem = cert->certificatePem;
    id.serverKey = *serverPub;
    id.config.name = "offline test terminal";
    return sync::saveIdentity(dir, id);
}

}  // namespace rollcall::terminal::testing
