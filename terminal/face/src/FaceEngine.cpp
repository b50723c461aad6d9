#include "rollcall/face/FaceEngine.hpp"

#include <fmt/format.h>
#include <opencv2/core/utility.hpp>
#include <opencv2/imgproc.hpp>

#include "BlazeFaceDetector.hpp"
#include "CvImage.hpp"
#include "EyeStateModel.hpp"
#include "FaceEmbedder.hpp"
#include "PassiveLiveness.hpp"
#include "QualityGate.hpp"
#include "YuNetDetector.hpp"
#include "rollcall/face/Alignment.hpp"
#include "rollcall/face/ModelManifest.hpp"

namespace rollcall::face {

struct FaceEngine::Impl {
    FaceConfig config;
    std::unique_ptr<FaceDetector> detector;
    std::unique_ptr<FaceEmbedder> embedder;
    std::vector<std::unique_ptr<PassiveLiveness>> liveness;
    std::unique_ptr<EyeStateModel> eyes;
};

namespace {

constexpr const char* blazeFaceFile = "face_detection_front_128x128_barracuda.onnx";
constexpr const char* blazeFaceBackFile = "face_detection_back_256x256_barracuda.onnx";
constexpr const char* yuNetFile = "face_detection_yunet_2022mar.onnx";
constexpr const char* featureFile = "fr_feature.onnx";
constexpr const char* livenessFile = "fr_liveness.onnx";
constexpr const char* miniFasFile = "minifas_2.7_80x80_MiniFASNetV2.onnx";
constexpr const char* eyeFile = "fr_eye.onnx";

template <class T>
Status take(Result<T> made, T& into) {
    if (!made) return std::unexpected(made.error());
    into = std::move(*made);
    return {};
}

}  // namespace

FaceEngine::FaceEngine(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FaceEngine::~FaceEngine() = default;

const FaceConfig& FaceEngine::config() const { return impl_->config; }

Result<std::unique_ptr<FaceEngine>> FaceEngine::create(const FaceConfig& config) {
    auto impl = std::make_unique<Impl>();
    impl->config = config;
    const auto& dir = config.modelsDir;
    std::vector<std::string> files{config.detector == DetectorKind::YuNet ? yuNetFile : blazeFaceFile, featureFile, eyeFile};
    const bool farModel = config.detector == DetectorKind::BlazeFace && config.farFaces != FarFaceSearch::Never;
    if (farModel) files.emplace_back(blazeFaceBackFile);
    if (config.liveness == LivenessKind::FrLiveness || config.liveness == LivenessKind::Both) files.emplace_back(livenessFile);
    if (config.liveness == LivenessKind::MiniFas || config.liveness == LivenessKind::Both) files.emplace_back(miniFasFile);

    if (config.checkHashes) {
        const auto manifestFile = config.manifest.empty() ? dir.parent_path() / "manifest.json" : config.manifest;
        auto manifest = ModelManifest::load(manifestFile);
        if (!manifest) return std::unexpected(manifest.error());
        for (const auto& f : files) {
            if (auto ok = manifest->verify(dir, f); !ok) return std::unexpected(ok.error());
        }
    }
    cv::setNumThreads(config.threads);

    Status s = config.detector == DetectorKind::YuNet
                   ? take(YuNetDetector::create(dir / yuNetFile, config.minDetectionScore), impl->detector)
                   : take(BlazeFaceDetector::create(dir / blazeFaceFile, farModel ? dir / blazeFaceBackFile : std::filesystem::path{},
                                                     config.minDetectionScore, config.farFaces),
                          impl->detector);
    if (!s) return std::unexpected(s.error());
    if (s = take(FrFeatureEmbedder::create(dir / featureFile), impl->embedder); !s) return std::unexpected(s.error());
    if (s = take(EyeStateModel::create(dir / eyeFile), impl->eyes); !s) return std::unexpected(s.error());
    if (config.liveness == LivenessKind::FrLiveness || config.liveness == LivenessKind::Both) {
        std::unique_ptr<PassiveLiveness> m;
        if (s = take(CropSoftmaxLiveness::create(dir / livenessFile, {"fr_liveness", 128, 2.7F, 0}), m); !s)
            return std::unexpected(s.error());
        impl->liveness.push_back(std::move(m));
    }
    if (config.liveness == LivenessKind::MiniFas || config.liveness == LivenessKind::Both) {
        std::unique_ptr<PassiveLiveness> m;
        if (s = take(CropSoftmaxLiveness::create(dir / miniFasFile, {"minifas_v2_2.7", 80, 2.7F, 1}), m); !s)
            return std::unexpected(s.error());
        impl->liveness.push_back(std::move(m));
    }
    return std::unique_ptr<FaceEngine>(new FaceEngine(std::move(impl)));
}

Result<FaceAnalysis> FaceEngine::analyse(const BgrImage& frame, const AnalyseOptions& options) {
    if (frame.empty() || frame.pixels.size() != static_cast<std::size_t>(frame.width) * frame.height * 3)
        return fail("face.image.invalid", fmt::format("frame {}x{} with {} bytes is not a packed BGR image", frame.width,
                                                      frame.height, frame.pixels.size()));
    const cv::Mat bgr = asMat(frame);
    FaceAnalysis a;
    try {
        for (auto& f : impl_->detector->detect(bgr))
            if (f.score >= impl_->config.minDetectionScore) a.faces.push_back(f);
        a.primary = choosePrimaryFace(a.faces);
        if (!a.primary) {
            a.note = "no face in view";
            return a;
        }
        if (a.faces.size() > 1)
            a.note = fmt::format("{} faces in view; used the largest of those within 0.1 of the best score", a.faces.size());
        const auto& face = a.faces[*a.primary];
        const auto m = alignmentToTemplate(face.landmarks);
        if (!m) {
            a.note = "landmarks are degenerate; face not aligned";
            a.quality.problems.push_back(a.note);
            return a;
        }
        const cv::Mat affine = (cv::Mat_<double>(2, 3) << (*m)[0], (*m)[1], (*m)[2], (*m)[3], (*m)[4], (*m)[5]);
        cv::Mat aligned;
        cv::warpAffine(bgr, aligned, affine, cv::Size(112, 112), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
        a.quality = assessQuality(aligned, face.landmarks, impl_->config.quality);
        a.embedding = impl_->embedder->embed(aligned);
        if (options.liveness && !impl_->liveness.empty()) {
            LivenessResult live;
            float sum = 0;
            for (auto& model : impl_->liveness) {
                const float p = model->liveProbability(bgr, face.box, a.quality.rollDegrees);
                live.models.push_back({model->name(), p});
                sum += p;
            }
            live.score = sum / static_cast<float>(impl_->liveness.size());
            live.decision = decideLiveness(live.score, impl_->config.livenessPolicy);
            a.liveness = live;
        }
        if (options.eyes) a.eyes = impl_->eyes->state(bgr, face.landmarks);
    } catch (const cv::Exception& e) {
        return fail("face.pipeline", fmt::format("face pipeline failed: {}", e.err));
    }
    return a;
}

Result<Recognition> FaceEngine::recognise(const BgrImage& frame, const Gallery& gallery) {
    auto analysis = analyse(frame);
    if (!analysis) return std::unexpected(analysis.error());
    Recognition r;
    r.analysis = std::move(*analysis);
    const auto& a = r.analysis;
    if (a.embedding.empty()) {
        r.reason = a.note.empty() ? "no face" : a.note;
        return r;
    }
    r.match = gallery.identify(a.embedding, impl_->config.match);
    if (!a.quality.ok) {
        r.reason = fmt::format("quality: {}", fmt::join(a.quality.problems, "; "));
    } else if (a.liveness && a.liveness->decision == LivenessDecision::Spoof) {
        r.reason = fmt::format("liveness: looks like a photo or screen (score {:.2f})", a.liveness->score);
    } else if (a.liveness && a.liveness->decision == LivenessDecision::Uncertain) {
        r.reason = fmt::format("liveness uncertain (score {:.2f}): blink challenge needed", a.liveness->score);
    } else if (r.match.decision == MatchDecision::NoMatch) {
        r.reason = "not enrolled";
    } else if (r.match.decision == MatchDecision::Ambiguous) {
        r.reason = fmt::format("ambiguous: {} and {} are too close", r.match.hits.best->person.value(),
                               r.match.hits.second->person.value());
    } else {
        r.accepted = true;
    }
    return r;
}

Result<EnrolmentReport> FaceEngine::enrol(EmployeeId person, std::span<const BgrImage> images, Gallery& gallery,
                                          const EnrolOptions& options) {
    if (images.size() < options.minImages || images.size() > options.maxImages)
        return fail("face.enrol.count", fmt::format("enrolment takes {} to {} images, got {}", options.minImages,
                                                    options.maxImages, images.size()));
    if (gallery.dimension() != 512) return fail("face.enrol.gallery", "the gallery's dimension does not match the model");
    EnrolmentReport report;
    std::vector<std::vector<float>> templates;
    for (std::size_t i = 0; i < images.size(); ++i) {
        auto a = analyse(images[i], {.liveness = false});
        if (!a) {
            report.rejected.push_back(fmt::format("image {}: {}", i + 1, a.error().message));
            continue;
        }
        if (a->embedding.empty()) {
            report.rejected.push_back(fmt::format("image {}: {}", i + 1, a->note));
        } else if (!a->quality.ok) {
            report.rejected.push_back(fmt::format("image {}: {}", i + 1, fmt::join(a->quality.problems, "; ")));
        } else {
            templates.push_back(std::move(a->embedding));
        }
    }
    // All images must show the same person: each must match the others' mean.
    if (templates.size() >= 2) {
        for (std::size_t i = 0; i < templates.size(); ++i) {
            std::vector<float> others(templates[i].size(), 0);
            for (std::size_t j = 0; j < templates.size(); ++j)
                if (j != i)
                    for (std::size_t k = 0; k < others.size(); ++k) others[k] += templates[j][k];
            Gallery probe(others.size());
            if (!probe.upsert(person, std::span(&others, 1))) continue;
            const auto hit = probe.search(templates[i]).best;
            if (hit && hit->score < impl_->config.match.threshold)
                return fail("face.enrol.inconsistent",
                            fmt::format("the enrolment images do not show one person (image {} scores {:.2f} against the "
                                        "others, threshold {:.2f})", i + 1, hit->score, impl_->config.match.threshold));
        }
    }
    report.imagesUsed = templates.size();
    if (templates.size() < options.minImages)
        return fail("face.enrol.quality", fmt::format("only {} of {} images are usable (need {}): {}", templates.size(),
                                                      images.size(), options.minImages, fmt::join(report.rejected, "; ")));
    for (const auto& t : templates) {
        const auto hits = gallery.search(t);
        for (const auto& hit : {hits.best, hits.second}) {
            if (hit && hit->person != person && (!report.closestOther || hit->score > report.closestOther->score))
                report.closestOther = hit;
        }
    }
    if (report.closestOther && report.closestOther->score >= impl_->config.match.threshold && !options.allowDuplicate)
        return fail("face.enrol.duplicate",
                    fmt::format("this face already matches enrolled person {} (score {:.2f} >= {:.2f}); enrol again "
                                "with the duplicate override if this is intended",
                                report.closestOther->person.value(), report.closestOther->score, impl_->config.match.threshold));
    if (auto s = gallery.upsert(person, templates); !s) return std::unexpected(s.error());
    return report;
}

}  // namespace rollcall::face
