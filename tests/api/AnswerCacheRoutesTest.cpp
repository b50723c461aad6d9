// The cached attendance reads through the real server: a change to what an answer is read
// from (a day record evaluated, a person moved, a department re-parented) shows in the next
// answer; callers of different scopes never get each other's answers; ETag / If-None-Match.
#include <chrono>
#include <thread>

#include "Organisation.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/tz/TimeZone.hpp"

namespace rollcall::testing {
namespace {

using http::Verb;
using nlohmann::json;

// A workday at least two days back (no calendar imported: Monday to Friday).
LocalDate recentWorkday() {
    LocalDate d = TimeZone::load("Asia/Shanghai")->today() - 2;
    while (d.isWeekend()) d = d - 1;
    return d;
}

std::string daysOf(const std::string& query, LocalDate day) {
    return "/api/v1/attendance/days?" + query + (query.empty() ? "" : "&") + "from=" + day.toString() + "&to=" + day.toString();
}

std::set<std::int64_t> people(const json& answer) {
    std::set<std::int64_t> out;
    for (const auto& r : answer["items"]) out.insert(r["employeeId"].get<std::int64_t>());
    return out;
}

json get(http::Client& c, const std::string& target, unsigned status = 200) {
    auto r = c.send(Verb::get, target);
    if (!r) throw std::runtime_error(r.error().message);
    EXPECT_EQ(r->status, status) << target << ": " << r->body;
    return r->json();
}

class AnswerCacheRoutes : public ::testing::Test {
protected:
    // One server for the suite: the day records come from the server's own evaluation queue,
    // which runs at the latest every 30 s.
    static void SetUpTestSuite() {
        server_ = new ApiServer("answer-cache");
        org_ = new Org(seedOrganisation(*server_));
        day_ = recentWorkday();
        auto admin = server_->signedIn("admin", kAdminPassword);
        auto hr = server_->signedIn("hr");
        const auto office = daysOf("departmentId=" + std::to_string(org_->office), day_);
        // Read (and cache) the empty answer before the punches exist and while they wait to be
        // evaluated: the evaluation must still show up.
        ASSERT_TRUE(people(get(hr, office)).empty());
        for (const char* who : {"staff", "staff3"}) {
            auto p = admin.send(Verb::post, "/api/v1/punches",
                                json{{"employeeId", org_->employee[who]}, {"at", day_.toString() + "T08:41"},
                                     {"reason", "terminal broken"}}.dump());
            ASSERT_EQ(p->status, 201u) << p->body;
        }
        ASSERT_TRUE(people(get(hr, office)).empty());
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(70);
        while (std::chrono::steady_clock::now() < deadline && !people(get(hr, office)).contains(org_->employee["staff"])) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        evaluated_ = people(get(hr, office)).contains(org_->employee["staff"]);
    }
    static void TearDownTestSuite() {
        delete org_;
        delete server_;
    }
    void SetUp() override { ASSERT_TRUE(evaluated_) << "the punched day was not evaluated (or not shown) within 70 s"; }

