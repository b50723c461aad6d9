#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

namespace rollcall::loadgen {

struct RunOptions {
    int terminals = 500;
    int seconds = 10;
    int batch = 50;               // punches per PunchBatch
    int punchesPerTerminal = 1000;  // signed before the clock starts
    std::filesystem::path dataDir;  // empty: a fresh temporary folder
    std::string self;               // this executable, started again in serve mode
};

// The gateway with a store and registry in this process, until SIGTERM.
int serve(const std::filesystem::path& dataDir, std::uint16_t port);
int run(const RunOptions& options);

}  // namespace rollcall::loadgen
