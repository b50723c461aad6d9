// rollcall-server: the central service (HTTP API + web UI + terminal gateway).
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <cstdio>

#include "rollcall/app/ServerApp.hpp"

int main(int argc, char** argv) {
    CLI::App cli{"rollcall-server: attendance and spot-check service (HTTP API, web UI, terminal gateway)"};
    std::string configFile;
    cli.add_option("-c,--config", configFile, "TOML configuration file (docs/config.md); defaults apply without one")
        ->check(CLI::ExistingFile);
    cli.set_version_flag("--version", std::string("rollcall-server ") + ROLLCALL_VERSION);
    CLI11_PARSE(cli, argc, argv);

    auto config = configFile.empty() ? rollcall::Result<rollcall::app::Config>(rollcall::app::Config{})
                                     : rollcall::app::Config::load(configFile);
    if (!config) {
        fmt::print(stderr, "rollcall-server: {}\n", config.error().message);
        return 2;
    }
    spdlog::set_level(spdlog::level::from_str(config->logLevel));
    spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %^%l%$ %v");
    auto app = rollcall::app::ServerApp::create(*config);
    if (!app) {
        fmt::print(stderr, "rollcall-server: {}\n", app.error().message);
        return 1;
    }
    if (auto st = (*app)->start(); !st) {
        fmt::print(stderr, "rollcall-server: {}\n", st.error().message);
        return 1;
    }
    if (!(*app)->generatedAdminPassword().empty()) {
        fmt::print("First start: created the administrator account 'admin' with password: {}\n"
                   "(shown only this once; set ROLLCALL_ADMIN_PASSWORD to choose it instead)\n",
                   (*app)->generatedAdminPassword());
    }
    fmt::print("Rollcall is running. Point a browser at {}\n", (*app)->browserUrl());
    std::fflush(stdout);
    (*app)->run();
    return 0;
}
