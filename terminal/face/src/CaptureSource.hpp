#pragma once
// Frames from cv::VideoCapture: a V4L2 camera or a video file.
#include <opencv2/videoio.hpp>

#include "rollcall/face/FrameSource.hpp"

namespace rollcall::face {

class CaptureSource final : public FrameSource {
public:
    static Result<std::unique_ptr<FrameSource>> openCamera(std::string_view device);
    static Result<std::unique_ptr<FrameSource>> openVideo(const std::string& file);

    Result<std::optional<BgrImage>> next() override;
    [[nodiscard]] std::string describe() const override { return description_; }

private:
    CaptureSource(std::string description, bool live) : description_(std::move(description)), live_(live) {}
    cv::VideoCapture capture_;
    std::string description_;
    bool live_;  // a camera that returns no frame has failed; a file has ended
};

}  // namespace rollcall::face
