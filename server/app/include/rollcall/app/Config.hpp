#pragma once
// rollcall-server's configuration: one TOML file, every key optional (docs/config.md lists
// them with their defaults). Unknown keys and wrong types are refused with the key's name.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>

#include "rollcall/domain/Error.hpp"

namespace rollcall::app {

struct Config {
    // [server]
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;
    std::filesystem::path webRoot;  // empty: web/dist in the source tree, else share/rollcall/web
    std::size_t maxBodyBytes = 1u << 20;
    std::size_t maxImportBytes = 8u << 20;
    std::chrono::seconds readTimeout{30};
    std::chrono::seconds idleTimeout{60};
    bool secureCookies = false;
    // [storage]
    std::filesystem::path dataDir = "data";
    std::filesystem::path database;  // empty: <data_dir>/rollcall.db
    // [log]
    std::string logLevel = "info";
    // [organisation]
    std::string timeZone = "Asia/Shanghai";
    // [auth]
    std::chrono::minutes sessionTtl{12 * 60};
    int lockoutThreshold = 5;
    std::chrono::seconds lockoutBase{30};
    std::chrono::seconds lockoutMax{15 * 60};
    // [gateway]
    bool gatewayEnabled = true;
    std::string gatewayAddress = "0.0.0.0";
    std::uint16_t gatewayPort = 7443;

    static Result<Config> load(const std::filesystem::path& file);
    static Result<Config> parse(std::string_view toml, const std::string& origin = "config");
    [[nodiscard]] std::filesystem::path databasePath() const;
};

}  // namespace rollcall::app
