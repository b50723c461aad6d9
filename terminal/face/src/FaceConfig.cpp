#include "rollcall/face/FaceConfig.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace rollcall::face {

Result<DetectorKind> parseDetectorKind(std::string_view text) {
    if (text == "blazeface") return DetectorKind::BlazeFace;
    if (text == "yunet") return DetectorKind::YuNet;
    return fail("face.config.detector", fmt::format("unknown detector '{}' (blazeface or yunet)", text), "detector");
}

Result<LivenessKind> parseLivenessKind(std::string_view text) {
    if (text == "fr_liveness") return LivenessKind::FrLiveness;
    if (text == "minifas") return LivenessKind::MiniFas;
    if (text == "both") return LivenessKind::Both;
    if (text == "none") return LivenessKind::None;
    return fail("face.config.liveness", fmt::format("unknown liveness model '{}' (fr_liveness, minifas, both, none)", text),
                "liveness");
}

std::filesystem::path defaultModelsDir() {
    if (const char* dir = std::getenv("ROLLCALL_MODELS_DIR"); dir && *dir) return dir;
    if (const char* src = std::getenv("ROLLCALL_SOURCE_DIR"); src && *src) return std::filesystem::path(src) / "models" / "cache";
    return std::filesystem::path("models") / "cache";
}

}  // namespace rollcall::face
