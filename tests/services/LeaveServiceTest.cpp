#include "rollcall/services/LeaveService.hpp"

#include "ServiceFixture.hpp"
#include "rollcall/store/LeavePolicyRepository.hpp"
#include "rollcall/store/LeaveRepository.hpp"

using namespace rollcall;
using namespace std::chrono_literals;
using rollcall::testing::ServiceFixture;

namespace {

class LeaveServiceTest : public ServiceFixture {
protected:
    // Tuesday 1 to Thursday 3 December 2026: three working days, head of department then HR.
    services::LeaveInput threeDays() const {
        return {clerk_, "annual", {LocalDate(2026, 12, 1), rules::HalfDay::Morning, LocalDate(2026, 12, 3), rules::HalfDay::Afternoon, {}, {}},
                "family visit"};
    }
    rules::LeaveRequest approvedThreeDays() {
        services::LeaveService leave(*store_);
        auto r = leave.request(threeDays(), submitted_);
        EXPECT_TRUE(r) << r.error().describe();
        auto step1 = leave.approve(r->id, head_, "", submitted_ + 1h);
        EXPECT_TRUE(step1) << step1.error().describe();
        auto step2 = leave.approve(r->id, hr_, "", submitted_ + 2h);
        EXPECT_TRUE(step2) << step2.error().describe();
        return step2.value_or(rules::LeaveRequest{});
    }

    void SetUp() override {
        ServiceFixture::SetUp();
        submitted_ = at(LocalDate(2026, 11, 27), 9, 0);
    }

    Instant submitted_;
};

}  // namespace

TEST_F(LeaveServiceTest, AnApprovedLeaveExcusesItsDaysAndEndsWhenReportedBack) {
    services::LeaveService leave(*store_);
    auto requested = leave.request(threeDays(), submitted_);
    ASSERT_TRUE(requested) << requested.error().describe();
    EXPECT_EQ(requested->state, rules::LeaveState::Pending);
    ASSERT_EQ(requested->steps.size(), 2u);
    EXPECT_EQ(requested->amount, 1440min);
    EXPECT_EQ((*store::LeavePolicyRepository(*store_).balance(clerk_, "annual", 2026))->reserved, 1440min);

    auto wrong = leave.approve(requested->id, hr_, "", submitted_ + 1h);
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, "leave.not_approver");
    EXPECT_NE(wrong.error().message.find("Wang Fang (E002)"), std::string::npos) << wrong.error().message;

    ASSERT_TRUE(leave.approve(requested->id, head_, "", submitted_ + 1h));
    auto approved = leave.approve(requested->id, hr_, "", submitted_ + 2h);
    ASSERT_TRUE(approved) << approved.error().describe();
    EXPECT_EQ(approved->state, rules::LeaveState::Approved);
    auto balance = *store::LeavePolicyRepository(*store_).balance(clerk_, "annual", 2026);
    EXPECT_EQ(balance->used, 1440min);
    EXPECT_EQ(balance->reserved, 0min);

    drain(submitted_ + 3h);
    EXPECT_EQ(recordOf(clerk_, LocalDate(2026, 12, 2)).status, rules::DayStatus::OnLeave);
    ASSERT_EQ(recordOf(clerk_, LocalDate(2026, 12, 2)).leaves.size(), 1u);
    EXPECT_EQ(recordOf(clerk_, LocalDate(2026, 12, 2)).leaves[0].type, "annual");

    // Back on Friday morning at a terminal: no overrun, nothing to find.
    const Instant friday = at(LocalDate(2026, 12, 4), 8, 20);
    auto back = leave.reportBack(requested->id, friday, std::nullopt, friday);
    ASSERT_TRUE(back) << back.error().describe();
    EXPECT_EQ(back->state, rules::LeaveState::ReportedBack);
    EXPECT_EQ(back->reportedBackAt, LocalDateTime(LocalDate(2026, 12, 4), LocalTime(8, 20)));
    auto tick = leave.tick(at(LocalDate(2026, 12, 7), 9, 0));
    ASSERT_TRUE(tick);
    EXPECT_EQ(tick->openOverruns, 0);
    EXPECT_TRUE(store::LeaveRepository(*store_).overruns()->empty());
    EXPECT_FALSE(leave.reportBack(requested->id, friday, std::nullopt, friday)) << "reporting back twice is refused";
}

TEST_F(LeaveServiceTest, NotReportingBackTurnsTheOverrunIntoAbsenceAndAFinding) {
    const rules::LeaveRequest approved = approvedThreeDays();
    ASSERT_EQ(approved.state, rules::LeaveState::Approved);
    services::LeaveService leave(*store_);
    // Grace is one day: reporting back by the end of Friday 4 December was in time.
    auto early = leave.tick(at(LocalDate(2026, 12, 4), 20, 0));
    ASSERT_TRUE(early);
    EXPECT_EQ(early->openOverruns, 0);
    auto late = leave.tick(at(LocalDate(2026, 12, 5), 9, 0));
    ASSERT_TRUE(late) << late.error().describe();
    EXPECT_EQ(late->newOverruns, 1);
    auto overruns = store::LeaveRepository(*store_).overruns(clerk_);
    ASSERT_EQ(overruns->size(), 1u);
    EXPECT_EQ(overruns->front().overrun.firstDay, LocalDate(2026, 12, 4));
    EXPECT_NE(overruns->front().overrun.message.find("not reported back"), std::string::npos);

    drain(at(LocalDate(2026, 12, 5), 9, 1));
    const rules::DayRecord friday = recordOf(clerk_, LocalDate(2026, 12, 4));
    EXPECT_EQ(friday.status, rules::DayStatus::Absent);
    EXPECT_EQ(friday.overrunOf, approved.id);
    auto again = leave.tick(at(LocalDate(2026, 12, 5), 10, 0));
    ASSERT_TRUE(again);
    EXPECT_EQ(again->newOverruns, 0);
    EXPECT_EQ(again->openOverruns, 1);
    EXPECT_EQ((*store::LeaveRepository(*store_).get(approved.id))->state, rules::LeaveState::Approved) << "still open until reported back";
}

