#pragma once
// MediaPipe BlazeFace run twice: the front model (128x128, close faces) and, when present, the
// back model (256x256, far faces) on the whole frame, then the front model again on a square
// about twice each first box, which is what makes its keypoints good enough for alignment.
#include <filesystem>
#include <memory>
#include <opencv2/dnn.hpp>
#include <optional>

#include "FaceDetector.hpp"
#include "rollcall/domain/Error.hpp"
#include "rollcall/face/FaceConfig.hpp"

namespace rollcall::face {

class BlazeFaceDetector final : public FaceDetector {
public:
    // `backModel` may be empty: then faces smaller than about a fifth of the frame are missed.
    static Result<std::unique_ptr<FaceDetector>> create(const std::filesystem::path& frontModel,
                                                        const std::filesystem::path& backModel, float minScore,
                                                        FarFaceSearch farFaces);
    std::vector<FaceDetection> detect(const cv::Mat& bgr) override;

private:
    BlazeFaceDetector(cv::dnn::Net front, std::optional<cv::dnn::Net> back, float minScore, FarFaceSearch farFaces);
    // Runs `net` (input `size` x `size`) on the square [x0, x0+side) x [y0, y0+side) of the frame
    // (zero outside).
    std::vector<FaceDetection> detectInSquare(cv::dnn::Net& net, int size, const cv::Mat& bgr, float x0, float y0,
                                              float side);

    cv::dnn::Net front_;
    std::optional<cv::dnn::Net> back_;
    float minScore_;
    FarFaceSearch farFaces_;
    std::vector<cv::Point2f> anchors_;
};

}  // namespace rollcall::face
