// The terminal daemon's own parts: configuration, repeat suppression and the gallery it keeps
// offline. The whole daemon runs as a process in face_clock_in.sh.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "rollcall/terminal/FaceTemplateCodec.hpp"
#include "rollcall/terminal/RepeatFilter.hpp"
#include "rollcall/terminal/TerminalConfig.hpp"
#include "rollcall/terminal/TerminalGallery.hpp"

namespace fs = std::filesystem;
using namespace rollcall;
using namespace rollcall::terminal;

namespace {

fs::path freshDir(const std::string& name) {
    auto dir = fs::temp_directory_path() / ("rollcall-terminal-test-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

std::vector<float> unit(std::size_t dim, std::size_t hot) {
    std::vector<float> v(dim, 0.0F);
    v[hot] = 1.0F;
    return v;
}

proto::GalleryPerson person(std::int64_t id, const std::string& name, std::size_t dim, std::size_t hot) {
    const auto v = unit(dim, hot);
    return {EmployeeId(id), name, {{"face", encodeFaceTemplate(v)}, {"finger", {1, 2, 3}}}};
}

}  // namespace

TEST(TerminalConfig, MinimalFileGetsDefaults) {
    auto c = TerminalConfig::parse("[face]\nsource = \"folder:probes\"\n");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->policy, VerificationPolicy::Face);
    EXPECT_EQ(c->language, "zh");
    EXPECT_EQ(c->repeatSuppression, std::chrono::seconds(60));
    EXPECT_TRUE(c->liveness);
}

TEST(TerminalConfig, ReadsEverySection) {
    auto c = TerminalConfig::parse(R"(
[terminal]
data_dir = "d"
language = "en"
policy = "face+fingerprint"
[server]
address = "10.0.0.1:7443"
[face]
source = "camera:0"
threshold = 0.5
liveness = false
frame_interval_ms = 40
[enrolment]
folder = "people"
[behaviour]
repeat_suppression_seconds = 5
exit_at_end = true
)");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->policy, VerificationPolicy::FaceAndFinger);
    EXPECT_EQ(c->serverAddress, "10.0.0.1:7443");
    EXPECT_FLOAT_EQ(c->matchThreshold, 0.5F);
    EXPECT_FALSE(c->liveness);
    EXPECT_EQ(c->frameInterval, std::chrono::milliseconds(40));
    EXPECT_EQ(c->enrolFolder, fs::path("people"));
    EXPECT_TRUE(c->exitAtEnd);
}

TEST(TerminalConfig, RefusesUnknownKeysWrongTypesAndBadValuesByName) {
    auto typo = TerminalConfig::parse("[face]\nsource = \"camera:0\"\ntreshold = 0.5\n");
    ASSERT_FALSE(typo);
    EXPECT_EQ(typo.error().field, "face.treshold");
    auto type = TerminalConfig::parse("[face]\nsource = \"camera:0\"\nliveness = \"yes\"\n");
    ASSERT_FALSE(type);
    EXPECT_EQ(type.error().field, "face.liveness");
    auto policy = TerminalConfig::parse("[terminal]\npolicy = \"retina\"\n[face]\nsource = \"camera:0\"\n");
    ASSERT_FALSE(policy);
    EXPECT_EQ(policy.error().field, "terminal.policy");
    auto range = TerminalConfig::parse("[face]\nsource = \"camera:0\"\nthreshold = 2.0\n");
    ASSERT_FALSE(range);
    auto syntax = TerminalConfig::parse("[face\n");
    ASSERT_FALSE(syntax);
    EXPECT_EQ(syntax.error().code, "config.syntax");
}

TEST(TerminalConfig, FaceSourceIsRequiredUnlessFingerprintOnly) {
    EXPECT_FALSE(TerminalConfig::parse(""));
    EXPECT_TRUE(TerminalConfig::parse("[terminal]\npolicy = \"fingerprint\"\n"));
}

TEST(TerminalConfig, RelativePathsAreRelativeToTheFile) {
    const auto dir = freshDir("config");
    const auto file = dir / "terminal.toml";
    std::FILE* f = std::fopen(file.c_str(), "w");
    std::fputs("[terminal]\ndata_dir = \"data\"\n[face]\nsource = \"folder:probes\"\n", f);
    std::fclose(f);
    auto c = TerminalConfig::load(file);
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->dataDir, dir / "data");
    EXPECT_EQ(c->source, "folder:" + (dir / "probes").string());
    fs::remove_all(dir);
}

