#pragma once
// Stage interface: probability that the face in `box` is a live person, from one frame.
#include <filesystem>
#include <memory>
#include <opencv2/dnn.hpp>
#include <string>

#include "rollcall/domain/Error.hpp"
#include "rollcall/face/Geometry.hpp"

namespace rollcall::face {

class PassiveLiveness {
public:
    virtual ~PassiveLiveness() = default;
    [[nodiscard]] virtual std::string name() const = 0;
    // `rollDegrees` is the eye line's angle: a tilted face is turned upright first.
    virtual float liveProbability(const cv::Mat& bgr, const Box& box, float rollDegrees) = 0;
};

// The Silent-Face family of models: a square-ish crop `scale` times the face box (shifted to stay
// inside the frame), resized to size x size, BGR 0..255, softmax; one class means live.
class CropSoftmaxLiveness final : public PassiveLiveness {
public:
    struct Spec {
        std::string name;
        int size;
        float scale;
        int liveClass;
    };
    static Result<std::unique_ptr<PassiveLiveness>> create(const std::filesystem::path& model, Spec spec);
    [[nodiscard]] std::string name() const override { return spec_.name; }
    float liveProbability(const cv::Mat& bgr, const Box& box, float rollDegrees) override;

    // The crop rectangle, as Silent-Face computes it (public for the tests' sake).
    static cv::Rect cropRect(cv::Size frame, const Box& box, float scale);

private:
    CropSoftmaxLiveness(cv::dnn::Net net, Spec spec) : net_(std::move(net)), spec_(std::move(spec)) {}
    cv::dnn::Net net_;
    Spec spec_;
};

}  // namespace rollcall::face
