// The spot-check API through the real router: a planned check is invisible to staff and
// terminal credentials, and nothing in any answer carries the drawn moment.
#include <nlohmann/json.hpp>

#include "Fixture.hpp"
#include "rollcall/spotcheck/SpotCheckRoutes.hpp"

using namespace rollcall;
using namespace rollcall::spotcheck;
using namespace rollcall::spotcheck::testing;
using nlohmann::json;

namespace {

// Stands in for the API's session check: "X-Test-As: ROLE ID" names the caller.
Result<std::optional<Viewer>> fromHeader(const http::RequestContext& ctx) {
    auto h = ctx.header("X-Test-As");
    if (!h) return std::optional<Viewer>{};
    const auto space = h->find(' ');
    auto role = parseRole(h->substr(0, space));
    if (!role || space == std::string::npos) return fail("auth.invalid", "bad test credential");
    const auto id = std::stoll(h->substr(space + 1));
    return std::optional<Viewer>(Viewer{UserId(id), *role, h->substr(0, space) + std::to_string(id)});
}

class Routes : public ::testing::Test {
protected:
    Server s;
    http::Router router;
    std::unique_ptr<SpotCheckRoutes> routes;

    void SetUp() override {
        s.roster.posts = {{PostId(1), DepartmentId(1)}};
        s.roster.people = {{EmployeeId(3), PostId(1), DepartmentId(1), DutyKind::OnDuty, "", std::nullopt, ShiftId(1)}};
        routes = std::make_unique<SpotCheckRoutes>(SpotCheckRoutes{*s.checks, *s.findings, *s.plans, fromHeader});
        registerSpotCheckRoutes(router, *routes);
    }

    std::pair<int, json> call(http::Verb verb, const std::string& target, const std::string& as, std::string body = {}) {
        http::Request req{verb, target, 11};
        if (!as.empty()) req.set("X-Test-As", as);
        if (!body.empty()) {
            req.set(http::bhttp::field::content_type, "application/json");
            req.body() = std::move(body);
            req.prepare_payload();
        }
        auto res = router.dispatch(req, "127.0.0.1");
        return {static_cast<int>(res.result_int()), json::parse(res.body(), nullptr, false)};
    }
};

}  // namespace

TEST_F(Routes, APlannedCheckIsInvisibleToStaffAndTerminalCredentials) {
    s.clock.set(shanghai(2026, 11, 27, 9, 0));
    const json body{{"scope", {{"kind", "posts"}, {"posts", {1}}}},
                    {"windowMinutes", 10},
                    {"method", "face"},
                    {"randomFrom", shanghai(2026, 11, 27, 14, 0).toIso()},
                    {"randomTo", shanghai(2026, 11, 27, 16, 0).toIso()}};
    auto [status, created] = call(http::Verb::post, "/api/v1/spotchecks", "inspector 100", body.dump());
    ASSERT_EQ(status, 201) << created.dump();
    EXPECT_EQ(created["state"], "planned");
    EXPECT_TRUE(created["openedAt"].is_null());
    const auto id = created["id"].get<std::int64_t>();
    const auto path = "/api/v1/spotchecks/" + std::to_string(id);

    for (const std::string as : {"staff 200", "terminal 400", "hr 300", "inspector 101"}) {
        auto [code, answer] = call(http::Verb::get, path, as);
        EXPECT_EQ(code, 404) << as << ": " << answer.dump();
        auto [listCode, list] = call(http::Verb::get, "/api/v1/spotchecks", as);
        if (listCode == 200) EXPECT_TRUE(list["items"].empty()) << as;
        else EXPECT_EQ(listCode, 403) << as;
    }
    auto [anonymous, _] = call(http::Verb::get, path, "");
    EXPECT_EQ(anonymous, 401);

    auto [ok, mine] = call(http::Verb::get, path, "inspector 100");
    ASSERT_EQ(ok, 200);
    EXPECT_EQ(mine["randomFrom"], shanghai(2026, 11, 27, 14, 0).toIso());
    EXPECT_TRUE(mine["openedAt"].is_null());
    EXPECT_FALSE(mine.contains("report"));
    // The only instants in the answer are the range and the creation time.
    for (const auto& [key, value] : mine.items()) {
        if (value.is_string() && Instant::parseIso(value.get<std::string>())) {
            EXPECT_TRUE(key == "randomFrom" || key == "randomTo" || key == "createdAt") << key;
        }
    }
}

