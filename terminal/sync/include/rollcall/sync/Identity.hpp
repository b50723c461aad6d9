#pragma once
// What provisioning leaves in the terminal's identity folder:
//   terminal.key   the Ed25519 seed (mode 0600), generated on the terminal, never sent;
//   server.crt     the server certificate seen while provisioning; its key is pinned;
//   identity.json  terminal id, server address, name and post.
#include <filesystem>
#include <string>

#include "rollcall/crypto/Crypto.hpp"
#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Ids.hpp"
#include "rollcall/proto/Messages.hpp"
#include "rollcall/proto/TlsIdentity.hpp"

namespace rollcall::sync {

struct TerminalIdentity {
    TerminalId terminal;
    std::string serverAddress;  // "host:port"
    std::string serverCertificatePem;
    proto::PublicKey serverKey{};
    proto::TerminalConfig config;
};

std::filesystem::path keyFile(const std::filesystem::path& dir);
Result<TerminalIdentity> loadIdentity(const std::filesystem::path& dir);
Status saveIdentity(const std::filesystem::path& dir, const TerminalIdentity& identity);
Result<crypto::SigningKey> loadTerminalKey(const std::filesystem::path& dir);

}  // namespace rollcall::sync
