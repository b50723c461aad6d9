#pragma once
// YuNet 2022mar through cv::FaceDetectorYN (mirror only): box + 5 landmarks. The frame is
// scaled so its long side is at most 320 px: OpenCV 4.6's post-processing is slow at 640x480.
#include <filesystem>
#include <memory>
#include <opencv2/objdetect.hpp>

#include "FaceDetector.hpp"
#include "rollcall/domain/Error.hpp"

namespace rollcall::face {

class YuNetDetector final : public FaceDetector {
public:
    static Result<std::unique_ptr<FaceDetector>> create(const std::filesystem::path& model, float minScore);
    std::vector<FaceDetection> detect(const cv::Mat& bgr) override;

private:
    explicit YuNetDetector(cv::Ptr<cv::FaceDetectorYN> yn) : yn_(std::move(yn)) {}
    cv::Ptr<cv::FaceDetectorYN> yn_;
};

}  // namespace rollcall::face
