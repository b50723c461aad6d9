#include <gtest/gtest.h>

#include <random>

#include "rollcall/finger/Gallery.hpp"
#include "rollcall/finger/NbisPrint.hpp"
#include "rollcall/finger/SyntheticPrints.hpp"

using namespace rollcall;
using namespace rollcall::finger;

namespace {

PrintMinutiae enrolment(const MinutiaeImage& finger, std::mt19937& rng, double drop = 0.1) {
    PrintMinutiae p;
    for (int i = 0; i < 5; ++i) p.images.push_back(reimpress(finger, rng, i * 6 - 12, i * 4, -i * 3, 2.0, drop));
    return p;
}

TEST(Gallery, IdentifiesTheBestMatchNotTheFirstAboveThreshold) {
    std::mt19937 rng(11);
    Gallery gallery;
    const auto finger = randomMinutiae(rng, 45);
    // Person 1 holds a poor copy of the finger (most minutiae missing) and is enrolled first.
    gallery.add({EmployeeId(1), Finger::RightIndex}, enrolment(finger, rng, 0.55));
    gallery.add({EmployeeId(2), Finger::RightIndex}, enrolment(finger, rng, 0.05));
    const auto probe = gallery.matcher().prepare(reimpress(finger, rng, 3, 2, 2));
    const auto result = gallery.identify(probe);
    ASSERT_TRUE(result.match);
    EXPECT_EQ(result.match->person, EmployeeId(2));
    EXPECT_GT(result.bestScore, result.runnerUpScore);
    EXPECT_TRUE(gallery.matcher().accepts(result.runnerUpScore)) << "the first was above threshold too";
}

TEST(Gallery, FindsTheRightFingerAmongManyAndNoOneForAStranger) {
    std::mt19937 rng(12);
    Gallery gallery;
    std::vector<MinutiaeImage> fingers;
    for (int i = 0; i < 600; ++i) {
        fingers.push_back(randomMinutiae(rng, 40));
        gallery.add({EmployeeId(100 + i), Finger::LeftIndex}, enrolment(fingers.back(), rng));
    }
    for (int i : {0, 123, 599}) {
        const auto result = gallery.identify(gallery.matcher().prepare(reimpress(fingers[static_cast<std::size_t>(i)], rng, 20, -10, 10)));
        ASSERT_TRUE(result.match) << i;
        EXPECT_EQ(result.match->person, EmployeeId(100 + i));
        EXPECT_LT(result.shortlisted, gallery.size()) << "the first stage narrows large galleries";
    }
    const auto stranger = gallery.identify(gallery.matcher().prepare(randomMinutiae(rng, 40)));
    EXPECT_FALSE(stranger.match);
    EXPECT_EQ(stranger.enrolled, 600U);
}

TEST(Gallery, ExcludesAPersonReplacesAndRemoves) {
    std::mt19937 rng(13);
    Gallery gallery;
    const auto finger = randomMinutiae(rng, 45);
    const FingerKey key{EmployeeId(7), Finger::RightThumb};
    gallery.add(key, enrolment(finger, rng));
    const auto probe = gallery.matcher().prepare(reimpress(finger, rng, 0, 0, 0));
    EXPECT_TRUE(gallery.identify(probe).match);
    EXPECT_FALSE(gallery.identify(probe, {.excludePerson = EmployeeId(7)}).match);

    gallery.add(key, enrolment(randomMinutiae(rng, 45), rng));  // re-enrolled with another finger
    EXPECT_EQ(gallery.size(), 1U);
    EXPECT_FALSE(gallery.identify(probe).match);
    EXPECT_TRUE(gallery.remove(key));
    EXPECT_FALSE(gallery.remove(key));
    EXPECT_EQ(gallery.size(), 0U);
}

TEST(Gallery, SeveralFingersPerPersonAndTemplatesFromBlobs) {
    std::mt19937 rng(14);
    Gallery gallery;
    const auto thumb = randomMinutiae(rng, 40), index = randomMinutiae(rng, 40);
    ASSERT_TRUE(gallery.add(FingerTemplate{{EmployeeId(5), Finger::RightThumb}, buildNbisPrint(enrolment(thumb, rng), "virtual_image", "0")}));
    ASSERT_TRUE(gallery.add(FingerTemplate{{EmployeeId(5), Finger::RightIndex}, buildNbisPrint(enrolment(index, rng), "virtual_image", "0")}));
    const auto result = gallery.identify(gallery.matcher().prepare(reimpress(index, rng, 0, 0, 0)));
    ASSERT_TRUE(result.match);
    EXPECT_EQ(result.match->finger, Finger::RightIndex);
    EXPECT_EQ(gallery.removePerson(EmployeeId(5)), 2U);
    EXPECT_EQ(gallery.add(FingerTemplate{{EmployeeId(6), Finger::RightIndex}, {1, 2, 3}}).error().code, "finger.print_invalid");
}

}  // namespace
