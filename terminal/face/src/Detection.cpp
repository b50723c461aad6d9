#include "rollcall/face/Detection.hpp"

#include <algorithm>

namespace rollcall::face {

std::optional<std::size_t> choosePrimaryFace(const std::vector<FaceDetection>& faces, float scoreSlack) {
    if (faces.empty()) return std::nullopt;
    float best = faces.front().score;
    for (const auto& f : faces) best = std::max(best, f.score);
    std::optional<std::size_t> chosen;
    for (std::size_t i = 0; i < faces.size(); ++i) {
        if (faces[i].score < best - scoreSlack) continue;
        if (!chosen || faces[i].box.area() > faces[*chosen].box.area()) chosen = i;
    }
    return chosen;
}

}  // namespace rollcall::face
