#include <gtest/gtest.h>

#include <cmath>
#include <fmt/format.h>
#include <random>
#include <unistd.h>

#include "rollcall/face/Gallery.hpp"

using namespace rollcall;
using namespace rollcall::face;

namespace {

std::vector<float> randomUnit(std::mt19937& rng, std::size_t dim = 512) {
    std::normal_distribution<float> n;
    std::vector<float> v(dim);
    double sq = 0;
    for (auto& x : v) {
        x = n(rng);
        sq += x * x;
    }
    for (auto& x : v) x = static_cast<float>(x / std::sqrt(sq));
    return v;
}

// Mixes `base` with fresh noise so that cosine(base, result) is about `similarity`.
std::vector<float> near(std::mt19937& rng, const std::vector<float>& base, float similarity) {
    auto noise = randomUnit(rng, base.size());
    const float w = std::sqrt(1 - similarity * similarity);
    std::vector<float> v(base.size());
    for (std::size_t i = 0; i < v.size(); ++i) v[i] = similarity * base[i] + w * noise[i];
    return v;
}

Gallery filled(std::mt19937& rng, std::size_t people, std::vector<std::vector<float>>& identities,
               GalleryPrecision precision = GalleryPrecision::Float32) {
    Gallery g(512, precision);
    for (std::size_t p = 0; p < people; ++p) {
        identities.push_back(randomUnit(rng));
        const std::vector<std::vector<float>> templates{near(rng, identities.back(), 0.8F), near(rng, identities.back(), 0.8F)};
        EXPECT_TRUE(g.upsert(EmployeeId{static_cast<std::int64_t>(p + 1)}, templates));
    }
    return g;
}

}  // namespace

TEST(Gallery, FindsTheEnrolledPersonAndADifferentSecondBest) {
    std::mt19937 rng(7);
    std::vector<std::vector<float>> ids;
    const Gallery g = filled(rng, 500, ids);
    EXPECT_EQ(g.personCount(), 500U);
    EXPECT_EQ(g.templateCount(), 1000U);
    for (std::size_t p : {0U, 123U, 499U}) {
        const auto hits = g.search(near(rng, ids[p], 0.8F));
        ASSERT_TRUE(hits.best && hits.second);
        EXPECT_EQ(hits.best->person, EmployeeId{static_cast<std::int64_t>(p + 1)});
        EXPECT_NE(hits.second->person, hits.best->person);
        EXPECT_GT(hits.best->score, 0.5F);
        EXPECT_LT(hits.second->score, 0.3F);
    }
}

TEST(Gallery, MarginRuleSaysMatchAmbiguousOrNoMatch) {
    const MatchPolicy policy{0.40F, 0.05F};
    auto hits = [](float best, std::optional<float> second) {
        SearchResult r{SearchHit{EmployeeId{1}, best}, std::nullopt};
        if (second) r.second = SearchHit{EmployeeId{2}, *second};
        return r;
    };
    EXPECT_EQ(applyMatchPolicy(hits(0.70F, 0.20F), policy).decision, MatchDecision::Match);
    EXPECT_EQ(applyMatchPolicy(hits(0.70F, std::nullopt), policy).decision, MatchDecision::Match);
    EXPECT_EQ(applyMatchPolicy(hits(0.70F, 0.67F), policy).decision, MatchDecision::Ambiguous);
    EXPECT_EQ(applyMatchPolicy(hits(0.39F, 0.10F), policy).decision, MatchDecision::NoMatch);
    EXPECT_EQ(applyMatchPolicy(SearchResult{}, policy).decision, MatchDecision::NoMatch);
}

TEST(Gallery, TwoEnrolmentsOfOneFaceAreAmbiguous) {
    std::mt19937 rng(3);
    Gallery g;
    const auto face = randomUnit(rng);
    const std::vector<std::vector<float>> a{near(rng, face, 0.9F)}, b{near(rng, face, 0.9F)};
    ASSERT_TRUE(g.upsert(EmployeeId{1}, a));
    ASSERT_TRUE(g.upsert(EmployeeId{2}, b));
    EXPECT_EQ(g.identify(face, MatchPolicy{0.4F, 0.05F}).decision, MatchDecision::Ambiguous);
}

