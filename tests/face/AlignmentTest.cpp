#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "rollcall/face/Alignment.hpp"

using namespace rollcall::face;

namespace {
Point2f transformed(Point2f p, double angle, double scale, double tx, double ty) {
    return {static_cast<float>(scale * (std::cos(angle) * p.x - std::sin(angle) * p.y) + tx),
            static_cast<float>(scale * (std::sin(angle) * p.x + std::cos(angle) * p.y) + ty)};
}
}  // namespace

TEST(Alignment, TemplateMapsOntoItselfWithIdentity) {
    const auto& t = arcFaceTemplate();
    const auto m = similarityTransform(t, t);
    ASSERT_TRUE(m);
    EXPECT_NEAR((*m)[0], 1.0, 1e-6);
    EXPECT_NEAR((*m)[1], 0.0, 1e-6);
    EXPECT_NEAR((*m)[2], 0.0, 1e-4);
    EXPECT_NEAR((*m)[5], 0.0, 1e-4);
}

TEST(Alignment, RecoversAKnownRotationScaleAndShift) {
    const auto& t = arcFaceTemplate();
    // Landmarks in a frame = template rotated 20 degrees, scaled 2.5x, moved; aligning must undo it.
    std::array<Point2f, 5> frame{};
    for (std::size_t i = 0; i < 5; ++i) frame[i] = transformed(t[i], 20 * std::numbers::pi / 180, 2.5, 300, 140);
    const auto m = similarityTransform(frame, t);
    ASSERT_TRUE(m);
    for (std::size_t i = 0; i < 5; ++i) {
        const auto back = apply(*m, frame[i]);
        EXPECT_NEAR(back.x, t[i].x, 1e-3);
        EXPECT_NEAR(back.y, t[i].y, 1e-3);
    }
    EXPECT_NEAR(std::hypot((*m)[0], (*m)[3]), 1 / 2.5, 1e-6);
}

TEST(Alignment, FourPointLandmarksUseTheMouthCentre) {
    const auto& t = arcFaceTemplate();
    FaceLandmarks lm;
    lm.eyeImageLeft = transformed(t[0], 0.1, 3, 50, 60);
    lm.eyeImageRight = transformed(t[1], 0.1, 3, 50, 60);
    lm.nose = transformed(t[2], 0.1, 3, 50, 60);
    lm.mouthCentre = transformed({(t[3].x + t[4].x) / 2, (t[3].y + t[4].y) / 2}, 0.1, 3, 50, 60);
    const auto m = alignmentToTemplate(lm);
    ASSERT_TRUE(m);
    const auto eye = apply(*m, lm.eyeImageLeft);
    EXPECT_NEAR(eye.x, t[0].x, 1e-3);
    EXPECT_NEAR(eye.y, t[0].y, 1e-3);
}

TEST(Alignment, FivePointLandmarksUseBothMouthCorners) {
    const auto& t = arcFaceTemplate();
    FaceLandmarks lm{t[0], t[1], t[2], {}, Point2f{t[3].x, t[3].y}, Point2f{t[4].x, t[4].y}};
    const auto m = alignmentToTemplate(lm);
    ASSERT_TRUE(m);
    EXPECT_NEAR((*m)[0], 1.0, 1e-6);
}

TEST(Alignment, DegenerateOrMismatchedInputGivesNothing) {
    const std::array<Point2f, 3> same{Point2f{5, 5}, Point2f{5, 5}, Point2f{5, 5}};
    EXPECT_FALSE(similarityTransform(same, std::span(arcFaceTemplate()).first(3)));
    EXPECT_FALSE(similarityTransform(std::span(same).first(2), std::span(arcFaceTemplate()).first(3)));
    EXPECT_FALSE(similarityTransform(std::span(same).first(1), std::span(arcFaceTemplate()).first(1)));
}
