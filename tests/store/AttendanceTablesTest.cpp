#include <gtest/gtest.h>

#include "TempDir.hpp"
#include "rollcall/store/CalendarRepository.hpp"
#include "rollcall/store/CorrectionRepository.hpp"
#include "rollcall/store/DayRecordRepository.hpp"
#include "rollcall/store/EmployeeRepository.hpp"
#include "rollcall/store/LeavePolicyRepository.hpp"
#include "rollcall/store/LeaveRepository.hpp"
#include "rollcall/store/ScheduleRepository.hpp"

using namespace rollcall;
using namespace rollcall::store;
using namespace std::chrono_literals;
using rollcall::rules::ShiftClock;
using rollcall::testing::TempDir;

namespace {

class AttendanceTablesTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto s = Store::open({.path = dir_.file("rollcall.db")});
        ASSERT_TRUE(s) << s.error().describe();
        store_ = std::move(*s);
        Employee e;
        e.number = "E001";
        e.name = "Li Wei";
        auto id = EmployeeRepository(*store_).upsert(e);
        ASSERT_TRUE(id) << id.error().describe();
        li_ = *id;
    }

    static rules::Shift nightShift() {
        return rules::makeFixedShift(ShiftId{}, "Night", {ShiftClock(22, 0), ShiftClock::nextDay(6, 0),
                                                           {ShiftClock(20, 0), ShiftClock(23, 59)},
                                                           {ShiftClock::nextDay(5, 0), ShiftClock::nextDay(10, 0)}},
                                     5, 0, 30);
    }

    static rules::DayRecord record(EmployeeId e, LocalDate d, rules::DayStatus s) {
        rules::DayRecord r;
        r.employee = e;
        r.date = d;
        r.status = s;
        r.shift = ShiftId(1);
        return r;
    }

    TempDir dir_;
    std::unique_ptr<Store> store_;
    EmployeeId li_;
};

}  // namespace

TEST_F(AttendanceTablesTest, ShiftsPatternsAndAssignmentsRoundTripIntoARoster) {
    ScheduleRepository repo(*store_);
    auto night = repo.saveShift(nightShift());
    ASSERT_TRUE(night) << night.error().describe();
    auto stored = repo.shift(*night);
    ASSERT_TRUE(stored && *stored);
    rules::Shift expected = nightShift();
    expected.id = *night;
    EXPECT_EQ(**stored, expected);

    rules::ShiftPattern cycle;
    cycle.name = "Night, night, rest";
    cycle.kind = rules::PatternKind::Cycle;
    cycle.cycle = {*night, *night, std::nullopt};
    cycle.anchor = LocalDate(2026, 11, 1);
    auto pattern = repo.savePattern(cycle);
    ASSERT_TRUE(pattern) << pattern.error().describe();
    ASSERT_TRUE(repo.assign({li_, *pattern, LocalDate(2026, 11, 1), LocalDate(2026, 11, 30)}));
    auto overlap = repo.assign({li_, *pattern, LocalDate(2026, 11, 20), std::nullopt});
    ASSERT_FALSE(overlap);
    EXPECT_EQ(overlap.error().code, "roster.overlap");

    const EmployeeId people[] = {li_};
    auto roster = repo.roster(people);
    ASSERT_TRUE(roster) << roster.error().describe();
    rules::Calendar calendar;
    EXPECT_EQ(roster->resolve(li_, LocalDate(2026, 11, 2), calendar).kind, rules::ScheduledDay::Kind::Shift);
    EXPECT_EQ(roster->resolve(li_, LocalDate(2026, 11, 3), calendar).kind, rules::ScheduledDay::Kind::RestDay);

    rules::ShiftPattern broken;
    broken.name = "Broken";
    broken.workdayShift = ShiftId(99);
    EXPECT_FALSE(repo.savePattern(broken));
}

