#pragma once
// The kiosk's camera preview: a frame as JPEG (libjpeg-turbo), with the face box drawn in.
#include <cstdint>
#include <optional>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/face/Geometry.hpp"
#include "rollcall/face/Image.hpp"

namespace rollcall::terminal {

// `box` (frame pixels) is drawn as a 3-pixel green rectangle; frames wider than `maxWidth`
// are halved until they fit, so the preview stays small on the wire.
Result<std::vector<std::uint8_t>> jpegSnapshot(const face::BgrImage& frame, std::optional<face::Box> box, int quality = 75,
                                               int maxWidth = 640);

}  // namespace rollcall::terminal
