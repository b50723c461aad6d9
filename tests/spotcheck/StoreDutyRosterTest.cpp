// The roster side from the store itself: organisation, shifts, roster and approved leave, with
// the DESIGN.md check at 10:17 for post P (A and C on shift, B on approved leave).
#include "Fixture.hpp"
#include "rollcall/spotcheck/StoreDutyRoster.hpp"
#include "rollcall/store/DepartmentRepository.hpp"
#include "rollcall/store/EmployeeRepository.hpp"
#include "rollcall/store/LeaveRepository.hpp"
#include "rollcall/store/PostRepository.hpp"
#include "rollcall/store/ScheduleRepository.hpp"

using namespace rollcall;
using namespace rollcall::spotcheck;
using namespace rollcall::spotcheck::testing;
using namespace std::chrono_literals;

namespace {

class StoreRoster : public ::testing::Test {
protected:
    Server s;
    StoreDutyRoster roster{*s.store};
    DepartmentId dept;
    PostId P, Q;
    EmployeeId A, B, C, D, E;
    LeaveId leaveB;

    EmployeeId person(const std::string& number, PostId post) {
        store::Employee e;
        e.number = number;
        e.name = "Person " + number;
        e.department = dept;
        e.post = post;
        auto id = store::EmployeeRepository(*s.store).upsert(e);
        EXPECT_TRUE(id) << id.error().describe();
        return id.value_or(EmployeeId{});
    }

    void SetUp() override {
        auto d = store::DepartmentRepository(*s.store).upsert({DepartmentId{}, "RECORDS", "Records office", std::nullopt});
        ASSERT_TRUE(d) << d.error().describe();
        dept = *d;
        auto p = store::PostRepository(*s.store).upsert({PostId{}, "P", "Front desk", dept});
        auto q = store::PostRepository(*s.store).upsert({PostId{}, "Q", "Archive", dept});
        ASSERT_TRUE(p && q);
        P = *p;
        Q = *q;
        A = person("A", P);
        B = person("B", P);
        C = person("C", P);
        D = person("D", P);  // never rostered
        E = person("E", Q);  // another post

        using rules::ShiftClock;
        store::ScheduleRepository schedule(*s.store);
        auto shift = schedule.saveShift(rules::makeFixedShift(
            ShiftId{}, "S",
            {ShiftClock(8, 30), ShiftClock(17, 30), {ShiftClock(6, 30), ShiftClock(12, 0)}, {ShiftClock(12, 0), ShiftClock(23, 59)}},
            5, 0, 30));
        ASSERT_TRUE(shift) << shift.error().describe();
        rules::ShiftPattern office;
        office.name = "Office days";
        office.kind = rules::PatternKind::CalendarWorkdays;
        office.workdayShift = *shift;
        auto pattern = schedule.savePattern(office);
        ASSERT_TRUE(pattern) << pattern.error().describe();
        for (EmployeeId e : {A, B, C, E}) ASSERT_TRUE(schedule.assign({e, *pattern, LocalDate(2026, 1, 1), std::nullopt}));

        rules::LeaveRequest leave;
        leave.employee = B;
        leave.type = "annual";
        leave.period = {LocalDate(2026, 11, 26), rules::HalfDay::Morning, LocalDate(2026, 11, 28), rules::HalfDay::Afternoon, {}, {}};
        leave.reason = "family visit";
        leave.amount = 1440min;
        leave.submittedAt = shanghai(2026, 11, 20, 9, 0);
        leave.state = rules::LeaveState::Approved;
        auto id = store::LeaveRepository(*s.store).insert(leave, leave.submittedAt);
        ASSERT_TRUE(id) << id.error().describe();
        leaveB = *id;
    }

    static const PersonDuty& of(const std::vector<PersonDuty>& all, EmployeeId who) {
        auto it = std::ranges::find(all, who, &PersonDuty::employee);
        if (it == all.end()) throw std::runtime_error("person missing from the roster's answer");
        return *it;
    }
};

}  // namespace

