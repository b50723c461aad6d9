#include "CaptureSource.hpp"

#include <charconv>
#include <fmt/format.h>

#include "CvImage.hpp"

namespace rollcall::face {

Result<std::unique_ptr<FrameSource>> CaptureSource::openCamera(std::string_view device) {
    std::unique_ptr<CaptureSource> source(new CaptureSource(fmt::format("camera {}", device), true));
    int index = -1;
    const auto [ptr, ec] = std::from_chars(device.data(), device.data() + device.size(), index);
    const bool numeric = ec == std::errc{} && ptr == device.data() + device.size();
    const bool opened = numeric ? source->capture_.open(index, cv::CAP_V4L2)
                                : source->capture_.open(std::string(device), cv::CAP_V4L2);
    if (!opened) return fail("face.source.camera", fmt::format("cannot open camera {} through V4L2", device));
    source->capture_.set(cv::CAP_PROP_FRAME_WIDTH, 640);
    source->capture_.set(cv::CAP_PROP_FRAME_HEIGHT, 480);
    return source;
}

Result<std::unique_ptr<FrameSource>> CaptureSource::openVideo(const std::string& file) {
    std::unique_ptr<CaptureSource> source(new CaptureSource(fmt::format("video {}", file), false));
    if (!source->capture_.open(file))
        return fail("face.source.video", fmt::format("{}: cannot open video file", file));
    return source;
}

Result<std::optional<BgrImage>> CaptureSource::next() {
    cv::Mat frame;
    if (!capture_.read(frame) || frame.empty()) {
        if (live_) return fail("face.source.camera", fmt::format("{}: no frame (device unplugged or busy?)", description_));
        return std::optional<BgrImage>{};
    }
    return std::optional<BgrImage>{fromMat(frame)};
}

}  // namespace rollcall::face