TEST_F(AttendanceTablesTest, CalendarEntriesAreStoredByDate) {
    auto parsed = rules::Calendar::parse(
        "date,kind,name\n2026-10-01,holiday,National Day\n2026-10-10,workday,National Day make-up\n");
    ASSERT_TRUE(parsed) << parsed.error().describe();
    ASSERT_EQ(*CalendarRepository(*store_).save(*parsed), 2);
    auto loaded = CalendarRepository(*store_).load(LocalDate(2026, 9, 1), LocalDate(2026, 10, 31));
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->kind(LocalDate(2026, 10, 1)), rules::DayKind::Holiday);
    EXPECT_EQ(loaded->kind(LocalDate(2026, 10, 10)), rules::DayKind::MakeUpWorkday);
    EXPECT_EQ(loaded->kind(LocalDate(2026, 10, 11)), rules::DayKind::Weekend);
}

TEST_F(AttendanceTablesTest, LeaveRequestsKeepTheirStepsAndOverdueOnesAreFound) {
    rules::LeaveRequest r;
    r.employee = li_;
    r.type = "annual";
    r.period = {LocalDate(2026, 12, 1), rules::HalfDay::Afternoon, LocalDate(2026, 12, 3), rules::HalfDay::Afternoon, {}, {}};
    r.reason = "family visit";
    r.amount = 1200min;
    r.submittedAt = *Instant::parseIso("2026-11-27T01:00:00Z");
    rules::ApprovalStep head;
    head.role = "department_head";
    head.deadline = r.submittedAt + 24h;
    rules::ApprovalStep hr;
    hr.role = "hr";
    hr.deadline = r.submittedAt + 48h;
    hr.timeAllowed = 8h;
    r.steps = {head, hr};
    LeaveRepository repo(*store_);
    auto id = repo.insert(r, r.submittedAt);
    ASSERT_TRUE(id) << id.error().describe();
    r.id = *id;
    auto back = repo.get(*id);
    ASSERT_TRUE(back && *back);
    EXPECT_EQ(**back, r);
    EXPECT_TRUE(repo.withOverdueSteps(r.submittedAt + 23h)->empty());
    EXPECT_EQ(repo.withOverdueSteps(r.submittedAt + 25h)->size(), 1u);

    r.steps[0].outcome = rules::StepOutcome::Approved;
    r.steps[0].decidedBy = UserId(7);
    r.steps[0].decidedAt = r.submittedAt + 1h;
    ASSERT_TRUE(repo.update(r, r.submittedAt + 1h));
    EXPECT_EQ(**repo.get(*id), r);
    EXPECT_EQ(repo.list({.employee = li_, .from = LocalDate(2026, 12, 3)})->size(), 1u);
    EXPECT_TRUE(repo.list({.employee = li_, .from = LocalDate(2026, 12, 4)})->empty());
}

TEST_F(AttendanceTablesTest, LeavePolicyDefaultsToStandardAndRoundTrips) {
    LeavePolicyRepository repo(*store_);
    auto initial = repo.load();
    ASSERT_TRUE(initial);
    EXPECT_EQ(initial->types, rules::LeavePolicy::standard().types);
    rules::LeavePolicy p = rules::LeavePolicy::standard();
    p.stepDeadline = 8h;
    p.reportBackGraceDays = 2;
    p.approvalRules.pop_back();
    ASSERT_TRUE(repo.save(p));
    auto loaded = repo.load();
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->types, p.types);
    EXPECT_EQ(loaded->stepDeadline, 8h);
    EXPECT_EQ(loaded->reportBackGraceDays, 2);
    ASSERT_EQ(loaded->approvalRules.size(), p.approvalRules.size());
    EXPECT_EQ(loaded->approvalRules[1].chain, p.approvalRules[1].chain);

    rules::LeaveBalance b{li_, "annual", 2026, 2400min, 480min, 960min, 0min};
    ASSERT_TRUE(repo.saveBalance(b));
    EXPECT_EQ(**repo.balance(li_, "annual", 2026), b);
    EXPECT_FALSE(*repo.balance(li_, "annual", 2025));
}

