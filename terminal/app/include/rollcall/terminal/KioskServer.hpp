#pragma once
// The kiosk page for the terminal's own screen, served on loopback: the embedded page, the
// current state as JSON (/state), live updates as server-sent events (/events) and the camera
// preview (/snapshot.jpg). Boost.Beast on one thread of its own; every response carries a
// strict Content-Security-Policy (no inline script or style, nothing from elsewhere).
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "rollcall/domain/Error.hpp"

namespace rollcall::terminal {

class KioskServer {
public:
    // Called on the server's thread for /snapshot.jpg; nothing: 404 (no camera, or no frame yet).
    using Snapshot = std::function<std::optional<std::vector<std::uint8_t>>()>;

    // Port 0 picks a free port (see port()).
    static Result<std::unique_ptr<KioskServer>> start(const std::string& address, std::uint16_t port, Snapshot snapshot);
    ~KioskServer();  // closes every connection and joins the thread
    KioskServer(const KioskServer&) = delete;
    KioskServer& operator=(const KioskServer&) = delete;

    // The state every page shows (a JSON object); pushed to each open event stream.
    void publish(std::string stateJson);
    [[nodiscard]] std::uint16_t port() const;

    static const char* contentSecurityPolicy();

    struct Impl;

private:
    explicit KioskServer(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
    std::shared_ptr<Impl> impl_;
};

}  // namespace rollcall::terminal
