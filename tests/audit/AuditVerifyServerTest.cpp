// End to end: changes made through the API are chained; a row edited in the database file
// while the server is down makes POST /api/v1/audit/verify (what `rollcall audit verify`
// calls) fail naming that entry.
#include "ApiServer.hpp"
#include "rollcall/audit/AuditLog.hpp"

namespace rollcall::testing {
namespace {

using http::Verb;

TEST(AuditVerify, ServerNamesTheEntryEditedBehindItsBack) {
    auto server = std::make_unique<ApiServer>("auditverify");
    const auto dir = server->dir();
    std::int64_t target = 0;
    {
        auto admin = server->signedIn("admin", kAdminPassword);
        for (const char* code : {"A", "B", "C"}) {
            auto r = admin.send(Verb::post, "/api/v1/departments", nlohmann::json{{"code", code}, {"name", code}}.dump());
            ASSERT_EQ(r->status, 201u);
        }
        auto log = admin.send(Verb::get, "/api/v1/audit?action=department.create");
        ASSERT_EQ(log->json()["items"].size(), 3u);
        target = log->json()["items"][1]["seq"];
        auto ok = admin.send(Verb::post, "/api/v1/audit/verify", "{}");
        ASSERT_EQ(ok->status, 200u);
        EXPECT_TRUE(ok->json()["ok"].get<bool>()) << ok->body;
    }
    // Keep the folder: stop the server, edit the file, start a new server on it.
    server->stop();
    {
        auto db = sqlite::Database::open(dir / "rollcall.db");
        ASSERT_TRUE(db);
        ASSERT_TRUE(db->exec("DROP TRIGGER audit_log_no_update"));
        ASSERT_TRUE(db->exec("UPDATE audit_log SET actor = 'nobody' WHERE seq = " + std::to_string(target)));
    }
    app::Config config = server->config();
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
        auto broken = c->send(Verb::post, "/api/v1/audit/verify", "{}");
        ASSERT_EQ(broken->status, 200u);
        EXPECT_FALSE(broken->json()["ok"].get<bool>());
        EXPECT_EQ(broken->json()["firstBroken"], target) << broken->body;
    }
    (*reopened)->stop();
    t.join();
}

}  // namespace
}  // namespace rollcall::testing