TEST_F(AttendanceTablesTest, ACorrectionIsItsOwnRowAndIsDecidedOnce) {
    rules::Correction c;
    c.employee = li_;
    c.day = LocalDate(2026, 11, 26);
    c.at = LocalDateTime(c.day, LocalTime(17, 35));
    c.kind = rules::CorrectionKind::MissingOut;
    c.reason = "forgot to check out";
    c.requestedBy = UserId(li_.value());
    c.requestedAt = *Instant::parseIso("2026-11-27T01:00:00Z");
    CorrectionRepository repo(*store_);
    auto id = repo.insert(c);
    ASSERT_TRUE(id);
    c.id = *id;
    EXPECT_EQ(**repo.get(*id), c);
    c.state = rules::CorrectionState::Approved;
    c.decidedBy = UserId(2);
    c.decidedAt = c.requestedAt + 1h;
    ASSERT_TRUE(repo.decide(c));
    EXPECT_EQ(**repo.get(*id), c);
    auto again = repo.decide(c);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, "correction.decided");
    EXPECT_EQ(repo.list({.state = rules::CorrectionState::Approved})->size(), 1u);
}

TEST_F(AttendanceTablesTest, ADayRecordChangeIsVersionedWithItsCause) {
    DayRecordRepository repo(*store_);
    const LocalDate d(2026, 11, 24);
    const Instant t0 = *Instant::parseIso("2026-11-24T16:00:00Z");
    EXPECT_EQ(*repo.save(record(li_, d, rules::DayStatus::Absent), "day closed", t0), SaveOutcome::Created);
    EXPECT_EQ(*repo.save(record(li_, d, rules::DayStatus::Absent), "re-evaluated", t0 + 1h), SaveOutcome::Unchanged);
    rules::DayRecord present = record(li_, d, rules::DayStatus::Present);
    present.inPunch = rules::Punch{PunchId(9), li_, LocalDateTime(d, LocalTime(8, 28)), TerminalId(3), rules::PunchSource::Terminal, {}};
    present.workedMinutes = 541;
    EXPECT_EQ(*repo.save(present, "punch 9 from terminal 3 (seq 77)", t0 + 72h), SaveOutcome::Changed);

    auto stored = repo.get(li_, d);
    ASSERT_TRUE(stored && *stored);
    EXPECT_EQ((*stored)->record, present);
    EXPECT_EQ((*stored)->version, 2);
    auto history = repo.history(li_, d);
    ASSERT_TRUE(history);
    ASSERT_EQ(history->size(), 2u);
    EXPECT_FALSE((*history)[0].before);
    EXPECT_EQ((*history)[1].before->status, rules::DayStatus::Absent);
    EXPECT_EQ((*history)[1].after.status, rules::DayStatus::Present);
    EXPECT_EQ((*history)[1].cause, "punch 9 from terminal 3 (seq 77)");
}

TEST_F(AttendanceTablesTest, TheMonthlySheetHasACellPerDayAndTotals) {
    DayRecordRepository repo(*store_);
    const Instant now = *Instant::parseIso("2026-12-01T00:00:00Z");
    rules::DayRecord late = record(li_, LocalDate(2026, 11, 2), rules::DayStatus::Late);
    late.lateMinutes = 6;
    late.workedMinutes = 534;
    ASSERT_TRUE(repo.save(late, "test", now));
    ASSERT_TRUE(repo.save(record(li_, LocalDate(2026, 11, 3), rules::DayStatus::Absent), "test", now));
    ASSERT_TRUE(repo.save(record(li_, LocalDate(2026, 11, 4), rules::DayStatus::HalfDayAbsent), "test", now));
    ASSERT_TRUE(repo.save(record(li_, LocalDate(2026, 12, 1), rules::DayStatus::Absent), "test", now));
    auto sheet = repo.monthlySheet(2026, 11);
    ASSERT_TRUE(sheet) << sheet.error().describe();
    ASSERT_EQ(sheet->dates.size(), 30u);
    ASSERT_EQ(sheet->rows.size(), 1u);
    const auto& row = sheet->rows.front();
    EXPECT_EQ(row.number, "E001");
    ASSERT_TRUE(row.days[1]);
    EXPECT_EQ(row.days[1]->status, rules::DayStatus::Late);
    EXPECT_FALSE(row.days[0]);
    EXPECT_EQ(row.totals.lateCount, 1);
    EXPECT_EQ(row.totals.lateMinutes, 6);
    EXPECT_EQ(row.totals.presentDays, 1);
    EXPECT_DOUBLE_EQ(row.totals.absentDays, 1.5);
    EXPECT_EQ(row.totals.scheduledDays, 3);
    EXPECT_FALSE(repo.monthlySheet(2026, 13));
}
