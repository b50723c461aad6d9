#pragma once
// Synthetic minutiae for tests, benchmarks and large evaluation galleries.
#include <random>

#include "rollcall/finger/Minutia.hpp"

namespace rollcall::finger {

// A random image: `count` minutiae spread over a width x height sensor, at least 8 px apart.
MinutiaeImage randomMinutiae(std::mt19937& rng, int count, int width = 300, int height = 300);

// The same finger seen again: turned by `degrees` about the origin, shifted, jittered by up to
// `jitter` px, with a fraction `drop` of the minutiae missing.
MinutiaeImage reimpress(const MinutiaeImage& image, std::mt19937& rng, double degrees, double dx, double dy,
                        double jitter = 2.0, double drop = 0.15);

// A different finger with a real print's statistics: mirrored (a print's mirror image is not
// that print), turned, shifted, thinned and jittered; the same transform for every image.
PrintMinutiae mirroredStranger(const PrintMinutiae& real, std::mt19937& rng);

}  // namespace rollcall::finger
