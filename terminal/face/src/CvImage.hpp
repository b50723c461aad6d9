#pragma once
// Conversions between the public BgrImage and cv::Mat; OpenCV stays inside terminal/face/src.
#include <opencv2/core.hpp>

#include "rollcall/face/Image.hpp"

namespace rollcall::face {

// A cv::Mat header over the image's pixels (no copy; the image must outlive it).
inline cv::Mat asMat(const BgrImage& image) {
    return {image.height, image.width, CV_8UC3, const_cast<std::uint8_t*>(image.pixels.data())};
}

BgrImage fromMat(const cv::Mat& mat);  // any 8-bit grey/BGR/BGRA Mat, copied

}  // namespace rollcall::face
