#pragma once
// Test support: a provisioned terminal identity whose server (port 1 on loopback) never answers,
// so the daemon runs offline.
#include <filesystem>

#include "rollcall/domain/Error.hpp"

namespace rollcall::terminal::testing {

Status writeUnreachableIdentity(const std::filesystem::path& dir, std::int64_t terminal = 7);

}  // namespace rollcall::terminal::testing
