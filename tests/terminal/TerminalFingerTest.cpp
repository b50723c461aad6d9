// The daemon with its fingerprint reader wired in: libfprint's virtual_image driver fed with
// real FVC2000 prints ($ROLLCALL_DATA_DIR/fingerprints/fvc2000_DB1_B), real face models, an
// image folder as the camera, the server unreachable. Each TEST runs in its own process
// (one libfprint reader per process).
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

#include "OfflineIdentity.hpp"
#include "rollcall/journal/Journal.hpp"
#include "rollcall/sync/Identity.hpp"
#include "rollcall/terminal/TerminalDaemon.hpp"

namespace fs = std::filesystem;
using namespace rollcall;
using namespace std::chrono_literals;

namespace {

fs::path envPath(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? fs::path(v) : fs::path();
}

std::vector<fs::path> imagesOf(const fs::path& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path());
    std::ranges::sort(out);
    return out;
}

std::string readAll(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

int count(const std::string& text, const std::string& needle) {
    int n = 0;
    for (auto p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) ++n;
    return n;
}

class TerminalFinger : public ::testing::Test {
protected:
    void SetUp() override {
        const auto data = envPath("ROLLCALL_DATA_DIR");
        prints_ = data / "fingerprints" / "fvc2000_DB1_B";
        if (data.empty() || !fs::is_directory(prints_)) GTEST_SKIP() << "ROLLCALL_DATA_DIR with fingerprints/fvc2000_DB1_B is not set";
        faces_ = data / "faces" / "people";
        models_ = envPath("ROLLCALL_SOURCE_DIR") / "models" / "cache";
        work_ = fs::temp_directory_path() / ("rollcall-terminal-finger-" + std::to_string(::getpid()));
        fs::remove_all(work_);
        fs::create_directories(work_ / "fingers");
        fs::create_directories(work_ / "feed");
        config_.dataDir = work_ / "data";
        config_.language = "en";
        config_.modelsDir = models_;
        config_.liveness = false;
        config_.fingerReader = "virtual_image";
        config_.fingerSocket = work_ / "fp.sock";
        config_.fingerEnrolFolder = work_ / "fingers";
        config_.fingerFeed = "folder:" + (work_ / "feed").string();
        ASSERT_TRUE(terminal::testing::writeUnreachableIdentity(terminal::TerminalDaemon::identityDir(config_)));
    }
    void TearDown() override {
        if (!work_.empty()) fs::remove_all(work_);
    }

    // Person `id` enrols FVC finger `fvc` (impressions 1-5).
    void enrolFinger(int id, int fvc) {
        const auto dir = work_ / "fingers" / std::to_string(id);
        fs::create_directories(dir);
        for (int i = 1; i <= 5; ++i) {
            const auto name = std::to_string(fvc) + "_" + std::to_string(i) + ".png";
            fs::create_symlink(prints_ / name, dir / name);
        }
    }
    // The next print the reader is shown (in name order of the feed folder).
    void feed(int fvc, int impression) {
        const auto name = std::to_string(fvc) + "_" + std::to_string(impression) + ".png";
        fs::create_symlink(prints_ / name, work_ / "feed" / (std::to_string(fed_++) + "-" + name));
    }
    bool haveFaces() const { return fs::is_directory(faces_) && fs::exists(models_ / "fr_feature.onnx"); }

    // Runs the daemon until `done` holds for its status lines, or the limit; returns the lines.
    std::string run(const std::function<bool(const std::string&)>& done, std::chrono::seconds limit = 90s) {
        const auto log = work_ / "status.log";
        std::FILE* out = std::fopen(log.c_str(), "w");
        EXPECT_NE(out, nullptr);
        {
            auto daemon = terminal::TerminalDaemon::create(config_, out);
            EXPECT_TRUE(daemon) << daemon.error().message;
            if (!daemon) {
                std::fclose(out);
                return {};
            }
            std::atomic<bool> stop{false};
            std::thread runner([&] { (*daemon)->run(stop); });
            const auto until = std::chrono::steady_clock::now() + limit;
            while (std::chrono::steady_clock::now() < until && !done(readAll(log))) std::this_thread::sleep_for(100ms);
            stop = true;
            runner.join();
        }
        std::fclose(out);
        return readAll(log);
    }

    std::vector<journal::PunchDraft> journalled() {
        auto key = sync::loadTerminalKey(terminal::TerminalDaemon::identityDir(config_));
        auto j = journal::Journal::open(config_.dataDir / "journal.db", TerminalId(7), *key);
        std::vector<journal::PunchDraft> out;
        auto pending = (*j)->pending(100);
        if (!pending) return out;
        for (const auto& p : *pending) {
            out.push_back({p.employee, p.method, p.faceScore, p.fingerScore, p.livenessScore, 0, 0, p.spotCheck});
        }
        return out;
    }

    fs::path prints_, faces_, models_, work_;
    terminal::TerminalConfig config_;
    int fed_ = 0;
};

}  // namespace

