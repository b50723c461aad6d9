#include "rollcall/finger/VirtualImageFeeder.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <thread>
#include <utility>

namespace rollcall::finger {

Result<VirtualImageFeeder> VirtualImageFeeder::connect(const std::filesystem::path& socketPath,
                                                       std::chrono::milliseconds timeout) {
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    const std::string path = socketPath.string();
    if (path.size() >= sizeof(address.sun_path)) {
        return fail("finger.feeder", "socket path longer than " + std::to_string(sizeof(address.sun_path) - 1) +
                                         " bytes: " + path);
    }
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) return fail("finger.feeder", std::string("socket: ") + std::strerror(errno));
        if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0) return VirtualImageFeeder(fd);
        const int err = errno;
        ::close(fd);
        if (std::chrono::steady_clock::now() >= deadline) {
            return fail("finger.feeder", "cannot connect to " + path + ": " + std::strerror(err));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

VirtualImageFeeder::VirtualImageFeeder(VirtualImageFeeder&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

VirtualImageFeeder& VirtualImageFeeder::operator=(VirtualImageFeeder&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
}

VirtualImageFeeder::~VirtualImageFeeder() {
    if (fd_ >= 0) ::close(fd_);
}

Status VirtualImageFeeder::sendBytes(const void* data, std::size_t size) {
    const auto* p = static_cast<const std::uint8_t*>(data);
    while (size > 0) {
        const ssize_t n = ::send(fd_, p, size, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("finger.feeder", std::string("write to virtual_image: ") + std::strerror(errno));
        }
        p += n;
        size -= static_cast<std::size_t>(n);
    }
    return {};
}

Status VirtualImageFeeder::sendRecord(std::int32_t a, std::int32_t b) {
    const std::int32_t header[2] = {a, b};
    return sendBytes(header, sizeof(header));
}

Status VirtualImageFeeder::sendImage(const GreyImage& image) {
    if (image.width <= 0 || image.height <= 0 || image.width > 5000 || image.height > 5000 ||
        image.pixels.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height)) {
        return fail("finger.feeder", "image size not acceptable to virtual_image");
    }
    if (auto s = sendRecord(image.width, image.height); !s) return s;
    return sendBytes(image.pixels.data(), image.pixels.size());
}

Status VirtualImageFeeder::sendRetry(int code) {
    if (auto s = sendFingerPresent(true); !s) return s;
    if (auto s = sendRecord(-1, code); !s) return s;
    return sendFingerPresent(false);
}

Status VirtualImageFeeder::sendError(int code) { return sendRecord(-2, code); }
Status VirtualImageFeeder::sendAutomaticFinger(bool enabled) { return sendRecord(-3, enabled ? 1 : 0); }
Status VirtualImageFeeder::sendFingerPresent(bool present) { return sendRecord(-4, present ? 1 : 0); }
Status VirtualImageFeeder::sendRemoved() { return sendRecord(-5, 0); }

}  // namespace rollcall::finger
