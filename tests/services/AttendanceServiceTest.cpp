#include "rollcall/services/AttendanceService.hpp"

#include "ServiceFixture.hpp"
#include "rollcall/store/DirtyDayRepository.hpp"

using namespace rollcall;
using namespace std::chrono_literals;
using rollcall::testing::ServiceFixture;

namespace {
class AttendanceServiceTest : public ServiceFixture {};
constexpr LocalDate kMonday(2026, 11, 23);
}  // namespace

TEST_F(AttendanceServiceTest, APunchArrivingThreeDaysLateTurnsAnAbsenceIntoPresenceTraceably) {
    services::AttendanceService attendance(*store_);
    auto queued = attendance.closeDay(kMonday, at(kMonday + 1, 0, 30));
    ASSERT_TRUE(queued);
    EXPECT_EQ(*queued, 4);
    drain(at(kMonday + 1, 0, 31));
    EXPECT_EQ(recordOf(clerk_, kMonday).status, rules::DayStatus::Absent);

    // The terminal was offline; its journal delivers Monday's punches on Thursday.
    const Instant thursday = at(kMonday + 3, 10, 0);
    punch({terminalPunch(clerk_, 41, at(kMonday, 8, 28), thursday), terminalPunch(clerk_, 42, at(kMonday, 17, 31), thursday)});
    drain(thursday + 1min);

    const rules::DayRecord now = recordOf(clerk_, kMonday);
    EXPECT_EQ(now.status, rules::DayStatus::Present);
    ASSERT_TRUE(now.inPunch);
    EXPECT_EQ(now.inPunch->at, LocalDateTime(kMonday, LocalTime(8, 28)));
    auto history = store::DayRecordRepository(*store_).history(clerk_, kMonday);
    ASSERT_TRUE(history);
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ((*history)[0].after.status, rules::DayStatus::Absent);
    EXPECT_EQ((*history)[0].cause, "day closed");
    EXPECT_EQ((*history)[1].before->status, rules::DayStatus::Absent);
    EXPECT_EQ((*history)[1].after.status, rules::DayStatus::Present);
    EXPECT_NE((*history)[1].cause.find("from terminal 3 (seq 41)"), std::string::npos) << (*history)[1].cause;
    EXPECT_EQ((*history)[1].changedAt, thursday + 1min);
    EXPECT_EQ(*store::DirtyDayRepository(*store_).count(), 0);
}

TEST_F(AttendanceServiceTest, AResentBatchChangesNothing) {
    const Instant evening = at(kMonday, 18, 0);
    punch({terminalPunch(clerk_, 1, at(kMonday, 8, 29), evening), terminalPunch(clerk_, 2, at(kMonday, 17, 31), evening)});
    drain(evening);
    EXPECT_EQ(recordOf(clerk_, kMonday).status, rules::DayStatus::Present);
    EXPECT_EQ(recordOf(clerk_, kMonday).workedMinutes, 540);
    punch({terminalPunch(clerk_, 1, at(kMonday, 8, 29), evening + 1h), terminalPunch(clerk_, 2, at(kMonday, 17, 31), evening + 1h)});
    EXPECT_EQ(*store::DirtyDayRepository(*store_).count(), 0) << "duplicates queue nothing";
    EXPECT_EQ(store::DayRecordRepository(*store_).history(clerk_, kMonday)->size(), 1u);
}

TEST_F(AttendanceServiceTest, RecomputeEvaluatesARangeAndReportsWhatChanged) {
    services::AttendanceService attendance(*store_);
    const Instant now = at(kMonday + 7, 9, 0);
    auto first = attendance.recompute(clerk_, kMonday, kMonday + 6, now);
    ASSERT_TRUE(first) << first.error().describe();
    EXPECT_EQ(first->evaluated, 7);
    EXPECT_EQ(first->changed, 7);
    EXPECT_EQ(recordOf(clerk_, kMonday + 5).status, rules::DayStatus::RestDay);
    auto again = attendance.recompute(clerk_, kMonday, kMonday + 6, now + 1h);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->changed, 0) << "evaluation is deterministic";
    EXPECT_FALSE(attendance.recompute(clerk_, kMonday + 1, kMonday, now));
    EXPECT_FALSE(attendance.recompute(EmployeeId(999), kMonday, kMonday, now));
}

TEST_F(AttendanceServiceTest, QueuedDaysOfUnknownPeopleAreDroppedNotRetriedForever) {
    const Instant evening = at(kMonday, 18, 0);
    punch({terminalPunch(EmployeeId(999), 1, at(kMonday, 8, 29), evening)});
    auto r = services::AttendanceService(*store_).drainDirty(evening);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->skipped, 2);
    EXPECT_EQ(*store::DirtyDayRepository(*store_).count(), 0);
}

TEST_F(AttendanceServiceTest, TheMonthlySheetShowsTheEvaluatedDays) {
    const Instant evening = at(kMonday, 18, 0);
    punch({terminalPunch(clerk_, 1, at(kMonday, 8, 36), evening), terminalPunch(clerk_, 2, at(kMonday, 17, 30), evening)});
    drain(evening);
    auto sheet = store::DayRecordRepository(*store_).monthlySheet(2026, 11);
    ASSERT_TRUE(sheet);
    ASSERT_EQ(sheet->rows.size(), 4u);
    const auto& clerk = sheet->rows[2];
    EXPECT_EQ(clerk.number, "E003");
    ASSERT_TRUE(clerk.days[22]);
    EXPECT_EQ(clerk.days[22]->status, rules::DayStatus::Late);
    EXPECT_EQ(clerk.totals.lateMinutes, 6);
}
