#include "rollcall/finger/SyntheticPrints.hpp"

#include <cmath>
#include <numbers>

namespace rollcall::finger {
namespace {

int wrapTheta(int t) {  // (-180, 180]
    t = ((t % 360) + 360) % 360;
    return t > 180 ? t - 360 : t;
}

Minutia place(double x, double y, double rotation, double dx, double dy, int theta) {
    const double c = std::cos(rotation), s = std::sin(rotation);
    return {static_cast<std::int32_t>(std::lround(c * x - s * y + dx)),
            static_cast<std::int32_t>(std::lround(s * x + c * y + dy)),
            wrapTheta(theta + static_cast<int>(std::lround(rotation * 180.0 / std::numbers::pi)))};
}

}  // namespace

MinutiaeImage randomMinutiae(std::mt19937& rng, int count, int width, int height) {
    std::uniform_int_distribution<int> xs(10, width - 10), ys(10, height - 10), ts(-179, 180);
    MinutiaeImage out;
    for (int attempts = 0; std::ssize(out) < count && attempts < count * 50; ++attempts) {
        const Minutia m{xs(rng), ys(rng), ts(rng)};
        bool crowded = false;
        for (const auto& o : out) crowded = crowded || std::hypot(o.x - m.x, o.y - m.y) < 8.0;
        if (!crowded) out.push_back(m);
    }
    return out;
}

MinutiaeImage reimpress(const MinutiaeImage& image, std::mt19937& rng, double degrees, double dx, double dy,
                        double jitter, double drop) {
    std::uniform_real_distribution<double> unit(0, 1), wobble(-jitter, jitter);
    std::uniform_int_distribution<int> turn(-5, 5);
    const double rotation = degrees * std::numbers::pi / 180.0;
    MinutiaeImage out;
    for (const auto& m : image) {
        if (unit(rng) < drop) continue;
        out.push_back(place(m.x + wobble(rng), m.y + wobble(rng), rotation, dx, dy, m.theta + turn(rng)));
    }
    return out;
}

PrintMinutiae mirroredStranger(const PrintMinutiae& real, std::mt19937& rng) {
    std::uniform_real_distribution<double> angle(-std::numbers::pi, std::numbers::pi), shift(-60, 60), unit(0, 1);
    std::normal_distribution<double> jitter(0, 3);
    const double rotation = angle(rng), dx = shift(rng), dy = shift(rng);
    PrintMinutiae out;
    for (const auto& image : real.images) {
        MinutiaeImage copy;
        for (const auto& m : image) {
            if (unit(rng) < 0.2) continue;
            copy.push_back(place(-m.x + jitter(rng), m.y + jitter(rng), rotation, dx, dy, 180 - m.theta));
        }
        out.images.push_back(std::move(copy));
    }
    return out;
}

}  // namespace rollcall::finger
