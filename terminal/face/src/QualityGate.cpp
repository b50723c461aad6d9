#include "QualityGate.hpp"

#include <cmath>
#include <fmt/format.h>
#include <numbers>
#include <opencv2/imgproc.hpp>

namespace rollcall::face {

QualityVerdict assessQuality(const cv::Mat& aligned112, const FaceLandmarks& lm, const QualityLimits& limits) {
    QualityVerdict v;
    const float dx = lm.eyeImageRight.x - lm.eyeImageLeft.x, dy = lm.eyeImageRight.y - lm.eyeImageLeft.y;
    v.eyeDistance = std::hypot(dx, dy);
    v.rollDegrees = static_cast<float>(std::atan2(dy, dx) * 180.0 / std::numbers::pi);
    if (v.eyeDistance > 0) {
        // Nose offset from the eye midpoint along the eye line: about 0 frontal, +-0.5 in profile.
        const float mx = (lm.eyeImageLeft.x + lm.eyeImageRight.x) / 2, my = (lm.eyeImageLeft.y + lm.eyeImageRight.y) / 2;
        v.yaw = ((lm.nose.x - mx) * dx + (lm.nose.y - my) * dy) / (v.eyeDistance * v.eyeDistance);
    }
    cv::Mat grey, lap;
    cv::cvtColor(aligned112, grey, cv::COLOR_BGR2GRAY);
    const cv::Mat inner = grey(cv::Rect(24, 32, 64, 64));  // eyes to mouth, little background
    v.brightness = static_cast<float>(cv::mean(inner)[0]);
    cv::Laplacian(inner, lap, CV_32F);
    cv::Scalar mean, stddev;
    cv::meanStdDev(lap, mean, stddev);
    v.sharpness = static_cast<float>(stddev[0] * stddev[0]);

    if (v.eyeDistance < limits.minEyeDistance)
        v.problems.push_back(fmt::format("face too small (eye distance {:.0f} px < {:.0f})", v.eyeDistance, limits.minEyeDistance));
    if (v.sharpness < limits.minSharpness)
        v.problems.push_back(fmt::format("image blurred (sharpness {:.0f} < {:.0f})", v.sharpness, limits.minSharpness));
    if (v.brightness < limits.minBrightness)
        v.problems.push_back(fmt::format("face too dark (brightness {:.0f} < {:.0f})", v.brightness, limits.minBrightness));
    if (v.brightness > limits.maxBrightness)
        v.problems.push_back(fmt::format("face too bright (brightness {:.0f} > {:.0f})", v.brightness, limits.maxBrightness));
    if (std::fabs(v.yaw) > limits.maxYaw)
        v.problems.push_back(fmt::format("face turned aside (yaw {:.2f}, limit {:.2f})", v.yaw, limits.maxYaw));
    if (std::fabs(v.rollDegrees) > limits.maxRollDegrees)
        v.problems.push_back(fmt::format("head tilted ({:.0f} degrees, limit {:.0f})", v.rollDegrees, limits.maxRollDegrees));
    v.ok = v.problems.empty();
    return v;
}

}  // namespace rollcall::face
