#include "rollcall/face/Image.hpp"

#include <fmt/format.h>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "CvImage.hpp"

namespace rollcall::face {

BgrImage fromMat(const cv::Mat& mat) {
    cv::Mat bgr;
    if (mat.channels() == 1) {
        cv::cvtColor(mat, bgr, cv::COLOR_GRAY2BGR);
    } else if (mat.channels() == 4) {
        cv::cvtColor(mat, bgr, cv::COLOR_BGRA2BGR);
    } else {
        bgr = mat.isContinuous() ? mat : mat.clone();
    }
    BgrImage out{bgr.cols, bgr.rows, {}};
    out.pixels.assign(bgr.data, bgr.data + bgr.total() * 3);
    return out;
}

Result<BgrImage> decodeImage(std::span<const std::uint8_t> encoded) {
    if (encoded.empty()) return fail("face.image.empty", "image data is empty");
    const cv::Mat buffer(1, static_cast<int>(encoded.size()), CV_8UC1, const_cast<std::uint8_t*>(encoded.data()));
    cv::Mat mat;
    try {
        mat = cv::imdecode(buffer, cv::IMREAD_COLOR);
    } catch (const cv::Exception& e) {
        return fail("face.image.decode", fmt::format("cannot decode image: {}", e.what()));
    }
    if (mat.empty()) return fail("face.image.decode", "cannot decode image (unknown or damaged format)");
    return fromMat(mat);
}

Result<BgrImage> loadImage(const std::filesystem::path& file) {
    cv::Mat mat;
    try {
        mat = cv::imread(file.string(), cv::IMREAD_COLOR);
    } catch (const cv::Exception& e) {
        return fail("face.image.read", fmt::format("{}: {}", file.string(), e.what()));
    }
    if (mat.empty()) return fail("face.image.read", fmt::format("{}: cannot read image (missing or not an image)", file.string()));
    return fromMat(mat);
}

}  // namespace rollcall::face
