// End to end: the newest audit entries deleted behind the running server's back make
// POST /api/v1/audit/verify (what `rollcall audit verify` calls) fail and say that entries
// were deleted from the end; a restart and new entries do not hide it.
#include "ApiServer.hpp"
#include "rollcall/sqlite/Database.hpp"

namespace rollcall::testing {
namespace {

using http::Verb;

TEST(AuditTail, DeletingTheLastTwoEntriesBehindTheServersBackIsReported) {
    auto server = std::make_unique<ApiServer>("audittail");
    const auto dir = server->dir();
    EXPECT_TRUE(std::filesystem::exists(dir / "audit-anchor.key"));
    EXPECT_EQ(std::filesystem::status(dir / "audit-anchor.key").permissions() & std::filesystem::perms::all,
              std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    auto admin = server->signedIn("admin", kAdminPassword);
    for (const char* code : {"A", "B", "C"}) {
        ASSERT_EQ(admin.send(Verb::post, "/api/v1/departments", nlohmann::json{{"code", code}, {"name", code}}.dump())->status, 201u);
    }
    auto ok = admin.send(Verb::post, "/api/v1/audit/verify", "{}");
    ASSERT_EQ(ok->status, 200u);
    EXPECT_TRUE(ok->json()["ok"].get<bool>()) << ok->body;
    EXPECT_TRUE(ok->json()["anchored"].get<bool>());
    {
        auto db = sqlite::Database::open(dir / "rollcall.db");
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->exec("DROP TRIGGER audit_log_no_delete"));
        ASSERT_TRUE(db->exec("DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 2 FROM audit_log)"));
    }
    auto broken = admin.send(Verb::post, "/api/v1/audit/verify", "{}");
    ASSERT_EQ(broken->status, 200u);
    EXPECT_FALSE(broken->json()["ok"].get<bool>()) << broken->body;
    EXPECT_NE(broken->json()["reason"].get<std::string>().find("deleted from the end"), std::string::npos) << broken->body;

    // New entries (this verification, a restart, a sign-in) do not paper over the gap.
    app::Config config = server->config();
    server->stop();
    auto reopened = app::ServerApp::create(config);
    ASSERT_TRUE(reopened) << reopened.error().describe();
    ASSERT_TRUE((*reopened)->start());
    std::thread t([&] { (*reopened)->run(false); });
    {
        auto c = http::Client::connect("http://127.0.0.1:" + std::to_string((*reopened)->httpPort()));
        ASSERT_TRUE(c);
        auto login = c->send(Verb::post, "/api/v1/session",
                             nlohmann::json{{"username", "admin"}, {"password", kAdminPassword}, {"bearer", true}}.dump());
        ASSERT_EQ(login->status, 200u);
        c->setDefaultHeader("Authorization", "Bearer " + login->json()["token"].get<std::string>());
        ASSERT_EQ(c->send(Verb::post, "/api/v1/departments", R"({"code":"D","name":"D"})")->status, 201u);
        auto still = c->send(Verb::post, "/api/v1/audit/verify", "{}");
        ASSERT_EQ(still->status, 200u);
        EXPECT_FALSE(still->json()["ok"].get<bool>()) << still->body;
        EXPECT_NE(still->json()["reason"].get<std::string>().find("deleted from the end"), std::string::npos) << still->body;
    }
    (*reopened)->stop();
    t.join();
}

}  // namespace
}  // namespace rollcall::testing
