// Malformed requests get a 4xx with {error, message, field} and change nothing; CSV imports
// with bad lines are refused whole, each bad line named.
#include <set>

#include "Organisation.hpp"

namespace rollcall::testing {
namespace {

using http::Verb;

class InputTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new ApiServer("input");
        org_ = new Org(seedOrganisation(*server_));
    }
    static void TearDownTestSuite() {
        delete org_;
        delete server_;
    }
    size_t departments(http::Client& c) { return c.send(Verb::get, "/api/v1/departments")->json()["items"].size(); }
    static ApiServer* server_;
    static Org* org_;
};
ApiServer* InputTest::server_ = nullptr;
Org* InputTest::org_ = nullptr;

TEST_F(InputTest, MalformedBodiesAreRefusedWithTheFieldAndChangeNothing) {
    auto hr = server_->signedIn("hr");
    const auto before = departments(hr);
    struct Case { std::string body; std::string error; std::optional<std::string> field; };
    const std::vector<Case> cases{
        {R"({"code":"Z","name":)", "request.malformed_json", std::nullopt},
        {R"([1,2])", "request.malformed_json", std::nullopt},
        {R"({"code":"Z","name":"Z","colour":"red"})", "request.unknown_field", "colour"},
        {R"({"code":7,"name":"Z"})", "request.type", "code"},
        {R"({"code":"Z","name":"Z","parentId":"1"})", "request.type", "parentId"},
        {R"({"name":"Z"})", "request.missing", "code"},
    };
    for (const auto& c : cases) {
        auto r = hr.send(Verb::post, "/api/v1/departments", c.body);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 400u) << c.body << " -> " << r->body;
        EXPECT_EQ(r->json()["error"], c.error) << c.body;
        EXPECT_TRUE(r->json()["message"].is_string());
        if (c.field) {
            EXPECT_EQ(r->json()["field"], *c.field) << c.body;
        }
    }
    EXPECT_EQ(departments(hr), before);
}

TEST_F(InputTest, BadDatesAreRefused) {
    auto hr = server_->signedIn("hr");
    const auto id = std::to_string(org_->employee["staff3"]);
    for (const char* date : {"2026-02-30", "2026-13-01", "yesterday", ""}) {
        auto r = hr.send(Verb::post, "/api/v1/employees/" + id + "/offboard", nlohmann::json{{"on", date}}.dump());
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 400u) << date << " -> " << r->body;
        EXPECT_EQ(r->json()["field"], "on") << date;
    }
    auto still = hr.send(Verb::get, "/api/v1/employees/" + id);
    EXPECT_EQ(still->json()["active"], true);
}

TEST_F(InputTest, OversizedBodiesGet413) {
    auto hr = server_->signedIn("hr");
    const std::string huge = R"({"code":"BIG","name":")" + std::string(200 * 1024, 'x') + "\"}";
    auto r = hr.send(Verb::post, "/api/v1/departments", huge);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 413u);
    auto again = server_->signedIn("hr");
    EXPECT_EQ(departments(again), departments(again));
    auto list = again.send(Verb::get, "/api/v1/departments");
    EXPECT_EQ(list->body.find("BIG"), std::string::npos);
}

TEST_F(InputTest, BrokenHttpGets400AndTheServerCarriesOn) {
    auto c = server_->client();
    auto r = c.sendRaw("GARBAGE\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400u);
    auto again = server_->client();
    EXPECT_EQ(again.send(Verb::get, "/healthz")->status, 200u);
}

TEST_F(InputTest, UnknownRoutesAndMethods) {
    auto hr = server_->signedIn("hr");
    auto r = hr.send(Verb::get, "/api/v1/nothing-here");
    EXPECT_EQ(r->status, 404u);
    EXPECT_EQ(r->json()["error"], "not_found");
    auto m = hr.send(Verb::put, "/api/v1/departments", "{}");
    EXPECT_EQ(m->status, 405u);
    EXPECT_FALSE(m->header("allow").empty());
}

TEST_F(InputTest, CsvImportWithBadLinesImportsNothingAndNamesEachLine) {
    auto hr = server_->signedIn("hr");
    const std::string csv =
        "number,name,department,post,roles\n"
        "E100,Sun Li,OFF,DESK,staff\n"
        ",No Number,OFF,DESK,staff\n"
        "E101,Zhou Jie,NOPE,DESK,staff\n"
        "E102,Wu Min,OFF,DESK,wizard\n";
    const auto before = hr.send(Verb::get, "/api/v1/employees")->json()["items"].size();
    auto r = hr.send(Verb::post, "/api/v1/import/employees", csv, {{"Content-Type", "text/csv"}});
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 422u) << r->body;
    EXPECT_EQ(r->json()["error"], "csv.invalid");
    std::set<int> lines;
    const auto answer = r->json();
    for (const auto& e : answer["errors"]) lines.insert(e["line"].get<int>());
    EXPECT_EQ(lines, (std::set<int>{3, 4, 5})) << r->body;
    EXPECT_EQ(hr.send(Verb::get, "/api/v1/employees")->json()["items"].size(), before) << "nothing half-imported";
}

TEST_F(InputTest, CsvDryRunChecksWithoutKeepingAndImportKeeps) {
    auto hr = server_->signedIn("hr");
    const std::string csv = "code,name,parent\nSUB1,Sub one,OFF\nSUB2,Sub two,SUB1\n";
    auto dry = hr.send(Verb::post, "/api/v1/import/departments?dry_run=1", csv, {{"Content-Type", "text/csv"}});
    ASSERT_TRUE(dry);
    ASSERT_EQ(dry->status, 200u) << dry->body;
    EXPECT_EQ(dry->json()["inserted"], 2);
    EXPECT_EQ(hr.send(Verb::get, "/api/v1/departments")->body.find("SUB1"), std::string::npos);
    auto real = hr.send(Verb::post, "/api/v1/import/departments", csv, {{"Content-Type", "text/csv"}});
    ASSERT_EQ(real->status, 200u) << real->body;
    EXPECT_NE(hr.send(Verb::get, "/api/v1/departments")->body.find("SUB1"), std::string::npos);
    auto exported = hr.send(Verb::get, "/api/v1/export/departments");
    ASSERT_EQ(exported->status, 200u);
    EXPECT_NE(exported->body.find("SUB2"), std::string::npos);
    auto staff = server_->signedIn("staff");
    EXPECT_EQ(staff.send(Verb::post, "/api/v1/import/departments", csv, {{"Content-Type", "text/csv"}})->status, 403u);
}

}  // namespace
}  // namespace rollcall::testing
