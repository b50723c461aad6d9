// rollcall-terminal: the device daemon (face from a camera, video or image folder -> journal -> sync).
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <atomic>
#include <csignal>
#include <vector>

#include "rollcall/sync/Provisioning.hpp"
#include "rollcall/terminal/TerminalDaemon.hpp"

namespace {
std::atomic<bool> stopRequested{false};
extern "C" void onSignal(int) { stopRequested.store(true); }
}  // namespace

int main(int argc, char** argv) {
    CLI::App cli{"rollcall-terminal: the attendance terminal daemon"};
    std::string configFile;
    std::vector<std::string> provision;
    cli.add_option("-c,--config", configFile, "TOML configuration file (docs/terminal.md)")->required()->check(CLI::ExistingFile);
    cli.add_option("--provision", provision, "ADDRESS TOKEN: enrol this terminal with the server once, then exit")->expected(2);
    CLI11_PARSE(cli, argc, argv);
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
    spdlog::set_level(spdlog::level::warn);

    auto config = rollcall::terminal::TerminalConfig::load(configFile);
    if (!config) {
        fmt::print(stderr, "rollcall-terminal: {}\n", config.error().message);
        return 2;
    }
    if (!provision.empty()) {
        auto id = rollcall::sync::provision(rollcall::terminal::TerminalDaemon::identityDir(*config), provision[0], provision[1]);
        if (!id) {
            fmt::print(stderr, "rollcall-terminal: provisioning failed: {}\n", id.error().message);
            return 1;
        }
        fmt::print("PROVISIONED terminal={} server={} name={}\n", id->terminal.value(), id->serverAddress, id->config.name);
        return 0;
    }
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    auto daemon = rollcall::terminal::TerminalDaemon::create(*config);
    if (!daemon) {
        fmt::print(stderr, "rollcall-terminal: {}\n", daemon.error().message);
        return 1;
    }
    return (*daemon)->run(stopRequested);
}
