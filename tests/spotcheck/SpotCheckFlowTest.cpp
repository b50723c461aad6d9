// DESIGN.md's spot-check table, end to end through the service on a real SQLite file:
// check at 10:17 for post P, window 10 minutes; A and C on shift at P, B on approved leave.
#include "Fixture.hpp"

using namespace rollcall;
using namespace rollcall::spotcheck;
using namespace rollcall::spotcheck::testing;
using std::chrono::minutes;

namespace {

const PostId P(1), Q(2);
const DepartmentId D(1);
const TerminalId TP(11), TQ(12);
const EmployeeId A(1), B(2), C(3);

class SpotCheckFlow : public ::testing::Test {
protected:
    Server s;
    const Instant at1017 = shanghai(2026, 11, 27, 10, 17);

    void SetUp() override {
        s.roster.posts = {{P, D}, {Q, D}};
        s.roster.people = {
            {A, P, D, DutyKind::OnDuty, "", std::nullopt, ShiftId(5)},
            {B, P, D, DutyKind::ApprovedLeave, "leave #17 (annual, 2026-11-26..2026-11-28)", LeaveId(17), ShiftId(5)},
            {C, P, D, DutyKind::OnDuty, "", std::nullopt, ShiftId(5)},
        };
        s.terminals.all = {{TP, P}, {TQ, Q}};
        s.notifier.connected = {TP, TQ};
    }

    SpotCheckId launchAt1017(MethodRequirement method = MethodRequirement::Any) {
        s.clock.set(at1017);
        auto check = s.checks->create(inspector(), {.scope = Scope::ofPosts({P}), .windowMinutes = 10, .method = method});
        EXPECT_TRUE(check) << check.error().describe();
        EXPECT_EQ(check->state, CheckState::Open);
        return check->id;
    }

    SpotCheckReport closeAndReport(SpotCheckId id, Instant when = shanghai(2026, 11, 27, 10, 27)) {
        s.clock.set(when);
        auto tick = s.scheduler->tick(when);
        EXPECT_TRUE(tick) << tick.error().describe();
        auto report = s.checks->report(inspector(), id);
        EXPECT_TRUE(report) << report.error().describe();
        return *report;
    }

    static const PersonResult& of(const SpotCheckReport& r, EmployeeId who) {
        auto it = std::ranges::find(r.results, who, &PersonResult::employee);
        if (it == r.results.end()) throw std::runtime_error("no result for the person");
        return *it;
    }
};

}  // namespace

TEST_F(SpotCheckFlow, PresentExcusedByTheNamedLeaveAndAbsent) {
    const auto id = launchAt1017();
    ASSERT_EQ(s.notifier.starts.size(), 1u);
    EXPECT_EQ(s.notifier.starts[0].posts, std::vector<PostId>{P});
    EXPECT_EQ(s.notifier.starts[0].closesAt, at1017 + minutes(10));

    s.punch(A, TP, shanghai(2026, 11, 27, 10, 20), shanghai(2026, 11, 27, 10, 20, 1));
    const auto report = closeAndReport(id);
    ASSERT_EQ(s.notifier.ends.size(), 1u);

    EXPECT_FALSE(report.live);
    EXPECT_EQ(of(report, A).outcome, Outcome::Present);
    ASSERT_TRUE(of(report, A).answer);
    EXPECT_EQ(of(report, A).answer->method, "face");
    EXPECT_EQ(of(report, A).answer->at, shanghai(2026, 11, 27, 10, 20));
    EXPECT_DOUBLE_EQ(*of(report, A).answer->faceScore, 0.83);
    EXPECT_EQ(of(report, B).outcome, Outcome::Excused);
    EXPECT_EQ(of(report, B).excuseRecord, "leave #17 (annual, 2026-11-26..2026-11-28)");
    EXPECT_EQ(of(report, C).outcome, Outcome::Absent);
    EXPECT_TRUE(report.offline.empty());
    EXPECT_EQ(report.tally.present, 1);
    EXPECT_EQ(report.tally.excused, 1);
    EXPECT_EQ(report.tally.findings(), 1);

    auto findings = s.findings->findings(inspector(), {.check = id});
    ASSERT_TRUE(findings);
    ASSERT_EQ(findings->size(), 1u);
    EXPECT_EQ(findings->front().employee, C);
    EXPECT_EQ(findings->front().kind, Outcome::Absent);
    EXPECT_EQ(findings->front().state, FindingState::Open);
}

