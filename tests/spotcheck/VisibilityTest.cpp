// A planned check is secret: only its creator and the inspectors it is shared with know it
// exists, and nobody learns its moment through the service before it fires.
#include "Fixture.hpp"

using namespace rollcall;
using namespace rollcall::spotcheck;
using namespace rollcall::spotcheck::testing;
using std::chrono::minutes;

namespace {

class Visibility : public ::testing::Test {
protected:
    Server s;
    SpotCheckId planned;
    const Instant from = shanghai(2026, 11, 27, 14, 0);
    const Instant to = shanghai(2026, 11, 27, 16, 0);

    void SetUp() override {
        s.roster.posts = {{PostId(1), DepartmentId(1)}};
        s.clock.set(shanghai(2026, 11, 27, 9, 0));
        auto c = s.checks->create(inspector(100),
                                  {.scope = Scope::ofPosts({PostId(1)}), .from = from, .to = to, .sharedWith = {UserId(101)}});
        ASSERT_TRUE(c) << c.error().describe();
        planned = c->id;
    }
};

}  // namespace

TEST_F(Visibility, StaffHrTerminalsAndOtherInspectorsLearnNothingOfAPlannedCheck) {
    for (const Viewer& v : {staff(), hr(), Viewer{UserId(400), Role::Terminal, "terminal"},
                            Viewer{UserId(500), Role::Admin, "admin"}, inspector(102)}) {
        auto shown = s.checks->show(v, planned);
        ASSERT_FALSE(shown) << toString(v.role);
        EXPECT_EQ(shown.error().code, "spotcheck.not_found") << toString(v.role);
        auto report = s.checks->report(v, planned);
        ASSERT_FALSE(report);
        EXPECT_EQ(report.error().code, "spotcheck.not_found");
        auto listed = s.checks->list(v);
        if (listed) EXPECT_TRUE(listed->empty()) << toString(v.role);
        else EXPECT_EQ(listed.error().code, "spotcheck.forbidden");
        auto cancel = s.checks->cancel(v, planned, "curious");
        EXPECT_FALSE(cancel);
    }
}

TEST_F(Visibility, TheCreatorAndSharedInspectorsSeeItPlannedButNeverItsMoment) {
    for (const Viewer& v : {inspector(100), inspector(101)}) {
        auto shown = s.checks->show(v, planned);
        ASSERT_TRUE(shown) << shown.error().describe();
        EXPECT_EQ(shown->state, CheckState::Planned);
        EXPECT_EQ(shown->rangeFrom, from);
        EXPECT_EQ(shown->rangeTo, to);
        EXPECT_FALSE(shown->openedAt);
        EXPECT_FALSE(shown->closesAt);
        auto listed = s.checks->list(v);
        ASSERT_TRUE(listed);
        ASSERT_EQ(listed->size(), 1u);
        EXPECT_FALSE(listed->front().openedAt);
        auto report = s.checks->report(v, planned);
        ASSERT_FALSE(report);
        EXPECT_EQ(report.error().code, "spotcheck.state");
    }
    // No terminal in scope has been told anything, and the gateway's reconnect query is empty.
    EXPECT_TRUE(s.notifier.starts.empty());
    auto pending = s.checks->openChecksFor(PostId(1), shanghai(2026, 11, 27, 13, 59));
    ASSERT_TRUE(pending);
    EXPECT_TRUE(pending->empty());
}

TEST_F(Visibility, TheAuditRecordsTheRangeButNotTheDrawnMoment) {
    auto trail = s.auditTrail();
    ASSERT_TRUE(trail) << trail.error().describe();
    ASSERT_EQ(trail->size(), 1u);
    const auto& e = trail->front();
    EXPECT_EQ(e.event.action, "spotcheck.create");
    EXPECT_EQ(e.event.actor, "inspector100");
    EXPECT_EQ(e.event.after.at("from"), from.toIso());
    EXPECT_EQ(e.event.after.at("to"), to.toIso());
    EXPECT_EQ(e.event.after.size(), 6u);  // scope, window, method, random, from, to: no moment
}

TEST_F(Visibility, OnceFiredHrAndInspectorsSeeItAndStaffStillDoNot) {
    for (Instant t = from; t <= to; t = t + minutes(1)) ASSERT_TRUE(s.scheduler->tick(t));
    for (const Viewer& v : {hr(), inspector(102), Viewer{UserId(500), Role::Admin, "admin"}}) {
        auto shown = s.checks->show(v, planned);
        ASSERT_TRUE(shown) << toString(v.role) << ": " << shown.error().describe();
        EXPECT_NE(shown->state, CheckState::Planned);
        ASSERT_TRUE(shown->openedAt);
        EXPECT_GE(*shown->openedAt, from);
        EXPECT_LE(*shown->openedAt, to);
    }
    auto byStaff = s.checks->show(staff(), planned);
    ASSERT_FALSE(byStaff);
}

TEST_F(Visibility, OnlyThePlannersMayCancelAPlannedCheckAndItNeverFires) {
    auto cancelled = s.checks->cancel(inspector(101), planned, "post closed for renovation");
    ASSERT_TRUE(cancelled) << cancelled.error().describe();
    for (Instant t = from; t <= to; t = t + minutes(1)) ASSERT_TRUE(s.scheduler->tick(t));
    EXPECT_TRUE(s.notifier.starts.empty());
    auto shown = s.checks->show(inspector(100), planned);
    ASSERT_TRUE(shown);
    EXPECT_EQ(shown->state, CheckState::Cancelled);
    auto again = s.checks->cancel(inspector(100), planned, "twice");
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, "spotcheck.state");
}