TEST_F(TerminalFinger, FingerprintOnlyIdentifiesEnrolledFingersAndRefusesAStranger) {
    config_.policy = terminal::VerificationPolicy::Fingerprint;
    enrolFinger(1, 101);
    enrolFinger(2, 102);
    feed(102, 6);
    feed(105, 6);  // never enrolled
    feed(101, 7);
    const auto s = run([](const std::string& t) { return count(t, "\nOK ") >= 2 && t.find("RETRY") != std::string::npos; });
    EXPECT_NE(s.find("finger enrolment: 2 enrolled"), std::string::npos) << s;
    EXPECT_EQ(count(s, "\nOK "), 2) << s;
    EXPECT_NE(s.find("employee=2 method=fingerprint finger="), std::string::npos) << s;
    EXPECT_NE(s.find("employee=1 method=fingerprint finger="), std::string::npos) << s;
    EXPECT_NE(s.find("RETRY not recognised, try again"), std::string::npos) << s;
    EXPECT_LT(s.find("employee=2 method"), s.find("RETRY"));  // in the order presented
    const auto punches = journalled();
    ASSERT_EQ(punches.size(), 2u);
    EXPECT_EQ(punches[0].employee, EmployeeId(2));
    EXPECT_EQ(punches[0].method, proto::PunchMethod::Fingerprint);
    EXPECT_TRUE(punches[0].fingerScore.has_value());
    EXPECT_FALSE(punches[0].faceScore.has_value());
}

TEST_F(TerminalFinger, FaceAndFingerprintConfirmsTheFaceWithThatPersonsFinger) {
    if (!haveFaces()) GTEST_SKIP() << "faces/people or the face models (models/fetch.sh) are missing";
    std::vector<fs::path> people;
    for (const auto& e : fs::directory_iterator(faces_)) {
        if (imagesOf(e.path()).size() >= 3) people.push_back(e.path());
    }
    std::ranges::sort(people);
    ASSERT_GE(people.size(), 1u);
    const auto imgs = imagesOf(people[0]);
    fs::create_directories(work_ / "enrol" / "1-Anna");
    fs::create_directories(work_ / "camera");
    for (std::size_t k = 0; k + 1 < imgs.size() && k < 5; ++k) fs::copy_file(imgs[k], work_ / "enrol" / "1-Anna" / imgs[k].filename());
    fs::copy_file(imgs.back(), work_ / "camera" / ("0" + imgs.back().extension().string()));
    config_.policy = terminal::VerificationPolicy::FaceAndFinger;
    config_.enrolFolder = work_ / "enrol";
    config_.source = "folder:" + (work_ / "camera").string();
    enrolFinger(1, 101);
    feed(103, 6);  // someone else's finger first: refused, a second attempt is offered
    feed(101, 6);
    const auto s = run([](const std::string& t) { return t.find("\nOK ") != std::string::npos; });
    EXPECT_NE(s.find("WAIT place your finger employee=1"), std::string::npos) << s;
    EXPECT_NE(s.find("WAIT fingerprint does not match, try again employee=1"), std::string::npos) << s;
    EXPECT_NE(s.find("OK Anna "), std::string::npos) << s;
    EXPECT_NE(s.find("employee=1 method=face+fingerprint face="), std::string::npos) << s;
    const auto punches = journalled();
    ASSERT_EQ(punches.size(), 1u);
    EXPECT_EQ(punches[0].method, proto::PunchMethod::FaceAndFingerprint);
    EXPECT_TRUE(punches[0].faceScore.has_value());
    EXPECT_TRUE(punches[0].fingerScore.has_value());
}

TEST_F(TerminalFinger, APersonMarkedBothAtAFaceTerminalTimesOutWithoutAFinger) {
    if (!haveFaces()) GTEST_SKIP() << "faces/people or the face models (models/fetch.sh) are missing";
    std::vector<fs::path> people;
    for (const auto& e : fs::directory_iterator(faces_)) {
        if (imagesOf(e.path()).size() >= 3) people.push_back(e.path());
    }
    std::ranges::sort(people);
    const auto imgs = imagesOf(people[0]);
    const auto enrol = work_ / "enrol" / "1-Anna";
    fs::create_directories(enrol);
    fs::create_directories(work_ / "camera");
    for (std::size_t k = 0; k + 1 < imgs.size() && k < 5; ++k) fs::copy_file(imgs[k], enrol / imgs[k].filename());
    std::ofstream(enrol / "policy") << "face+fingerprint\n";
    fs::copy_file(imgs.back(), work_ / "camera" / ("0" + imgs.back().extension().string()));
    config_.policy = terminal::VerificationPolicy::Face;
    config_.enrolFolder = work_ / "enrol";
    config_.source = "folder:" + (work_ / "camera").string();
    config_.secondFactorTimeout = 2s;
    enrolFinger(1, 101);
    const auto s = run([](const std::string& t) { return t.find("RETRY timed out") != std::string::npos; }, 60s);
    EXPECT_NE(s.find("WAIT place your finger employee=1"), std::string::npos) << s;
    EXPECT_NE(s.find("RETRY timed out, start again: no fingerprint in time employee=1"), std::string::npos) << s;
    EXPECT_EQ(count(s, "\nOK "), 0) << s;
    EXPECT_TRUE(journalled().empty());
}

TEST_F(TerminalFinger, PrintsWrittenToTheFeedFifoArePresentedWhenTheReaderAsks) {
    config_.policy = terminal::VerificationPolicy::Fingerprint;
    config_.fingerFeed = "fifo:" + (work_ / "feed.fifo").string();
    enrolFinger(3, 104);
    std::thread writer([&] {
        // The daemon creates the FIFO at start; a demo or a test writes one image path per line.
        for (int i = 0; i < 200 && !fs::exists(work_ / "feed.fifo"); ++i) std::this_thread::sleep_for(50ms);
        std::this_thread::sleep_for(500ms);
        std::ofstream(work_ / "feed.fifo") << (prints_ / "104_7.png").string() << "\n";
    });
    const auto s = run([](const std::string& t) { return t.find("\nOK ") != std::string::npos; }, 60s);
    writer.join();
    EXPECT_NE(s.find("employee=3 method=fingerprint"), std::string::npos) << s;
}