TEST_F(SpotCheckFlow, AnAnswerAfterTheWindowIsAbsentWithTheLateAnswerRecorded) {
    const auto id = launchAt1017();
    s.punch(A, TP, shanghai(2026, 11, 27, 10, 29), shanghai(2026, 11, 27, 10, 29));
    const auto report = closeAndReport(id, shanghai(2026, 11, 27, 10, 30));
    EXPECT_EQ(of(report, A).outcome, Outcome::Absent);
    EXPECT_FALSE(of(report, A).answer);
    ASSERT_TRUE(of(report, A).lateAnswer);
    EXPECT_EQ(of(report, A).lateAnswer->at, shanghai(2026, 11, 27, 10, 29));
}

TEST_F(SpotCheckFlow, AVerificationAtAnotherPostsTerminalIsAwayFromPost) {
    const auto id = launchAt1017();
    s.punch(A, TQ, shanghai(2026, 11, 27, 10, 20), shanghai(2026, 11, 27, 10, 20));
    const auto report = closeAndReport(id);
    EXPECT_EQ(of(report, A).outcome, Outcome::AwayFromPost);
    ASSERT_TRUE(of(report, A).answer);
    EXPECT_EQ(of(report, A).answer->post, Q);
    EXPECT_EQ(of(report, A).answer->terminal, TQ);
    auto findings = s.findings->findings(inspector(), {.check = id});
    ASSERT_TRUE(findings);
    EXPECT_EQ(findings->size(), 2u);  // A away, C absent
}

TEST_F(SpotCheckFlow, OfflineTerminalDeliveringAnInWindowVerificationLaterMakesThePersonPresent) {
    // P's terminal is offline 10:00-10:50; its clock runs 3 minutes slow (offset +180 s).
    s.notifier.connected = {TQ};
    const auto id = launchAt1017();
    s.punch(A, TP, shanghai(2026, 11, 27, 10, 18), shanghai(2026, 11, 27, 11, 0), store::PunchMethod::Face, 180'000'000);

    auto first = closeAndReport(id);
    EXPECT_EQ(of(first, C).outcome, Outcome::Absent);
    ASSERT_EQ(first.offline.size(), 1u);
    EXPECT_EQ(first.offline[0].terminal, TP);
    EXPECT_FALSE(first.offline[0].reached);

    // At 11:00 the terminal is back and delivers C's verification taken at 10:22 (corrected time).
    s.punch(C, TP, shanghai(2026, 11, 27, 10, 22), shanghai(2026, 11, 27, 11, 0), store::PunchMethod::Fingerprint,
            180'000'000);
    s.clock.set(shanghai(2026, 11, 27, 11, 0, 5));
    auto tick = s.scheduler->tick(s.clock.now());
    ASSERT_TRUE(tick) << tick.error().describe();
    EXPECT_EQ(tick->reevaluated, 1);

    auto again = s.checks->report(inspector(), id);
    ASSERT_TRUE(again) << again.error().describe();
    EXPECT_EQ(of(*again, C).outcome, Outcome::Present);
    ASSERT_TRUE(of(*again, C).answer);
    EXPECT_TRUE(of(*again, C).answer->deliveredLate);
    EXPECT_EQ(of(*again, C).answer->clockOffsetUs, 180'000'000);
    EXPECT_EQ(of(*again, C).answer->method, "fingerprint");
    ASSERT_EQ(again->offline.size(), 1u);
    EXPECT_EQ(again->offline[0].terminal, TP);
    EXPECT_EQ(again->offline[0].latePunches, 2);

    auto findings = s.findings->findings(inspector(), {.check = id});
    ASSERT_TRUE(findings);
    ASSERT_EQ(findings->size(), 1u);
    EXPECT_EQ(findings->front().state, FindingState::Withdrawn);

    // Nothing new: the next tick leaves the check alone.
    auto quiet = s.scheduler->tick(shanghai(2026, 11, 27, 11, 1));
    ASSERT_TRUE(quiet);
    EXPECT_EQ(quiet->reevaluated, 0);
}

