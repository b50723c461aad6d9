#pragma once
// A client of libfprint's virtual_image socket (FP_VIRTUAL_IMAGE): sends images and the
// driver's control records (two native-endian int32: w, h then w*h grey bytes is an image;
// -1 retry, -2 error, -3 automatic finger, -4 finger present, -5 device removed).
// Writes block until the driver has read them: call it off the reader's loop thread.
#include <chrono>
#include <filesystem>
#include <memory>

#include "rollcall/domain/Error.hpp"
#include "rollcall/finger/GreyImage.hpp"

namespace rollcall::finger {

class VirtualImageFeeder {
public:
    // Retries the connection until `timeout`: the driver listens only while the device is open.
    static Result<VirtualImageFeeder> connect(const std::filesystem::path& socket,
                                              std::chrono::milliseconds timeout = std::chrono::seconds(5));
    VirtualImageFeeder(VirtualImageFeeder&& other) noexcept;
    VirtualImageFeeder& operator=(VirtualImageFeeder&& other) noexcept;
    ~VirtualImageFeeder();

    Status sendImage(const GreyImage& image);
    // A bare retry record stalls an enrolment: the finger goes on, the retry, the finger goes off.
    Status sendRetry(int code);
    Status sendError(int code);
    Status sendFingerPresent(bool present);
    Status sendAutomaticFinger(bool enabled);
    Status sendRemoved();

private:
    explicit VirtualImageFeeder(int fd) : fd_(fd) {}
    Status sendRecord(std::int32_t a, std::int32_t b);
    Status sendBytes(const void* data, std::size_t size);
    int fd_ = -1;
};

}  // namespace rollcall::finger
