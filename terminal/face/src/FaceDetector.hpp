#pragma once
// Stage interface: find faces and their landmarks in a BGR frame.
#include <opencv2/core.hpp>
#include <vector>

#include "rollcall/face/Detection.hpp"

namespace rollcall::face {

class FaceDetector {
public:
    virtual ~FaceDetector() = default;
    virtual std::vector<FaceDetection> detect(const cv::Mat& bgr) = 0;
};

}  // namespace rollcall::face
