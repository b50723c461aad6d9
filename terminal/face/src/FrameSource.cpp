#include "rollcall/face/FrameSource.hpp"

#include <fmt/format.h>

#include "CaptureSource.hpp"
#include "ImageFolderSource.hpp"

namespace rollcall::face {

Result<std::unique_ptr<FrameSource>> openFrameSource(std::string_view spec) {
    const auto colon = spec.find(':');
    if (colon == std::string_view::npos)
        return fail("face.source.spec", fmt::format("frame source '{}' must be camera:N, video:PATH or folder:PATH", spec));
    const auto kind = spec.substr(0, colon);
    const auto arg = spec.substr(colon + 1);
    if (kind == "camera") return CaptureSource::openCamera(arg);
    if (kind == "video") return CaptureSource::openVideo(std::string(arg));
    if (kind == "folder") return ImageFolderSource::open(std::filesystem::path(arg));
    return fail("face.source.spec", fmt::format("unknown frame source kind '{}' (camera, video, folder)", kind));
}

}  // namespace rollcall::face
