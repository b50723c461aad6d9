// DESIGN.md "Worked examples": every row of the table, as data. Shift S is 08:30-17:30, late
// grace 5 min, in-window 06:30-12:00, out-window 12:00-23:59, overtime from 30 min after the end.
#include <gtest/gtest.h>

#include "RulesFixtures.hpp"

namespace rollcall::rules {
namespace {

using namespace testing;

constexpr LocalDate kWednesday{2026, 11, 4};
constexpr LocalDate kMakeUpSaturday{2026, 10, 10};
constexpr LocalDate kHolidayWednesday{2026, 10, 7};

struct Example {
    const char* name;       // the test's name: the behaviour in CamelCase
    const char* situation;
    LocalDate date;
    std::vector<Punch> punches;
    std::vector<LeaveRequest> leaves;
    DayStatus status;
    int late = 0;
    int early = 0;
    int worked = 0;
    int overtime = 0;
};

LeavePeriod afternoonOf(LocalDate d) { return {d, HalfDay::Afternoon, d, HalfDay::Afternoon, {}, {}}; }

const std::vector<Example>& examples() {
    static const std::vector<Example> table = {
        {"OnTimeIsPresentWith540WorkedAndNoOvertime", "punches 08:29, 17:31: present, worked 540, overtime 0", kWednesday,
         {punch(1, kWednesday, 8, 29), punch(2, kWednesday, 17, 31)}, {}, DayStatus::Present, 0, 0, 540, 0},
        {"InsideGraceIsPresentNotLate", "punches 08:34, 17:30: present inside grace, late 0", kWednesday,
         {punch(1, kWednesday, 8, 34), punch(2, kWednesday, 17, 30)}, {}, DayStatus::Present, 0, 0, 536, 0},
        {"LateCountsFromShiftStartNotFromGraceEnd", "punches 08:36, 17:30: late 6 counted from the shift start", kWednesday,
         {punch(1, kWednesday, 8, 36), punch(2, kWednesday, 17, 30)}, {}, DayStatus::Late, 6, 0, 534, 0},
        {"SingleMorningPunchIsMissingOutPunchNotAbsent", "punch 08:20 only: missing out-punch, not absent", kWednesday,
         {punch(1, kWednesday, 8, 20)}, {}, DayStatus::MissingOut, 0, 0, 0, 0},
        {"NoPunchOnWorkdayIsAbsent", "no punch on a workday without leave: absent", kWednesday, {}, {}, DayStatus::Absent},
        {"EarlyArrivalIsNotOvertime", "punches 07:00, 17:30: early arrival is not overtime", kWednesday,
         {punch(1, kWednesday, 7, 0), punch(2, kWednesday, 17, 30)}, {}, DayStatus::Present, 0, 0, 540, 0},
        {"OvertimeCountsFromThirtyMinutesAfterEnd", "punches 08:25, 18:45: overtime 45 from 18:00", kWednesday,
         {punch(1, kWednesday, 8, 25), punch(2, kWednesday, 18, 45)}, {}, DayStatus::Present, 0, 0, 540, 45},
        {"AfternoonHalfDayLeaveMeansNoEarlyLeave", "afternoon half-day leave, punches 08:25, 12:05: present a.m., leave p.m., no early leave", kWednesday,
         {punch(1, kWednesday, 8, 25), punch(2, kWednesday, 12, 5)},
         {approvedLeave(7, "annual", afternoonOf(kWednesday))}, DayStatus::Present, 0, 0, 210, 0},
        {"MakeUpSaturdayWithoutPunchIsAbsent", "Saturday made a workday (调休), no punch: absent", kMakeUpSaturday, {}, {}, DayStatus::Absent},
        {"HolidayOnWednesdayIsHoliday", "public holiday on a Wednesday, no punch: holiday", kHolidayWednesday, {}, {}, DayStatus::Holiday},
        {"SameMinuteOnTwoTerminalsIsOnePunch", "08:29 from terminal A and from terminal B: one in-punch, nothing doubled", kWednesday,
         {punch(1, kWednesday, 8, 29, 1), punch(2, kWednesday, 8, 29, 2), punch(3, kWednesday, 17, 30, 1),
          punch(4, kWednesday, 17, 30, 2)},
         {}, DayStatus::Present, 0, 0, 540, 0},
    };
    return table;
}

class WorkedExamples : public ::testing::TestWithParam<std::size_t> {};

TEST_P(WorkedExamples, DayRecordMatchesTheDesignTable) {
    const Example& ex = examples()[GetParam()];
    SCOPED_TRACE(ex.situation);
    const auto r = evaluateOn(shiftS(), ex.date, ex.punches, ex.leaves);
    EXPECT_EQ(toString(r.status), toString(ex.status));
    EXPECT_EQ(r.lateMinutes, ex.late);
    EXPECT_EQ(r.earlyMinutes, ex.early);
    EXPECT_EQ(r.workedMinutes, ex.worked);
    EXPECT_EQ(r.overtimeMinutes, ex.overtime);
}

INSTANTIATE_TEST_SUITE_P(DesignTable, WorkedExamples, ::testing::Range<std::size_t>(0, examples().size()),
                         [](const ::testing::TestParamInfo<std::size_t>& row) { return examples()[row.param].name; });

TEST(WorkedExampleDetails, EarlyPunchFromTwoTerminalsYieldsOneInPunchFromTheFirstTerminal) {
    const std::vector<Punch> punches = {punch(2, kWednesday, 8, 29, 2), punch(1, kWednesday, 8, 29, 1),
                                        punch(3, kWednesday, 17, 30, 1)};
    const auto r = evaluateOn(shiftS(), kWednesday, punches);
    ASSERT_TRUE(r.inPunch.has_value());
    EXPECT_EQ(r.inPunch->terminal, TerminalId{1});
    EXPECT_EQ(r.punchesConsidered, 2);  // 08:29 twice is one moment
}

TEST(WorkedExampleDetails, HalfDayLeaveIsNamedOnTheRecord) {
    const auto r = evaluateOn(shiftS(), kWednesday, {punch(1, kWednesday, 8, 25), punch(2, kWednesday, 12, 5)},
                              {approvedLeave(7, "annual", afternoonOf(kWednesday))});
    ASSERT_EQ(r.leaves.size(), 1u);
    EXPECT_EQ(r.leaves[0].type, "annual");
    EXPECT_FALSE(r.leaves[0].morning);
    EXPECT_TRUE(r.leaves[0].afternoon);
    EXPECT_EQ(r.earlyMinutes, 0);
}

TEST(WorkedExampleDetails, MissingOutPunchIsCompletedByAnApprovedCorrection) {
    Correction c;
    c.id = CorrectionId{5};
    c.employee = kPerson;
    c.day = kWednesday;
    c.at = LocalDateTime(kWednesday, LocalTime(17, 35));
    c.reason = "forgot to check out";
    c.state = CorrectionState::Approved;
    const std::vector<Punch> punches = {punch(1, kWednesday, 8, 20)};
    const auto before = evaluateOn(shiftS(), kWednesday, punches);
    const auto after = evaluateOn(shiftS(), kWednesday, punches, {}, {c});
    EXPECT_EQ(before.status, DayStatus::MissingOut);
    EXPECT_EQ(after.status, DayStatus::Present);
    ASSERT_TRUE(after.outPunch.has_value());
    EXPECT_EQ(after.outPunch->source, PunchSource::Correction);
    EXPECT_EQ(after.outPunch->correction, CorrectionId{5});
    EXPECT_EQ(after.inPunch->id, PunchId{1});  // the original punch is kept as it was
}

TEST(WorkedExampleDetails, NightShiftCheckOutOnTheNextDateBelongsToTheStartDate) {
    const LocalDate d{2026, 11, 2};  // Monday
    const std::vector<Punch> punches = {punch(1, d, 21, 55), punch(2, d + 1, 6, 2)};
    const auto day = evaluateOn(nightShift(), d, punches);
    EXPECT_EQ(day.status, DayStatus::Present);
    EXPECT_EQ(day.workedMinutes, 480);
    ASSERT_TRUE(day.outPunch.has_value());
    EXPECT_EQ(day.outPunch->at.date(), d + 1);
    const auto next = evaluateOn(nightShift(), d + 1, punches);  // D+1 is unaffected: no punch of its own
    EXPECT_EQ(next.status, DayStatus::Absent);
    EXPECT_EQ(next.punchesConsidered, 0);
    EXPECT_FALSE(next.inPunch.has_value());
}

TEST(WorkedExampleDetails, PunchArrivingThreeDaysLateTurnsAbsenceIntoPresence) {
    std::vector<Punch> known = {punch(10, kWednesday, 17, 40)};
    const auto first = evaluateOn(shiftS(), kWednesday, {});
    EXPECT_EQ(first.status, DayStatus::Absent);
    // On D+3 the offline terminal delivers the 08:28 punch; D is evaluated again.
    known.push_back(punch(11, kWednesday, 8, 28, 9));
    const auto again = evaluateOn(shiftS(), kWednesday, known);
    EXPECT_EQ(again.status, DayStatus::Present);
    ASSERT_TRUE(again.inPunch.has_value());
    EXPECT_EQ(again.inPunch->id, PunchId{11});  // traceable: the record names the punch that changed it
    EXPECT_EQ(again.inPunch->terminal, TerminalId{9});
    // Re-evaluation equals a fresh evaluation with the same inputs in another order.
    const std::vector<Punch> reversed(known.rbegin(), known.rend());
    EXPECT_EQ(evaluateOn(shiftS(), kWednesday, reversed), again);
}

TEST(WorkedExampleDetails, LeaveNotReportedBackTurnsTheDayAfterGraceIntoAbsenceAndAFinding) {
    const LocalDate d1{2026, 11, 2};  // Monday; D1-D3 Mon-Wed, D4 Thursday
    const LocalDate d4 = d1 + 3;
    const auto leave = approvedLeave(20, "annual", {d1, HalfDay::Morning, d1 + 2, HalfDay::Afternoon, {}, {}});
    const auto policy = LeavePolicy::standard();  // report-back grace: 1 day
    ASSERT_EQ(policy.reportBackGraceDays, 1);

    const auto duringD4 = evaluateOn(shiftS(), d4, {}, {leave}, {}, calendar2026(), LocalDateTime(d4, LocalTime(20, 0)));
    EXPECT_EQ(duringD4.status, DayStatus::Absent);
    EXPECT_FALSE(duringD4.overrunOf.has_value()) << "the grace day is not over yet";

    const auto afterD4 = evaluateOn(shiftS(), d4, {}, {leave}, {}, calendar2026(), LocalDateTime(d4 + 1, LocalTime(0, 1)));
    EXPECT_EQ(afterD4.status, DayStatus::Absent);
    EXPECT_EQ(afterD4.overrunOf, LeaveId{20});

    const auto finding = findOverrun(leave, policy, LocalDateTime(d4 + 1, LocalTime(0, 1)));
    ASSERT_TRUE(finding.has_value());
    EXPECT_EQ(finding->firstDay, d4);
    EXPECT_EQ(finding->deadline, d4);
    EXPECT_NE(finding->message.find("not reported back"), std::string::npos);
    EXPECT_EQ(leave.state, LeaveState::Approved);  // still open until the person reports back
    // The leave days themselves stay excused.
    EXPECT_EQ(evaluateOn(shiftS(), d1 + 1, {}, {leave}).status, DayStatus::OnLeave);
}

}  // namespace
}  // namespace rollcall::rules
