// Shifts, roster, calendar and leave policy: each role's allowed and denied calls. Everyone
// signed in reads shifts, the calendar and the leave policy; roster reads follow the scope of
// day records; only HR and administrators change anything, and every change is audited.
#include "Organisation.hpp"

namespace rollcall::testing {
namespace {

using http::Verb;

const char* kDayShift = R"({"name":"Day","kind":"fixed","segments":[{"start":"08:30","end":"17:30"}],"lateGraceMinutes":5})";

class ScheduleAccessTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new ApiServer("schedule-access");
        org_ = new Org(seedOrganisation(*server_));
        auto hr = server_->signedIn("hr");
        auto shift = hr.send(Verb::post, "/api/v1/shifts", kDayShift);
        ASSERT_EQ(shift->status, 201u) << shift->body;
        shiftId_ = shift->json()["id"].get<std::int64_t>();
        std::vector<std::int64_t> everyone;
        for (const auto& [user, id] : org_->employee) everyone.push_back(id);
        auto roster = hr.send(Verb::post, "/api/v1/roster",
                              nlohmann::json{{"employeeIds", everyone}, {"from", "2026-01-01"}, {"shiftId", shiftId_}}.dump());
        ASSERT_EQ(roster->status, 201u) << roster->body;
    }
    static void TearDownTestSuite() {
        delete org_;
        delete server_;
    }
    static std::string rosterOf(const std::string& user) {
        return "/api/v1/roster?employeeId=" + std::to_string(org_->employee[user]) + "&from=2026-03-02&to=2026-03-08";
    }
    static ApiServer* server_;
    static Org* org_;
    static std::int64_t shiftId_;
};
ApiServer* ScheduleAccessTest::server_ = nullptr;
Org* ScheduleAccessTest::org_ = nullptr;
std::int64_t ScheduleAccessTest::shiftId_ = 0;

TEST_F(ScheduleAccessTest, SignedOutCallsGet401) {
    auto c = server_->client();
    for (const char* path : {"/api/v1/shifts", "/api/v1/roster", "/api/v1/calendar", "/api/v1/leave/policy"}) {
        auto r = c.send(Verb::get, path);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 401u) << path;
    }
}

TEST_F(ScheduleAccessTest, EveryoneReadsShiftsCalendarAndPolicy) {
    for (const char* user : {"staff", "approver", "inspector", "hr"}) {
        auto c = server_->signedIn(user);
        auto shifts = c.send(Verb::get, "/api/v1/shifts");
        ASSERT_EQ(shifts->status, 200u) << user;
        ASSERT_EQ(shifts->json()["items"].size(), 1u);
        EXPECT_EQ(shifts->json()["items"][0]["segments"][0]["inFrom"], "06:30") << "default in-window opens 2 h early";
        EXPECT_EQ(c.send(Verb::get, "/api/v1/shifts/" + std::to_string(shiftId_))->status, 200u) << user;
        EXPECT_EQ(c.send(Verb::get, "/api/v1/calendar?year=2026")->status, 200u) << user;
        auto policy = c.send(Verb::get, "/api/v1/leave/policy");
        ASSERT_EQ(policy->status, 200u) << user;
        EXPECT_FALSE(policy->json()["approvalRules"].empty());
    }
}

TEST_F(ScheduleAccessTest, StaffReadOnlyTheirOwnRoster) {
    auto staff = server_->signedIn("staff");
    auto mine = staff.send(Verb::get, "/api/v1/roster?from=2026-03-02&to=2026-03-08");
    ASSERT_EQ(mine->status, 200u) << mine->body;
    ASSERT_EQ(mine->json()["items"].size(), 1u);
    EXPECT_EQ(mine->json()["items"][0]["employeeId"], org_->employee["staff"]);
    const auto days = mine->json()["items"][0]["days"];
    ASSERT_EQ(days.size(), 7u);
    EXPECT_EQ(days[0]["kind"], "shift");  // Monday
    EXPECT_EQ(days[0]["shiftName"], "Day");
    EXPECT_EQ(days[5]["kind"], "rest_day");  // Saturday
    EXPECT_EQ(staff.send(Verb::get, rosterOf("staff"))->status, 200u);
    auto other = staff.send(Verb::get, rosterOf("staff3"));
    EXPECT_EQ(other->status, 403u) << other->body;
    EXPECT_EQ(other->json()["error"], "forbidden");
    EXPECT_EQ(staff.send(Verb::get, "/api/v1/roster?departmentId=" + std::to_string(org_->field))->status, 403u);
}

TEST_F(ScheduleAccessTest, ApproversReadTheirDepartmentsRosterOnly) {
    auto approver = server_->signedIn("approver");
    auto own = approver.send(Verb::get, "/api/v1/roster?from=2026-03-02&departmentId=" + std::to_string(org_->office));
    ASSERT_EQ(own->status, 200u) << own->body;
    EXPECT_EQ(own->json()["items"].size(), 3u);  // staff, approver, hr
    EXPECT_EQ(approver.send(Verb::get, rosterOf("staff"))->status, 200u);
    EXPECT_EQ(approver.send(Verb::get, "/api/v1/roster?departmentId=" + std::to_string(org_->field))->status, 403u);
    EXPECT_EQ(approver.send(Verb::get, rosterOf("staff3"))->status, 403u);
}

