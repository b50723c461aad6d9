// rollcall-finger-eval: enrols every finger of an FVC-style folder through libfprint's real
// virtual_image path, probes with the remaining impressions (genuine) and with every other
// finger's probes (impostor), and prints the rates; the last line is one JSON object.
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <thread>
#include <regex>
#include <unistd.h>

#include "rollcall/finger/FingerprintReader.hpp"
#include "rollcall/finger/NbisPrint.hpp"
#include "rollcall/finger/ScanScript.hpp"
#include "rollcall/finger/SyntheticPrints.hpp"

using namespace rollcall;
using namespace rollcall::finger;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

struct Subject {
    int id = 0;
    std::vector<fs::path> impressions;  // in impression order
};

std::map<int, Subject> listSubjects(const fs::path& dir) {
    static const std::regex name(R"((\d+)_(\d+)\.(png|PNG|tif|TIF|tiff|TIFF|pgm|PGM))");
    std::map<int, std::map<int, fs::path>> found;
    for (const auto& entry : fs::directory_iterator(dir)) {
        std::smatch m;
        const std::string file = entry.path().filename().string();
        if (std::regex_match(file, m, name)) found[std::stoi(m[1])][std::stoi(m[2])] = entry.path();
    }
    std::map<int, Subject> out;
    for (auto& [id, impressions] : found) {
        Subject s{id, {}};
        for (auto& [n, path] : impressions) s.impressions.push_back(path);
        out[id] = std::move(s);
    }
    return out;
}

int gCooldowns = 0;

// libfprint disables a device that has worked without pause for minutes (its overheating
// guard, which the virtual drivers share): wait for it to cool and run the operation again.
template <class Start>
auto withCooldown(Start start) {
    auto result = start();
    for (int i = 0; i < 60 && !result && result.error().code == "finger.too_hot"; ++i) {
        ++gCooldowns;
        std::this_thread::sleep_for(std::chrono::seconds(10));
        result = start();
    }
    return result;
}

