#include "rollcall/tz/TimeZone.hpp"

#include <gtest/gtest.h>

using namespace rollcall;

TEST(TimeZone, ShanghaiIsEightHoursAheadOfUtc) {
    auto tz = TimeZone::load("Asia/Shanghai");
    ASSERT_TRUE(tz) << tz.error().describe();
    auto i = *Instant::parseIso("2026-11-27T00:28:00Z");
    EXPECT_EQ(tz->toLocal(i).toString(), "2026-11-27T08:28:00");
    EXPECT_EQ(tz->toInstant(*LocalDateTime::parse("2026-11-27T08:28")), i);
    EXPECT_EQ(tz->offsetSeconds(i), 8 * 3600);
}

TEST(TimeZone, LocalDateChangesAtLocalMidnightNotUtcMidnight) {
    auto tz = TimeZone::load("Asia/Shanghai");
    auto i = *Instant::parseIso("2026-11-27T16:30:00Z");
    EXPECT_EQ(tz->toLocal(i).date(), LocalDate(2026, 11, 28));
}

TEST(TimeZone, DaylightSavingGapsAndFoldsAreHandled) {
    auto tz = TimeZone::load("Europe/Berlin");
    ASSERT_TRUE(tz);
    // 2026-03-29 02:30 does not exist in Berlin; 2026-10-25 02:30 happens twice.
    auto gap = tz->toInstant(*LocalDateTime::parse("2026-03-29T02:30"));
    EXPECT_EQ(tz->toLocal(gap).toString(), "2026-03-29T03:30:00");
    auto fold = tz->toInstant(*LocalDateTime::parse("2026-10-25T02:30"));
    EXPECT_EQ(fold.toIso(), "2026-10-25T00:30:00.000000Z");
}

TEST(TimeZone, UnknownZoneIsAClearError) {
    auto tz = TimeZone::load("Mars/Olympus_Mons");
    ASSERT_FALSE(tz);
    EXPECT_EQ(tz.error().code, "tz.unknown");
    EXPECT_NE(tz.error().message.find("Mars/Olympus_Mons"), std::string::npos);
}
