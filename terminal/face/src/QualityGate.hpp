#pragma once
// Face size, sharpness, brightness and pose checks on one detected and aligned face.
#include <opencv2/core.hpp>

#include "rollcall/face/Detection.hpp"
#include "rollcall/face/Quality.hpp"

namespace rollcall::face {

QualityVerdict assessQuality(const cv::Mat& aligned112, const FaceLandmarks& landmarks, const QualityLimits& limits);

}  // namespace rollcall::face
