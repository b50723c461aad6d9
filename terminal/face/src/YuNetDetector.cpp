#include "YuNetDetector.hpp"

#include <fmt/format.h>
#include <opencv2/imgproc.hpp>

namespace rollcall::face {

namespace {
constexpr int maxLongSide = 320;
}

Result<std::unique_ptr<FaceDetector>> YuNetDetector::create(const std::filesystem::path& model, float minScore) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(model, ec))
        return fail("face.model.missing", fmt::format("model file {} is missing; YuNet is mirror only: run "
                                                      "models/fetch.sh --mirror DIR", model.string()));
    try {
        auto yn = cv::FaceDetectorYN::create(model.string(), "", cv::Size(320, 320), minScore, 0.3F, 50);
        if (!yn) return fail("face.model.load", fmt::format("model file {} cannot be loaded", model.string()));
        return std::unique_ptr<FaceDetector>(new YuNetDetector(std::move(yn)));
    } catch (const cv::Exception& e) {
        return fail("face.model.load", fmt::format("model file {} cannot be loaded: {}", model.string(), e.err));
    }
}

std::vector<FaceDetection> YuNetDetector::detect(const cv::Mat& bgr) {
    const double scale = std::min(1.0, maxLongSide / static_cast<double>(std::max(bgr.cols, bgr.rows)));
    cv::Mat input = bgr;
    if (scale < 1.0) cv::resize(bgr, input, cv::Size(), scale, scale, cv::INTER_AREA);
    yn_->setInputSize(input.size());
    cv::Mat faces;
    yn_->detect(input, faces);
    std::vector<FaceDetection> out;
    const auto inv = static_cast<float>(1.0 / scale);
    for (int r = 0; r < faces.rows; ++r) {
        const float* f = faces.ptr<float>(r);
        auto pt = [&](int k) { return Point2f{f[4 + 2 * k] * inv, f[5 + 2 * k] * inv}; };
        FaceDetection d;
        d.box = {f[0] * inv, f[1] * inv, f[2] * inv, f[3] * inv};
        d.score = f[14];
        // YuNet's "right eye" is the person's right, which is on the image's left.
        d.landmarks.eyeImageLeft = pt(0);
        d.landmarks.eyeImageRight = pt(1);
        d.landmarks.nose = pt(2);
        d.landmarks.mouthImageLeft = pt(3);
        d.landmarks.mouthImageRight = pt(4);
        d.landmarks.mouthCentre = {(pt(3).x + pt(4).x) / 2, (pt(3).y + pt(4).y) / 2};
        out.push_back(d);
    }
    return out;
}

}  // namespace rollcall::face