TEST_F(SpotCheckFlow, ATerminalReconnectingDuringTheWindowGetsTheCheckAndIsNotReportedOffline) {
    s.notifier.connected = {TQ};
    const auto id = launchAt1017();
    const Instant back = shanghai(2026, 11, 27, 10, 21);
    auto pending = s.checks->openChecksFor(P, back);
    ASSERT_TRUE(pending);
    ASSERT_EQ(pending->size(), 1u);
    EXPECT_EQ(pending->front().check, id);
    ASSERT_TRUE(s.checks->recordDelivery(id, TP, back));
    auto otherPost = s.checks->openChecksFor(PostId(99), back);
    ASSERT_TRUE(otherPost);
    EXPECT_TRUE(otherPost->empty());

    s.punch(A, TP, shanghai(2026, 11, 27, 10, 22), shanghai(2026, 11, 27, 10, 22));
    const auto report = closeAndReport(id);
    EXPECT_TRUE(report.offline.empty());
    EXPECT_EQ(of(report, A).outcome, Outcome::Present);
    auto after = s.checks->openChecksFor(P, shanghai(2026, 11, 27, 10, 28));
    ASSERT_TRUE(after);
    EXPECT_TRUE(after->empty());
}

TEST_F(SpotCheckFlow, AWeakerMethodThanRequiredIsAFinding) {
    const auto id = launchAt1017(MethodRequirement::FaceAndFingerprint);
    s.punch(A, TP, shanghai(2026, 11, 27, 10, 19), shanghai(2026, 11, 27, 10, 19), store::PunchMethod::Face);
    s.punch(C, TP, shanghai(2026, 11, 27, 10, 19), shanghai(2026, 11, 27, 10, 19), store::PunchMethod::FaceAndFingerprint);
    const auto report = closeAndReport(id);
    EXPECT_EQ(of(report, A).outcome, Outcome::MethodNotMet);
    EXPECT_EQ(of(report, C).outcome, Outcome::Present);
}

TEST_F(SpotCheckFlow, AVerificationBeforeTheCheckFiredDoesNotAnswerIt) {
    s.punch(A, TP, shanghai(2026, 11, 27, 10, 16), shanghai(2026, 11, 27, 10, 16));
    const auto id = launchAt1017();
    const auto report = closeAndReport(id);
    EXPECT_EQ(of(report, A).outcome, Outcome::Absent);
}

TEST_F(SpotCheckFlow, TheReportIsLiveWhileTheWindowIsOpen) {
    const auto id = launchAt1017();
    s.punch(A, TP, shanghai(2026, 11, 27, 10, 18), shanghai(2026, 11, 27, 10, 18));
    s.clock.set(shanghai(2026, 11, 27, 10, 19));
    auto live = s.checks->report(inspector(), id);
    ASSERT_TRUE(live) << live.error().describe();
    EXPECT_TRUE(live->live);
    EXPECT_EQ(of(*live, A).outcome, Outcome::Present);
    auto findings = s.findings->findings(inspector(), {.check = id});
    ASSERT_TRUE(findings);
    EXPECT_TRUE(findings->empty());  // nothing is a finding before the window closes
}

