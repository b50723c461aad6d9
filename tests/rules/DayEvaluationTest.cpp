// Day evaluation beyond the design table: split and flexible shifts, rest days, leave of
// several kinds, and the determinism that lets the server re-evaluate whenever an input changes.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "RulesFixtures.hpp"

namespace rollcall::rules {
namespace {

using namespace testing;

constexpr LocalDate kMonday{2026, 11, 2};
constexpr LocalDate kSaturday{2026, 11, 7};

LeavePeriod wholeDay(LocalDate d) { return {d, HalfDay::Morning, d, HalfDay::Afternoon, {}, {}}; }
LeavePeriod morningOf(LocalDate d) { return {d, HalfDay::Morning, d, HalfDay::Morning, {}, {}}; }
LeavePeriod afternoonOf(LocalDate d) { return {d, HalfDay::Afternoon, d, HalfDay::Afternoon, {}, {}}; }

TEST(DayEvaluation, ForgottenCheckOutIsMissingOutPunchWithLatenessStillCounted) {
    const auto r = evaluateOn(shiftS(), kMonday, {punch(1, kMonday, 8, 50)});
    EXPECT_EQ(r.status, DayStatus::MissingOut);
    EXPECT_TRUE(r.missingOut);
    EXPECT_EQ(r.lateMinutes, 20);
    EXPECT_EQ(r.workedMinutes, 0);
}

TEST(DayEvaluation, OnlyAnOutPunchIsMissingInPunch) {
    const auto r = evaluateOn(shiftS(), kMonday, {punch(1, kMonday, 17, 40)});
    EXPECT_EQ(r.status, DayStatus::MissingIn);
    EXPECT_TRUE(r.missingIn);
}

TEST(DayEvaluation, DuplicatePunchesFromTwoTerminalsChangeNothing) {
    const std::vector<Punch> single = {punch(1, kMonday, 8, 29, 1), punch(2, kMonday, 17, 45, 1)};
    std::vector<Punch> doubled = single;
    doubled.push_back(punch(3, kMonday, 8, 29, 2));
    doubled.push_back(punch(4, kMonday, 17, 45, 2));
    doubled.push_back(single[0]);  // the same stored punch delivered twice
    const auto a = evaluateOn(shiftS(), kMonday, single);
    const auto b = evaluateOn(shiftS(), kMonday, doubled);
    EXPECT_EQ(a.status, b.status);
    EXPECT_EQ(a.workedMinutes, b.workedMinutes);
    EXPECT_EQ(a.overtimeMinutes, b.overtimeMinutes);
    EXPECT_EQ(a.inPunch, b.inPunch);
    EXPECT_EQ(a.punchesConsidered, b.punchesConsidered);
}

TEST(DayEvaluation, EarlyArrivalIsNeverOvertimeButStayingLateIs) {
    const auto early = evaluateOn(shiftS(), kMonday, {punch(1, kMonday, 6, 31), punch(2, kMonday, 17, 30)});
    EXPECT_EQ(early.status, DayStatus::Present);
    EXPECT_EQ(early.overtimeMinutes, 0);
    EXPECT_EQ(early.workedMinutes, 540);
    const auto within = evaluateOn(shiftS(), kMonday, {punch(1, kMonday, 6, 31), punch(2, kMonday, 17, 59)});
    EXPECT_EQ(within.overtimeMinutes, 0) << "overtime counts only from 30 minutes after the end";
}

TEST(DayEvaluation, LeavingEarlyAndArrivingLateAreBothCounted) {
    const auto r = evaluateOn(shiftS(), kMonday, {punch(1, kMonday, 9, 0), punch(2, kMonday, 16, 0)});
    EXPECT_EQ(r.status, DayStatus::LateAndEarly);
    EXPECT_EQ(r.lateMinutes, 30);
    EXPECT_EQ(r.earlyMinutes, 90);
    const auto early = evaluateOn(shiftS(), kMonday, {punch(1, kMonday, 8, 0), punch(2, kMonday, 17, 0)});
    EXPECT_EQ(early.status, DayStatus::EarlyLeave);
    EXPECT_EQ(early.earlyMinutes, 30);
}

TEST(DayEvaluation, FirstInPunchAndLastOutPunchCount) {
    const auto r = evaluateOn(shiftS(), kMonday,
                              {punch(1, kMonday, 8, 10), punch(2, kMonday, 8, 40), punch(3, kMonday, 12, 30),
                               punch(4, kMonday, 17, 35), punch(5, kMonday, 17, 50)});
    EXPECT_EQ(r.inPunch->id, PunchId{1});
    EXPECT_EQ(r.outPunch->id, PunchId{5});
    EXPECT_EQ(r.status, DayStatus::Present);
}

TEST(DayEvaluation, PunchesOutsideEveryWindowDoNotCount) {
    const auto r = evaluateOn(shiftS(), kMonday, {punch(1, kMonday, 5, 0)});
    EXPECT_EQ(r.status, DayStatus::Absent);
}

TEST(DayEvaluation, MakeUpSaturdayIsAWorkdayLikeAnyOther) {
    const LocalDate makeUp{2026, 10, 10};
    const auto absent = evaluateOn(shiftS(), makeUp, {});
    EXPECT_EQ(absent.status, DayStatus::Absent);
    EXPECT_EQ(absent.calendarDay, DayKind::MakeUpWorkday);
    const auto present = evaluateOn(shiftS(), makeUp, {punch(1, makeUp, 8, 20), punch(2, makeUp, 17, 40)});
    EXPECT_EQ(present.status, DayStatus::Present);
    EXPECT_EQ(present.overtimeMinutes, 0) << "a make-up workday is a workday, not overtime";
}

TEST(DayEvaluation, WorkOnARestDayIsAllOvertime) {
    const auto r = evaluateOn(shiftS(), kSaturday, {punch(1, kSaturday, 9, 0), punch(2, kSaturday, 12, 0)});
    EXPECT_EQ(r.status, DayStatus::RestDay);
    EXPECT_EQ(r.overtimeMinutes, 180);
    EXPECT_EQ(evaluateOn(shiftS(), kSaturday, {}).status, DayStatus::RestDay);
}

TEST(DayEvaluation, HalfDayLeaveInTheMorningWithAfternoonAttendance) {
    const auto r = evaluateOn(shiftS(), kMonday, {punch(1, kMonday, 11, 55), punch(2, kMonday, 17, 31)},
                              {approvedLeave(1, "sick", morningOf(kMonday))});
    EXPECT_EQ(r.status, DayStatus::Present);
    EXPECT_EQ(r.lateMinutes, 0);
    EXPECT_EQ(r.workedMinutes, 330);
    ASSERT_EQ(r.leaves.size(), 1u);
    EXPECT_TRUE(r.leaves[0].morning);
    EXPECT_EQ(r.leaves[0].minutes, 210);
}

TEST(DayEvaluation, HalfDayLeaveWithTheOtherHalfMissedIsHalfDayAbsent) {
    const auto r = evaluateOn(shiftS(), kMonday, {}, {approvedLeave(1, "annual", afternoonOf(kMonday))});
    EXPECT_EQ(r.status, DayStatus::HalfDayAbsent);
}

TEST(DayEvaluation, LeavingBeforeNoonOnAnAfternoonOffIsEarlyLeave) {
    const auto r = evaluateOn(shiftS(), kMonday, {punch(1, kMonday, 8, 25), punch(2, kMonday, 11, 30)},
                              {approvedLeave(1, "annual", afternoonOf(kMonday))});
    EXPECT_EQ(r.status, DayStatus::EarlyLeave);
    EXPECT_EQ(r.earlyMinutes, 30);
}

TEST(DayEvaluation, WholeDayLeaveNamesItsTypeAndBusinessTripShowsAsSuch) {
    const auto leave = evaluateOn(shiftS(), kMonday, {}, {approvedLeave(3, "sick", wholeDay(kMonday))});
    EXPECT_EQ(leave.status, DayStatus::OnLeave);
    ASSERT_EQ(leave.leaves.size(), 1u);
    EXPECT_EQ(leave.leaves[0].type, "sick");
    EXPECT_EQ(leave.leaves[0].minutes, 540);
    const auto trip = evaluateOn(shiftS(), kMonday, {}, {approvedLeave(4, "trip", wholeDay(kMonday))});
    EXPECT_EQ(trip.status, DayStatus::BusinessTrip);
}

TEST(DayEvaluation, PendingRejectedAndCancelledLeaveExcuseNothing) {
    for (auto state : {LeaveState::Pending, LeaveState::Rejected, LeaveState::Cancelled}) {
        auto l = approvedLeave(3, "annual", wholeDay(kMonday));
        l.state = state;
        EXPECT_EQ(evaluateOn(shiftS(), kMonday, {}, {l}).status, DayStatus::Absent) << toString(state);
    }
}

TEST(DayEvaluation, LeaveOfAnotherPersonIsIgnored) {
    auto l = approvedLeave(3, "annual", wholeDay(kMonday));
    l.employee = EmployeeId{2};
    EXPECT_EQ(evaluateOn(shiftS(), kMonday, {}, {l}).status, DayStatus::Absent);
}

TEST(DayEvaluation, HourlyLeaveExcusesALateArrival) {
    LeavePeriod twoHours{kMonday, HalfDay::Morning, kMonday, HalfDay::Morning, LocalTime(8, 30), LocalTime(10, 30)};
    const auto r = evaluateOn(shiftS(), kMonday, {punch(1, kMonday, 10, 25), punch(2, kMonday, 17, 30)},
                              {approvedLeave(5, "personal", twoHours)});
    EXPECT_EQ(r.status, DayStatus::Present);
    EXPECT_EQ(r.lateMinutes, 0);
    EXPECT_EQ(r.leaves[0].minutes, 120);
}

TEST(DayEvaluation, ReportingBackEarlyEndsTheLeave) {
    auto l = approvedLeave(3, "annual", {kMonday, HalfDay::Morning, kMonday + 2, HalfDay::Afternoon, {}, {}});
    l.state = LeaveState::ReportedBack;
    l.reportedBackAt = LocalDateTime(kMonday + 1, LocalTime(8, 0));
    EXPECT_EQ(evaluateOn(shiftS(), kMonday, {}, {l}).status, DayStatus::OnLeave);
    // Back at 08:00 on the second day: that day is an ordinary workday again, and so is the third.
    EXPECT_EQ(evaluateOn(shiftS(), kMonday + 1, {punch(1, kMonday + 1, 8, 1), punch(2, kMonday + 1, 17, 30)}, {l}).status,
              DayStatus::Present);
    EXPECT_EQ(evaluateOn(shiftS(), kMonday + 1, {}, {l}).status, DayStatus::Absent);
    EXPECT_EQ(evaluateOn(shiftS(), kMonday + 2, {}, {l}).status, DayStatus::Absent);
}

TEST(DayEvaluation, ReportingBackAtNoonLeavesTheMorningOnLeave) {
    auto l = approvedLeave(3, "sick", wholeDay(kMonday));
    l.state = LeaveState::ReportedBack;
    l.reportedBackAt = LocalDateTime(kMonday, LocalTime(12, 0));
    const auto r = evaluateOn(shiftS(), kMonday, {punch(1, kMonday, 12, 10), punch(2, kMonday, 17, 31)}, {l});
    EXPECT_EQ(r.status, DayStatus::Late) << "the afternoon starts at the report-back, 12:00";
    EXPECT_EQ(r.lateMinutes, 10);
    ASSERT_EQ(r.leaves.size(), 1u);
    EXPECT_TRUE(r.leaves[0].morning);
    EXPECT_FALSE(r.leaves[0].afternoon);
    EXPECT_EQ(r.leaves[0].minutes, 210);
}

TEST(DayEvaluation, SplitShiftUsesFourWindows) {
    const auto r = evaluateOn(splitShift(), kMonday,
                              {punch(1, kMonday, 8, 25), punch(2, kMonday, 12, 1), punch(3, kMonday, 13, 40),
                               punch(4, kMonday, 17, 31)});
    EXPECT_EQ(r.status, DayStatus::Late);
    EXPECT_EQ(r.lateMinutes, 10);
    ASSERT_EQ(r.segments.size(), 2u);
    EXPECT_EQ(r.segments[0].in->id, PunchId{1});
    EXPECT_EQ(r.segments[0].out->id, PunchId{2});
    EXPECT_EQ(r.segments[1].in->id, PunchId{3});
    EXPECT_EQ(r.segments[1].out->id, PunchId{4});
    EXPECT_EQ(r.workedMinutes, 210 + 230);
}

TEST(DayEvaluation, SplitShiftWithTheAfternoonMissedIsHalfDayAbsent) {
    const auto r = evaluateOn(splitShift(), kMonday, {punch(1, kMonday, 8, 25), punch(2, kMonday, 12, 1)});
    EXPECT_EQ(r.status, DayStatus::HalfDayAbsent);
}

TEST(DayEvaluation, SplitShiftWithAfternoonLeaveNeedsOnlyTheMorning) {
    const auto r = evaluateOn(splitShift(), kMonday, {punch(1, kMonday, 8, 25), punch(2, kMonday, 12, 1)},
                              {approvedLeave(1, "annual", afternoonOf(kMonday))});
    EXPECT_EQ(r.status, DayStatus::Present);
    EXPECT_TRUE(r.segments[1].excused);
}

struct FlexCase {
    const char* what;
    std::vector<std::pair<int, int>> punches;
    DayStatus status;
    int late;
    int early;
    int worked;
    int overtime;
};

class FlexibleShift : public ::testing::TestWithParam<FlexCase> {};

TEST_P(FlexibleShift, CoversTheCoreHoursAndTheRequiredDuration) {
    const auto& c = GetParam();
    std::vector<Punch> punches;
    std::int64_t id = 1;
    for (auto [h, m] : c.punches) punches.push_back(punch(id++, kMonday, h, m));
    const auto r = evaluateOn(flexibleShift(), kMonday, punches);
    EXPECT_EQ(r.status, c.status) << c.what;
    EXPECT_EQ(r.lateMinutes, c.late) << c.what;
    EXPECT_EQ(r.earlyMinutes, c.early) << c.what;
    EXPECT_EQ(r.workedMinutes, c.worked) << c.what;
    EXPECT_EQ(r.overtimeMinutes, c.overtime) << c.what;
}

INSTANTIATE_TEST_SUITE_P(
    Table, FlexibleShift,
    ::testing::Values(
        FlexCase{"early bird 07:30-15:30", {{7, 30}, {15, 30}}, DayStatus::Present, 0, 0, 480, 0},
        FlexCase{"late riser 10:00-18:00", {{10, 0}, {18, 0}}, DayStatus::Present, 0, 0, 480, 0},
        FlexCase{"arrives after core start", {{10, 20}, {18, 30}}, DayStatus::Late, 20, 0, 490, 0},
        FlexCase{"covers the core but not the duration", {{9, 0}, {16, 0}}, DayStatus::EarlyLeave, 0, 60, 420, 0},
        FlexCase{"stays long: overtime after required + 30", {{8, 0}, {17, 45}}, DayStatus::Present, 0, 0, 585, 75},
        FlexCase{"one punch twice is not in and out", {{9, 0}, {9, 0}}, DayStatus::MissingOut, 0, 0, 0, 0},
        FlexCase{"no punch", {}, DayStatus::Absent, 0, 0, 0, 0}),
    [](const ::testing::TestParamInfo<FlexCase>& row) { return testName(row.param.what); });

TEST(DayEvaluation, NightShiftDoesNotLendItsMorningPunchToTheNextDay) {
    // D+1 is a Saturday rest day: the 06:02 check-out of Friday's night shift is not rest-day work.
    const LocalDate friday{2026, 11, 6};
    const std::vector<Punch> punches = {punch(1, friday, 21, 55), punch(2, friday + 1, 6, 2),
                                        punch(3, friday + 1, 6, 3)};
    const auto sat = evaluateOn(nightShift(), friday + 1, punches);
    EXPECT_EQ(sat.status, DayStatus::RestDay);
    EXPECT_EQ(sat.overtimeMinutes, 0);
    const auto fri = evaluateOn(nightShift(), friday, punches);
    EXPECT_EQ(fri.status, DayStatus::Present);
    EXPECT_EQ(fri.outPunch->id, PunchId{3});
}

TEST(DayEvaluation, NightShiftLateArrivalAndEarlyDeparture) {
    const LocalDate d = kMonday;
    const auto r = evaluateOn(nightShift(), d, {punch(1, d, 22, 10), punch(2, d + 1, 5, 0)});
    EXPECT_EQ(r.status, DayStatus::LateAndEarly);
    EXPECT_EQ(r.lateMinutes, 10);
    EXPECT_EQ(r.earlyMinutes, 60);
}

TEST(DayEvaluation, OrderOfPunchesNeverMatters) {
    std::vector<Punch> punches = {punch(1, kMonday, 8, 29, 1), punch(2, kMonday, 8, 29, 2), punch(3, kMonday, 8, 31),
                                  punch(4, kMonday, 12, 30), punch(5, kMonday, 17, 40, 2), punch(6, kMonday, 17, 40, 1),
                                  punch(7, kMonday + 1, 8, 0)};
    const auto reference = evaluateOn(shiftS(), kMonday, punches);
    std::mt19937 rng(42);
    for (int i = 0; i < 50; ++i) {
        std::ranges::shuffle(punches, rng);
        ASSERT_EQ(evaluateOn(shiftS(), kMonday, punches), reference) << "shuffle " << i;
    }
}

TEST(DayEvaluation, NotRosteredDayIsReportedAsSuch) {
    DayInputs in;
    in.employee = kPerson;
    in.date = kMonday;
    EXPECT_EQ(evaluateDay(in).status, DayStatus::NotRostered);
    in.schedule.kind = ScheduledDay::Kind::Shift;  // a shift day without a usable shift is not guessed at
    EXPECT_EQ(evaluateDay(in).status, DayStatus::NotRostered);
    Shift empty;
    in.schedule.shift = &empty;
    EXPECT_EQ(evaluateDay(in).status, DayStatus::NotRostered);
}

TEST(PeriodEvaluation, EvaluatesEveryDayAndMatchesDayByDayEvaluation) {
    Roster roster;
    ASSERT_TRUE(roster.addShift(nightShift()).has_value());
    ASSERT_TRUE(roster.addPattern({PatternId{1}, "nights", PatternKind::Cycle, std::nullopt,
                                   {ShiftId{2}, ShiftId{2}, std::nullopt}, kMonday})
                    .has_value());
    ASSERT_TRUE(roster.assign({kPerson, PatternId{1}, kMonday, std::nullopt}).has_value());
    const auto calendar = calendar2026();
    const auto policy = LeavePolicy::standard();
    std::vector<Punch> punches = {punch(1, kMonday, 21, 58), punch(2, kMonday + 1, 6, 5),
                                  punch(3, kMonday + 1, 22, 0), punch(4, kMonday + 2, 6, 1)};
    PeriodInputs in;
    in.employee = kPerson;
    in.from = kMonday;
    in.to = kMonday + 5;
    in.roster = &roster;
    in.calendar = &calendar;
    in.policy = &policy;
    in.punches = punches;
    const auto month = evaluatePeriod(in);
    ASSERT_EQ(month.size(), 6u);
    EXPECT_EQ(month[0].status, DayStatus::Present);
    EXPECT_EQ(month[1].status, DayStatus::Present);
    EXPECT_EQ(month[2].status, DayStatus::RestDay);
    EXPECT_EQ(month[2].overtimeMinutes, 0);
    EXPECT_EQ(month[3].status, DayStatus::Absent);
    for (const auto& r : month) {
        DayInputs day;
        day.employee = kPerson;
        day.date = r.date;
        day.schedule = roster.resolve(kPerson, r.date, calendar);
        day.previousDay = roster.resolve(kPerson, r.date - 1, calendar);
        day.punches = punches;
        day.policy = &policy;
        EXPECT_EQ(evaluateDay(day), r) << r.date.toString();
    }
}

}  // namespace
}  // namespace rollcall::rules
