#pragma once
// Test support: libfprint's virtual drivers, driven the way their own tests drive them.
#include <chrono>
#include <filesystem>
#include <future>
#include <string>

#include "rollcall/domain/Error.hpp"

namespace rollcall::finger::testing {

// A fresh socket path for this process (the driver listens on it while the device is open).
std::filesystem::path uniqueSocketPath(const std::string& tag);

// One command per connection, no trailing newline (it would become part of an id); waits
// until the driver has read it and closed the connection, so commands keep their order.
Status sendStorageCommand(const std::filesystem::path& socket, const std::string& command);

template <class T>
T waitFor(std::future<T>& future, std::chrono::seconds limit = std::chrono::seconds(20)) {
    if (future.wait_for(limit) != std::future_status::ready) throw std::runtime_error("operation did not finish in time");
    return future.get();
}

}  // namespace rollcall::finger::testing
