// Model tests on real images: they need the fetched models (models/fetch.sh) and the shared
// data set (ROLLCALL_DATA_DIR); without either they skip and say why.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <fstream>
#include <map>

#include "TestPaths.hpp"
#include "rollcall/face/FaceEngine.hpp"

using namespace rollcall;
using namespace rollcall::face;

namespace {

class FaceModels : public ::testing::Test {
protected:
    void SetUp() override {
        const auto models = test::modelsDir();
        if (!models) GTEST_SKIP() << "models not fetched (run models/fetch.sh or set ROLLCALL_MODELS_DIR)";
        const auto data = test::facesDataDir();
        if (!data) GTEST_SKIP() << "ROLLCALL_DATA_DIR is unset or has no faces/ folder; real-image tests skipped";
        faces_ = *data;
        FaceConfig config;
        config.modelsDir = *models;
        config.manifest = test::sourceDir() / "models" / "manifest.json";
        auto engine = FaceEngine::create(config);
        ASSERT_TRUE(engine) << engine.error().message;
        engine_ = std::move(*engine);
    }

    BgrImage image(const std::string& relative) {
        auto img = loadImage(faces_ / relative);
        EXPECT_TRUE(img) << img.error().message;
        return img ? *img : BgrImage{};
    }

    std::filesystem::path faces_;
    std::unique_ptr<FaceEngine> engine_;
};

float cosine(const std::vector<float>& a, const std::vector<float>& b) {
    float s = 0;
    for (std::size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
    return s;
}

}  // namespace

TEST_F(FaceModels, EveryGroupPhotoHasItsFaceCount) {
    FaceConfig config = engine_->config();
    config.farFaces = FarFaceSearch::Always;  // small faces in wide shots need the back model
    auto created = FaceEngine::create(config);
    ASSERT_TRUE(created) << created.error().message;
    engine_ = std::move(*created);
    // Counted by eye; bbt2 has two people in front and partly hidden people behind them.
    const std::map<std::string, std::pair<std::size_t, std::size_t>> expected{
        {"bbt_bbt1.jpg", {4, 4}}, {"bbt_bbt2.jpg", {2, 5}}, {"bbt_bbt3.jpg", {5, 5}},       {"bbt_bbt4.jpg", {6, 6}},
        {"bbt_bbt5.jpg", {5, 5}}, {"fr_kit_with_rose.jpg", {2, 2}}, {"fr_obama_and_biden.jpg", {3, 3}},
        {"fr_two_people.jpg", {2, 2}}};
    for (const auto& [file, range] : expected) {
        auto a = engine_->analyse(image("groups/" + file), {.liveness = false});
        ASSERT_TRUE(a) << a.error().message;
        EXPECT_GE(a->faces.size(), range.first) << file;
        EXPECT_LE(a->faces.size(), range.second) << file;
        EXPECT_TRUE(a->primary) << file;
        EXPECT_NE(a->note.find("faces in view"), std::string::npos) << file;
    }
}

TEST_F(FaceModels, GenuinePairsAcceptedAndImpostorsRejectedAtTheDefaultThreshold) {
    std::ifstream labels(faces_ / "labels-people.tsv");
    ASSERT_TRUE(labels);
    std::string line;
    std::getline(labels, line);
    std::vector<std::pair<std::string, std::vector<float>>> samples;
    while (std::getline(labels, line)) {
        const auto tab = line.find('\t');
        if (tab == std::string::npos) continue;
        auto a = engine_->analyse(image(line.substr(0, tab)), {.liveness = false});
        ASSERT_TRUE(a) << a.error().message;
        ASSERT_FALSE(a->embedding.empty()) << "no face in " << line.substr(0, tab);
        samples.emplace_back(line.substr(tab + 1), std::move(a->embedding));
    }
    const float threshold = engine_->config().match.threshold;
    std::size_t genuine = 0, accepted = 0, impostors = 0, falseAccepts = 0;
    for (std::size_t i = 0; i < samples.size(); ++i)
        for (std::size_t j = i + 1; j < samples.size(); ++j) {
            const bool same = samples[i].first == samples[j].first;
            const bool accept = cosine(samples[i].second, samples[j].second) >= threshold;
            (same ? genuine : impostors)++;
            if (same && accept) ++accepted;
            if (!same && accept) ++falseAccepts;
        }
    EXPECT_EQ(falseAccepts, 0U) << "of " << impostors << " impostor pairs";
    // Measured: 97 of 98 genuine pairs at 0.41 (the one miss scores 0.399).
    EXPECT_GE(static_cast<double>(accepted) / static_cast<double>(genuine), 0.98) << accepted << " of " << genuine;
}

TEST_F(FaceModels, LivenessSamplesAreJudgedCorrectly) {
    for (const auto& entry : std::filesystem::directory_iterator(faces_ / "liveness")) {
        const auto name = entry.path().filename().string();
        auto a = engine_->analyse(image("liveness/" + name));
        ASSERT_TRUE(a) << a.error().message;
        ASSERT_TRUE(a->liveness) << name << ": " << a->note;
        const auto expected = name.starts_with("real") ? LivenessDecision::Live : LivenessDecision::Spoof;
        EXPECT_EQ(a->liveness->decision, expected) << name << " scored " << a->liveness->score;
    }
}

TEST_F(FaceModels, EnrolmentRefusesADuplicateIdentityUnlessOverridden) {
    Gallery gallery;
    std::vector<BgrImage> penny, pennyAgain, sheldon;
    for (int i : {1, 2, 3}) penny.push_back(image(fmt::format("people/bbt_penny/penny{}.png", i)));
    for (int i : {3, 4, 5}) pennyAgain.push_back(image(fmt::format("people/bbt_penny/penny{}.png", i)));
    for (int i : {1, 2, 3}) sheldon.push_back(image(fmt::format("people/bbt_sheldon/sheldon{}.png", i)));
    auto first = engine_->enrol(EmployeeId{1}, penny, gallery);
    ASSERT_TRUE(first) << first.error().message;
    EXPECT_EQ(first->imagesUsed, 3U);
    auto other = engine_->enrol(EmployeeId{2}, sheldon, gallery);
    ASSERT_TRUE(other) << other.error().message;

    auto duplicate = engine_->enrol(EmployeeId{3}, pennyAgain, gallery);
    ASSERT_FALSE(duplicate);
    EXPECT_EQ(duplicate.error().code, "face.enrol.duplicate");
    EXPECT_FALSE(gallery.contains(EmployeeId{3}));
    EXPECT_EQ(gallery.personCount(), 2U);

    // Re-enrolling the same person replaces their templates; it is not a duplicate.
    auto again = engine_->enrol(EmployeeId{1}, pennyAgain, gallery);
    EXPECT_TRUE(again) << again.error().message;
    EXPECT_EQ(gallery.personCount(), 2U);

    auto overridden = engine_->enrol(EmployeeId{3}, pennyAgain, gallery, {.allowDuplicate = true});
    EXPECT_TRUE(overridden) << overridden.error().message;
    EXPECT_TRUE(gallery.contains(EmployeeId{3}));
}

TEST_F(FaceModels, EnrolmentNeedsThreeToFiveImagesOfOnePerson) {
    Gallery gallery;
    std::vector<BgrImage> two{image("people/bbt_penny/penny1.png"), image("people/bbt_penny/penny2.png")};
    EXPECT_EQ(engine_->enrol(EmployeeId{1}, two, gallery).error().code, "face.enrol.count");
    std::vector<BgrImage> mixed{image("people/bbt_penny/penny1.png"), image("people/bbt_penny/penny2.png"),
                                image("people/bbt_sheldon/sheldon1.png")};
    EXPECT_EQ(engine_->enrol(EmployeeId{1}, mixed, gallery).error().code, "face.enrol.inconsistent");
    EXPECT_EQ(gallery.templateCount(), 0U);
}

TEST_F(FaceModels, RecognisesAnEnrolledPersonAndNotAStranger) {
    Gallery gallery;
    std::vector<BgrImage> penny;
    for (int i : {1, 2, 3}) penny.push_back(image(fmt::format("people/bbt_penny/penny{}.png", i)));
    ASSERT_TRUE(engine_->enrol(EmployeeId{7}, penny, gallery));
    auto known = engine_->recognise(image("people/bbt_penny/penny5.png"), gallery);
    ASSERT_TRUE(known) << known.error().message;
    EXPECT_EQ(known->match.decision, MatchDecision::Match);
    EXPECT_EQ(known->match.hits.best->person, EmployeeId{7});
    auto stranger = engine_->recognise(image("people/bbt_sheldon/sheldon2.png"), gallery);
    ASSERT_TRUE(stranger);
    EXPECT_EQ(stranger->match.decision, MatchDecision::NoMatch);
    EXPECT_FALSE(stranger->accepted);
}

namespace {
BgrImage darkened(BgrImage img, float factor) {
    for (auto& p : img.pixels) p = static_cast<std::uint8_t>(static_cast<float>(p) * factor);
    return img;
}
BgrImage shrunk(const BgrImage& img, int step) {  // nearest neighbour, 1/step of the size
    BgrImage out{img.width / step, img.height / step, {}};
    for (int y = 0; y < out.height; ++y)
        for (int x = 0; x < out.width; ++x)
            for (int c = 0; c < 3; ++c)
                out.pixels.push_back(img.pixels[(static_cast<std::size_t>(y * step) * img.width + x * step) * 3 + c]);
    return out;
}
}  // namespace

TEST_F(FaceModels, QualityGatesRefuseDarkAndTinyFacesAtEnrolment) {
    const auto penny = image("people/bbt_penny/penny1.png");
    auto dark = engine_->analyse(darkened(penny, 0.15F), {.liveness = false});
    ASSERT_TRUE(dark) << dark.error().message;
    // Either nothing is found or the face is refused as too dark.
    EXPECT_TRUE(dark->embedding.empty() ||
                fmt::format("{}", fmt::join(dark->quality.problems, ";")).find("dark") != std::string::npos)
        << "brightness " << dark->quality.brightness;
    auto tiny = engine_->analyse(shrunk(penny, 4), {.liveness = false});
    ASSERT_TRUE(tiny) << tiny.error().message;
    EXPECT_TRUE(tiny->embedding.empty() || !tiny->quality.ok) << "eye distance " << tiny->quality.eyeDistance;

    Gallery gallery;
    std::vector<BgrImage> poor;
    for (int i : {1, 2, 3}) poor.push_back(darkened(image(fmt::format("people/bbt_penny/penny{}.png", i)), 0.15F));
    auto refused = engine_->enrol(EmployeeId{1}, poor, gallery);
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, "face.enrol.quality");
    EXPECT_EQ(gallery.templateCount(), 0U);
}
