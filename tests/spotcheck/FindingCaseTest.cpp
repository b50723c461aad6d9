// Findings are ruled on (confirm / excuse with a reason), confirmed ones become cases tracked
// to closure, a warning list can be published, and every ruling is in the audit chain.
#include "Fixture.hpp"

using namespace rollcall;
using namespace rollcall::spotcheck;
using namespace rollcall::spotcheck::testing;

namespace {

const PostId P(1);
const DepartmentId D(1);
const TerminalId TP(11);
const EmployeeId A(1), C(3), E(5);
const UserId Owner(300);

class Findings : public ::testing::Test {
protected:
    Server s;
    SpotCheckId check;
    FindingId absentC, absentE;

    void SetUp() override {
        s.roster.posts = {{P, D}};
        s.roster.people = {{A, P, D, DutyKind::OnDuty, "", std::nullopt, ShiftId(5)},
                           {C, P, D, DutyKind::OnDuty, "", std::nullopt, ShiftId(5)},
                           {E, P, D, DutyKind::OnDuty, "", std::nullopt, ShiftId(5)}};
        s.terminals.all = {{TP, P}};
        s.notifier.connected = {TP};
        s.clock.set(shanghai(2026, 11, 27, 10, 17));
        auto c = s.checks->create(inspector(), {.scope = Scope::ofPosts({P}), .windowMinutes = 10});
        ASSERT_TRUE(c) << c.error().describe();
        check = c->id;
        s.punch(A, TP, shanghai(2026, 11, 27, 10, 20), shanghai(2026, 11, 27, 10, 20));
        s.clock.set(shanghai(2026, 11, 27, 10, 30));
        ASSERT_TRUE(s.scheduler->tick(s.clock.now()));
        auto f = s.findings->findings(inspector(), {.check = check, .state = FindingState::Open});
        ASSERT_TRUE(f) << f.error().describe();
        ASSERT_EQ(f->size(), 2u);
        absentC = (*f)[0].employee == C ? (*f)[0].id : (*f)[1].id;
        absentE = (*f)[0].employee == E ? (*f)[0].id : (*f)[1].id;
    }

    std::vector<std::string> auditActions() {
        auto trail = s.auditTrail();
        EXPECT_TRUE(trail) << trail.error().describe();
        std::vector<std::string> out;
        for (const auto& e : *trail) out.push_back(e.event.action);
        return out;
    }
};

}  // namespace

TEST_F(Findings, ConfirmedFindingBecomesACaseTrackedToClosure) {
    auto opened = s.findings->confirm(inspector(), absentC, "no answer, not on leave", Owner, LocalDate(2026, 12, 4));
    ASSERT_TRUE(opened) << opened.error().describe();
    EXPECT_EQ(opened->state, CaseState::Open);
    EXPECT_EQ(opened->employee, C);
    EXPECT_EQ(opened->owner, Owner);
    EXPECT_EQ(opened->deadline, LocalDate(2026, 12, 4));

    auto f = s.findings->findings(inspector(), {.check = check, .state = FindingState::Confirmed});
    ASSERT_TRUE(f);
    ASSERT_EQ(f->size(), 1u);
    EXPECT_EQ(f->front().reason, "no answer, not on leave");
    EXPECT_EQ(f->front().ruledBy, UserId(100));

    // The owner (an HR user here) moves it along; closing needs the resolution.
    const Viewer owner{Owner, Role::Hr, "hr300"};
    auto early = s.findings->closeCase(owner, opened->id, "talked to");
    ASSERT_FALSE(early);
    EXPECT_EQ(early.error().code, "spotcheck.case_state");
    auto started = s.findings->startCase(owner, opened->id, "interview set for Monday");
    ASSERT_TRUE(started) << started.error().describe();
    EXPECT_EQ(started->state, CaseState::InProgress);
    auto noResolution = s.findings->closeCase(owner, opened->id, "");
    ASSERT_FALSE(noResolution);
    EXPECT_EQ(noResolution.error().field, "resolution");
    auto closed = s.findings->closeCase(owner, opened->id, "written warning issued");
    ASSERT_TRUE(closed) << closed.error().describe();
    EXPECT_EQ(closed->state, CaseState::Closed);
    EXPECT_EQ(closed->resolution, "written warning issued");
    EXPECT_TRUE(closed->closedAt);

    auto all = s.findings->cases(inspector(), CaseState::Closed);
    ASSERT_TRUE(all);
    EXPECT_EQ(all->size(), 1u);

    EXPECT_EQ(auditActions(), (std::vector<std::string>{"spotcheck.create", "spotcheck.finding.confirm",
                                                        "spotcheck.case.start", "spotcheck.case.close"}));
    auto verified = s.store->read([](sqlite::Database& db) { return audit::AuditLog(db).verify(); });
    ASSERT_TRUE(verified);
    EXPECT_TRUE(verified->ok) << verified->reason;
}

TEST_F(Findings, ExcusedFindingNeedsAReasonAndOpensNoCase) {
    auto noReason = s.findings->excuse(inspector(), absentE, "");
    ASSERT_FALSE(noReason);
    EXPECT_EQ(noReason.error().code, "spotcheck.reason");
    auto excused = s.findings->excuse(inspector(), absentE, "called to the director's office");
    ASSERT_TRUE(excused) << excused.error().describe();
    EXPECT_EQ(excused->state, FindingState::Excused);
    auto cases = s.findings->cases(inspector());
    ASSERT_TRUE(cases);
    EXPECT_TRUE(cases->empty());
    auto twice = s.findings->confirm(inspector(), absentE, "changed my mind", Owner, LocalDate(2026, 12, 4));
    ASSERT_FALSE(twice);
    EXPECT_EQ(twice.error().code, "spotcheck.finding_state");
}

