// rollcall-loadgen [--terminals N] [--seconds S] [--rate P] [--window W] [--interval-ms A B]
//                  [--batch B] [--punches-per-terminal P] [--data DIR]
// rollcall-loadgen serve --data DIR --port PORT   (the server half, started by the run itself)
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include "Loadgen.hpp"

int main(int argc, char** argv) {
    rollcall::loadgen::RunOptions o;
    CLI::App app{"Simulates many Rollcall terminals over TLS on loopback and measures the gateway"};
    app.add_option("--terminals", o.terminals, "concurrent terminals")->capture_default_str();
    app.add_option("--seconds", o.seconds, "length of the load phase")->capture_default_str();
    app.add_option("--rate", o.rate, "punches/s offered in total (open loop); 0 saturates (closed loop)")
        ->capture_default_str();
    app.add_option("--window", o.window, "batches in flight per terminal")->capture_default_str();
    std::vector<int> interval{o.intervalMinMs, o.intervalMaxMs};
    app.add_option("--interval-ms", interval, "open loop: a terminal sends every MIN..MAX ms")->expected(2);
    app.add_option("--batch", o.batch, "punches per batch (saturating); the most per batch (open loop)")
        ->capture_default_str();
    app.add_option("--punches-per-terminal", o.punchesPerTerminal, "signed punches prepared per terminal (0: enough)")
        ->capture_default_str();
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
    if (o.rate < 0 || o.window < 1 || o.batch < 1 || interval[0] < 1 || interval[1] < interval[0]) {
        spdlog::error("--rate >= 0, --window >= 1, --batch >= 1 and 1 <= MIN <= MAX for --interval-ms");
        return 2;
    }
    o.intervalMinMs = interval[0];
    o.intervalMaxMs = interval[1];
    o.dataDir = data;
    o.self = "/proc/self/exe";
    return rollcall::loadgen::run(o);
}