TEST_F(StoreRoster, ThePostsPeopleWithTheirShiftOrTheRecordThatExcusesThem) {
    auto duty = roster.dutyAt(Scope::ofPosts({P}), shanghai(2026, 11, 27, 10, 17));
    ASSERT_TRUE(duty) << duty.error().describe();
    ASSERT_EQ(duty->size(), 4u);  // A, B, C, D; E stands at Q
    EXPECT_EQ(of(*duty, A).duty, DutyKind::OnDuty);
    EXPECT_TRUE(of(*duty, A).shift);
    EXPECT_EQ(of(*duty, B).duty, DutyKind::ApprovedLeave);
    EXPECT_EQ(of(*duty, B).leave, leaveB);
    EXPECT_NE(of(*duty, B).excuseRecord.find("leave #" + std::to_string(leaveB.value()) + " (annual"), std::string::npos)
        << of(*duty, B).excuseRecord;
    EXPECT_EQ(of(*duty, C).duty, DutyKind::OnDuty);
    EXPECT_EQ(of(*duty, D).duty, DutyKind::NotOnShift);
}

TEST_F(StoreRoster, OutsideShiftHoursAndOnTheWeekendNobodyIsExpected) {
    auto evening = roster.dutyAt(Scope::ofPosts({P}), shanghai(2026, 11, 27, 19, 0));
    ASSERT_TRUE(evening);
    EXPECT_EQ(of(*evening, A).duty, DutyKind::NotOnShift);
    EXPECT_NE(of(*evening, A).excuseRecord.find("outside shift"), std::string::npos);
    auto saturday = roster.dutyAt(Scope::everyone(), shanghai(2026, 11, 28, 10, 0));
    ASSERT_TRUE(saturday);
    EXPECT_EQ(saturday->size(), 5u);
    EXPECT_EQ(of(*saturday, A).duty, DutyKind::RestDay);
    EXPECT_EQ(of(*saturday, B).duty, DutyKind::ApprovedLeave);  // the leave still names itself
}

TEST_F(StoreRoster, DepartmentScopeCoversItsPosts) {
    auto posts = roster.postsIn(Scope::ofDepartments({dept}));
    ASSERT_TRUE(posts);
    EXPECT_EQ(*posts, (std::vector<PostId>{P, Q}));
    auto duty = roster.dutyAt(Scope::ofDepartments({dept}), shanghai(2026, 11, 27, 10, 17));
    ASSERT_TRUE(duty);
    EXPECT_EQ(duty->size(), 5u);
}

TEST_F(StoreRoster, TheDesignTableFirstRowsWithEverythingFromTheStore) {
    s.terminals.all = {{TerminalId(11), P}};
    s.notifier.connected = {TerminalId(11)};
    SpotCheckDeps deps{*s.store, roster, s.terminals, s.notifier, s.audit, s.clock, s.zone, s.calendar};
    SpotCheckService checks(deps);
    s.clock.set(shanghai(2026, 11, 27, 10, 17));
    auto check = checks.create(inspector(), {.scope = Scope::ofPosts({P}), .windowMinutes = 10});
    ASSERT_TRUE(check) << check.error().describe();
    s.punch(A, TerminalId(11), shanghai(2026, 11, 27, 10, 20), shanghai(2026, 11, 27, 10, 20));
    s.clock.set(shanghai(2026, 11, 27, 10, 27));
    ASSERT_TRUE(checks.closeDue(s.clock.now()));
    auto report = checks.report(inspector(), check->id);
    ASSERT_TRUE(report) << report.error().describe();
    std::map<EmployeeId, Outcome> outcome;
    for (const auto& r : report->results) outcome[r.employee] = r.outcome;
    EXPECT_EQ(outcome[A], Outcome::Present);
    EXPECT_EQ(outcome[B], Outcome::Excused);
    EXPECT_EQ(outcome[C], Outcome::Absent);
    EXPECT_EQ(outcome[D], Outcome::Excused);
}