TEST_F(ScheduleAccessTest, InspectorsAndHrReadEveryonesRoster) {
    for (const char* user : {"inspector", "hr"}) {
        auto c = server_->signedIn(user);
        auto all = c.send(Verb::get, "/api/v1/roster?from=2026-03-02");
        ASSERT_EQ(all->status, 200u) << user;
        EXPECT_EQ(all->json()["items"].size(), org_->employee.size()) << user;
        EXPECT_EQ(c.send(Verb::get, rosterOf("staff3"))->status, 200u) << user;
    }
}

TEST_F(ScheduleAccessTest, OnlyHrAndAdminChangeSchedulesAndDenialsAreAudited) {
    const std::string shiftPath = "/api/v1/shifts/" + std::to_string(shiftId_);
    const std::string assign = nlohmann::json{{"employeeIds", {org_->employee["staff"]}}, {"from", "2027-01-01"},
                                              {"shiftId", shiftId_}}.dump();
    struct Call {
        Verb verb;
        std::string path;
        std::string body;
    };
    const std::vector<Call> changes{
        {Verb::post, "/api/v1/shifts", R"({"name":"Other","segments":[{"start":"09:00","end":"18:00"}]})"},
        {Verb::put, shiftPath, kDayShift},
        {Verb::post, "/api/v1/shifts/import", "name,start,end\nCsv,09:00,17:00\n"},
        {Verb::post, "/api/v1/roster", assign},
        {Verb::post, "/api/v1/roster/import", "employee,from,shift\nE001,2027-06-01,Day\n"},
        {Verb::delete_, "/api/v1/roster/1", ""},
        {Verb::post, "/api/v1/calendar/import", "date,kind,name\n2026-10-01,holiday,National Day\n"},
        {Verb::post, "/api/v1/leave/types", R"({"code":"study","name":"Study leave"})"},
        {Verb::put, "/api/v1/leave/policy", R"({"stepDeadlineHours":48})"},
    };
    for (const char* user : {"staff", "approver", "inspector"}) {
        auto c = server_->signedIn(user);
        for (const auto& call : changes) {
            auto r = c.send(call.verb, call.path, call.body);
            ASSERT_TRUE(r);
            EXPECT_EQ(r->status, 403u) << user << " " << call.path << ": " << r->body;
            EXPECT_NE(r->json()["message"].get<std::string>().find("hr"), std::string::npos) << r->body;
        }
    }
    auto admin = server_->signedIn("admin", kAdminPassword);
    auto denied = admin.send(Verb::get, "/api/v1/audit?action=denied&actor=inspector");
    ASSERT_EQ(denied->status, 200u);
    EXPECT_GE(denied->json()["items"].size(), changes.size());

    // HR and administrators may; each change leaves an audit entry with before and after.
    auto hr = server_->signedIn("hr");
    auto created = hr.send(Verb::post, "/api/v1/shifts", R"({"name":"Late","segments":[{"start":"12:00","end":"21:00"}]})");
    ASSERT_EQ(created->status, 201u) << created->body;
    auto changed = admin.send(Verb::put, "/api/v1/shifts/" + std::to_string(created->json()["id"].get<std::int64_t>()),
                              R"({"name":"Late","segments":[{"start":"12:30","end":"21:30"}],"lateGraceMinutes":10})");
    ASSERT_EQ(changed->status, 200u) << changed->body;
    EXPECT_EQ(changed->json()["lateGraceMinutes"], 10);
    auto entries = admin.send(Verb::get, "/api/v1/audit?action=shift.update");
    ASSERT_EQ(entries->json()["items"].size(), 1u);
    const auto entry = entries->json()["items"][0];
    EXPECT_EQ(entry["actor"], "admin");
    EXPECT_EQ(entry["before"]["segments"][0]["start"], "12:00");
    EXPECT_EQ(entry["after"]["segments"][0]["start"], "12:30");
    auto type = hr.send(Verb::post, "/api/v1/leave/types", R"({"code":"study","name":"Study leave","unit":"day","yearlyQuotaMinutes":4800})");
    ASSERT_EQ(type->status, 201u) << type->body;
    auto again = hr.send(Verb::post, "/api/v1/leave/types", R"({"code":"study","name":"Study leave","unit":"day","yearlyQuotaMinutes":2400})");
    ASSERT_EQ(again->status, 200u) << again->body;
    auto types = server_->signedIn("staff").send(Verb::get, "/api/v1/leave/types");
    EXPECT_NE(types->body.find("\"study\""), std::string::npos);
    auto policy = hr.send(Verb::put, "/api/v1/leave/policy",
                          R"({"stepDeadlineHours":48,"approvalRules":[{"overDays":0,"upToDays":2,"chain":["department_head"]},)"
                          R"({"overDays":2,"chain":["department_head","bureau_leadership"]}]})");
    ASSERT_EQ(policy->status, 200u) << policy->body;
    EXPECT_EQ(policy->json()["stepDeadlineHours"], 48);
    EXPECT_EQ(policy->json()["approvalRules"].size(), 2u);
    EXPECT_EQ(admin.send(Verb::get, "/api/v1/audit?action=leave_policy.update")->json()["items"][0]["before"]["stepDeadlineHours"], 24);
    EXPECT_EQ(admin.send(Verb::get, "/api/v1/audit?action=leave_type.save")->json()["items"].size(), 2u);
}

}  // namespace
}  // namespace rollcall::testing
