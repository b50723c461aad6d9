#include "rollcall/sync/Backoff.hpp"

#include <algorithm>

namespace rollcall::sync {

std::chrono::milliseconds Backoff::next() {
    std::uniform_int_distribution<std::int64_t> draw(0, ceiling_.count());
    const std::chrono::milliseconds delay(draw(rng_));
    ceiling_ = std::min(max_, ceiling_ * 2);
    return delay;
}

}  // namespace rollcall::sync
