#include "rollcall/face/Alignment.hpp"

#include <cmath>

namespace rollcall::face {

const std::array<Point2f, 5>& arcFaceTemplate() {
    static const std::array<Point2f, 5> points{{{38.2946F, 51.6963F},
                                                {73.5318F, 51.5014F},
                                                {56.0252F, 71.7366F},
                                                {41.5493F, 92.3655F},
                                                {70.7299F, 92.2041F}}};
    return points;
}

std::optional<Affine2x3> similarityTransform(std::span<const Point2f> from, std::span<const Point2f> to) {
    if (from.size() != to.size() || from.size() < 2) return std::nullopt;
    const auto n = static_cast<double>(from.size());
    double fx = 0, fy = 0, tx = 0, ty = 0;
    for (std::size_t i = 0; i < from.size(); ++i) {
        fx += from[i].x; fy += from[i].y; tx += to[i].x; ty += to[i].y;
    }
    fx /= n; fy /= n; tx /= n; ty /= n;
    // In 2D the least-squares similarity has a closed form: with centred points, the rotation
    // and scale are the normalised dot and cross sums.
    double dot = 0, cross = 0, norm = 0;
    for (std::size_t i = 0; i < from.size(); ++i) {
        const double ax = from[i].x - fx, ay = from[i].y - fy;
        const double bx = to[i].x - tx, by = to[i].y - ty;
        dot += ax * bx + ay * by;
        cross += ax * by - ay * bx;
        norm += ax * ax + ay * ay;
    }
    if (norm < 1e-9) return std::nullopt;
    const double a = dot / norm, b = cross / norm;
    if (std::hypot(a, b) < 1e-9) return std::nullopt;
    return Affine2x3{a, -b, tx - (a * fx - b * fy), b, a, ty - (b * fx + a * fy)};
}

std::optional<Affine2x3> alignmentToTemplate(const FaceLandmarks& lm) {
    const auto& t = arcFaceTemplate();
    if (lm.mouthImageLeft && lm.mouthImageRight) {
        const std::array<Point2f, 5> from{lm.eyeImageLeft, lm.eyeImageRight, lm.nose, *lm.mouthImageLeft,
                                          *lm.mouthImageRight};
        return similarityTransform(from, t);
    }
    const Point2f mouth{(t[3].x + t[4].x) / 2, (t[3].y + t[4].y) / 2};
    const std::array<Point2f, 4> from{lm.eyeImageLeft, lm.eyeImageRight, lm.nose, lm.mouthCentre};
    const std::array<Point2f, 4> dst{t[0], t[1], t[2], mouth};
    return similarityTransform(from, dst);
}

Point2f apply(const Affine2x3& m, Point2f p) {
    return {static_cast<float>(m[0] * p.x + m[1] * p.y + m[2]), static_cast<float>(m[3] * p.x + m[4] * p.y + m[5])};
}

}  // namespace rollcall::face
