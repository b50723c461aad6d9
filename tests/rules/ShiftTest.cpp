#include <gtest/gtest.h>

#include "RulesFixtures.hpp"

namespace rollcall::rules {
namespace {

using namespace testing;

TEST(ShiftClock, ParsesAndPrintsTimesOnTheNextAndPreviousDate) {
    EXPECT_EQ(ShiftClock::parse("08:30"), ShiftClock(8, 30));
    EXPECT_EQ(ShiftClock::parse("06:00+1"), ShiftClock::nextDay(6, 0));
    EXPECT_EQ(ShiftClock::parse("23:00-1")->minutes(), -60);
    EXPECT_EQ(ShiftClock::nextDay(6, 0).toString(), "06:00+1");
    EXPECT_EQ(ShiftClock::fromMinutes(-60).toString(), "23:00-1");
    EXPECT_EQ(ShiftClock(8, 5).toString(), "08:05");
    EXPECT_FALSE(ShiftClock::parse("8:30").has_value());
    EXPECT_FALSE(ShiftClock::parse("08:30+2").has_value());
    EXPECT_FALSE(ShiftClock::parse("25:00").has_value());
}

TEST(ShiftClock, PlacesANightShiftEndOnTheFollowingDate) {
    const LocalDate d{2026, 11, 2};
    EXPECT_EQ(ShiftClock::nextDay(6, 0).on(d), LocalDateTime(d + 1, LocalTime(6, 0)));
}

TEST(Shift, TheFixturesAreValid) {
    for (const auto& s : {shiftS(), nightShift(), splitShift(), flexibleShift()}) {
        const auto ok = s.validate();
        EXPECT_TRUE(ok.has_value()) << s.name << ": " << ok.error().describe();
    }
}

TEST(Shift, HalfDaySplitDefaultsToTheOutWindowOpeningOrTheSegmentBoundary) {
    EXPECT_EQ(shiftS().halfDayMorningEnd(), ShiftClock(12, 0));
    EXPECT_EQ(splitShift().halfDayMorningEnd(), ShiftClock(12, 0));
    EXPECT_EQ(splitShift().halfDayAfternoonStart(), ShiftClock(13, 30));
    EXPECT_EQ(nightShift().halfDayMorningEnd(), ShiftClock::nextDay(4, 0));  // its out-window opens
    Shift noOutWindowInside = nightShift();
    noOutWindowInside.segments[0].outWindow.from = ShiftClock::nextDay(6, 0);
    EXPECT_EQ(noOutWindowInside.halfDayMorningEnd(), ShiftClock::nextDay(2, 0));  // the midpoint
    EXPECT_EQ(shiftS().scheduledMinutes(), 540);
    EXPECT_EQ(splitShift().scheduledMinutes(), 450);
}

struct BrokenShift {
    const char* what;
    Shift shift;
    const char* mentions;
};

Shift withSegment(ShiftSegment seg) { return makeFixedShift(ShiftId{9}, "X", seg, 0, 0, std::nullopt); }

class ShiftValidation : public ::testing::TestWithParam<BrokenShift> {};

TEST_P(ShiftValidation, RefusesWithAReadableReason) {
    const auto ok = GetParam().shift.validate();
    ASSERT_FALSE(ok.has_value()) << GetParam().what;
    EXPECT_EQ(ok.error().code, "shift.invalid");
    EXPECT_NE(ok.error().message.find(GetParam().mentions), std::string::npos) << ok.error().message;
}

INSTANTIATE_TEST_SUITE_P(
    Table, ShiftValidation,
    ::testing::Values(
        BrokenShift{"end before start", withSegment({ShiftClock(22, 0), ShiftClock(6, 0), {ShiftClock(21, 0), ShiftClock(23, 0)},
                                                     {ShiftClock(5, 0), ShiftClock(7, 0)}}), "use +1"},
        BrokenShift{"start outside in-window", withSegment({ShiftClock(8, 30), ShiftClock(17, 30), {ShiftClock(6, 0), ShiftClock(8, 0)},
                                                            {ShiftClock(12, 0), ShiftClock(20, 0)}}), "in-window must contain the start"},
        BrokenShift{"windows overlap", withSegment({ShiftClock(8, 30), ShiftClock(17, 30), {ShiftClock(6, 0), ShiftClock(13, 0)},
                                                    {ShiftClock(12, 0), ShiftClock(20, 0)}}), "overlap"},
        BrokenShift{"no segment", Shift{}, "at least one segment"}),
    [](const ::testing::TestParamInfo<BrokenShift>& row) { return testName(row.param.what); });

TEST(Shift, SplitShiftSegmentsMustNotShareAWindow) {
    Shift s = splitShift();
    s.segments[1].inWindow.from = ShiftClock(12, 30);  // inside the morning's out-window
    const auto ok = s.validate();
    ASSERT_FALSE(ok.has_value());
    EXPECT_NE(ok.error().message.find("segment 2"), std::string::npos) << ok.error().message;
}

TEST(Shift, FlexibleShiftNeedsItsCoreInsideTheWindow) {
    Shift s = flexibleShift();
    s.flexible->window.to = ShiftClock(14, 0);
    EXPECT_FALSE(s.validate().has_value());
}

}  // namespace
}  // namespace rollcall::rules