TEST_F(SpotCheckFlow, ARandomCheckFiresAtItsMomentAndNotBefore) {
    s.clock.set(shanghai(2026, 11, 27, 9, 0));
    const Instant from = shanghai(2026, 11, 27, 10, 0), to = shanghai(2026, 11, 27, 11, 0);
    auto check = s.checks->create(inspector(), {.scope = Scope::ofPosts({P}), .from = from, .to = to});
    ASSERT_TRUE(check) << check.error().describe();
    EXPECT_EQ(check->state, CheckState::Planned);
    EXPECT_FALSE(check->openedAt);

    int firedAtMinute = -1;
    for (int m = 0; m <= 61; ++m) {
        const Instant now = from + minutes(m);
        auto tick = s.scheduler->tick(now);
        ASSERT_TRUE(tick) << tick.error().describe();
        if (tick->fired == 1) {
            firedAtMinute = m;
            break;
        }
        EXPECT_TRUE(s.notifier.starts.empty());
    }
    ASSERT_GE(firedAtMinute, 0);
    ASSERT_EQ(s.notifier.starts.size(), 1u);
    auto shown = s.checks->show(inspector(), check->id);
    ASSERT_TRUE(shown);
    EXPECT_EQ(shown->state, CheckState::Open);
    EXPECT_EQ(*shown->openedAt, from + minutes(firedAtMinute));
}

TEST_F(SpotCheckFlow, AMomentLongMissedIsCancelledNotFiredLate) {
    s.clock.set(shanghai(2026, 11, 27, 9, 0));
    const Instant from = shanghai(2026, 11, 27, 10, 0);
    auto check = s.checks->create(inspector(), {.scope = Scope::everyone(), .from = from, .to = from + minutes(5)});
    ASSERT_TRUE(check);
    auto tick = s.scheduler->tick(shanghai(2026, 11, 27, 15, 0));
    ASSERT_TRUE(tick);
    EXPECT_EQ(tick->fired, 0);
    EXPECT_EQ(tick->missed, 1);
    EXPECT_TRUE(s.notifier.starts.empty());
    auto shown = s.checks->show(inspector(), check->id);
    ASSERT_TRUE(shown);
    EXPECT_EQ(shown->state, CheckState::Cancelled);
}

TEST_F(SpotCheckFlow, BadRequestsAreRefusedWithAClearErrorAndStoreNothing) {
    s.clock.set(shanghai(2026, 11, 27, 9, 0));
    auto noPosts = s.checks->create(inspector(), {.scope = Scope::ofPosts({})});
    ASSERT_FALSE(noPosts);
    EXPECT_EQ(noPosts.error().code, "spotcheck.selection");
    auto window = s.checks->create(inspector(), {.scope = Scope::everyone(), .windowMinutes = 0});
    ASSERT_FALSE(window);
    EXPECT_EQ(window.error().code, "spotcheck.window");
    auto backwards = s.checks->create(inspector(), {.scope = Scope::everyone(),
                                                    .from = shanghai(2026, 11, 27, 11, 0),
                                                    .to = shanghai(2026, 11, 27, 10, 0)});
    ASSERT_FALSE(backwards);
    EXPECT_EQ(backwards.error().code, "spotcheck.range");
    auto past = s.checks->create(inspector(), {.scope = Scope::everyone(),
                                               .from = shanghai(2026, 11, 27, 8, 0),
                                               .to = shanghai(2026, 11, 27, 10, 0)});
    ASSERT_FALSE(past);
    EXPECT_EQ(past.error().field, "from");
    auto oneEnd = s.checks->create(inspector(), {.scope = Scope::everyone(), .from = shanghai(2026, 11, 27, 10, 0)});
    ASSERT_FALSE(oneEnd);
    auto byStaff = s.checks->create(staff(), {.scope = Scope::everyone()});
    ASSERT_FALSE(byStaff);
    EXPECT_EQ(byStaff.error().code, "spotcheck.forbidden");
    auto all = s.checks->list(inspector());
    ASSERT_TRUE(all);
    EXPECT_TRUE(all->empty());
    EXPECT_TRUE(s.notifier.starts.empty());
}
