#pragma once
// A plain 8-bit BGR frame: what the rest of the terminal hands to the face engine.
#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

#include "rollcall/domain/Error.hpp"

namespace rollcall::face {

struct BgrImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;  // rows of width*3 bytes, B G R, no padding

    [[nodiscard]] bool empty() const { return width <= 0 || height <= 0 || pixels.empty(); }
};

// Decodes JPEG/PNG/PGM/... bytes; grey images become three equal channels.
Result<BgrImage> decodeImage(std::span<const std::uint8_t> encoded);
Result<BgrImage> loadImage(const std::filesystem::path& file);

}  // namespace rollcall::face
