#pragma once
// fr_eye.onnx: open or closed, from a 24x24 grey patch around each eye.
#include <filesystem>
#include <memory>
#include <opencv2/dnn.hpp>

#include "rollcall/domain/Error.hpp"
#include "rollcall/face/Detection.hpp"
#include "rollcall/face/Liveness.hpp"

namespace rollcall::face {

class EyeStateModel {
public:
    static Result<std::unique_ptr<EyeStateModel>> create(const std::filesystem::path& model);
    // Probability that one eye is open.
    float openProbability(const cv::Mat& bgr, Point2f eye, float eyeDistance);
    // Both eyes open -> Open, both closed -> Closed, otherwise Unknown.
    EyeState state(const cv::Mat& bgr, const FaceLandmarks& landmarks);

private:
    explicit EyeStateModel(cv::dnn::Net net) : net_(std::move(net)) {}
    cv::dnn::Net net_;
};

}  // namespace rollcall::face
