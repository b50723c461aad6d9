#include <gtest/gtest.h>

#include "rollcall/face/Detection.hpp"

using namespace rollcall::face;

namespace {
FaceDetection face(float size, float score) { return FaceDetection{Box{0, 0, size, size}, score, {}}; }
}  // namespace

TEST(PrimaryFace, LargestAmongThoseWithinPointOneOfTheBestScore) {
    EXPECT_EQ(choosePrimaryFace({face(40, 0.99F), face(120, 0.92F), face(60, 0.95F)}), 1U);
}

TEST(PrimaryFace, ALargeButUnsureDetectionDoesNotWin) {
    // A big blurred background false positive scores well below the real face.
    EXPECT_EQ(choosePrimaryFace({face(80, 0.98F), face(300, 0.6F)}), 0U);
}

TEST(PrimaryFace, NoFacesGiveNothing) { EXPECT_FALSE(choosePrimaryFace({})); }
