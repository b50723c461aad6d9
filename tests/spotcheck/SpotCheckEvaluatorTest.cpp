// The pure rule on its own: plain values in, plain values out.
#include <gtest/gtest.h>

#include "rollcall/spotcheck/SpotCheckEvaluator.hpp"

using namespace rollcall;
using namespace rollcall::spotcheck;
using std::chrono::minutes;

namespace {

const Instant t0 = Instant::fromMicros(1'795'000'000'000'000);
const PostId P(1), Q(2);
const TerminalId TP(11), TQ(12);

VerificationPunch verification(std::int64_t id, EmployeeId who, TerminalId where, Instant at, std::string method = "face") {
    VerificationPunch p;
    p.id = PunchId(id);
    p.employee = who;
    p.terminal = where;
    p.method = std::move(method);
    p.at = at;
    p.receivedAt = at;
    return p;
}

CheckEvaluation run(std::vector<PersonDuty> people, std::vector<VerificationPunch> punches,
                    MethodRequirement method = MethodRequirement::Any) {
    static const std::vector<TerminalPost> terminals{{TP, P}, {TQ, Q}};
    static const std::vector<PostId> posts{P};
    static const std::vector<TerminalId> reached{TP};
    return SpotCheckEvaluator::evaluate({t0, t0 + minutes(10), method, people, punches, terminals, posts, reached});
}

PersonDuty onDuty(std::int64_t id) { return {EmployeeId(id), P, DepartmentId(1), DutyKind::OnDuty, "", {}, ShiftId(1)}; }

}  // namespace

TEST(SpotCheckEvaluator, EveryKindOfExcuseIsExcusedWithItsRecord) {
    std::vector<PersonDuty> people;
    for (auto kind : {DutyKind::ApprovedLeave, DutyKind::BusinessTrip, DutyKind::RestDay, DutyKind::Holiday,
                      DutyKind::NotOnShift}) {
        people.push_back({EmployeeId(static_cast<int>(kind) + 1), P, DepartmentId(1), kind,
                          std::string(toString(kind)) + " record", {}, {}});
    }
    const auto out = run(people, {});
    ASSERT_EQ(out.results.size(), 5u);
    for (const auto& r : out.results) {
        EXPECT_EQ(r.outcome, Outcome::Excused);
        EXPECT_EQ(r.excuseRecord, std::string(toString(r.duty)) + " record");
    }
    EXPECT_EQ(out.tally.excused, 5);
}

TEST(SpotCheckEvaluator, TheWindowIncludesBothEnds) {
    const auto out = run({onDuty(1), onDuty(2), onDuty(3)},
                         {verification(1, EmployeeId(1), TP, t0), verification(2, EmployeeId(2), TP, t0 + minutes(10)),
                          verification(3, EmployeeId(3), TP, t0 + minutes(10) + std::chrono::microseconds(1))});
    EXPECT_EQ(out.results[0].outcome, Outcome::Present);
    EXPECT_EQ(out.results[1].outcome, Outcome::Present);
    EXPECT_EQ(out.results[2].outcome, Outcome::Absent);
    EXPECT_TRUE(out.results[2].lateAnswer);
}

TEST(SpotCheckEvaluator, CardPinManualAndUnknownTerminalsProveNothing) {
    const auto out = run({onDuty(1), onDuty(2), onDuty(3)},
                         {verification(1, EmployeeId(1), TP, t0 + minutes(1), "card"),
                          verification(2, EmployeeId(2), TP, t0 + minutes(1), "pin"),
                          verification(3, EmployeeId(3), TerminalId(99), t0 + minutes(1))});
    for (const auto& r : out.results) EXPECT_EQ(r.outcome, Outcome::Absent);
}

TEST(SpotCheckEvaluator, OwnPostBeatsElsewhereAndTheEarliestAnswerIsKept) {
    const auto out = run({onDuty(1)}, {verification(3, EmployeeId(1), TP, t0 + minutes(5)),
                                       verification(1, EmployeeId(1), TQ, t0 + minutes(1)),
                                       verification(2, EmployeeId(1), TP, t0 + minutes(2))});
    EXPECT_EQ(out.results[0].outcome, Outcome::Present);
    EXPECT_EQ(out.results[0].answer->punch, PunchId(2));
}

TEST(SpotCheckEvaluator, ReRunningGivesTheSameAnswerWhateverThePunchOrder) {
    std::vector<VerificationPunch> punches{verification(7, EmployeeId(1), TP, t0 + minutes(3)),
                                           verification(4, EmployeeId(1), TP, t0 + minutes(3))};
    const auto a = run({onDuty(1)}, punches);
    std::reverse(punches.begin(), punches.end());
    const auto b = run({onDuty(1)}, punches);
    EXPECT_EQ(a.results[0].answer->punch, PunchId(4));
    EXPECT_EQ(b.results[0].answer->punch, PunchId(4));
}

TEST(SpotCheckEvaluator, TerminalsInScopeNotReachedAreReportedOffline) {
    const std::vector<TerminalPost> terminals{{TP, P}, {TerminalId(13), P}, {TQ, Q}};
    const std::vector<PostId> posts{P};
    const std::vector<TerminalId> reached{TP};
    const auto out = SpotCheckEvaluator::evaluate({t0, t0 + minutes(10), MethodRequirement::Any, {}, {}, terminals, posts, reached});
    ASSERT_EQ(out.offline.size(), 1u);
    EXPECT_EQ(out.offline[0].terminal, TerminalId(13));  // TQ is out of scope
}
