#include <gtest/gtest.h>

#include "RulesFixtures.hpp"

namespace rollcall::rules {
namespace {

using namespace testing;

Roster rosterWithPatterns() {
    Roster r;
    EXPECT_TRUE(r.addShift(shiftS()).has_value());
    EXPECT_TRUE(r.addShift(nightShift()).has_value());
    EXPECT_TRUE(r.addPattern({PatternId{1}, "office", PatternKind::CalendarWorkdays, ShiftId{1}, {}, {}}).has_value());
    EXPECT_TRUE(r.addPattern({PatternId{2}, "two days, two nights, two off", PatternKind::Cycle, std::nullopt,
                              {ShiftId{1}, ShiftId{1}, ShiftId{2}, ShiftId{2}, std::nullopt, std::nullopt},
                              LocalDate(2026, 11, 1)})
                    .has_value());
    return r;
}

TEST(Roster, OfficePatternFollowsTheCalendar) {
    auto r = rosterWithPatterns();
    ASSERT_TRUE(r.assign({kPerson, PatternId{1}, LocalDate(2026, 1, 1), std::nullopt}).has_value());
    const auto cal = calendar2026();
    EXPECT_EQ(r.resolve(kPerson, LocalDate(2026, 11, 4), cal).kind, ScheduledDay::Kind::Shift);
    EXPECT_EQ(r.resolve(kPerson, LocalDate(2026, 11, 4), cal).shift->id, ShiftId{1});
    EXPECT_EQ(r.resolve(kPerson, LocalDate(2026, 11, 7), cal).kind, ScheduledDay::Kind::RestDay);
    EXPECT_EQ(r.resolve(kPerson, LocalDate(2026, 10, 7), cal).kind, ScheduledDay::Kind::Holiday);
    const auto makeUp = r.resolve(kPerson, LocalDate(2026, 10, 10), cal);
    EXPECT_EQ(makeUp.kind, ScheduledDay::Kind::Shift);
    EXPECT_EQ(makeUp.calendarDay, DayKind::MakeUpWorkday);
}

TEST(Roster, CyclePatternRepeatsFromItsAnchorInBothDirections) {
    auto r = rosterWithPatterns();
    ASSERT_TRUE(r.assign({kPerson, PatternId{2}, LocalDate(2026, 1, 1), std::nullopt}).has_value());
    const auto cal = calendar2026();
    auto shiftOn = [&](LocalDate d) {
        const auto s = r.resolve(kPerson, d, cal);
        return s.kind == ScheduledDay::Kind::Shift ? s.shift->id.value() : 0;
    };
    EXPECT_EQ(shiftOn(LocalDate(2026, 11, 1)), 1);
    EXPECT_EQ(shiftOn(LocalDate(2026, 11, 3)), 2);
    EXPECT_EQ(shiftOn(LocalDate(2026, 11, 5)), 0);
    EXPECT_EQ(shiftOn(LocalDate(2026, 11, 7)), 1);
    EXPECT_EQ(shiftOn(LocalDate(2026, 10, 31)), 0);  // before the anchor: the cycle runs backwards
    EXPECT_EQ(shiftOn(LocalDate(2026, 10, 29)), 2);
    EXPECT_EQ(shiftOn(LocalDate(2026, 10, 4)), 2) << "a cycle ignores the calendar: posts are staffed on holidays";
}

TEST(Roster, AssignmentsCoverDateRangesAndMayNotOverlap) {
    auto r = rosterWithPatterns();
    ASSERT_TRUE(r.assign({kPerson, PatternId{1}, LocalDate(2026, 1, 1), LocalDate(2026, 6, 30)}).has_value());
    ASSERT_TRUE(r.assign({kPerson, PatternId{2}, LocalDate(2026, 7, 1), std::nullopt}).has_value());
    const auto overlap = r.assign({kPerson, PatternId{1}, LocalDate(2026, 6, 1), LocalDate(2026, 7, 15)});
    ASSERT_FALSE(overlap.has_value());
    EXPECT_EQ(overlap.error().code, "roster.overlap");
    EXPECT_NE(overlap.error().message.find("2026-01-01"), std::string::npos) << overlap.error().message;
    const auto cal = calendar2026();
    EXPECT_EQ(r.resolve(kPerson, LocalDate(2025, 12, 31), cal).kind, ScheduledDay::Kind::NotRostered);
    EXPECT_EQ(r.resolve(EmployeeId{99}, LocalDate(2026, 3, 2), cal).kind, ScheduledDay::Kind::NotRostered);
    EXPECT_EQ(r.employees(), std::vector<EmployeeId>{kPerson});
}

TEST(Roster, RefusesUnknownShiftsPatternsAndDuplicates) {
    auto r = rosterWithPatterns();
    EXPECT_EQ(r.addShift(shiftS()).error().code, "roster.duplicate_shift");
    EXPECT_EQ(r.addPattern({PatternId{3}, "x", PatternKind::CalendarWorkdays, ShiftId{42}, {}, {}}).error().code,
              "roster.unknown_shift");
    EXPECT_EQ(r.assign({kPerson, PatternId{77}, LocalDate(2026, 1, 1), std::nullopt}).error().code,
              "roster.unknown_pattern");
    EXPECT_EQ(r.assign({kPerson, PatternId{1}, LocalDate(2026, 2, 1), LocalDate(2026, 1, 1)}).error().code,
              "roster.bad_range");
    Shift invalid = shiftS();
    invalid.id = ShiftId{50};
    invalid.segments.clear();
    EXPECT_EQ(r.addShift(invalid).error().code, "shift.invalid");
}

}  // namespace
}  // namespace rollcall::rules
