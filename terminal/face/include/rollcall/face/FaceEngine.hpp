#pragma once
// The face pipeline behind one object: detect -> landmarks -> align to the 112x112 template ->
// embed (L2-normalised) -> passive liveness -> 1:N search; plus enrolment. Plain C++ types only.
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Ids.hpp"
#include "rollcall/face/Detection.hpp"
#include "rollcall/face/FaceConfig.hpp"
#include "rollcall/face/Gallery.hpp"
#include "rollcall/face/Image.hpp"
#include "rollcall/face/Liveness.hpp"
#include "rollcall/face/Quality.hpp"

namespace rollcall::face {

struct AnalyseOptions {
    bool liveness = true;
    bool eyes = false;  // eye state for a running blink challenge
};

struct FaceAnalysis {
    std::vector<FaceDetection> faces;
    std::optional<std::size_t> primary;  // index into faces of the face that was used
    std::string note;                    // e.g. "3 faces in view; used the largest confident one"
    QualityVerdict quality;
    std::optional<LivenessResult> liveness;
    EyeState eyes = EyeState::Unknown;
    std::vector<float> embedding;  // L2-normalised; empty when no face was found
};

struct Recognition {
    FaceAnalysis analysis;
    Identification match;
    // True when the face passed quality, liveness was Live and the match decision is Match.
    bool accepted = false;
    std::string reason;  // why not accepted, for the display and the log
};

struct EnrolOptions {
    bool allowDuplicate = false;  // enrol even if the face matches another enrolled person
    std::size_t minImages = 3;
    std::size_t maxImages = 5;
};

struct EnrolmentReport {
    std::size_t imagesUsed = 0;
    std::vector<std::string> rejected;  // one line per image that was refused, with the reason
    std::optional<SearchHit> closestOther;  // the most similar other person found
};

// One engine per thread: the networks inside keep per-call state, so calls on one engine must
// not overlap (the terminal runs it on its capture thread).
class FaceEngine {
public:
    static Result<std::unique_ptr<FaceEngine>> create(const FaceConfig& config);
    ~FaceEngine();
    FaceEngine(const FaceEngine&) = delete;
    FaceEngine& operator=(const FaceEngine&) = delete;

    [[nodiscard]] const FaceConfig& config() const;

    Result<FaceAnalysis> analyse(const BgrImage& frame, const AnalyseOptions& options = {});
    Result<Recognition> recognise(const BgrImage& frame, const Gallery& gallery);
    // Embeds 3-5 images of one person (each must pass quality) and upserts them into
    // `gallery`; refuses a face that matches a different enrolled person unless allowed.
    Result<EnrolmentReport> enrol(EmployeeId person, std::span<const BgrImage> images, Gallery& gallery,
                                  const EnrolOptions& options = {});

    struct Impl;

private:
    explicit FaceEngine(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace rollcall::face
