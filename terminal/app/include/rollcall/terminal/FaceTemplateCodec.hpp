#pragma once
// A face template on the wire (GalleryTemplate kind "face"): the embedding as little-endian
// float32 values, nothing else. The dimension is implied by the length.
#include <cstdint>
#include <span>
#include <vector>

#include "rollcall/domain/Error.hpp"

namespace rollcall::terminal {

std::vector<std::uint8_t> encodeFaceTemplate(std::span<const float> embedding);
Result<std::vector<float>> decodeFaceTemplate(std::span<const std::uint8_t> blob, std::size_t dimension);

}  // namespace rollcall::terminal
