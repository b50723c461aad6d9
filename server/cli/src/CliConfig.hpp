#pragma once
// Where the CLI finds its server and token: --server/--token, else ROLLCALL_SERVER /
// ROLLCALL_TOKEN, else ~/.config/rollcall/cli.toml (written by `rollcall login`, mode 0600).
#include <filesystem>
#include <string>

#include "rollcall/domain/Error.hpp"

namespace rollcall::cli {

struct CliConfig {
    std::string server = "http://127.0.0.1:8080";
    std::string token;

    static std::filesystem::path defaultPath();
    static Result<CliConfig> load(const std::filesystem::path& file);  // a missing file gives defaults
    Status save(const std::filesystem::path& file) const;
};

}  // namespace rollcall::cli
