// rollcall-loadgen [--terminals N] [--seconds S] [--batch B] [--punches-per-terminal P] [--data DIR]
// rollcall-loadgen serve --data DIR --port PORT   (the server half, started by the run itself)
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "Loadgen.hpp"

int main(int argc, char** argv) {
    rollcall::loadgen::RunOptions o;
    CLI::App app{"Simulates many Rollcall terminals over TLS on loopback and measures the gateway"};
    app.add_option("--terminals", o.terminals, "concurrent terminals")->capture_default_str();
    app.add_option("--seconds", o.seconds, "length of the load phase")->capture_default_str();
    app.add_option("--batch", o.batch, "punches per batch")->capture_default_str();
    app.add_option("--punches-per-terminal", o.punchesPerTerminal, "signed punches prepared per terminal")->capture_default_str();
    std::string data;
    app.add_option("--data", data, "server data folder (default: a fresh temporary folder)");
    auto* serveCmd = app.add_subcommand("serve", "run only the server half");
    std::string serveData;
    std::uint16_t port = 0;
    serveCmd->add_option("--data", serveData)->required();
    serveCmd->add_option("--port", port)->required();
    CLI11_PARSE(app, argc, argv);
    spdlog::set_level(spdlog::level::warn);
    if (*serveCmd) return rollcall::loadgen::serve(serveData, port);
    o.dataDir = data;
    o.self = "/proc/self/exe";
    return rollcall::loadgen::run(o);
}
