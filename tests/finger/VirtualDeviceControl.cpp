#include "VirtualDeviceControl.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <thread>

namespace rollcall::finger::testing {

std::filesystem::path uniqueSocketPath(const std::string& tag) {
    return std::filesystem::temp_directory_path() / ("rc-finger-" + tag + "-" + std::to_string(::getpid()) + ".sock");
}

Status sendStorageCommand(const std::filesystem::path& socket, const std::string& command) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, socket.c_str(), sizeof(address.sun_path) - 1);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    for (;;) {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0) {
            const bool sent = ::send(fd, command.data(), command.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(command.size());
            char sink[256];
            while (sent && ::recv(fd, sink, sizeof(sink), 0) > 0) {
            }
            ::close(fd);
            if (!sent) return fail("test.command", "could not send " + command);
            return {};
        }
        ::close(fd);
        if (std::chrono::steady_clock::now() > deadline) return fail("test.command", "no virtual device at " + socket.string());
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

}  // namespace rollcall::finger::testing