TEST(RepeatFilter, SamePersonWithinTheWindowPunchesOnce) {
    RepeatFilter f(std::chrono::seconds(60));
    const auto t = Instant::fromMicros(1'000'000'000'000);
    EXPECT_TRUE(f.admit(EmployeeId(1), std::nullopt, t));
    EXPECT_FALSE(f.admit(EmployeeId(1), std::nullopt, t + std::chrono::seconds(30)));
    EXPECT_TRUE(f.admit(EmployeeId(2), std::nullopt, t + std::chrono::seconds(30)));
    EXPECT_TRUE(f.admit(EmployeeId(1), std::nullopt, t + std::chrono::seconds(61)));
}

TEST(RepeatFilter, ASpotCheckIsANewReasonToPunch) {
    RepeatFilter f(std::chrono::seconds(60));
    const auto t = Instant::fromMicros(1'000'000'000'000);
    EXPECT_TRUE(f.admit(EmployeeId(1), std::nullopt, t));
    EXPECT_TRUE(f.admit(EmployeeId(1), SpotCheckId(7), t + std::chrono::seconds(1)));
    EXPECT_FALSE(f.admit(EmployeeId(1), SpotCheckId(7), t + std::chrono::seconds(2)));
}

TEST(FaceTemplateCodec, RoundTripsAndRefusesAWrongLength) {
    const auto v = unit(8, 3);
    auto back = decodeFaceTemplate(encodeFaceTemplate(v), 8);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, v);
    EXPECT_FALSE(decodeFaceTemplate(encodeFaceTemplate(v), 16));
}

TEST(TerminalGallery, AppliesDeltasAndKeepsThemAcrossRestarts) {
    const auto dir = freshDir("gallery");
    const auto key = crypto::SecretKey::generate();
    {
        auto g = TerminalGallery::open(dir, key, 8);
        ASSERT_TRUE(g) << g.error().message;
        EXPECT_EQ((*g)->galleryVersion(), 0u);
        ASSERT_TRUE((*g)->apply({0, 3, {person(11, "Li Lei", 8, 1), person(12, "Han Meimei", 8, 2)}, {}}));
        ASSERT_TRUE((*g)->apply({3, 4, {}, {EmployeeId(12)}}));
    }
    auto g = TerminalGallery::open(dir, key, 8);
    ASSERT_TRUE(g) << g.error().message;
    EXPECT_EQ((*g)->galleryVersion(), 4u);
    EXPECT_EQ((*g)->personCount(), 1u);
    EXPECT_EQ((*g)->nameOf(EmployeeId(11)), "Li Lei");
    const auto probe = unit(8, 1);
    auto hit = (*g)->withFaces([&](const face::Gallery& faces) { return faces.identify(probe, {}); });
    ASSERT_EQ(hit.decision, face::MatchDecision::Match);
    EXPECT_EQ(hit.hits.best->person, EmployeeId(11));
    fs::remove_all(dir);
}

TEST(TerminalGallery, AnOutOfOrderOrBrokenDeltaChangesNothing) {
    const auto dir = freshDir("gallery-bad");
    const auto key = crypto::SecretKey::generate();
    auto g = TerminalGallery::open(dir, key, 8);
    ASSERT_TRUE(g);
    ASSERT_TRUE((*g)->apply({0, 2, {person(11, "Li Lei", 8, 1)}, {}}));
    auto gap = (*g)->apply({5, 6, {person(12, "X", 8, 2)}, {}});
    ASSERT_FALSE(gap);
    EXPECT_EQ(gap.error().code, "gallery.version");
    proto::GalleryPerson broken{EmployeeId(13), "Y", {{"face", {1, 2, 3}}}};
    EXPECT_FALSE((*g)->apply({2, 3, {person(12, "X", 8, 2), broken}, {}}));
    EXPECT_EQ((*g)->galleryVersion(), 2u);
    EXPECT_EQ((*g)->personCount(), 1u);
    EXPECT_FALSE((*g)->contains(EmployeeId(12)));
    fs::remove_all(dir);
}

TEST(TerminalGallery, ASavedGalleryOpensOnlyWithTheDeviceKey) {
    const auto dir = freshDir("gallery-key");
    {
        auto g = TerminalGallery::open(dir, crypto::SecretKey::generate(), 8);
        ASSERT_TRUE(g);
        ASSERT_TRUE((*g)->apply({0, 1, {person(11, "Li Lei", 8, 1)}, {}}));
    }
    auto other = TerminalGallery::open(dir, crypto::SecretKey::generate(), 8);
    ASSERT_FALSE(other);
    EXPECT_EQ(other.error().code, "gallery.corrupt");
    fs::remove_all(dir);
}

