#pragma once
// First contact: generates the terminal's key pair locally (terminal.key, mode 0600),
// presents it in a self-signed certificate, redeems the one-time token, and stores the
// identity and the server certificate it saw, whose key is pinned from then on.
#include <chrono>
#include <filesystem>
#include <string_view>

#include "rollcall/domain/Error.hpp"
#include "rollcall/sync/Identity.hpp"

namespace rollcall::sync {

Result<TerminalIdentity> provision(const std::filesystem::path& identityDir, std::string_view address,
                                   std::string_view token, std::string_view softwareVersion = "0.1.0",
                                   std::chrono::milliseconds timeout = std::chrono::milliseconds(15'000));

}  // namespace rollcall::sync
