// rollcall-bench-finger: identification over galleries of 1,000 and 10,000 fingers.
//
// With $ROLLCALL_DATA_DIR the gallery is built from real prints: every FVC2000 DB1-4 image is
// scanned once through libfprint's virtual_image driver, impressions 1-5 make a finger's
// template, 6-8 are its probes; the rest of the gallery are mirrored strangers made from the
// real templates (SyntheticPrints.hpp). Without it, everything is synthetic minutiae.
#include <benchmark/benchmark.h>
#include <fmt/core.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <random>

#include "rollcall/finger/FingerprintReader.hpp"
#include "rollcall/finger/NbisPrint.hpp"
#include "rollcall/finger/ScanScript.hpp"
#include "rollcall/finger/SyntheticPrints.hpp"

using namespace rollcall;
using namespace rollcall::finger;
namespace fs = std::filesystem;

namespace {

struct RealSet {
    std::vector<PrintMinutiae> templates;                     // one per finger
    std::vector<std::pair<std::size_t, MinutiaeImage>> probes; // (template index, probe)
    std::string source;
};

RealSet scanRealPrints() {
    RealSet set;
    const char* root = std::getenv("ROLLCALL_DATA_DIR");
    if (root == nullptr) return set;
    const fs::path base = fs::path(root) / "fingerprints";
    const fs::path socket = fs::temp_directory_path() / fmt::format("rc-finger-bench-{}.sock", ::getpid());
    SerialExecutor callbacks;
    ReaderConfig config;
    config.driver = "virtual_image";
    config.virtualImageSocket = socket.string();
    config.executor = callbacks.executor();
    auto reader = FingerprintReader::open(config);
    if (!reader) return set;
    auto feeder = VirtualImageFeeder::connect(socket);
    if (!feeder) return set;
    ScanScript script(std::move(*feeder));
    script.onExhausted([r = reader->get()] { r->cancel(); });
    (*reader)->onEvent([&script](const DeviceEvent& e) { script.onDeviceEvent(e); });
    for (int db = 1; db <= 4; ++db) {
        for (int finger = 101; finger <= 110; ++finger) {
            PrintMinutiae tmpl;
            std::vector<MinutiaeImage> probes;
            for (int impression = 1; impression <= 8; ++impression) {
                auto image = loadGreyImage(base / fmt::format("fvc2000_DB{}_B/{}_{}.png", db, finger, impression));
                if (!image) continue;
                script.clear();
                script.pushImage(std::move(*image));
                auto future = (*reader)->capture();
                if (future.wait_for(std::chrono::seconds(30)) != std::future_status::ready) continue;
                auto blob = future.get();
                auto info = blob ? parseNbisPrint(*blob) : Result<NbisPrintInfo>(std::unexpected(blob.error()));
                if (!info || info->minutiae.images.empty()) continue;
                (impression <= 5 ? tmpl.images : probes).push_back(info->minutiae.images.front());
            }
            if (tmpl.images.empty()) continue;
            set.templates.push_back(std::move(tmpl));
            for (auto& p : probes) set.probes.emplace_back(set.templates.size() - 1, std::move(p));
        }
    }
    set.source = fmt::format("real FVC2000 DB1-4 minutiae via libfprint virtual_image ({} fingers, {} probes)",
                             set.templates.size(), set.probes.size());
    reader->reset();
    fs::remove(socket);
    return set;
}

RealSet syntheticPrints() {
    RealSet set;
    std::mt19937 rng(42);
    for (int f = 0; f < 40; ++f) {
        const auto finger = randomMinutiae(rng, 45);
        PrintMinutiae tmpl;
        for (int i = 0; i < 5; ++i) tmpl.images.push_back(reimpress(finger, rng, i * 5 - 10, i * 3, -i * 2));
        set.templates.push_back(std::move(tmpl));
        for (int p = 0; p < 3; ++p) set.probes.emplace_back(set.templates.size() - 1, reimpress(finger, rng, 15, 10, -10));
    }
    set.source = "synthetic minutiae (ROLLCALL_DATA_DIR not set)";
    return set;
}

const RealSet& prints() {
    static const RealSet set = [] {
        RealSet real = scanRealPrints();
        return real.templates.empty() ? syntheticPrints() : real;
    }();
    return set;
}

const Gallery& galleryOf(std::size_t fingers) {
    static std::map<std::size_t, std::unique_ptr<Gallery>> cache;
    auto& slot = cache[fingers];
    if (!slot) {
        slot = std::make_unique<Gallery>();
        const auto& set = prints();
        for (std::size_t i = 0; i < set.templates.size(); ++i) {
            slot->add({EmployeeId(static_cast<std::int64_t>(i + 1)), Finger::RightIndex}, set.templates[i]);
        }
        std::mt19937 rng(7);
        for (std::size_t k = slot->size(); k < fingers; ++k) {
            slot->add({EmployeeId(static_cast<std::int64_t>(100'000 + k)), Finger::LeftIndex},
                      mirroredStranger(set.templates[k % set.templates.size()], rng));
        }
    }
    return *slot;
}

void identify(benchmark::State& state, bool twoStages) {
    const auto fingers = static_cast<std::size_t>(state.range(0));
    const Gallery& gallery = galleryOf(fingers);
    const auto& set = prints();
    std::vector<PreparedImage> probes;
    for (const auto& [owner, probe] : set.probes) probes.push_back(gallery.matcher().prepare(probe));
    std::size_t next = 0, correct = 0, accepted = 0, searches = 0, shortlisted = 0;
    IdentifyOptions options;
    if (!twoStages) options.shortlist = fingers;
    for (auto _ : state) {
        const std::size_t k = next++ % probes.size();
        const auto result = gallery.identify(probes[k], options);
        benchmark::DoNotOptimize(result);
        ++searches;
        shortlisted += result.shortlisted;
        accepted += result.match.has_value();
        correct += result.match && result.match->person == EmployeeId(static_cast<std::int64_t>(set.probes[k].first + 1));
    }
    state.counters["fingers"] = static_cast<double>(gallery.size());
    state.counters["shortlist"] = static_cast<double>(shortlisted) / static_cast<double>(searches);
    state.counters["rank1_accepted"] = static_cast<double>(correct) / static_cast<double>(searches);
    state.counters["accepted"] = static_cast<double>(accepted) / static_cast<double>(searches);
    state.counters["threads"] = gallery.threads();
    state.SetLabel(set.source);
}

void BM_Identify(benchmark::State& state) { identify(state, true); }
// Every finger on all its images: what the first stage saves.
void BM_IdentifyExhaustive(benchmark::State& state) { identify(state, false); }

void BM_MatchOnePair(benchmark::State& state) {
    const auto& set = prints();
    const MinutiaeMatcher matcher;
    const auto probe = matcher.prepare(set.probes.front().second);
    const auto candidate = matcher.prepare(set.templates[1].images.front());
    for (auto _ : state) benchmark::DoNotOptimize(matcher.score(probe, candidate));
}

}  // namespace

BENCHMARK(BM_Identify)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_IdentifyExhaustive)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MatchOnePair)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
