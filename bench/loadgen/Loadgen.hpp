#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

namespace rollcall::loadgen {

struct RunOptions {
    int terminals = 500;
    int seconds = 10;
    // Total punches/s offered, spread evenly over the terminals (open loop: punches are created
    // on a schedule whatever the server does). 0: saturate, every terminal keeps `window`
    // full batches in flight, to find the maximum throughput.
    double rate = 0;
    int window = 1;                 // batches in flight per terminal
    int intervalMinMs = 50;         // a terminal sends what accumulated every 50..100 ms
    int intervalMaxMs = 100;
    int batch = 50;                 // punches per batch in saturating mode; the cap in open loop
    int punchesPerTerminal = 0;     // signed before the clock starts; 0: enough for the run
    std::filesystem::path dataDir;  // empty: a fresh temporary folder
    std::string self;               // this executable, started again in serve mode
};

// The gateway with a store and registry in this process, until SIGTERM.
int serve(const std::filesystem::path& dataDir, std::uint16_t port);
int run(const RunOptions& options);

}  // namespace rollcall::loadgen
