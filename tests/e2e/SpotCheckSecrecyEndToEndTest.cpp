// A planned check stays secret until it fires, against the real rollcall-server process: staff,
// HR and other inspectors get nothing from the API (empty lists, 403 or 404), a terminal's
// provisioning token opens nothing, and a connected rollcall-terminal at the post is told
// nothing until the moment comes; then it shows the check at once.
#include "E2EWorld.hpp"
#include "rollcall/domain/Time.hpp"

using namespace rollcall;
using namespace rollcall::e2e;

namespace {

class SpotCheckSecrecy : public ::testing::Test {
protected:
    fs::path dir;
    void SetUp() override {
        const auto models = envPath("ROLLCALL_SOURCE_DIR") / "models" / "cache" / "fr_feature.onnx";
        if (!fs::exists(models)) GTEST_SKIP() << "the face models are missing: run models/fetch.sh (" << models << ")";
        dir = freshDir("secrecy");
    }
    void TearDown() override {
        std::error_code ec;
        if (!HasFailure() && !dir.empty()) fs::remove_all(dir, ec);
        else if (!dir.empty()) std::cerr << "e2e files kept in " << dir << "\n";
    }
};

// Nothing about the check: 404 by id, and a list without it (or 403 for the whole list).
void expectNothing(Api& api, const std::string& who, std::int64_t check) {
    const auto one = api.send(http::Verb::get, "/spotchecks/" + std::to_string(check));
    EXPECT_TRUE(one.status == 404 || one.status == 403) << who << ": " << one.status << " " << one.body.dump();
    const auto list = api.send(http::Verb::get, "/spotchecks");
    if (list.status == 200) {
        for (const auto& c : list.body["items"]) {
            EXPECT_NE(c["id"], check) << who << " sees " << c.dump();
        }
    } else {
        EXPECT_EQ(list.status, 403u) << who << ": " << list.body.dump();
    }
}

}  // namespace

TEST_F(SpotCheckSecrecy, StaffHrOtherInspectorsAndTerminalsLearnNothingUntilItFires) {
    ServerProcess server(dir / "server");
    server.start();
    auto admin = server.as("admin", kAdminPassword);
    const auto dept = admin.post("/departments", {{"code", "HALL"}, {"name", "Service hall"}})["id"];
    const auto post = admin.post("/posts", {{"code", "P"}, {"name", "Counter"}, {"departmentId", dept}})["id"];
    const auto person = [&](const std::string& user, const std::string& number, const json& roles) {
        const auto id = admin.post("/employees", {{"number", number}, {"name", user}, {"departmentId", dept}, {"postId", post},
                                                  {"roles", roles}})["id"];
        admin.post("/accounts", {{"username", user}, {"password", kPassword}, {"roles", roles}, {"employeeId", id}});
    };
    person("staff", "E001", json{"staff"});
    person("hr", "E002", json{"staff", "hr"});
    person("inspector", "E003", json{"inspector"});
    person("other", "E004", json{"inspector"});

    const auto created = admin.post("/terminals", {{"name", "P entrance"}, {"postId", post}});
    const auto token = created["token"].get<std::string>();
    fs::create_directories(dir / "enrol");
    TerminalRunner terminal(dir / "terminal", dir / "enrol");
    terminal.provision(server.gatewayAddress(), token);
    auto running = terminal.start();
    ASSERT_TRUE(eventually([&] { return running->output().find("ONLINE") != std::string::npos; }, 60s)) << running->output();

    // Planned for a secret moment 20 to 40 seconds from now.
    auto inspector = server.as("inspector");
    const auto now = Instant::now();
    const auto check = inspector.post("/spotchecks", {{"scope", {{"kind", "posts"}, {"posts", {post}}}},
                                                      {"windowMinutes", 1},
                                                      {"randomFrom", (now + std::chrono::seconds(20)).toIso()},
                                                      {"randomTo", (now + std::chrono::seconds(40)).toIso()}});
    ASSERT_EQ(check["state"], "planned") << check.dump();
    const auto id = check["id"].get<std::int64_t>();
    EXPECT_TRUE(check["openedAt"].is_null());

    auto staff = server.as("staff");
    auto hr = server.as("hr");
    auto other = server.as("other");
    expectNothing(staff, "staff", id);
    expectNothing(hr, "hr", id);
    expectNothing(other, "another inspector", id);
    // The terminal's one-time token is no API credential.
    auto raw = http::Client::connect("http://127.0.0.1:" + std::to_string(server.httpPort()));
    ASSERT_TRUE(raw);
    for (const auto& path : std::vector<std::string>{"/api/v1/spotchecks", "/api/v1/spotchecks/" + std::to_string(id)}) {
        auto r = raw->send(http::Verb::get, path, {}, {{"Authorization", "Bearer " + token}});
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 401u) << path << ": " << r->body;
    }

    // Until it fires the terminal is told nothing; afterwards it shows the check within seconds.
    const auto spot = "SPOTCHECK " + std::to_string(id);
    while (inspector.get("/spotchecks/" + std::to_string(id))["state"] == "planned") {
        ASSERT_EQ(running->output().find("SPOTCHECK"), std::string::npos) << "told before the moment: " << running->output();
        ASSERT_LT(Instant::now(), now + std::chrono::seconds(60)) << "the check never fired";
        std::this_thread::sleep_for(200ms);
    }
    const auto fired = inspector.get("/spotchecks/" + std::to_string(id));
    EXPECT_EQ(fired["state"], "open") << fired.dump();
    const auto openedAt = Instant::parseIso(fired["openedAt"].get<std::string>()).value();
    EXPECT_GE(openedAt, now + std::chrono::seconds(20) - std::chrono::seconds(1)) << fired.dump();
    EXPECT_LE(openedAt, now + std::chrono::seconds(42)) << fired.dump();
    EXPECT_TRUE(eventually([&] { return running->output().find(spot) != std::string::npos; }, 10s)) << running->output();

    // Fired: HR now sees it (to act on findings); staff and the other inspector still do not.
    EXPECT_EQ(hr.send(http::Verb::get, "/spotchecks/" + std::to_string(id)).status, 200u);
    expectNothing(staff, "staff after firing", id);
    running->stop();
    server.stop();
}
