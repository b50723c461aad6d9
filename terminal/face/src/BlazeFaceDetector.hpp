#pragma once
// MediaPipe BlazeFace (front, 128x128) run twice: on the whole frame, then again on a square
// about twice each first box, which is what makes its keypoints good enough for alignment.
#include <filesystem>
#include <memory>
#include <opencv2/dnn.hpp>

#include "FaceDetector.hpp"
#include "rollcall/domain/Error.hpp"

namespace rollcall::face {

class BlazeFaceDetector final : public FaceDetector {
public:
    static Result<std::unique_ptr<FaceDetector>> create(const std::filesystem::path& model, float minScore);
    std::vector<FaceDetection> detect(const cv::Mat& bgr) override;

private:
    BlazeFaceDetector(cv::dnn::Net net, float minScore);
    // Runs the network on the square [x0, x0+side) x [y0, y0+side) of the frame (zero outside).
    std::vector<FaceDetection> detectInSquare(const cv::Mat& bgr, float x0, float y0, float side);

    cv::dnn::Net net_;
    float minScore_;
    std::vector<cv::Point2f> anchors_;
};

}  // namespace rollcall::face
