#pragma once
// Reconnect delays: exponential from `initial`, capped at `max`, with "full jitter" (a uniform
// draw below the current ceiling) so that terminals cut off together do not return together.
#include <chrono>
#include <cstdint>
#include <random>

namespace rollcall::sync {

class Backoff {
public:
    Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds max, std::uint64_t seed = std::random_device{}())
        : initial_(initial), max_(max), ceiling_(initial), rng_(seed) {}

    std::chrono::milliseconds next();
    void reset() { ceiling_ = initial_; }
    [[nodiscard]] std::chrono::milliseconds ceiling() const { return ceiling_; }

private:
    std::chrono::milliseconds initial_;
    std::chrono::milliseconds max_;
    std::chrono::milliseconds ceiling_;
    std::mt19937_64 rng_;
};

}  // namespace rollcall::sync
