#pragma once
// One detected face: its box, the detector's confidence and the landmarks used for alignment.
#include <optional>
#include <vector>

#include "rollcall/face/Geometry.hpp"

namespace rollcall::face {

// Eyes are named as they appear in the image (the person's right eye is on the image's left).
struct FaceLandmarks {
    Point2f eyeImageLeft;
    Point2f eyeImageRight;
    Point2f nose;
    Point2f mouthCentre;
    // Detectors with five points also give both mouth corners (image left, image right).
    std::optional<Point2f> mouthImageLeft;
    std::optional<Point2f> mouthImageRight;
};

struct FaceDetection {
    Box box;
    float score = 0;
    FaceLandmarks landmarks;
};

// Among faces whose score is within `scoreSlack` of the best, the largest box: a small blurred
// background false positive can win on score alone, and a large one on size alone.
// Returns the index into `faces`, or nothing for an empty list.
std::optional<std::size_t> choosePrimaryFace(const std::vector<FaceDetection>& faces, float scoreSlack = 0.1F);

}  // namespace rollcall::face