TEST_F(Findings, OnlyInspectorsRuleAndBadRulingsChangeNothing) {
    auto byStaff = s.findings->confirm(staff(), absentC, "x", Owner, LocalDate(2026, 12, 4));
    ASSERT_FALSE(byStaff);
    EXPECT_EQ(byStaff.error().code, "spotcheck.forbidden");
    auto byHr = s.findings->excuse(hr(), absentC, "x");
    ASSERT_FALSE(byHr);
    auto pastDeadline = s.findings->confirm(inspector(), absentC, "x", Owner, LocalDate(2026, 11, 20));
    ASSERT_FALSE(pastDeadline);
    EXPECT_EQ(pastDeadline.error().field, "deadline");
    auto noOwner = s.findings->confirm(inspector(), absentC, "x", UserId(), LocalDate(2026, 12, 4));
    ASSERT_FALSE(noOwner);
    auto unknown = s.findings->confirm(inspector(), FindingId(999), "x", Owner, LocalDate(2026, 12, 4));
    ASSERT_FALSE(unknown);
    EXPECT_EQ(unknown.error().code, "spotcheck.finding_not_found");
    auto staffList = s.findings->findings(staff());
    ASSERT_FALSE(staffList);

    auto open = s.findings->findings(inspector(), {.check = check, .state = FindingState::Open});
    ASSERT_TRUE(open);
    EXPECT_EQ(open->size(), 2u);
    EXPECT_EQ(auditActions(), std::vector<std::string>{"spotcheck.create"});
}

TEST_F(Findings, ARulingWhoseAuditFailsDoesNotHappen) {
    s.audit.broken = true;
    auto confirmed = s.findings->confirm(inspector(), absentC, "absent", Owner, LocalDate(2026, 12, 4));
    ASSERT_FALSE(confirmed);
    EXPECT_EQ(confirmed.error().code, "audit.unavailable");
    s.audit.broken = false;
    auto open = s.findings->findings(inspector(), {.check = check, .state = FindingState::Open});
    ASSERT_TRUE(open);
    EXPECT_EQ(open->size(), 2u);
    auto cases = s.findings->cases(inspector());
    ASSERT_TRUE(cases);
    EXPECT_TRUE(cases->empty());
}

TEST_F(Findings, AWarningListPublishesTheConfirmedFindingsOfThePeriod) {
    ASSERT_TRUE(s.findings->confirm(inspector(), absentC, "absent without leave", Owner, LocalDate(2026, 12, 4)));
    ASSERT_TRUE(s.findings->excuse(inspector(), absentE, "fire drill"));
    auto byHr = s.findings->publishWarningList(hr(), LocalDate(2026, 11, 1), LocalDate(2026, 11, 30), "November");
    ASSERT_FALSE(byHr);
    auto list = s.findings->publishWarningList(inspector(), LocalDate(2026, 11, 1), LocalDate(2026, 11, 30),
                                               "Post checks, November 2026");
    ASSERT_TRUE(list) << list.error().describe();
    ASSERT_EQ(list->entries.size(), 1u);
    EXPECT_EQ(list->entries[0].employee, C);
    EXPECT_EQ(list->entries[0].reason, "absent without leave");
    EXPECT_TRUE(list->entries[0].caseId);
    EXPECT_EQ(list->entries[0].checkOpenedAt, shanghai(2026, 11, 27, 10, 17));

    auto december = s.findings->publishWarningList(inspector(), LocalDate(2026, 12, 1), LocalDate(2026, 12, 31), "December");
    ASSERT_TRUE(december);
    EXPECT_TRUE(december->entries.empty());
    auto lists = s.findings->warningLists();
    ASSERT_TRUE(lists);
    EXPECT_EQ(lists->size(), 2u);
    auto again = s.findings->warningList(list->id);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->entries.size(), 1u);
    auto backwards = s.findings->publishWarningList(inspector(), LocalDate(2026, 12, 1), LocalDate(2026, 11, 1), "x");
    ASSERT_FALSE(backwards);
}

TEST_F(Findings, ALatePunchAfterARulingFlagsTheFindingInsteadOfUndoingIt) {
    ASSERT_TRUE(s.findings->confirm(inspector(), absentC, "absent", Owner, LocalDate(2026, 12, 4)));
    // C's verification at 10:21 arrives from the terminal's backlog at 12:00.
    s.punch(C, TP, shanghai(2026, 11, 27, 10, 21), shanghai(2026, 11, 27, 12, 0));
    auto tick = s.scheduler->tick(shanghai(2026, 11, 27, 12, 0, 1));
    ASSERT_TRUE(tick);
    EXPECT_EQ(tick->reevaluated, 1);
    auto f = s.findings->findings(inspector(), {.check = check, .state = FindingState::Confirmed});
    ASSERT_TRUE(f);
    ASSERT_EQ(f->size(), 1u);
    EXPECT_TRUE(f->front().evaluationChanged);
}