TEST_F(LeaveServiceTest, AnApprovalStepEscalatesAfterItsDeadline) {
    services::LeaveService leave(*store_);
    services::LeaveInput oneDay = threeDays();
    oneDay.period.end = oneDay.period.start;
    auto requested = leave.request(oneDay, submitted_);
    ASSERT_TRUE(requested) << requested.error().describe();
    ASSERT_EQ(requested->steps.size(), 1u);
    EXPECT_EQ(requested->steps[0].role, "department_head");

    auto quiet = leave.tick(submitted_ + 23h);
    ASSERT_TRUE(quiet);
    EXPECT_EQ(quiet->escalated, 0);
    auto tick = leave.tick(submitted_ + 25h);
    ASSERT_TRUE(tick);
    EXPECT_EQ(tick->escalated, 1);
    auto stored = **store::LeaveRepository(*store_).get(requested->id);
    ASSERT_EQ(stored.steps.size(), 2u);
    EXPECT_EQ(stored.steps[0].outcome, rules::StepOutcome::Escalated);
    EXPECT_EQ(stored.steps[1].role, "bureau_leadership");
    EXPECT_TRUE(stored.steps[1].escalation);
    EXPECT_EQ(stored.steps[1].deadline, submitted_ + 48h);

    auto approvers = leave.currentApprovers(requested->id);
    ASSERT_TRUE(approvers);
    ASSERT_EQ(approvers->size(), 1u);
    EXPECT_EQ(approvers->front().number, "E001");
    EXPECT_FALSE(leave.approve(requested->id, head_, "", submitted_ + 26h)) << "the head's time ran out";
    auto approved = leave.approve(requested->id, leader_, "", submitted_ + 26h);
    ASSERT_TRUE(approved) << approved.error().describe();
    EXPECT_EQ(approved->state, rules::LeaveState::Approved);
    EXPECT_EQ(approved->steps[1].decidedBy, UserId(leader_.value()));
}

TEST_F(LeaveServiceTest, RefusalsAreReadableAndChangeNothing) {
    services::LeaveService leave(*store_);
    auto first = leave.request(threeDays(), submitted_);
    ASSERT_TRUE(first);
    auto overlap = leave.request(threeDays(), submitted_ + 1min);
    ASSERT_FALSE(overlap);
    EXPECT_EQ(overlap.error().code, "leave.overlap");
    auto noReason = leave.reject(first->id, head_, "", submitted_ + 1h);
    ASSERT_FALSE(noReason);
    EXPECT_EQ(noReason.error().code, "leave.reason_required");
    auto notYours = leave.cancel(first->id, head_, submitted_ + 1h);
    ASSERT_FALSE(notYours);
    EXPECT_EQ(notYours.error().code, "leave.not_allowed");
    EXPECT_EQ((*store::LeaveRepository(*store_).get(first->id))->state, rules::LeaveState::Pending);
    auto cancelled = leave.cancel(first->id, clerk_, submitted_ + 1h);
    ASSERT_TRUE(cancelled) << cancelled.error().describe();
    EXPECT_EQ(cancelled->state, rules::LeaveState::Cancelled);
    EXPECT_EQ((*store::LeavePolicyRepository(*store_).balance(clerk_, "annual", 2026))->reserved, 0min);
    auto rejected = leave.approve(first->id, head_, "", submitted_ + 2h);
    ASSERT_FALSE(rejected);
    EXPECT_EQ(rejected.error().code, "leave.not_pending");
}

TEST_F(LeaveServiceTest, AVerificationAtATerminalReportsBackFromAStartedLeave) {
    const rules::LeaveRequest approved = approvedThreeDays();
    services::LeaveService leave(*store_);
    auto before = leave.reportBackByPunch(clerk_, at(LocalDate(2026, 11, 30), 8, 25), at(LocalDate(2026, 11, 30), 8, 26));
    ASSERT_TRUE(before) << before.error().describe();
    EXPECT_FALSE(*before) << "a punch before the leave starts reports nothing back";
    const Instant friday = at(LocalDate(2026, 12, 4), 8, 25);
    auto back = leave.reportBackByPunch(clerk_, friday, friday + 1s);
    ASSERT_TRUE(back) << back.error().describe();
    ASSERT_TRUE(*back);
    EXPECT_EQ((*back)->id, approved.id);
    EXPECT_EQ((*back)->state, rules::LeaveState::ReportedBack);
    auto again = leave.reportBackByPunch(clerk_, friday + 8h, friday + 8h);
    ASSERT_TRUE(again);
    EXPECT_FALSE(*again);
}
