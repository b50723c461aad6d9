#include "EyeStateModel.hpp"

#include <cmath>
#include <opencv2/imgproc.hpp>

#include "OnnxNet.hpp"

namespace rollcall::face {
namespace {
// The package's demo crops 1.6x the eye's corner-to-corner width; that width is about 0.47 of
// the distance between the eye centres that our detectors give.
constexpr float patchPerEyeDistance = 0.75F;
constexpr int openClass = 1;
}  // namespace

Result<std::unique_ptr<EyeStateModel>> EyeStateModel::create(const std::filesystem::path& model) {
    auto net = loadOnnx(model);
    if (!net) return std::unexpected(net.error());
    return std::unique_ptr<EyeStateModel>(new EyeStateModel(std::move(*net)));
}

float EyeStateModel::openProbability(const cv::Mat& bgr, Point2f eye, float eyeDistance) {
    const int size = std::max(4, static_cast<int>(eyeDistance * patchPerEyeDistance));
    const cv::Rect r = cv::Rect(static_cast<int>(eye.x) - size / 2, static_cast<int>(eye.y) - size / 2, size, size) &
                       cv::Rect(0, 0, bgr.cols, bgr.rows);
    if (r.width < 4 || r.height < 4) return 0.5F;
    cv::Mat grey, patch;
    cv::cvtColor(bgr(r), grey, cv::COLOR_BGR2GRAY);
    cv::resize(grey, patch, cv::Size(24, 24));
    const cv::Mat blob = cv::dnn::blobFromImage(patch, 1.0 / 255.0);
    net_.setInput(blob);
    const cv::Mat out = net_.forward();
    const auto* l = out.ptr<float>();
    if (out.total() < 2) return 0.5F;
    const float top = std::max(l[0], l[1]);
    const float e0 = std::exp(l[0] - top), e1 = std::exp(l[1] - top);
    return (openClass == 0 ? e0 : e1) / (e0 + e1);
}

EyeState EyeStateModel::state(const cv::Mat& bgr, const FaceLandmarks& lm) {
    const float d = std::hypot(lm.eyeImageRight.x - lm.eyeImageLeft.x, lm.eyeImageRight.y - lm.eyeImageLeft.y);
    const float a = openProbability(bgr, lm.eyeImageLeft, d);
    const float b = openProbability(bgr, lm.eyeImageRight, d);
    if (a > 0.5F && b > 0.5F) return EyeState::Open;
    if (a < 0.5F && b < 0.5F) return EyeState::Closed;
    return EyeState::Unknown;
}

}  // namespace rollcall::face