TEST(TerminalConfig, ReadsTheFingerKioskAndTimingKeys) {
    auto c = TerminalConfig::parse(R"(
[terminal]
policy = "either"
[face]
source = "camera:0"
[finger]
reader = "virtual_image"
enrol_folder = "prints"
feed = "fifo:feed"
[kiosk]
port = 8088
[behaviour]
second_factor_timeout_seconds = 7
success_hold_ms = 1500
failure_hold_ms = 500
finger_attempts = 2
)");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->fingerReader, "virtual_image");
    EXPECT_EQ(c->fingerFeed, "fifo:feed");
    EXPECT_EQ(c->kioskPort, 8088);
    EXPECT_EQ(c->kioskAddress, "127.0.0.1");
    EXPECT_EQ(c->secondFactorTimeout, std::chrono::seconds(7));
    EXPECT_EQ(c->successHold, std::chrono::milliseconds(1500));
    EXPECT_EQ(c->fingerAttempts, 2);
    auto defaults = TerminalConfig::parse("[face]\nsource = \"camera:0\"\n");
    ASSERT_TRUE(defaults);
    EXPECT_EQ(defaults->fingerReader, "none");
    EXPECT_EQ(defaults->kioskPort, 0);
    EXPECT_EQ(defaults->secondFactorTimeout, std::chrono::seconds(10));
}

TEST(TerminalConfig, RefusesAFeedWithoutTheVirtualImageReaderAndBadPorts) {
    auto feed = TerminalConfig::parse("[face]\nsource = \"camera:0\"\n[finger]\nreader = \"any\"\nfeed = \"folder:x\"\n");
    ASSERT_FALSE(feed);
    EXPECT_EQ(feed.error().field, "finger.feed");
    auto scheme = TerminalConfig::parse("[face]\nsource = \"camera:0\"\n[finger]\nreader = \"virtual_image\"\nfeed = \"tcp:1\"\n");
    ASSERT_FALSE(scheme);
    EXPECT_EQ(scheme.error().field, "finger.feed");
    auto port = TerminalConfig::parse("[face]\nsource = \"camera:0\"\n[kiosk]\nport = 70000\n");
    ASSERT_FALSE(port);
    EXPECT_EQ(port.error().field, "kiosk.port");
}

TEST(TerminalConfig, TheExampleFileInTheRepositoryParses) {
    const char* src = std::getenv("ROLLCALL_SOURCE_DIR");
    if (!src) GTEST_SKIP() << "ROLLCALL_SOURCE_DIR is not set";
    auto c = TerminalConfig::load(fs::path(src) / "terminal" / "app" / "terminal.example.toml");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->kioskPort, 8088);
    EXPECT_EQ(c->fingerReader, "none");
}

TEST(TerminalGallery, KeepsFingerprintsAndPersonalPoliciesAcrossRestarts) {
    const auto dir = freshDir("gallery-fingers");
    const auto key = crypto::SecretKey::generate();
    {
        auto g = TerminalGallery::open(dir, key, 8);
        ASSERT_TRUE(g);
        // The delta's "finger" template is kept as the print the reader will load.
        ASSERT_TRUE((*g)->apply({0, 1, {person(11, "Li Lei", 8, 1), person(12, "Han Meimei", 8, 2)}, {}}));
        ASSERT_TRUE((*g)->addFingerLocally(EmployeeId(11), {9, 9, 9}));
        ASSERT_TRUE((*g)->setPolicyLocally(EmployeeId(11), VerificationPolicy::FaceAndFinger));
        ASSERT_TRUE((*g)->setPolicyLocally(EmployeeId(12), VerificationPolicy::Fingerprint));
        ASSERT_TRUE((*g)->setPolicyLocally(EmployeeId(12), std::nullopt));
    }
    auto g = TerminalGallery::open(dir, key, 8);
    ASSERT_TRUE(g) << g.error().message;
    EXPECT_EQ((*g)->fingersOf(EmployeeId(11)), (std::vector<std::vector<std::uint8_t>>{{1, 2, 3}, {9, 9, 9}}));
    EXPECT_EQ((*g)->policyOf(EmployeeId(11)), VerificationPolicy::FaceAndFinger);
    EXPECT_EQ((*g)->policyOf(EmployeeId(12)), std::nullopt);
    EXPECT_EQ((*g)->allFingers().size(), 2u);
    // A removal takes the person's prints and policy with it; an upsert replaces the prints.
    ASSERT_TRUE((*g)->apply({1, 2, {person(12, "Han Meimei", 8, 2)}, {EmployeeId(11)}}));
    EXPECT_TRUE((*g)->fingersOf(EmployeeId(11)).empty());
    EXPECT_EQ((*g)->policyOf(EmployeeId(11)), std::nullopt);
    EXPECT_EQ((*g)->fingersOf(EmployeeId(12)).size(), 1u);
    fs::remove_all(dir);
}