template <class T>
Result<T> await(std::future<Result<T>> future, FingerprintReader& reader) {
    if (future.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
        reader.cancel();
        if (future.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
            fmt::print(stderr, "eval: the reader did not answer after cancel; giving up\n");
            std::exit(2);
        }
    }
    return future.get();
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : (v[v.size() / 2 - 1] + v[v.size() / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Evaluate fingerprint enrolment, verification and identification on FVC-style images"};
    fs::path data;
    int enrollImages = 5;
    int attempts = 3;
    int galleryForTiming = 1000;
    bool verbose = false;
    fs::path dumpMinutiae;
    app.add_option("--data", data, "folder of <finger>_<impression>.png|tif|pgm")->required()->check(CLI::ExistingDirectory);
    app.add_option("--enroll-images", enrollImages, "impressions used to enrol each finger")->check(CLI::Range(1, 20));
    app.add_option("--attempts", attempts, "verify attempts a person may make")->check(CLI::Range(1, 10));
    app.add_option("--identify-gallery", galleryForTiming, "enrolled fingers for the identification timing");
    app.add_flag("-v,--verbose", verbose, "print every decision");
    app.add_option("--dump-minutiae", dumpMinutiae, "capture every image once, write its minutiae as JSON, stop");
    CLI11_PARSE(app, argc, argv);

    auto subjects = listSubjects(data);
    if (subjects.size() < 2) {
        fmt::print(stderr, "eval: need at least two fingers in {}\n", data.string());
        return 1;
    }
    std::map<fs::path, GreyImage> images;
    for (const auto& [id, s] : subjects) {
        for (const auto& path : s.impressions) {
            auto img = loadGreyImage(path);
            if (!img) {
                fmt::print(stderr, "eval: {}\n", img.error().message);
                return 1;
            }
            images[path] = std::move(*img);
        }
    }

    const fs::path socket = fs::temp_directory_path() / fmt::format("rollcall-finger-eval-{}.sock", ::getpid());
    auto gallery = std::make_shared<Gallery>();
    SerialExecutor callbacks;
    auto reader = FingerprintReader::open({.driver = "virtual_image",
                                           .virtualImageSocket = socket.string(),
                                           .executor = callbacks.executor(),
                                           .gallery = gallery});
    if (!reader) {
        fmt::print(stderr, "eval: {}\n", reader.error().message);
        return 1;
    }
    auto feeder = VirtualImageFeeder::connect(socket);
    if (!feeder) {
        fmt::print(stderr, "eval: {}\n", feeder.error().message);
        return 1;
    }
    ScanScript script(std::move(*feeder));
    FingerprintReader& dev = **reader;
    script.onExhausted([&dev] { dev.cancel(); });
    dev.onEvent([&script](const DeviceEvent& e) { script.onDeviceEvent(e); });

    if (!dumpMinutiae.empty()) {
        nlohmann::json dump;
        for (const auto& [path, image] : images) {
            script.clear();
            script.pushImage(image);
            auto probe = await(dev.capture(), dev);
            auto info = probe ? parseNbisPrint(*probe) : Result<NbisPrintInfo>(std::unexpected(probe.error()));
            if (!info) {
                fmt::print(stderr, "{}: {}\n", path.filename().string(), info.error().message);
                continue;
            }
            nlohmann::json points = nlohmann::json::array();
            for (const auto& m : info->minutiae.images.front()) points.push_back({m.x, m.y, m.theta});
            dump[path.filename().string()] = points;
        }
        std::ofstream(dumpMinutiae) << dump.dump();
        return 0;
    }

    // 1. Enrolment.
    std::map<int, FingerTemplate> enrolled;
    int enrollFailures = 0;
    nlohmann::json failures = nlohmann::json::array();
    for (const auto& [id, s] : subjects) {
        if (std::ssize(s.impressions) <= enrollImages) continue;
        script.clear();
        for (int i = 0; i < enrollImages; ++i) script.pushImage(images[s.impressions[static_cast<std::size_t>(i)]]);
        auto tmpl = withCooldown([&] {
            script.clear();
            for (int i = 0; i < enrollImages; ++i) script.pushImage(images[s.impressions[static_cast<std::size_t>(i)]]);
            return await(dev.enroll(EnrollRequest{.key = {EmployeeId(id), Finger::RightIndex}}), dev);
        });
        if (!tmpl) {
            ++enrollFailures;
            failures.push_back({{"finger", id}, {"error", tmpl.error().code}, {"message", tmpl.error().message}});
            if (verbose) fmt::print(stderr, "enrol {}: {}\n", id, tmpl.error().message);
            continue;
        }
        if (auto added = gallery->add(*tmpl); !added) {
            fmt::print(stderr, "eval: {}\n", added.error().message);
            return 1;
        }
        enrolled[id] = std::move(*tmpl);
    }

    // 2. Verification: every probe against its own template and every other one.
    int genuine = 0, falseRejects = 0, impostor = 0, falseAccepts = 0;
    int deviceFalseRejects = 0, deviceFalseAccepts = 0, matcherFalseRejects = 0, matcherFalseAccepts = 0;
    int sessions = 0, sessionRejects = 0, maxImpostorScore = 0, retries = 0;
    std::vector<double> verifyMs;
    std::vector<int> genuineScores;
    std::map<fs::path, Blob> probes;
    const auto& matcher = gallery->matcher();
    for (const auto& [id, s] : subjects) {
        std::vector<bool> accepted;
        for (std::size_t p = static_cast<std::size_t>(enrollImages); p < s.impressions.size(); ++p) {
            const auto& probePath = s.impressions[p];
            for (const auto& [owner, tmpl] : enrolled) {
                const auto start = Clock::now();
                auto outcome = withCooldown([&] {
                    script.clear();
                    script.pushImage(images[probePath]);
                    return await(dev.verify(tmpl), dev);
                });
                verifyMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
                const bool isGenuine = owner == id;
                bool matched = false, deviceMatched = false, matcherMatched = false;
                int score = 0;
                if (outcome) {
                    matched = outcome->matched;
                    deviceMatched = outcome->deviceMatched;
                    score = outcome->matcherScore.value_or(0);
                    matcherMatched = matcher.accepts(score);
                    if (!outcome->probe.empty()) probes[probePath] = outcome->probe;
                } else if (outcome.error().code == "finger.retry") {
                    ++retries;
                } else {
                    fmt::print(stderr, "verify {} against {}: {}\n", probePath.filename().string(), owner,
                               outcome.error().message);
                }
                if (verbose) {
                    fmt::print(stderr, "{} vs {}: device {} matcher {} -> {}\n", probePath.filename().string(), owner,
                               deviceMatched, score, matched);
                }
                if (isGenuine) {
                    ++genuine;
                    falseRejects += !matched;
                    deviceFalseRejects += !deviceMatched;
                    matcherFalseRejects += !matcherMatched;
                    genuineScores.push_back(score);
                    accepted.push_back(matched);
                } else {
                    ++impostor;
                    falseAccepts += matched;
                    deviceFalseAccepts += deviceMatched;
                    matcherFalseAccepts += matcherMatched;
                    maxImpostorScore = std::max(maxImpostorScore, score);
                }
            }
        }
        // Up to `attempts` tries per visit: the visit fails only when every try is rejected.
        for (std::size_t v = 0; v < accepted.size(); v += static_cast<std::size_t>(attempts)) {
            ++sessions;
            bool any = false;
            for (std::size_t k = v; k < std::min(accepted.size(), v + static_cast<std::size_t>(attempts)); ++k) any = any || accepted[k];
            sessionRejects += !any;
        }
    }

    // 3. Identification with Rollcall's matcher: genuine probes find their finger, and probes
    // with their own finger left out of the gallery must find no one.
    int identifyCorrect = 0, identifyTotal = 0, identifyFalseAccepts = 0, identifyImpostor = 0;
    std::vector<std::pair<int, PreparedImage>> probeImages;
    for (const auto& [path, blob] : probes) {
        auto info = parseNbisPrint(blob);
        if (!info || info->minutiae.images.empty()) continue;
        const int id = std::stoi(path.filename().string());
        probeImages.emplace_back(id, matcher.prepare(info->minutiae.images.front()));
    }
    for (const auto& [id, probe] : probeImages) {
        if (!enrolled.contains(id)) continue;
        ++identifyTotal;
        const auto result = gallery->identify(probe);
        identifyCorrect += result.match && result.match->person == EmployeeId(id);
        ++identifyImpostor;
        const auto without = gallery->identify(probe, {.excludePerson = EmployeeId(id)});
        identifyFalseAccepts += without.match.has_value();
    }

    // 4. Identification time over `galleryForTiming` fingers: the real ones plus mirrored strangers.
    Gallery big;
    std::mt19937 rng(7);
    std::vector<PrintMinutiae> real;
    for (const auto& [id, tmpl] : enrolled) {
        auto info = parseNbisPrint(tmpl.print);
        if (info) {
            real.push_back(info->minutiae);
            big.add(tmpl.key, info->minutiae);
        }
    }
    for (int k = static_cast<int>(big.size()); !real.empty() && k < galleryForTiming; ++k) {
        big.add({EmployeeId(1'000'000 + k), Finger::LeftIndex}, mirroredStranger(real[static_cast<std::size_t>(k) % real.size()], rng));
    }
    std::vector<double> identifyMs;
    int bigCorrect = 0, bigFalseAccepts = 0;
    for (const auto& [id, probe] : probeImages) {
        const auto start = Clock::now();
        const auto result = big.identify(probe);
        identifyMs.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        bigCorrect += result.match && result.match->person == EmployeeId(id);
        bigFalseAccepts += big.identify(probe, {.excludePerson = EmployeeId(id)}).match.has_value();
    }

    const auto rate = [](int n, int d) { return d ? static_cast<double>(n) / d : 0.0; };
    nlohmann::json out{
        {"data", data.filename().string()},
        {"fingers", enrolled.size()},
        {"enroll_images", enrollImages},
        {"genuine", genuine},
        {"false_rejects", falseRejects},
        {"frr", rate(falseRejects, genuine)},
        {"frr_3_attempts", rate(sessionRejects, sessions)},
        {"attempts", attempts},
        {"impostor", impostor},
        {"false_accepts", falseAccepts},
        {"far", rate(falseAccepts, impostor)},
        {"enroll_failures", enrollFailures},
        {"verify_ms_median", median(verifyMs)},
        {"identify_ms_1000", median(identifyMs)},
        {"identify_gallery", big.size()},
        {"identify_rank1", rate(identifyCorrect, identifyTotal)},
        {"identify_rank1_large_gallery", rate(bigCorrect, static_cast<int>(probeImages.size()))},
        {"identify_far", rate(identifyFalseAccepts, identifyImpostor)},
        {"identify_far_large_gallery", rate(bigFalseAccepts, static_cast<int>(probeImages.size()))},
        {"libfprint_frr", rate(deviceFalseRejects, genuine)},
        {"libfprint_far", rate(deviceFalseAccepts, impostor)},
        {"matcher_frr", rate(matcherFalseRejects, genuine)},
        {"matcher_far", rate(matcherFalseAccepts, impostor)},
        {"matcher_threshold", matcher.config().threshold},
        {"matcher_max_impostor_score", maxImpostorScore},
        {"retries", retries},
        {"cooldowns", gCooldowns},
        {"enroll_failure_reasons", failures},
    };
    fmt::print("{}\n", out.dump());
    return 0;
}