TEST(Gallery, UpsertReplacesAndRemoveForgets) {
    std::mt19937 rng(11);
    std::vector<std::vector<float>> ids;
    Gallery g = filled(rng, 10, ids);
    const auto fresh = randomUnit(rng);
    const std::vector<std::vector<float>> replacement{fresh};
    ASSERT_TRUE(g.upsert(EmployeeId{5}, replacement));
    EXPECT_EQ(g.templateCount(), 19U);
    EXPECT_EQ(g.search(fresh).best->person, EmployeeId{5});
    EXPECT_NE(g.search(ids[4]).best->person, EmployeeId{5});  // the old face is gone
    EXPECT_TRUE(g.remove(EmployeeId{3}));
    EXPECT_FALSE(g.remove(EmployeeId{3}));
    EXPECT_FALSE(g.contains(EmployeeId{3}));
    EXPECT_EQ(g.personCount(), 9U);
    EXPECT_NE(g.search(ids[2]).best->person, EmployeeId{3});
    EXPECT_EQ(g.search(ids[9]).best->person, EmployeeId{10});  // rows after the removed one still line up
}

TEST(Gallery, RefusesWrongDimensionAndZeroVectorsWithoutChangingAnything) {
    Gallery g;
    const std::vector<std::vector<float>> shortOne{std::vector<float>(128, 1.0F)};
    const auto r = g.upsert(EmployeeId{1}, shortOne);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "face.gallery.dimension");
    const std::vector<std::vector<float>> zero{std::vector<float>(512, 0.0F)};
    EXPECT_EQ(g.upsert(EmployeeId{1}, zero).error().code, "face.gallery.zero");
    EXPECT_EQ(g.templateCount(), 0U);
    EXPECT_FALSE(g.search(std::vector<float>(512, 1.0F)).best);
}

TEST(Gallery, Int8GivesTheSameAnswersAsFloat) {
    std::mt19937 rngA(5), rngB(5);
    std::vector<std::vector<float>> idsA, idsB;
    const Gallery f = filled(rngA, 300, idsA, GalleryPrecision::Float32);
    const Gallery q = filled(rngB, 300, idsB, GalleryPrecision::Int8);
    std::mt19937 probes(9);
    for (std::size_t p = 0; p < 300; p += 7) {
        const auto probe = near(probes, idsA[p], 0.7F);
        const auto a = f.search(probe), b = q.search(probe);
        ASSERT_TRUE(a.best && b.best);
        EXPECT_EQ(a.best->person, b.best->person);
        EXPECT_NEAR(a.best->score, b.best->score, 0.01F);
    }
}

TEST(Gallery, SerialisedGalleryRoundTrips) {
    std::mt19937 rng(13);
    std::vector<std::vector<float>> ids;
    const Gallery g = filled(rng, 20, ids);
    auto back = Gallery::deserialise(g.serialise());
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->templateCount(), 40U);
    EXPECT_EQ(back->search(ids[7]).best->person, EmployeeId{8});
    EXPECT_EQ(back->search(ids[7]).best->score, g.search(ids[7]).best->score);
    auto bytes = g.serialise();
    bytes.pop_back();
    EXPECT_EQ(Gallery::deserialise(bytes).error().code, "face.gallery.format");
    bytes[0] = 'X';
    EXPECT_EQ(Gallery::deserialise(bytes).error().code, "face.gallery.format");
}

TEST(Gallery, SavedFileIsSealedAndOpensOnlyWithTheDeviceKey) {
    std::mt19937 rng(17);
    std::vector<std::vector<float>> ids;
    const Gallery g = filled(rng, 5, ids);
    const auto file = std::filesystem::temp_directory_path() / fmt::format("rollcall-gallery-{}.bin", ::getpid());
    const auto key = crypto::SecretKey::generate();
    ASSERT_TRUE(g.save(file, key));
    auto raw = crypto::readFileBytes(file);
    ASSERT_TRUE(raw);
    const auto plain = g.serialise();
    // No template value appears in clear in the file.
    EXPECT_EQ(std::search(raw->begin(), raw->end(), plain.begin() + 40, plain.begin() + 72), raw->end());
    auto loaded = Gallery::load(file, key);
    ASSERT_TRUE(loaded) << loaded.error().message;
    EXPECT_EQ(loaded->search(ids[2]).best->person, EmployeeId{3});
    EXPECT_EQ(Gallery::load(file, crypto::SecretKey::generate()).error().code, "face.gallery.sealed");
    (*raw)[raw->size() / 2] ^= 0x01;
    ASSERT_TRUE(crypto::writeSecretFile(file, *raw));
    EXPECT_EQ(Gallery::load(file, key).error().code, "face.gallery.sealed");
    std::filesystem::remove(file);
}
