#include "rollcall/terminal/FaceTemplateCodec.hpp"

#include <bit>
#include <cstring>
#include <string>

namespace rollcall::terminal {

static_assert(std::endian::native == std::endian::little, "face templates are stored little-endian");

std::vector<std::uint8_t> encodeFaceTemplate(std::span<const float> embedding) {
    std::vector<std::uint8_t> out(embedding.size_bytes());
    std::memcpy(out.data(), embedding.data(), out.size());
    return out;
}

Result<std::vector<float>> decodeFaceTemplate(std::span<const std::uint8_t> blob, std::size_t dimension) {
    if (blob.size() != dimension * sizeof(float)) {
        return fail("gallery.template", "a face template must hold " + std::to_string(dimension) + " float32 values, got " +
                                            std::to_string(blob.size()) + " bytes");
    }
    std::vector<float> out(dimension);
    std::memcpy(out.data(), blob.data(), blob.size());
    return out;
}

}  // namespace rollcall::terminal
