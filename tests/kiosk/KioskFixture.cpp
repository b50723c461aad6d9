// rollcall-test-kiosk-fixture: the terminal's kiosk server alone, publishing whatever state
// JSON lines arrive on stdin, so the browser test can show the page states a real terminal
// reaches only with a server (a running spot check) or a person at the reader.
// Prints "PORT <n>" once listening; exits at the end of stdin.
#include <cstdio>
#include <iostream>
#include <string>

#include "rollcall/terminal/KioskServer.hpp"

int main() {
    auto server = rollcall::terminal::KioskServer::start("127.0.0.1", 0, [] { return std::nullopt; });
    if (!server) {
        std::fprintf(stderr, "rollcall-test-kiosk-fixture: %s\n", server.error().message.c_str());
        return 1;
    }
    std::printf("PORT %u\n", static_cast<unsigned>((*server)->port()));
    std::fflush(stdout);
    for (std::string line; std::getline(std::cin, line);) {
        if (line.empty()) continue;
        (*server)->publish(line);
        std::printf("PUBLISHED\n");
        std::fflush(stdout);
    }
    return 0;
}
