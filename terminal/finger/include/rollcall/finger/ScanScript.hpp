#pragma once
// Plays a queue of scans into virtual_image in step with the device: each time the reader
// reports that it needs a finger, the next step is sent. The terminal's demo, the tests and
// the evaluation drive the real libfprint code path with it.
#include <deque>
#include <functional>
#include <mutex>
#include <variant>

#include "rollcall/finger/ReaderTypes.hpp"
#include "rollcall/finger/VirtualImageFeeder.hpp"

namespace rollcall::finger {

struct ScanStep {
    enum class Kind { Image, Retry, Error, Remove };
    Kind kind = Kind::Image;
    GreyImage image;  // Image
    int code = 0;     // Retry, Error: libfprint's FpDeviceRetry / FpDeviceError code
};

class ScanScript {
public:
    explicit ScanScript(VirtualImageFeeder feeder);

    void push(ScanStep step);
    void pushImage(GreyImage image) { push({ScanStep::Kind::Image, std::move(image), 0}); }
    void clear();
    [[nodiscard]] std::size_t pending() const;
    // Called (once per need) when a finger is needed and nothing is queued: e.g. cancel().
    void onExhausted(std::function<void()> handler);
    // Hand every reader event here (FingerprintReader::onEvent).
    void onDeviceEvent(const DeviceEvent& event);
    [[nodiscard]] Status lastError() const;
    VirtualImageFeeder& feeder() { return feeder_; }

private:
    mutable std::mutex mutex_;
    VirtualImageFeeder feeder_;
    std::deque<ScanStep> steps_;
    std::function<void()> exhausted_;
    Status lastError_;
};

}  // namespace rollcall::finger
