// rollcall-face-eval: measures the face pipeline on a labelled image set and recommends the
// operating threshold. Input: a TSV with a header "path<TAB>identity" (paths relative to the
// TSV's folder). Last line of output: one JSON object with the figures.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "rollcall/face/FaceEngine.hpp"

namespace {

using rollcall::face::FaceEngine;

struct Sample {
    std::string path;
    std::string identity;
    std::vector<float> embedding;
};

float cosine(const std::vector<float>& a, const std::vector<float>& b) {
    float s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
    return s;
}

// The int8 gallery's rounding (max |x| -> 127), applied and undone: the dot product of two such
// vectors equals the gallery's integer dot product times both scales.
void quantiseInPlace(std::vector<float>& v) {
    float maxAbs = 0;
    for (float x : v) maxAbs = std::max(maxAbs, std::fabs(x));
    if (maxAbs <= 0) return;
    const float scale = maxAbs / 127.0F;
    for (auto& x : v) x = static_cast<float>(std::lround(std::clamp(x / scale, -127.0F, 127.0F))) * scale;
}

// Fraction of `sorted` (ascending) values >= t.
double fractionAtOrAbove(const std::vector<float>& sorted, float t) {
    const auto it = std::lower_bound(sorted.begin(), sorted.end(), t);
    return sorted.empty() ? 0.0 : static_cast<double>(sorted.end() - it) / static_cast<double>(sorted.size());
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Measure face recognition accuracy on a labelled image set"};
    std::string labels;
    std::string models = rollcall::face::defaultModelsDir().string();
    std::string detector = "blazeface";
    std::string liveness = "none";
    double targetFar = 1e-3;
    int threads = 2;
    bool noHashCheck = false;
    bool int8 = false;
    rollcall::face::MatchPolicy policy;  // the terminal's defaults, reported beside the recommendation
    app.add_option("--labels", labels, "TSV with header path<TAB>identity")->required();
    app.add_option("--models", models, "folder with the model files (models/fetch.sh)");
    app.add_option("--detector", detector, "blazeface (default, registry) or yunet (mirror only)");
    app.add_option("--far", targetFar, "false accept rate for the recommended threshold");
    app.add_option("--threads", threads, "OpenCV threads");
    app.add_option("--at", policy.threshold, "also report FAR/FRR at this threshold (default: the terminal's)");
    app.add_option("--margin", policy.margin, "margin rule for the ambiguity count");
    app.add_flag("--int8", int8, "score with templates quantised as GalleryPrecision::Int8 does (per-vector scale, round)");
    app.add_flag("--no-hash-check", noHashCheck, "skip the SHA-256 check of the model files");
    CLI11_PARSE(app, argc, argv);

    rollcall::face::FaceConfig config;
    config.modelsDir = models;
    config.threads = threads;
    config.checkHashes = !noHashCheck;
    auto kind = rollcall::face::parseDetectorKind(detector);
    if (!kind) {
        fmt::print(stderr, "rollcall-face-eval: {}\n", kind.error().message);
        return 2;
    }
    config.detector = *kind;
    if (auto l = rollcall::face::parseLivenessKind(liveness); l) config.liveness = *l;
    auto engine = FaceEngine::create(config);
    if (!engine) {
        fmt::print(stderr, "rollcall-face-eval: {}\n", engine.error().message);
        return 1;
    }

    std::ifstream in(labels);
    if (!in) {
        fmt::print(stderr, "rollcall-face-eval: cannot read {}\n", labels);
        return 1;
    }
    const auto base = std::filesystem::path(labels).parent_path();
    std::vector<Sample> samples;
    std::string line;
    std::getline(in, line);
    if (line.rfind("path\tidentity", 0) != 0) {
        fmt::print(stderr, "rollcall-face-eval: {} must start with the header 'path<TAB>identity'\n", labels);
        return 1;
    }
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto tab = line.find('\t');
        if (line.empty() || tab == std::string::npos) continue;
        samples.push_back({line.substr(0, tab), line.substr(tab + 1), {}});
    }

    std::size_t detected = 0, multi = 0;
    double totalMs = 0;
    for (auto& s : samples) {
        auto image = rollcall::face::loadImage(base / s.path);
        if (!image) {
            fmt::print(stderr, "skip {}: {}\n", s.path, image.error().message);
            continue;
        }
        const auto t0 = std::chrono::steady_clock::now();
        auto a = (*engine)->analyse(*image, {.liveness = false});
        totalMs += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
        if (!a) {
            fmt::print(stderr, "error {}: {}\n", s.path, a.error().message);
            continue;
        }
        if (a->embedding.empty()) {
            fmt::print(stderr, "no face: {}\n", s.path);
            continue;
        }
        if (a->faces.size() > 1) ++multi;
        s.embedding = std::move(a->embedding);
        if (int8) quantiseInPlace(s.embedding);
        ++detected;
    }

