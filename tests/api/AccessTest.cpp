// Each role's allowed and denied calls; denials say why, with 403, and are audited.
#include "Organisation.hpp"

namespace rollcall::testing {
namespace {

using http::Verb;

class AccessTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new ApiServer("access");
        org_ = new Org(seedOrganisation(*server_));
    }
    static void TearDownTestSuite() {
        delete org_;
        delete server_;
    }
    static ApiServer* server_;
    static Org* org_;
};
ApiServer* AccessTest::server_ = nullptr;
Org* AccessTest::org_ = nullptr;

TEST_F(AccessTest, UnauthenticatedCallsGet401) {
    auto c = server_->client();
    auto r = c.send(Verb::get, "/api/v1/employees");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401u);
    EXPECT_EQ(r->json()["error"], "auth.required");
}

TEST_F(AccessTest, StaffSeesOnlyTheirOwnRecord) {
    auto staff = server_->signedIn("staff");
    auto list = staff.send(Verb::get, "/api/v1/employees");
    ASSERT_TRUE(list);
    ASSERT_EQ(list->status, 200u);
    ASSERT_EQ(list->json()["items"].size(), 1u);
    EXPECT_EQ(list->json()["items"][0]["number"], "E001");
    auto other = staff.send(Verb::get, "/api/v1/employees/" + std::to_string(org_->employee["staff3"]));
    ASSERT_TRUE(other);
    EXPECT_EQ(other->status, 403u);
    EXPECT_EQ(other->json()["error"], "forbidden");
    EXPECT_FALSE(other->json()["message"].get<std::string>().empty());
}

TEST_F(AccessTest, StaffCannotChangeTheOrganisationAndTheDenialIsAudited) {
    auto staff = server_->signedIn("staff");
    auto r = staff.send(Verb::post, "/api/v1/departments", R"({"code":"X","name":"X"})");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 403u);
    EXPECT_NE(r->json()["message"].get<std::string>().find("hr"), std::string::npos) << r->body;
    auto admin = server_->signedIn("admin", kAdminPassword);
    auto audit = admin.send(Verb::get, "/api/v1/audit?action=denied&actor=staff");
    ASSERT_TRUE(audit);
    ASSERT_EQ(audit->status, 200u);
    ASSERT_GE(audit->json()["items"].size(), 1u);
    EXPECT_EQ(audit->json()["items"].back()["target"], "POST /api/v1/departments");
}

TEST_F(AccessTest, OnlyAdministratorsReadTheAuditLogAndManageAccounts) {
    for (const char* user : {"staff", "hr", "approver", "inspector"}) {
        auto c = server_->signedIn(user);
        auto audit = c.send(Verb::get, "/api/v1/audit");
        ASSERT_TRUE(audit);
        EXPECT_EQ(audit->status, 403u) << user;
        auto accounts = c.send(Verb::post, "/api/v1/accounts", R"({"username":"evil","password":"0123456789ab","roles":["admin"]})");
        ASSERT_TRUE(accounts);
        EXPECT_EQ(accounts->status, 403u) << user;
    }
    auto admin = server_->signedIn("admin", kAdminPassword);
    auto list = admin.send(Verb::get, "/api/v1/accounts");
    ASSERT_TRUE(list);
    EXPECT_EQ(list->status, 200u);
    EXPECT_EQ(list->body.find("password"), std::string::npos) << "no password or hash in answers";
}

TEST_F(AccessTest, HrChangesTheOrganisation) {
    auto hr = server_->signedIn("hr");
    auto r = hr.send(Verb::post, "/api/v1/departments", R"({"code":"HRX","name":"HR made","parentId":)" +
                                                             std::to_string(org_->office) + "}");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 201u) << r->body;
    auto all = hr.send(Verb::get, "/api/v1/employees");
    ASSERT_TRUE(all);
    EXPECT_EQ(all->json()["items"].size(), 5u);
}

TEST_F(AccessTest, HeadOfDepartmentSeesOnlyTheirDepartment) {
    auto approver = server_->signedIn("approver");
    auto list = approver.send(Verb::get, "/api/v1/employees");
    ASSERT_TRUE(list);
    ASSERT_EQ(list->status, 200u);
    for (const auto& e : list->json()["items"]) EXPECT_EQ(e["departmentId"], org_->office) << e.dump();
    auto outside = approver.send(Verb::get, "/api/v1/employees/" + std::to_string(org_->employee["staff3"]));
    ASSERT_TRUE(outside);
    EXPECT_EQ(outside->status, 403u);
    auto inside = approver.send(Verb::get, "/api/v1/employees/" + std::to_string(org_->employee["staff"]));
    ASSERT_TRUE(inside);
    EXPECT_EQ(inside->status, 200u);
}

TEST_F(AccessTest, InspectorReadsPeopleButChangesNothing) {
    auto inspector = server_->signedIn("inspector");
    auto list = inspector.send(Verb::get, "/api/v1/employees");
    ASSERT_TRUE(list);
    EXPECT_EQ(list->status, 200u);
    auto change = inspector.send(Verb::patch, "/api/v1/employees/" + std::to_string(org_->employee["staff"]), R"({"name":"x"})");
    ASSERT_TRUE(change);
    EXPECT_EQ(change->status, 403u);
}

TEST_F(AccessTest, DeactivatedAccountLosesItsSessionsAtOnce) {
    auto admin = server_->signedIn("admin", kAdminPassword);
    auto made = admin.send(Verb::post, "/api/v1/accounts", R"({"username":"temp","password":"temporary-pass-1","roles":["staff"]})");
    ASSERT_TRUE(made);
    ASSERT_EQ(made->status, 201u) << made->body;
    auto temp = server_->signedIn("temp", "temporary-pass-1");
    ASSERT_EQ(temp.send(Verb::get, "/api/v1/session")->status, 200u);
    auto off = admin.send(Verb::patch, "/api/v1/accounts/" + std::to_string(made->json()["id"].get<int>()), R"({"active":false})");
    ASSERT_TRUE(off);
    ASSERT_EQ(off->status, 200u) << off->body;
    EXPECT_EQ(temp.send(Verb::get, "/api/v1/session")->status, 401u);
}

}  // namespace
}  // namespace rollcall::testing
