#pragma once
// Where the model tests find their inputs; empty when absent (the test then skips).
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "rollcall/face/FaceConfig.hpp"

namespace rollcall::face::test {

inline std::optional<std::filesystem::path> facesDataDir() {
    const char* dir = std::getenv("ROLLCALL_DATA_DIR");
    if (!dir || !*dir) return std::nullopt;
    const auto faces = std::filesystem::path(dir) / "faces";
    if (!std::filesystem::is_directory(faces)) return std::nullopt;
    return faces;
}

inline std::optional<std::filesystem::path> modelsDir() {
    const auto dir = defaultModelsDir();
    if (!std::filesystem::exists(dir / "fr_feature.onnx")) return std::nullopt;
    return dir;
}

inline std::filesystem::path sourceDir() {
    const char* src = std::getenv("ROLLCALL_SOURCE_DIR");
    return src ? std::filesystem::path(src) : std::filesystem::current_path();
}

}  // namespace rollcall::face::test