TEST_F(Routes, BadInputGetsAClearErrorAndCreatesNothing) {
    auto [badJson, e1] = call(http::Verb::post, "/api/v1/spotchecks", "inspector 100", "{not json");
    EXPECT_EQ(badJson, 400);
    auto [badScope, e2] = call(http::Verb::post, "/api/v1/spotchecks", "inspector 100", R"({"scope":{"kind":"posts","posts":[]}})");
    EXPECT_EQ(badScope, 422) << e2.dump();
    EXPECT_EQ(e2["field"], "scope");
    auto [badMethod, e3] = call(http::Verb::post, "/api/v1/spotchecks", "inspector 100",
                                R"({"scope":{"kind":"everyone"},"method":"retina"})");
    EXPECT_EQ(badMethod, 400);
    auto [byStaff, e4] = call(http::Verb::post, "/api/v1/spotchecks", "staff 200", R"({"scope":{"kind":"everyone"}})");
    EXPECT_EQ(byStaff, 403);
    auto [listed, list] = call(http::Verb::get, "/api/v1/spotchecks", "inspector 100");
    ASSERT_EQ(listed, 200);
    EXPECT_TRUE(list["items"].empty());
}

TEST_F(Routes, ANowCheckToAConfirmedFindingToAClosedCase) {
    s.clock.set(shanghai(2026, 11, 27, 10, 17));
    auto [created, check] = call(http::Verb::post, "/api/v1/spotchecks", "inspector 100",
                                 R"({"scope":{"kind":"everyone"},"windowMinutes":10})");
    ASSERT_EQ(created, 201) << check.dump();
    EXPECT_EQ(check["state"], "open");
    s.clock.set(shanghai(2026, 11, 27, 10, 28));
    ASSERT_TRUE(s.scheduler->tick(s.clock.now()));
    auto [got, shown] = call(http::Verb::get, "/api/v1/spotchecks/" + std::to_string(check["id"].get<int>()), "hr 300");
    ASSERT_EQ(got, 200) << shown.dump();
    EXPECT_EQ(shown["report"]["tally"]["absent"], 1);

    auto [f, findings] = call(http::Verb::get, "/api/v1/findings?state=open", "inspector 100");
    ASSERT_EQ(f, 200);
    ASSERT_EQ(findings["items"].size(), 1u);
    const auto finding = findings["items"][0]["id"].get<int>();
    auto [ruled, kase] = call(http::Verb::post, "/api/v1/findings/" + std::to_string(finding) + "/rule", "inspector 100",
                              R"({"ruling":"confirmed","reason":"absent without leave","owner":300})");
    ASSERT_EQ(ruled, 200) << kase.dump();
    EXPECT_EQ(kase["state"], "open");
    EXPECT_EQ(kase["deadline"], "2026-12-11");
    const auto casePath = "/api/v1/cases/" + std::to_string(kase["id"].get<int>());
    auto [early, e] = call(http::Verb::post, casePath + "/close", "hr 300", R"({"resolution":"done"})");
    EXPECT_EQ(early, 409) << e.dump();
    auto [started, s1] = call(http::Verb::post, casePath + "/update", "hr 300", R"({"note":"interview"})");
    ASSERT_EQ(started, 200) << s1.dump();
    auto [closed, s2] = call(http::Verb::post, casePath + "/close", "hr 300", R"({"resolution":"warning issued"})");
    ASSERT_EQ(closed, 200) << s2.dump();
    EXPECT_EQ(s2["state"], "closed");

    auto [published, list] = call(http::Verb::post, "/api/v1/warnings", "inspector 100", R"({"period":"2026-11"})");
    ASSERT_EQ(published, 201) << list.dump();
    EXPECT_EQ(list["from"], "2026-11-01");
    EXPECT_EQ(list["to"], "2026-11-30");
    EXPECT_EQ(list["entries"].size(), 1u);
    auto [read, publicList] = call(http::Verb::get, "/api/v1/warnings/" + std::to_string(list["id"].get<int>()), "staff 200");
    EXPECT_EQ(read, 200);
    EXPECT_EQ(publicList["entries"].size(), 1u);
}
