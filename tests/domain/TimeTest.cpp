#include "rollcall/domain/Time.hpp"

#include <gtest/gtest.h>

using namespace rollcall;

TEST(LocalDate, ParsesAndFormatsAndRejectsImpossibleDates) {
    auto d = LocalDate::parse("2024-02-29");
    ASSERT_TRUE(d);
    EXPECT_EQ(d->toString(), "2024-02-29");
    EXPECT_FALSE(LocalDate::parse("2023-02-29"));
    EXPECT_FALSE(LocalDate::parse("2023-2-01"));
    EXPECT_FALSE(LocalDate::parse("2023-02-01x"));
    EXPECT_FALSE(LocalDate::parse(""));
}

TEST(LocalDate, WeekdaysAndArithmetic) {
    LocalDate sat(2026, 11, 28);
    EXPECT_EQ(sat.isoWeekday(), 6u);
    EXPECT_TRUE(sat.isWeekend());
    EXPECT_EQ((sat + 2).isoWeekday(), 1u);
    EXPECT_EQ((sat + 4).toString(), "2026-12-02");
    EXPECT_EQ(LocalDate(2027, 1, 1) - LocalDate(2026, 12, 31), 1);
}

TEST(LocalTime, ParsesValidTimesOnly) {
    EXPECT_EQ(LocalTime::parse("08:30")->minutes(), 510);
    EXPECT_EQ(LocalTime::parse("23:59:59")->seconds(), 86399);
    EXPECT_FALSE(LocalTime::parse("24:00"));
    EXPECT_FALSE(LocalTime::parse("8:30"));
    EXPECT_EQ(LocalTime(8, 5).toString(), "08:05");
}

TEST(LocalDateTime, SplitsIntoDateAndTimeAcrossMidnight) {
    LocalDateTime t(LocalDate(2026, 3, 1), LocalTime(23, 50));
    auto later = t.plusMinutes(20);
    EXPECT_EQ(later.date(), LocalDate(2026, 3, 2));
    EXPECT_EQ(later.time(), LocalTime(0, 10));
    EXPECT_EQ(minutesBetween(t, later), 20);
    EXPECT_EQ(minutesBetween(later, t), -20);
    EXPECT_EQ(LocalDateTime::parse("2026-03-01 23:50")->toString(), "2026-03-01T23:50:00");
}

TEST(LocalDateTime, BeforeTheEpochStillSplitsCorrectly) {
    LocalDateTime t(LocalDate(1969, 12, 31), LocalTime(23, 0));
    EXPECT_EQ(t.date(), LocalDate(1969, 12, 31));
    EXPECT_EQ(t.time(), LocalTime(23, 0));
}

TEST(Instant, IsoRoundTripWithOffsets) {
    auto i = Instant::parseIso("2026-11-27T08:28:00+08:00");
    ASSERT_TRUE(i);
    EXPECT_EQ(i->toIso(), "2026-11-27T00:28:00.000000Z");
    auto j = Instant::parseIso("2026-11-27T00:28:00.5Z");
    ASSERT_TRUE(j);
    EXPECT_EQ(*j - *i, std::chrono::milliseconds(500));
    EXPECT_FALSE(Instant::parseIso("2026-11-27T00:28:00"));
    EXPECT_FALSE(Instant::parseIso("2026-11-27T00:28:00+8"));
}
