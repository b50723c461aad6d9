#pragma once
// The whole rollcall-server: the store, the HTTP API and web UI, the terminal gateway, on one
// io_context. create() opens and migrates the database and creates the first administrator;
// start() binds the sockets; run() serves until stop() or SIGINT/SIGTERM, then finishes the
// requests in flight and closes the database.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "rollcall/app/Config.hpp"
#include "rollcall/domain/Error.hpp"

namespace rollcall::app {

class ServerApp {
public:
    static Result<std::unique_ptr<ServerApp>> create(Config config);
    ~ServerApp();

    Status start();
    // Blocks; with `handleSignals`, SIGINT and SIGTERM stop the server.
    void run(bool handleSignals = true);
    // Thread-safe.
    void stop();

    [[nodiscard]] std::uint16_t httpPort() const;
    [[nodiscard]] std::uint16_t gatewayPort() const;
    [[nodiscard]] std::string browserUrl() const;
    // Every route the router knows, "METHOD /pattern" (the OpenAPI test compares them).
    [[nodiscard]] std::vector<std::string> routes() const;
    // Set when create() made the first administrator with a generated password.
    [[nodiscard]] const std::string& generatedAdminPassword() const;

private:
    struct Impl;
    explicit ServerApp(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace rollcall::app
