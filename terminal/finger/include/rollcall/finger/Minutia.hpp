#pragma once
// Minutiae as NBIS stores them in a serialised print: pixel x, y (y up, NIST convention) and
// the ridge direction theta in whole degrees (-180, 180].
#include <cstdint>
#include <vector>

namespace rollcall::finger {

struct Minutia {
    std::int32_t x = 0;
    std::int32_t y = 0;
    std::int32_t theta = 0;
    auto operator<=>(const Minutia&) const = default;
};

using MinutiaeImage = std::vector<Minutia>;

// One entry per image: 5 for an enrolled template, 1 for a freshly scanned probe.
struct PrintMinutiae {
    std::vector<MinutiaeImage> images;
};

}  // namespace rollcall::finger
