#pragma once
// Where frames come from: a V4L2 camera, a video file or a folder of images, so the same
// daemon runs on a device, in a demo and in tests.
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "rollcall/domain/Error.hpp"
#include "rollcall/face/Image.hpp"

namespace rollcall::face {

class FrameSource {
public:
    virtual ~FrameSource() = default;
    // The next frame; nothing at the end of a file or folder; an error when the device fails.
    virtual Result<std::optional<BgrImage>> next() = 0;
    [[nodiscard]] virtual std::string describe() const = 0;
};

// "camera:0" or "camera:/dev/video0" (V4L2), "video:PATH", "folder:PATH" (images in name order).
// Camera frames are requested at 640x480.
Result<std::unique_ptr<FrameSource>> openFrameSource(std::string_view spec);

}  // namespace rollcall::face
