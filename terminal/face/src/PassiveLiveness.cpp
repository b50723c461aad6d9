#include "PassiveLiveness.hpp"

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "OnnxNet.hpp"

namespace rollcall::face {
namespace {
constexpr float uprightBelowDegrees = 15;
}  // namespace

Result<std::unique_ptr<PassiveLiveness>> CropSoftmaxLiveness::create(const std::filesystem::path& model, Spec spec) {
    auto net = loadOnnx(model);
    if (!net) return std::unexpected(net.error());
    return std::unique_ptr<PassiveLiveness>(new CropSoftmaxLiveness(std::move(*net), std::move(spec)));
}

cv::Rect CropSoftmaxLiveness::cropRect(cv::Size frame, const Box& box, float scale) {
    const float w = static_cast<float>(frame.width), h = static_cast<float>(frame.height);
    const float s = std::min({(h - 1) / std::max(box.height, 1.0F), (w - 1) / std::max(box.width, 1.0F), scale});
    const float nw = box.width * s, nh = box.height * s;
    const auto c = box.centre();
    float x1 = c.x - nw / 2, y1 = c.y - nh / 2, x2 = c.x + nw / 2, y2 = c.y + nh / 2;
    if (x1 < 0) { x2 -= x1; x1 = 0; }
    if (y1 < 0) { y2 -= y1; y1 = 0; }
    if (x2 > w - 1) { x1 -= x2 - w + 1; x2 = w - 1; }
    if (y2 > h - 1) { y1 -= y2 - h + 1; y2 = h - 1; }
    const cv::Rect r(static_cast<int>(std::max(x1, 0.0F)), static_cast<int>(std::max(y1, 0.0F)),
                     static_cast<int>(x2 - std::max(x1, 0.0F)), static_cast<int>(y2 - std::max(y1, 0.0F)));
    return r & cv::Rect(0, 0, frame.width, frame.height);
}

float CropSoftmaxLiveness::liveProbability(const cv::Mat& bgr, const Box& box, float rollDegrees) {
    cv::Mat crop;
    if (std::fabs(rollDegrees) <= uprightBelowDegrees) {
        const cv::Rect r = cropRect(bgr.size(), box, spec_.scale);
        if (r.width < 2 || r.height < 2) return 0;
        cv::resize(bgr(r), crop, cv::Size(spec_.size, spec_.size));
    } else {
        // The models were trained on upright faces: rotate about the face centre while cropping.
        const auto c = box.centre();
        const double side = std::max(box.width, box.height) * spec_.scale;
        cv::Mat m = cv::getRotationMatrix2D(cv::Point2f(c.x, c.y), rollDegrees, spec_.size / side);
        m.at<double>(0, 2) += spec_.size / 2.0 - c.x;
        m.at<double>(1, 2) += spec_.size / 2.0 - c.y;
        cv::warpAffine(bgr, crop, m, cv::Size(spec_.size, spec_.size), cv::INTER_LINEAR, cv::BORDER_REPLICATE);
    }
    const cv::Mat blob = cv::dnn::blobFromImage(crop, 1.0, cv::Size(), cv::Scalar(), false, false);
    net_.setInput(blob);
    const cv::Mat out = net_.forward();
    const auto* logits = out.ptr<float>();
    const auto n = static_cast<int>(out.total());
    if (spec_.liveClass >= n) return 0;
    const float top = *std::max_element(logits, logits + n);
    double sum = 0;
    for (int i = 0; i < n; ++i) sum += std::exp(logits[i] - top);
    return static_cast<float>(std::exp(logits[spec_.liveClass] - top) / sum);
}

}  // namespace rollcall::face
