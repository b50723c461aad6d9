#pragma once
// An 8-bit grey image (dark ridges on a light background, as fingerprint sensors give them),
// read from PNG, TIFF or PGM files.
#include <cstdint>
#include <filesystem>
#include <vector>

#include "rollcall/domain/Error.hpp"

namespace rollcall::finger {

struct GreyImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels;  // row-major, width * height
};

// "finger.image_unreadable" with the reason for a missing, corrupt or unsupported file.
Result<GreyImage> loadGreyImage(const std::filesystem::path& file);

}  // namespace rollcall::finger