    std::vector<float> genuine, impostor;
    std::map<std::string, int> perIdentity;
    for (const auto& s : samples) ++perIdentity[s.identity];
    std::size_t probes = 0, correct = 0, ambiguous = 0, acceptedAtDefault = 0;
    for (std::size_t i = 0; i < samples.size(); ++i) {
        if (samples[i].embedding.empty()) continue;
        float best = -2, bestSame = -2, bestOther = -2;
        const Sample* nearest = nullptr;
        for (std::size_t j = 0; j < samples.size(); ++j) {
            if (j == i || samples[j].embedding.empty()) continue;
            const float c = cosine(samples[i].embedding, samples[j].embedding);
            if (j > i) (samples[i].identity == samples[j].identity ? genuine : impostor).push_back(c);
            if (c > best) {
                best = c;
                nearest = &samples[j];
            }
            float& slot = samples[i].identity == samples[j].identity ? bestSame : bestOther;
            slot = std::max(slot, c);
        }
        if (perIdentity[samples[i].identity] >= 2 && nearest) {
            ++probes;
            if (nearest->identity == samples[i].identity) ++correct;
            // As a 1:N search against everyone else: would the margin rule call it ambiguous?
            if (best >= policy.threshold) {
                if (std::fabs(bestSame - bestOther) < policy.margin) ++ambiguous;
                else if (nearest->identity == samples[i].identity) ++acceptedAtDefault;
            }
        }
    }
    std::sort(genuine.begin(), genuine.end());
    std::sort(impostor.begin(), impostor.end());

    // EER: sweep every observed score as a threshold (accept when score >= t).
    double eer = 1, eerThreshold = 0, bestGap = 2;
    std::vector<float> candidates = genuine;
    candidates.insert(candidates.end(), impostor.begin(), impostor.end());
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (float t : candidates) {
        const double far = fractionAtOrAbove(impostor, t);
        const double frr = 1.0 - fractionAtOrAbove(genuine, t);
        if (std::fabs(far - frr) < bestGap) {
            bestGap = std::fabs(far - frr);
            eer = (far + frr) / 2;
            eerThreshold = t;
        }
    }
    // Recommended threshold: the lowest one whose false accept rate is at most targetFar.
    float threshold = impostor.empty() ? 0.0F : impostor.back() + 1e-4F;
    const auto allowed = static_cast<std::size_t>(std::floor(targetFar * static_cast<double>(impostor.size())));
    if (!impostor.empty() && allowed > 0) threshold = impostor[impostor.size() - allowed - 1] + 1e-4F;
    const double farAt = fractionAtOrAbove(impostor, threshold);
    const double frrAt = 1.0 - fractionAtOrAbove(genuine, threshold);

    const double farDefault = fractionAtOrAbove(impostor, policy.threshold);
    const double frrDefault = 1.0 - fractionAtOrAbove(genuine, policy.threshold);
    fmt::print("images {} identities {} detected {} (several faces in {}) mean {:.1f} ms/image\n", samples.size(),
               perIdentity.size(), detected, multi, detected ? totalMs / static_cast<double>(samples.size()) : 0.0);
    fmt::print("genuine pairs {} (min {:.3f}) impostor pairs {} (max {:.3f})\n", genuine.size(),
               genuine.empty() ? 0.0F : genuine.front(), impostor.size(), impostor.empty() ? 0.0F : impostor.back());
    fmt::print("EER {:.4f} at {:.3f}; threshold {:.3f}: FAR {:.5f} FRR {:.5f}; rank-1 {}/{}\n", eer, eerThreshold, threshold,
               farAt, frrAt, correct, probes);
    fmt::print("at {:.2f} (terminal default): FAR {:.5f} FRR {:.5f}; leave-one-out 1:N with margin {:.2f}: {} matched, {} "
               "ambiguous of {}\n", policy.threshold, farDefault, frrDefault, policy.margin, acceptedAtDefault, ambiguous, probes);
    nlohmann::json out{{"images", samples.size()},
                       {"identities", perIdentity.size()},
                       {"detected", detected},
                       {"genuine_pairs", genuine.size()},
                       {"impostor_pairs", impostor.size()},
                       {"eer", eer},
                       {"eer_threshold", eerThreshold},
                       {"frr_at_far_1e-3", frrAt},
                       {"far_at_threshold", farAt},
                       {"threshold", threshold},
                       {"rank1", probes ? static_cast<double>(correct) / static_cast<double>(probes) : 0.0},
                       {"detector", detector},
                       {"int8", int8},
                       {"default_threshold", policy.threshold},
                       {"far_at_default", farDefault},
                       {"frr_at_default", frrDefault},
                       {"ambiguous_at_margin", probes ? static_cast<double>(ambiguous) / static_cast<double>(probes) : 0.0},
                       {"ms_per_image", samples.empty() ? 0.0 : totalMs / static_cast<double>(samples.size())}};
    fmt::print("{}\n", out.dump());
    return 0;
}
