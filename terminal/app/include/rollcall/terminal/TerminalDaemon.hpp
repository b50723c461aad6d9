#pragma once
// The whole rollcall-terminal: identity, journal, gallery, face engine, frame source and the
// sync connection, and the interaction loop that ties them together:
//   idle -> face seen -> identify -> liveness -> journal commit -> feedback -> idle.
// Feedback goes to `out` as one plain status line per event (headless runs, logs, tests).
// Verification and the journal keep working while the server is unreachable.
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "rollcall/domain/Error.hpp"
#include "rollcall/terminal/TerminalConfig.hpp"

namespace rollcall::terminal {

class TerminalDaemon {
public:
    static Result<std::unique_ptr<TerminalDaemon>> create(TerminalConfig config, std::FILE* out = stdout);
    ~TerminalDaemon();
    TerminalDaemon(const TerminalDaemon&) = delete;
    TerminalDaemon& operator=(const TerminalDaemon&) = delete;

    // Runs until `stop` becomes true, or, with exitAtEnd, until the source ends and the journal
    // is drained. Returns the process exit code.
    int run(const std::atomic<bool>& stop);

    // Where provisioning keeps the terminal's identity inside the data folder.
    static std::filesystem::path identityDir(const TerminalConfig& config);

private:
    struct Impl;
    explicit TerminalDaemon(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace rollcall::terminal