    static ApiServer* server_;
    static Org* org_;
    static LocalDate day_;
    static bool evaluated_;
};

ApiServer* AnswerCacheRoutes::server_ = nullptr;
Org* AnswerCacheRoutes::org_ = nullptr;
LocalDate AnswerCacheRoutes::day_{};
bool AnswerCacheRoutes::evaluated_ = false;

TEST_F(AnswerCacheRoutes, AnEvaluatedDayShowsDespiteTheEarlierCachedAnswer) {
    auto hr = server_->signedIn("hr");
    const auto answer = get(hr, daysOf("departmentId=" + std::to_string(org_->office), day_));
    // Read empty (and cached) before and after the punch; shown once the queue evaluated the day.
    ASSERT_EQ(answer["items"].size(), 1u) << answer.dump();
    EXPECT_EQ(answer["items"][0]["employeeId"], org_->employee["staff"]) << answer.dump();
    EXPECT_EQ(answer["items"][0]["date"], day_.toString()) << answer.dump();
}

TEST_F(AnswerCacheRoutes, APersonMovingDepartmentChangesBothDepartmentsAnswers) {
    auto hr = server_->signedIn("hr");
    const auto staff3 = org_->employee["staff3"];
    const auto office = daysOf("departmentId=" + std::to_string(org_->office), day_);
    const auto field = daysOf("departmentId=" + std::to_string(org_->field), day_);
    ASSERT_FALSE(people(get(hr, office)).contains(staff3));
    ASSERT_TRUE(people(get(hr, field)).contains(staff3));
    auto moved = hr.send(Verb::patch, "/api/v1/employees/" + std::to_string(staff3),
                         json{{"departmentId", org_->office}, {"postId", org_->desk}}.dump());
    ASSERT_EQ(moved->status, 200u) << moved->body;
    EXPECT_TRUE(people(get(hr, office)).contains(staff3));
    EXPECT_FALSE(people(get(hr, field)).contains(staff3));
    auto back = hr.send(Verb::patch, "/api/v1/employees/" + std::to_string(staff3),
                        json{{"departmentId", org_->field}, {"postId", org_->gate}}.dump());
    ASSERT_EQ(back->status, 200u) << back->body;
    EXPECT_FALSE(people(get(hr, office)).contains(staff3));
    EXPECT_TRUE(people(get(hr, field)).contains(staff3));
}

TEST_F(AnswerCacheRoutes, ADepartmentReParentedShowsInItsNewParentsAnswer) {
    auto admin = server_->signedIn("admin", kAdminPassword);
    auto hr = server_->signedIn("hr");
    const auto staff = org_->employee["staff"];
    const auto field = daysOf("departmentId=" + std::to_string(org_->field), day_);
    ASSERT_FALSE(people(get(hr, field)).contains(staff));
    const auto month = "/api/v1/attendance/month?month=" + day_.toString().substr(0, 7) + "&departmentId=" + std::to_string(org_->field);
    const auto sheetBefore = get(hr, month);
    auto import = [&](const std::string& csv, bool dryRun) {
        auto r = admin.send(Verb::post, std::string("/api/v1/import/departments") + (dryRun ? "?dry_run=1" : ""), csv,
                            {{"Content-Type", "text/csv"}});
        ASSERT_EQ(r->status, 200u) << r->body;
    };
    // A dry run is rolled back: nothing changes.
    import("code,name,parent\nOFF,Office,FLD\n", true);
    EXPECT_FALSE(people(get(hr, field)).contains(staff));
    // The office under the field department: the field's subtree now holds the office's people.
    import("code,name,parent\nOFF,Office,FLD\n", false);
    EXPECT_TRUE(people(get(hr, field)).contains(staff));
    EXPECT_GT(get(hr, month)["rows"].size(), sheetBefore["rows"].size());
    import("code,name,parent\nOFF,Office,\n", false);
    EXPECT_FALSE(people(get(hr, field)).contains(staff));
    EXPECT_EQ(get(hr, month)["rows"].size(), sheetBefore["rows"].size());
}

TEST_F(AnswerCacheRoutes, CallersOfDifferentScopesNeverShareAnAnswer) {
    auto hr = server_->signedIn("hr");
    auto staff = server_->signedIn("staff");
    auto staff3 = server_->signedIn("staff3");
    auto head = server_->signedIn("approver");  // head of the office
    const auto office = daysOf("departmentId=" + std::to_string(org_->office), day_);
    const auto field = daysOf("departmentId=" + std::to_string(org_->field), day_);
    const auto ofStaff = daysOf("employeeId=" + std::to_string(org_->employee["staff"]), day_);
    // HR fills the cache with every answer first.
    ASSERT_FALSE(people(get(hr, office)).empty());
    ASSERT_FALSE(people(get(hr, field)).empty());
    ASSERT_FALSE(people(get(hr, ofStaff)).empty());
    const auto everyone = people(get(hr, daysOf("", day_)));
    ASSERT_GE(everyone.size(), 2u);
    // The same URLs for callers whose scope does not cover them: still denied.
    get(staff, office, 403);
    get(staff3, ofStaff, 403);
    get(head, field, 403);
    EXPECT_EQ(get(staff, field, 403)["error"], "forbidden");
    // The same URL with no filter means "my own records" for staff, not HR's "everyone".
    EXPECT_EQ(people(get(staff3, daysOf("", day_))), std::set<std::int64_t>{org_->employee["staff3"]});
    EXPECT_EQ(people(get(staff, daysOf("", day_))), std::set<std::int64_t>{org_->employee["staff"]});
    // Those in scope get the same answer HR got.
    EXPECT_EQ(people(get(head, office)), people(get(hr, office)));
    EXPECT_EQ(people(get(staff, ofStaff)), std::set<std::int64_t>{org_->employee["staff"]});
    // Each denial is still audited.
    auto admin = server_->signedIn("admin", kAdminPassword);
    const auto denied = get(admin, "/api/v1/audit?action=denied&actor=staff3");
    EXPECT_FALSE(denied["items"].empty()) << denied.dump();
}

TEST_F(AnswerCacheRoutes, IfNoneMatchGets304UntilTheAnswerChanges) {
    auto hr = server_->signedIn("hr");
    const auto staff3 = org_->employee["staff3"];
    const auto office = daysOf("departmentId=" + std::to_string(org_->office), day_);
    auto first = hr.send(Verb::get, office);
    ASSERT_EQ(first->status, 200u);
    const auto etag = first->header("etag");
    ASSERT_FALSE(etag.empty());
    EXPECT_EQ(first->header("cache-control"), "private, no-cache");
    auto again = hr.send(Verb::get, office, "", {{"If-None-Match", etag}});
    ASSERT_EQ(again->status, 304u) << again->body;
    EXPECT_TRUE(again->body.empty());
    EXPECT_EQ(again->header("etag"), etag);
    auto other = hr.send(Verb::get, office, "", {{"If-None-Match", "\"something-else\""}});
    EXPECT_EQ(other->status, 200u);
    EXPECT_EQ(other->body, first->body);
    // The CSV form is another answer with another tag.
    auto csv = hr.send(Verb::get, "/api/v1/attendance/days.csv?departmentId=" + std::to_string(org_->office) + "&from=" +
                                      day_.toString() + "&to=" + day_.toString(), "", {{"If-None-Match", etag}});
    ASSERT_EQ(csv->status, 200u);
    EXPECT_NE(csv->header("etag"), etag);
    EXPECT_TRUE(csv->body.starts_with("employee_id,date,status")) << csv->body;

    auto moved = hr.send(Verb::patch, "/api/v1/employees/" + std::to_string(staff3),
                         json{{"departmentId", org_->office}, {"postId", org_->desk}}.dump());
    ASSERT_EQ(moved->status, 200u) << moved->body;
    auto changed = hr.send(Verb::get, office, "", {{"If-None-Match", etag}});
    EXPECT_EQ(changed->status, 200u);
    EXPECT_NE(changed->header("etag"), etag);
    EXPECT_TRUE(people(changed->json()).contains(staff3));
    auto restored = hr.send(Verb::patch, "/api/v1/employees/" + std::to_string(staff3),
                            json{{"departmentId", org_->field}, {"postId", org_->gate}}.dump());
    ASSERT_EQ(restored->status, 200u) << restored->body;
    // The same rows again: the same bytes, so the first tag is current again.
    auto same = hr.send(Verb::get, office, "", {{"If-None-Match", etag}});
    EXPECT_EQ(same->status, 304u);

    // The monthly sheet answers the same way.
    const auto month = "/api/v1/attendance/month?month=" + day_.toString().substr(0, 7) + "&departmentId=" + std::to_string(org_->office);
    auto sheet = hr.send(Verb::get, month);
    ASSERT_EQ(sheet->status, 200u) << sheet->body;
    auto sheet304 = hr.send(Verb::get, month, "", {{"If-None-Match", sheet->header("etag")}});
    EXPECT_EQ(sheet304->status, 304u);
}

}  // namespace
}  // namespace rollcall::testing
