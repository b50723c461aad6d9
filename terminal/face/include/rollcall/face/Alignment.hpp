#pragma once
// Similarity alignment (rotation, uniform scale, translation) of landmarks onto the 112x112
// ArcFace template: the maths only, independent of any image library.
#include <array>
#include <span>
#include <vector>

#include "rollcall/face/Detection.hpp"
#include "rollcall/face/Geometry.hpp"

namespace rollcall::face {

// Row-major 2x3 matrix [a -b tx; b a ty] mapping source pixels to template pixels.
using Affine2x3 = std::array<double, 6>;

// The ArcFace 112x112 template: eyes (image left, image right), nose, mouth corners.
const std::array<Point2f, 5>& arcFaceTemplate();

// Least-squares similarity transform (Umeyama, no reflection) taking `from` onto `to`.
// Needs at least two points and the same count in both; returns nothing for degenerate input.
std::optional<Affine2x3> similarityTransform(std::span<const Point2f> from, std::span<const Point2f> to);

// The transform to the 112x112 template from a face's landmarks: five points when the detector
// gives mouth corners, otherwise four with the mouth centre matched to the corners' midpoint.
std::optional<Affine2x3> alignmentToTemplate(const FaceLandmarks& landmarks);

Point2f apply(const Affine2x3& m, Point2f p);

}  // namespace rollcall::face
