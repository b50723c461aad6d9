// Leave (请销假): submission checks, approval chains, deadlines and escalation, cancellation,
// report-back, overruns and balances. Every refusal must carry a code and a readable sentence.
#include <gtest/gtest.h>

#include "RulesFixtures.hpp"

namespace rollcall::rules {
namespace {

using namespace testing;
using std::chrono::hours;
using std::chrono::minutes;

constexpr LocalDate kMonday{2026, 11, 2};
const Instant kSubmitted = *Instant::parseIso("2026-10-26T01:00:00Z");  // Monday 09:00 in Shanghai

Moment at(LocalDate d, int h, int m) {
    const LocalDateTime local(d, LocalTime(h, m));
    // The rules take both readings; here Shanghai is UTC+8 without DST.
    return {Instant::fromMicros((local.seconds() - 8 * 3600) * 1'000'000), local};
}

const Moment kNow = at(LocalDate(2026, 10, 26), 9, 0);

LeaveDraft draft(std::int64_t id, std::string type, LeavePeriod period, std::string reason = "family matters") {
    return {LeaveId{id}, kPerson, std::move(type), period, std::move(reason)};
}

LeavePeriod days(LocalDate from, LocalDate to) { return {from, HalfDay::Morning, to, HalfDay::Afternoon, {}, {}}; }

LeaveRequest submitted(const LeaveDraft& d, Moment now = kNow) {
    const auto r = submitLeave(d, LeavePolicy::standard(), calendar2026(), {}, nullptr, now);
    EXPECT_TRUE(r.has_value()) << r.error().describe();
    return *r;
}

void expectRefusal(const Result<LeaveRequest>& r, std::string_view code, std::string_view phrase) {
    ASSERT_FALSE(r.has_value()) << "expected " << code;
    EXPECT_EQ(r.error().code, code);
    EXPECT_NE(r.error().message.find(phrase), std::string::npos) << r.error().message;
    EXPECT_GT(r.error().message.size(), 20u) << "a refusal is a sentence, not a bare word";
}

TEST(LeaveAmount, CountsWorkdaysHalfDaysAndHours) {
    const auto policy = LeavePolicy::standard();
    const auto cal = calendar2026();
    const auto& annual = *policy.type("annual");
    EXPECT_EQ(*leaveAmount(days(kMonday, kMonday + 6), annual, cal, policy), minutes{5 * 480});  // Mon-Sun
    EXPECT_EQ(*leaveAmount({kMonday, HalfDay::Afternoon, kMonday + 1, HalfDay::Morning, {}, {}}, annual, cal, policy),
              minutes{480});
    // National Day week: holidays are not leave, the make-up Saturday is.
    EXPECT_EQ(*leaveAmount(days(LocalDate(2026, 10, 1), LocalDate(2026, 10, 10)), annual, cal, policy),
              minutes{3 * 480});
    const auto& personal = *policy.type("personal");
    EXPECT_EQ(*leaveAmount({kMonday, HalfDay::Morning, kMonday, HalfDay::Morning, LocalTime(9, 0), LocalTime(11, 0)},
                           personal, cal, policy),
              minutes{120});
    const auto& maternity = *policy.type("maternity");
    EXPECT_EQ(*leaveAmount(days(kMonday, kMonday + 6), maternity, cal, policy), minutes{7 * 480});
}

TEST(LeaveSubmission, ChoosesTheApprovalChainByLength) {
    const auto oneDay = submitted(draft(1, "annual", days(kMonday, kMonday)));
    ASSERT_EQ(oneDay.steps.size(), 1u);
    EXPECT_EQ(oneDay.steps[0].role, "department_head");
    EXPECT_EQ(oneDay.steps[0].deadline, kSubmitted + hours{24});
    EXPECT_EQ(oneDay.state, LeaveState::Pending);
    EXPECT_EQ(oneDay.amount, minutes{480});

    const auto threeDays = submitted(draft(2, "annual", days(kMonday, kMonday + 2)));
    ASSERT_EQ(threeDays.steps.size(), 2u);
    EXPECT_EQ(threeDays.steps[1].role, "hr");

    const auto week = submitted(draft(3, "sick", days(kMonday, kMonday + 4)));
    ASSERT_EQ(week.steps.size(), 2u);
    EXPECT_EQ(week.steps[0].role, "department_head");
    EXPECT_EQ(week.steps[1].role, "bureau_leadership");
}

TEST(LeaveSubmission, ApprovalRulesCanDependOnTheType) {
    auto policy = LeavePolicy::standard();
    policy.approvalRules.insert(policy.approvalRules.begin(), ApprovalRule{{"trip"}, 0.0, std::nullopt, {"bureau_leadership"}});
    const auto r = submitLeave(draft(1, "trip", days(kMonday, kMonday)), policy, calendar2026(), {}, nullptr, kNow);
    ASSERT_TRUE(r.has_value());
    ASSERT_EQ(r->steps.size(), 1u);
    EXPECT_EQ(r->steps[0].role, "bureau_leadership");
}

TEST(LeaveSubmission, OverlappingLeaveIsRefused) {
    const auto first = submitted(draft(1, "annual", days(kMonday, kMonday + 2)));
    const std::vector<LeaveRequest> existing = {first};
    const auto policy = LeavePolicy::standard();
    const auto overlapping = submitLeave(draft(2, "sick", days(kMonday + 2, kMonday + 3)), policy, calendar2026(),
                                         existing, nullptr, kNow);
    expectRefusal(overlapping, "leave.overlap", "leave #1");
    // Touching halves do not overlap: p.m. after a leave ending in the a.m.
    auto morningOnly = first;
    morningOnly.period.endHalf = HalfDay::Morning;
    const std::vector<LeaveRequest> existing2 = {morningOnly};
    EXPECT_TRUE(submitLeave(draft(3, "annual", {kMonday + 2, HalfDay::Afternoon, kMonday + 2, HalfDay::Afternoon, {}, {}}),
                            policy, calendar2026(), existing2, nullptr, kNow)
                    .has_value());
    // A rejected or cancelled leave no longer blocks the dates.
    auto rejected = first;
    rejected.state = LeaveState::Rejected;
    const std::vector<LeaveRequest> existing3 = {rejected};
    EXPECT_TRUE(submitLeave(draft(4, "sick", days(kMonday, kMonday)), policy, calendar2026(), existing3, nullptr, kNow)
                    .has_value());
}

TEST(LeaveSubmission, HourlyLeaveOverlapsOnlyWhenTheHoursMeet) {
    const auto policy = LeavePolicy::standard();
    auto hourly = [](int from, int to) {
        return LeavePeriod{kMonday, HalfDay::Morning, kMonday, HalfDay::Morning, LocalTime(from, 0), LocalTime(to, 0)};
    };
    const std::vector<LeaveRequest> existing = {submitted(draft(1, "personal", hourly(9, 11)))};
    EXPECT_TRUE(submitLeave(draft(2, "personal", hourly(11, 12)), policy, calendar2026(), existing, nullptr, kNow)
                    .has_value());
    expectRefusal(submitLeave(draft(3, "personal", hourly(10, 12)), policy, calendar2026(), existing, nullptr, kNow),
                  "leave.overlap", "overlaps");
    expectRefusal(submitLeave(draft(4, "annual", {kMonday, HalfDay::Morning, kMonday, HalfDay::Morning, {}, {}}), policy,
                              calendar2026(), existing, nullptr, kNow),
                  "leave.overlap", "overlaps");
}

struct Refusal {
    const char* what;
    LeaveDraft draft;
    const char* code;
    const char* phrase;
};

class LeaveRefusals : public ::testing::TestWithParam<Refusal> {};

TEST_P(LeaveRefusals, SayWhatIsWrong) {
    const auto& c = GetParam();
    SCOPED_TRACE(c.what);
    expectRefusal(submitLeave(c.draft, LeavePolicy::standard(), calendar2026(), {}, nullptr, kNow), c.code, c.phrase);
}

INSTANTIATE_TEST_SUITE_P(
    Table, LeaveRefusals,
    ::testing::Values(
        Refusal{"unknown type", draft(1, "holiday", days(kMonday, kMonday)), "leave.unknown_type", "no leave type"},
        Refusal{"no reason", draft(1, "annual", days(kMonday, kMonday), "  "), "leave.reason_required", "reason"},
        Refusal{"ends before start", draft(1, "annual", days(kMonday, kMonday - 1)), "leave.period", "before it starts"},
        Refusal{"weekend only", draft(1, "annual", days(LocalDate(2026, 11, 7), LocalDate(2026, 11, 8))),
                "leave.no_working_time", "no working day"},
        Refusal{"annual by the hour",
                draft(1, "annual", {kMonday, HalfDay::Morning, kMonday, HalfDay::Morning, LocalTime(9, 0), LocalTime(10, 0)}),
                "leave.granularity", "cannot be taken by the hour"},
        Refusal{"maternity by half days", draft(1, "maternity", {kMonday, HalfDay::Afternoon, kMonday + 3, HalfDay::Afternoon, {}, {}}),
                "leave.granularity", "whole days"},
        Refusal{"personal for 90 minutes",
                draft(1, "personal", {kMonday, HalfDay::Morning, kMonday, HalfDay::Morning, LocalTime(9, 0), LocalTime(10, 30)}),
                "leave.granularity", "whole hours"},
        Refusal{"retroactive beyond the window", draft(1, "sick", days(LocalDate(2026, 10, 19), LocalDate(2026, 10, 20))),
                "leave.retroactive_window", "more than 3 days ago"}),
    [](const ::testing::TestParamInfo<Refusal>& row) { return testName(row.param.what); });

TEST(LeaveSubmission, RetroactiveRequestInsideTheWindowIsAcceptedAndMarked) {
    const auto r = submitted(draft(1, "sick", days(LocalDate(2026, 10, 23), LocalDate(2026, 10, 23))));
    EXPECT_TRUE(r.retroactive);
    const auto future = submitted(draft(2, "sick", days(kMonday, kMonday)));
    EXPECT_FALSE(future.retroactive);
}

TEST(LeaveSubmission, QuotaLimitsTypesThatHaveOne) {
    LeaveBalance balance{kPerson, "annual", 2026, minutes{5 * 480}, minutes{0}, minutes{4 * 480}, minutes{0}};
    const auto policy = LeavePolicy::standard();
    const auto refused = submitLeave(draft(1, "annual", days(kMonday, kMonday + 1)), policy, calendar2026(), {},
                                     &balance, kNow);
    expectRefusal(refused, "leave.balance", "needs 2 days");
    EXPECT_NE(refused.error().message.find("only 1 day"), std::string::npos) << refused.error().message;
    EXPECT_TRUE(submitLeave(draft(2, "annual", days(kMonday, kMonday)), policy, calendar2026(), {}, &balance, kNow)
                    .has_value());
    EXPECT_TRUE(submitLeave(draft(3, "sick", days(kMonday, kMonday + 1)), policy, calendar2026(), {}, &balance, kNow)
                    .has_value())
        << "sick leave has no quota";
}

TEST(LeaveApproval, LastApprovalApprovesAndEachStepGetsItsOwnDeadline) {
    auto r = submitted(draft(1, "sick", days(kMonday, kMonday + 4)));
    const Instant t1 = kSubmitted + hours{3};
    auto step1 = decideStep(r, "department_head", UserId{50}, true, "", t1);
    ASSERT_TRUE(step1.has_value()) << step1.error().describe();
    EXPECT_EQ(step1->state, LeaveState::Pending);
    EXPECT_EQ(step1->steps[1].deadline, t1 + hours{24});
    expectRefusal(decideStep(*step1, "department_head", UserId{50}, true, "", t1), "leave.wrong_approver",
                  "waiting for bureau_leadership");
    auto step2 = decideStep(*step1, "bureau_leadership", UserId{60}, true, "", t1 + hours{1});
    ASSERT_TRUE(step2.has_value());
    EXPECT_EQ(step2->state, LeaveState::Approved);
    EXPECT_EQ(step2->steps[1].decidedBy, UserId{60});
    expectRefusal(decideStep(*step2, "bureau_leadership", UserId{60}, true, "", t1), "leave.not_pending", "approved");
}

TEST(LeaveApproval, RejectionNeedsAReasonAndEndsTheChain) {
    auto r = submitted(draft(1, "sick", days(kMonday, kMonday + 4)));
    expectRefusal(decideStep(r, "department_head", UserId{50}, false, "", kSubmitted), "leave.reason_required", "Say why");
    auto rejected = decideStep(r, "department_head", UserId{50}, false, "staff shortage that week", kSubmitted);
    ASSERT_TRUE(rejected.has_value());
    EXPECT_EQ(rejected->state, LeaveState::Rejected);
    EXPECT_EQ(rejected->steps[0].reason, "staff shortage that week");
    EXPECT_EQ(rejected->steps[1].outcome, StepOutcome::Skipped);
}

TEST(LeaveApproval, StepPassingItsDeadlineEscalatesToTheNextApprover) {
    const auto policy = LeavePolicy::standard();
    const auto r = submitted(draft(1, "sick", days(kMonday, kMonday + 4)));  // head, then leadership
    const auto beforeDeadline = escalateOverdue(r, policy, kSubmitted + hours{23});
    EXPECT_EQ(beforeDeadline, r);
    const auto after = escalateOverdue(r, policy, kSubmitted + hours{25});
    EXPECT_EQ(after.steps[0].outcome, StepOutcome::Escalated);
    EXPECT_EQ(after.currentStep()->role, "bureau_leadership");
    EXPECT_EQ(after.steps[1].deadline, kSubmitted + hours{48});
    // The overdue head can no longer decide; the next approver can.
    expectRefusal(decideStep(r, "department_head", UserId{50}, true, "", kSubmitted + hours{25}), "leave.step_overdue",
                  "ran out");
    EXPECT_TRUE(decideStep(after, "bureau_leadership", UserId{60}, true, "", kSubmitted + hours{26}).has_value());
}

TEST(LeaveApproval, LastStepPassingItsDeadlineEscalatesToTheEscalationRole) {
    const auto policy = LeavePolicy::standard();
    const auto r = submitted(draft(1, "annual", days(kMonday, kMonday)));  // department head only
    const auto once = escalateOverdue(r, policy, kSubmitted + hours{25});
    ASSERT_EQ(once.steps.size(), 2u);
    EXPECT_TRUE(once.steps[1].escalation);
    EXPECT_EQ(once.steps[1].role, "bureau_leadership");
    // Escalation is a function of `now` only: calling it again, or once much later, agrees.
    EXPECT_EQ(escalateOverdue(once, policy, kSubmitted + hours{25}), once);
    const auto later = escalateOverdue(r, policy, kSubmitted + hours{24 * 10});
    EXPECT_EQ(escalateOverdue(escalateOverdue(r, policy, kSubmitted + hours{30}), policy, kSubmitted + hours{24 * 10}),
              later);
    ASSERT_EQ(later.steps.size(), 2u) << "the top of the chain stays responsible";
}

TEST(LeaveLifecycle, CancellationOnlyBeforeTheStart) {
    const auto r = submitted(draft(1, "annual", days(kMonday, kMonday)));
    const auto cancelled = cancelLeave(r, at(kMonday - 1, 20, 0));
    ASSERT_TRUE(cancelled.has_value());
    EXPECT_EQ(cancelled->state, LeaveState::Cancelled);
    EXPECT_EQ(cancelled->steps[0].outcome, StepOutcome::Skipped);
    expectRefusal(cancelLeave(r, at(kMonday, 0, 0)), "leave.already_started", "Report back");
    expectRefusal(cancelLeave(*cancelled, at(kMonday - 1, 21, 0)), "leave.not_cancellable", "cancelled");
}

TEST(LeaveLifecycle, ApprovedLeaveEndsOnlyWhenReportedBack) {
    auto approved = approvedLeave(1, "annual", days(kMonday, kMonday + 2));
    const auto policy = LeavePolicy::standard();
    EXPECT_EQ(reportBackDeadline(approved, policy), kMonday + 3);
    expectRefusal(reportBack(approved, LocalDateTime(kMonday - 1, LocalTime(9, 0)), std::nullopt), "leave.not_started",
                  "cancel it instead");
    const auto back = reportBack(approved, LocalDateTime(kMonday + 3, LocalTime(8, 10)), UserId{50});
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->state, LeaveState::ReportedBack);
    EXPECT_FALSE(findOverrun(*back, policy, LocalDateTime(kMonday + 10, LocalTime(9, 0))).has_value());
    expectRefusal(reportBack(*back, LocalDateTime(kMonday + 3, LocalTime(9, 0)), std::nullopt),
                  "leave.already_reported_back", "already reported back");
    auto pending = approved;
    pending.state = LeaveState::Pending;
    expectRefusal(reportBack(pending, LocalDateTime(kMonday, LocalTime(9, 0)), std::nullopt), "leave.not_approved",
                  "pending");
}

TEST(LeaveLifecycle, LateReportBackBoundsTheOverrun) {
    auto leave = approvedLeave(1, "annual", days(kMonday, kMonday + 2));
    const auto policy = LeavePolicy::standard();
    const auto open = findOverrun(leave, policy, LocalDateTime(kMonday + 5, LocalTime(9, 0)));
    ASSERT_TRUE(open.has_value());
    EXPECT_EQ(open->firstDay, kMonday + 3);
    EXPECT_EQ(open->lastDay, kMonday + 5);
    leave = *reportBack(leave, LocalDateTime(kMonday + 5, LocalTime(8, 0)), std::nullopt);
    const auto closed = findOverrun(leave, policy, LocalDateTime(kMonday + 9, LocalTime(9, 0)));
    ASSERT_TRUE(closed.has_value());
    EXPECT_EQ(closed->lastDay, kMonday + 4);
    EXPECT_NE(closed->message.find("reported back on"), std::string::npos) << closed->message;
}

TEST(LeaveBalanceRules, ReserveOnSubmitUseOnApprovalReleaseOnRejection) {
    const LeaveBalance start{kPerson, "annual", 2026, minutes{5 * 480}, minutes{480}, minutes{0}, minutes{0}};
    const auto pending = submitted(draft(1, "annual", days(kMonday, kMonday + 1)));
    const auto afterSubmit = applyTransition(start, std::nullopt, pending);
    EXPECT_EQ(afterSubmit.reserved, minutes{960});
    EXPECT_EQ(afterSubmit.available(), minutes{4 * 480});  // 5 + 1 carried over - 2 reserved
    auto approved = pending;
    approved.state = LeaveState::Approved;
    const auto afterApproval = applyTransition(afterSubmit, pending, approved);
    EXPECT_EQ(afterApproval.reserved, minutes{0});
    EXPECT_EQ(afterApproval.used, minutes{960});
    auto cancelled = approved;
    cancelled.state = LeaveState::Cancelled;
    EXPECT_EQ(applyTransition(afterApproval, approved, cancelled), start);
    auto otherType = pending;
    otherType.type = "sick";
    EXPECT_EQ(applyTransition(start, std::nullopt, otherType), start);
}

TEST(LeaveBalanceRules, ReportingBackEarlyGivesUnusedDaysBack) {
    const auto policy = LeavePolicy::standard();
    const auto cal = calendar2026();
    auto approved = approvedLeave(1, "annual", days(kMonday, kMonday + 4));  // Mon-Fri: 5 days
    approved.amount = minutes{5 * 480};
    const LeaveBalance before{kPerson, "annual", 2026, minutes{10 * 480}, minutes{0}, minutes{5 * 480}, minutes{0}};
    // Back on Wednesday at 08:00: Monday and Tuesday were taken.
    const auto back = reportBack(approved, LocalDateTime(kMonday + 2, LocalTime(8, 0)), std::nullopt, cal, policy);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->amount, minutes{2 * 480});
    EXPECT_EQ(applyTransition(before, approved, *back).used, minutes{2 * 480});
    // Back on Wednesday at 13:00: Wednesday morning was taken too.
    EXPECT_EQ(reportBack(approved, LocalDateTime(kMonday + 2, LocalTime(13, 0)), std::nullopt, cal, policy)->amount,
              minutes{2 * 480 + 240});
    // Back late (after the end): the whole leave was taken, nothing more.
    EXPECT_EQ(reportBack(approved, LocalDateTime(kMonday + 7, LocalTime(8, 0)), std::nullopt, cal, policy)->amount,
              minutes{5 * 480});
}

TEST(LeaveBalanceRules, UnusedQuotaCarriesOverUpToTheCap) {
    const auto policy = LeavePolicy::standard();
    const auto& annual = *policy.type("annual");
    const LeaveBalance y2026{kPerson, "annual", 2026, minutes{10 * 480}, minutes{0}, minutes{2 * 480}, minutes{0}};
    const auto y2027 = openYear(y2026, annual, minutes{10 * 480});
    EXPECT_EQ(y2027.year, 2027);
    EXPECT_EQ(y2027.carriedOver, minutes{5 * 480}) << "8 unused days, capped at 5";
    EXPECT_EQ(y2027.available(), minutes{15 * 480});
    const LeaveBalance spent{kPerson, "annual", 2026, minutes{5 * 480}, minutes{0}, minutes{4 * 480}, minutes{0}};
    EXPECT_EQ(openYear(spent, annual, minutes{5 * 480}).carriedOver, minutes{480});
}

}  // namespace
}  // namespace rollcall::rules
