// The leave life cycle end to end over HTTP: staff request, the head of department approves
// (someone else's head may not), staff report back; each step is audited; balances move.
#include "Organisation.hpp"
#include "rollcall/rules/Shift.hpp"
#include "rollcall/store/ScheduleRepository.hpp"

namespace rollcall::testing {
namespace {

using http::Verb;

// Puts everyone on shift S (08:30-17:30) on calendar workdays, as HR's roster would.
void rosterEveryone(ApiServer& server, const Org& org) {
    auto s = store::Store::open({.path = server.dir() / "rollcall.db"});
    ASSERT_TRUE(s) << s.error().describe();
    using rules::ShiftClock;
    store::ScheduleRepository schedule(**s);
    auto shift = schedule.saveShift(rules::makeFixedShift(
        ShiftId{}, "S", {ShiftClock(8, 30), ShiftClock(17, 30), {ShiftClock(6, 30), ShiftClock(12, 0)}, {ShiftClock(12, 0), ShiftClock(23, 59)}},
        5, 0, 30));
    ASSERT_TRUE(shift) << shift.error().describe();
    rules::ShiftPattern office;
    office.name = "Office days";
    office.kind = rules::PatternKind::CalendarWorkdays;
    office.workdayShift = *shift;
    auto pattern = schedule.savePattern(office);
    ASSERT_TRUE(pattern);
    for (const auto& [user, id] : org.employee) {
        ASSERT_TRUE(schedule.assign({EmployeeId(id), *pattern, LocalDate(2026, 1, 1), std::nullopt}));
    }
}

// Today, or the last workday before it: a leave that has started can be reported back from.
LocalDate latestWorkday(LocalDate d) {
    while (d.isWeekend()) d = d - 1;
    return d;
}

LocalDate nextWorkday(LocalDate d) {
    do d = d + 1; while (d.isWeekend());
    return d;
}

TEST(Leave, RequestApproveReportBackEndToEnd) {
    ApiServer server("leave");
    const Org org = seedOrganisation(server);
    rosterEveryone(server, org);
    const auto day = latestWorkday(TimeZone::load("Asia/Shanghai")->today()).toString();

    auto staff = server.signedIn("staff");
    auto types = staff.send(Verb::get, "/api/v1/leave/types");
    ASSERT_EQ(types->status, 200u);
    ASSERT_FALSE(types->json()["items"].empty());

    auto req = staff.send(Verb::post, "/api/v1/leave",
                          nlohmann::json{{"type", "annual"}, {"start", day}, {"end", day}, {"reason", "family"}}.dump());
    ASSERT_TRUE(req);
    ASSERT_EQ(req->status, 201u) << req->body;
    const auto id = std::to_string(req->json()["id"].get<std::int64_t>());
    EXPECT_EQ(req->json()["state"], "pending");

    // Staff cannot approve, and another department's people cannot see it.
    auto self = staff.send(Verb::post, "/api/v1/leave/" + id + "/approve", "{}");
    EXPECT_GE(self->status, 400u);
    auto outsider = server.signedIn("staff3");
    EXPECT_EQ(outsider.send(Verb::get, "/api/v1/leave/" + id)->status, 403u);

    auto approver = server.signedIn("approver");
    auto waiting = approver.send(Verb::get, "/api/v1/leave?scope=approve");
    ASSERT_EQ(waiting->status, 200u);
    ASSERT_EQ(waiting->json()["items"].size(), 1u) << waiting->body;
    auto approved = approver.send(Verb::post, "/api/v1/leave/" + id + "/approve", R"({"reason":"ok"})");
    ASSERT_EQ(approved->status, 200u) << approved->body;
    EXPECT_EQ(approved->json()["state"], "approved");
    EXPECT_TRUE(approver.send(Verb::get, "/api/v1/leave?scope=approve")->json()["items"].empty());

    auto back = staff.send(Verb::post, "/api/v1/leave/" + id + "/report-back", "{}");
    ASSERT_EQ(back->status, 200u) << back->body;
    EXPECT_EQ(back->json()["state"], "reported back");

    auto mine = staff.send(Verb::get, "/api/v1/leave");
    ASSERT_EQ(mine->json()["items"].size(), 1u);
    auto balances = staff.send(Verb::get, "/api/v1/leave/balances");
    ASSERT_EQ(balances->status, 200u) << balances->body;

    auto admin = server.signedIn("admin", kAdminPassword);
    auto trail = admin.send(Verb::get, "/api/v1/audit?target=leave/" + id);
    std::vector<std::string> actions;
    const auto entries = trail->json();
    for (const auto& e : entries["items"]) actions.push_back(e["action"]);
    EXPECT_EQ(actions, (std::vector<std::string>{"leave.request", "leave.approve", "leave.report_back"})) << trail->body;
    EXPECT_EQ(trail->json()["items"][1]["before"]["state"], "pending");
    EXPECT_EQ(trail->json()["items"][1]["after"]["state"], "approved");
}

TEST(Leave, RejectNeedsAReasonAndBadRequestsChangeNothing) {
    ApiServer server("leave-reject");
    const Org org = seedOrganisation(server);
    rosterEveryone(server, org);
    const auto day = nextWorkday(TimeZone::load("Asia/Shanghai")->today() + 7).toString();
    auto staff = server.signedIn("staff");
    for (const auto& bad : {nlohmann::json{{"type", "annual"}, {"start", "2026-02-30"}},
                            nlohmann::json{{"type", "annual"}, {"start", day}, {"startHalf", "noon"}},
                            nlohmann::json{{"type", "annual"}, {"start", day}, {"days", 3}}}) {
        auto r = staff.send(Verb::post, "/api/v1/leave", bad.dump());
        EXPECT_EQ(r->status, 400u) << bad.dump() << " -> " << r->body;
    }
    EXPECT_TRUE(staff.send(Verb::get, "/api/v1/leave")->json()["items"].empty());
    auto req = staff.send(Verb::post, "/api/v1/leave", nlohmann::json{{"type", "annual"}, {"start", day}, {"reason", "rest"}}.dump());
    ASSERT_EQ(req->status, 201u) << req->body;
    const auto id = std::to_string(req->json()["id"].get<std::int64_t>());
    auto approver = server.signedIn("approver");
    auto noReason = approver.send(Verb::post, "/api/v1/leave/" + id + "/reject", "{}");
    EXPECT_EQ(noReason->status, 400u);
    EXPECT_EQ(noReason->json()["field"], "reason");
    auto rejected = approver.send(Verb::post, "/api/v1/leave/" + id + "/reject", R"({"reason":"short-staffed"})");
    ASSERT_EQ(rejected->status, 200u) << rejected->body;
    EXPECT_EQ(rejected->json()["state"], "rejected");
}

}  // namespace
}  // namespace rollcall::testing
