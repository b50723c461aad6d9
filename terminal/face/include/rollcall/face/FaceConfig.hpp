#pragma once
// Configuration of the face engine: which model fills each stage, and the operating points.
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "rollcall/domain/Error.hpp"
#include "rollcall/face/Gallery.hpp"
#include "rollcall/face/Liveness.hpp"
#include "rollcall/face/Quality.hpp"

namespace rollcall::face {

enum class DetectorKind : std::uint8_t { BlazeFace, YuNet };
enum class LivenessKind : std::uint8_t { FrLiveness, MiniFas, Both, None };
// BlazeFace's back model finds far (small) faces but costs about four front passes: a terminal
// only needs it when nobody is close; a group photo needs it always.
enum class FarFaceSearch : std::uint8_t { Never, WhenNoneFound, Always };

Result<DetectorKind> parseDetectorKind(std::string_view text);
Result<LivenessKind> parseLivenessKind(std::string_view text);

struct FaceConfig {
    std::filesystem::path modelsDir;  // folder filled by models/fetch.sh
    DetectorKind detector = DetectorKind::BlazeFace;  // registry model; YuNet is mirror only
    FarFaceSearch farFaces = FarFaceSearch::WhenNoneFound;
    LivenessKind liveness = LivenessKind::FrLiveness;
    bool checkHashes = true;  // verify every model file against models/manifest.json first
    // Empty: modelsDir/../manifest.json (models/manifest.json beside models/cache). A device that
    // keeps its models elsewhere installs the manifest with them and names it here.
    std::filesystem::path manifest;
    float minDetectionScore = 0.5F;
    QualityLimits quality;
    LivenessPolicy livenessPolicy;
    MatchPolicy match;
    int threads = 2;  // OpenCV worker threads
};

// Where the models are: ROLLCALL_MODELS_DIR, else <ROLLCALL_SOURCE_DIR>/models/cache, else
// ./models/cache.
std::filesystem::path defaultModelsDir();

}  // namespace rollcall::face
