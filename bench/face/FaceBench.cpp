// Figures for docs/face.md: run `rollcall-bench-face` (ROLLCALL_DATA_DIR and the fetched models
// are needed for the per-frame benchmarks; the search benchmarks need nothing).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <random>

#include "rollcall/face/FaceEngine.hpp"

using namespace rollcall;
using namespace rollcall::face;

namespace {

std::vector<float> randomUnit(std::mt19937& rng) {
    std::normal_distribution<float> n;
    std::vector<float> v(512);
    for (auto& x : v) x = n(rng);
    return v;  // the gallery normalises
}

Gallery syntheticGallery(std::size_t templates, GalleryPrecision precision) {
    std::mt19937 rng(42);
    Gallery g(512, precision);
    for (std::size_t i = 0; i < templates; ++i) {
        const std::vector<std::vector<float>> one{randomUnit(rng)};
        (void)g.upsert(EmployeeId{static_cast<std::int64_t>(i + 1)}, one);
    }
    return g;
}

void searchBench(benchmark::State& state, GalleryPrecision precision) {
    const auto g = syntheticGallery(static_cast<std::size_t>(state.range(0)), precision);
    std::mt19937 rng(1);
    const auto probe = randomUnit(rng);
    for (auto _ : state) benchmark::DoNotOptimize(g.search(probe));
    state.counters["templates"] = static_cast<double>(g.templateCount());
}

void BM_Search1N_Float32(benchmark::State& state) { searchBench(state, GalleryPrecision::Float32); }
void BM_Search1N_Int8(benchmark::State& state) { searchBench(state, GalleryPrecision::Int8); }
BENCHMARK(BM_Search1N_Float32)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Search1N_Int8)->Arg(10'000)->Arg(100'000)->Unit(benchmark::kMillisecond);

// A 640x480 camera-like frame: a real face photo scaled into a grey canvas.
std::optional<BgrImage> testFrame() {
    const char* data = std::getenv("ROLLCALL_DATA_DIR");
    if (!data) return std::nullopt;
    const cv::Mat photo = cv::imread(std::string(data) + "/faces/people/bbt_penny/penny5.png");
    if (photo.empty()) return std::nullopt;
    cv::Mat frame(480, 640, CV_8UC3, cv::Scalar(90, 90, 90)), scaled;
    const double s = std::min(300.0 / photo.cols, 300.0 / photo.rows);
    cv::resize(photo, scaled, cv::Size(), s, s, cv::INTER_AREA);
    scaled.copyTo(frame(cv::Rect((640 - scaled.cols) / 2, (480 - scaled.rows) / 2, scaled.cols, scaled.rows)));
    BgrImage out{640, 480, {}};
    out.pixels.assign(frame.data, frame.data + frame.total() * 3);
    return out;
}

void frameBench(benchmark::State& state, DetectorKind detector, bool withGallery) {
    FaceConfig config;
    config.modelsDir = defaultModelsDir();
    config.detector = detector;
    // Arg = OpenCV threads. With 1 the CPU column is the whole cost of a frame, which stays
    // meaningful when other processes load the machine; 2 is what a terminal uses.
    config.threads = static_cast<int>(state.range(0));
    auto engine = FaceEngine::create(config);
    const auto frame = testFrame();
    if (!engine || !frame) {
        state.SkipWithError(engine ? "ROLLCALL_DATA_DIR unset: no face image for the frame benchmark"
                                   : engine.error().message.c_str());
        return;
    }
    Gallery gallery = syntheticGallery(withGallery ? 9'999 : 0, GalleryPrecision::Float32);
    if (withGallery) {
        auto a = (*engine)->analyse(*frame, {.liveness = false});
        if (a && !a->embedding.empty()) {
            const std::vector<std::vector<float>> own{a->embedding};
            (void)gallery.upsert(EmployeeId{1'000'000}, own);
        }
    }
    (void)(*engine)->recognise(*frame, gallery);  // warm-up: first inference allocates
    std::vector<double> ms;
    bool matched = true;
    for (auto _ : state) {
        const auto t0 = std::chrono::steady_clock::now();
        auto r = (*engine)->recognise(*frame, gallery);
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        matched = matched && r && (!withGallery || r->match.decision == MatchDecision::Match);
    }
    std::sort(ms.begin(), ms.end());
    state.counters["median_ms"] = ms[ms.size() / 2];
    state.counters["p90_ms"] = ms[ms.size() * 9 / 10];
    state.counters["gallery"] = static_cast<double>(gallery.templateCount());
    if (!matched) state.SkipWithError("the enrolled face was not matched");
}

// detect + align + quality + embed + passive liveness + 1:N search in 10,000 templates.
void BM_Frame640x480_BlazeFace_Gallery10k(benchmark::State& state) { frameBench(state, DetectorKind::BlazeFace, true); }
void BM_Frame640x480_YuNet_Gallery10k(benchmark::State& state) { frameBench(state, DetectorKind::YuNet, true); }
BENCHMARK(BM_Frame640x480_BlazeFace_Gallery10k)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(40);
BENCHMARK(BM_Frame640x480_YuNet_Gallery10k)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->Iterations(40);

}  // namespace

BENCHMARK_MAIN();
