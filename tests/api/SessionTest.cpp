// Sign-in, lock-out, cookies and CSRF, security headers, health and metrics.
#include <fstream>

#include "ApiServer.hpp"

namespace rollcall::testing {
namespace {

using http::Verb;

std::string login(const std::string& user, const std::string& password) {
    return nlohmann::json{{"username", user}, {"password", password}}.dump();
}

TEST(Session, CookieSignInNeedsTheCsrfTokenForChanges) {
    ApiServer server("csrf");
    auto c = server.client();
    auto r = c.send(Verb::post, "/api/v1/session", login("admin", kAdminPassword));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200u) << r->body;
    const auto setCookie = r->header("set-cookie");
    EXPECT_NE(setCookie.find("HttpOnly"), std::string::npos);
    EXPECT_NE(setCookie.find("SameSite=Strict"), std::string::npos);
    EXPECT_FALSE(r->json().contains("token")) << "the browser never sees the session token";
    const std::string cookie = setCookie.substr(0, setCookie.find(';'));
    const std::string csrf = r->json()["csrfToken"];
    EXPECT_EQ(r->json()["user"]["roles"][0], "admin");

    auto read = c.send(Verb::get, "/api/v1/departments", "", {{"Cookie", cookie}});
    ASSERT_TRUE(read);
    EXPECT_EQ(read->status, 200u) << "reads need no CSRF token";

    auto refused = c.send(Verb::post, "/api/v1/departments", R"({"code":"A","name":"A"})", {{"Cookie", cookie}});
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403u);
    EXPECT_NE(refused->json()["message"].get<std::string>().find("X-CSRF-Token"), std::string::npos);
    auto wrong = c.send(Verb::post, "/api/v1/departments", R"({"code":"A","name":"A"})",
                        {{"Cookie", cookie}, {"X-CSRF-Token", csrf + "x"}});
    ASSERT_TRUE(wrong);
    EXPECT_EQ(wrong->status, 403u);
    auto list = c.send(Verb::get, "/api/v1/departments", "", {{"Cookie", cookie}});
    EXPECT_EQ(list->json()["items"].size(), 0u) << "refused calls changed nothing";

    auto ok = c.send(Verb::post, "/api/v1/departments", R"({"code":"A","name":"A"})",
                     {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
    ASSERT_TRUE(ok);
    EXPECT_EQ(ok->status, 201u) << ok->body;

    auto out = c.send(Verb::delete_, "/api/v1/session", "", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
    ASSERT_TRUE(out);
    EXPECT_EQ(out->status, 204u);
    EXPECT_EQ(c.send(Verb::get, "/api/v1/session", "", {{"Cookie", cookie}})->status, 401u);
}

TEST(Session, RepeatedFailuresLockTheUserOutAndAreAudited) {
    ApiServer server("lockout");
    auto c = server.client();
    for (int i = 0; i < 4; ++i) {
        auto r = c.send(Verb::post, "/api/v1/session", login("admin", "wrong password"));
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, 401u);
        EXPECT_EQ(r->json()["error"], "auth.invalid");
    }
    auto fifth = c.send(Verb::post, "/api/v1/session", login("admin", "wrong password"));
    EXPECT_EQ(fifth->status, 401u);
    // Locked now: even the right password is refused until the back-off ends.
    auto locked = c.send(Verb::post, "/api/v1/session", login("admin", kAdminPassword));
    ASSERT_TRUE(locked);
    EXPECT_EQ(locked->status, 429u) << locked->body;
    EXPECT_EQ(locked->json()["error"], "auth.locked");
    EXPECT_FALSE(locked->header("retry-after").empty());

    // Unknown names get the same answer as wrong passwords.
    auto unknown = c.send(Verb::post, "/api/v1/session", login("nobody", "whatever-pass"));
    EXPECT_EQ(unknown->status, 401u);
    EXPECT_EQ(unknown->json()["message"], fifth->json()["message"]);
}

TEST(Session, FailedAndSuccessfulSignInsAreAudited) {
    ApiServer server("loginaudit");
    auto c = server.client();
    c.send(Verb::post, "/api/v1/session", login("admin", "wrong password"));
    auto admin = server.signedIn("admin", kAdminPassword);
    auto failed = admin.send(Verb::get, "/api/v1/audit?action=login.failed");
    ASSERT_TRUE(failed);
    ASSERT_EQ(failed->json()["items"].size(), 1u);
    EXPECT_EQ(failed->json()["items"][0]["actor"], "admin");
    EXPECT_EQ(failed->json()["items"][0]["remote"], "127.0.0.1");
    auto ok = admin.send(Verb::get, "/api/v1/audit?action=login");
    EXPECT_GE(ok->json()["items"].size(), 1u);
}

TEST(Session, EveryAnswerCarriesSecurityHeaders) {
    ApiServer server("headers");
    auto c = server.client();
    for (const char* path : {"/healthz", "/api/v1/session", "/", "/nope.js"}) {
        auto r = c.send(Verb::get, path);
        ASSERT_TRUE(r) << path;
        const auto csp = r->header("content-security-policy");
        EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << path;
        EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << path;
        EXPECT_EQ(r->header("x-content-type-options"), "nosniff") << path;
    }
}

TEST(Session, HealthAndMetrics) {
    ApiServer server("metrics");
    auto c = server.client();
    auto h = c.send(Verb::get, "/healthz");
    ASSERT_TRUE(h);
    EXPECT_EQ(h->status, 200u);
    EXPECT_EQ(h->json()["status"], "ok");
    auto m = c.send(Verb::get, "/metrics");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->status, 200u);
    EXPECT_NE(m->body.find("rollcall_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"), std::string::npos)
        << m->body;
    EXPECT_NE(m->body.find("rollcall_database_bytes "), std::string::npos);
    EXPECT_NE(m->body.find("rollcall_punches_ingested_total 0"), std::string::npos);
    EXPECT_NE(m->body.find("rollcall_answer_cache_hits_total 0"), std::string::npos) << m->body;
}

TEST(Session, StaticFilesAreConfinedToTheWebRoot) {
    ApiServer server("static");
    std::filesystem::create_directories(server.dir() / "web");
    {
        std::ofstream(server.dir() / "web" / "index.html") << "<!doctype html><title>t</title>";
        std::ofstream(server.dir() / "web" / "app.js") << "console.log(1)";
        std::ofstream(server.dir() / "secret.txt") << "TOP-SECRET-CONTENT";
    }
    auto c = server.client();
    auto js = c.send(Verb::get, "/app.js");
    ASSERT_TRUE(js);
    EXPECT_EQ(js->status, 200u);
    EXPECT_EQ(js->header("content-type"), "text/javascript; charset=utf-8");
    auto spa = c.send(Verb::get, "/leave/123");
    EXPECT_EQ(spa->status, 200u);
    EXPECT_NE(spa->body.find("doctype"), std::string::npos);
    auto escape = c.sendRaw("GET /../secret.txt HTTP/1.1\r\nHost: x\r\n\r\n");
    ASSERT_TRUE(escape);
    EXPECT_NE(escape->status, 200u);
    auto encoded = c.send(Verb::get, "/%2e%2e/secret.txt");
    ASSERT_TRUE(encoded);
    EXPECT_NE(encoded->status, 200u);
    EXPECT_EQ(encoded->body.find("TOP-SECRET-CONTENT"), std::string::npos);
}

TEST(Session, GracefulStopAnswersAndClosesTheDatabase) {
    ApiServer server("shutdown");
    auto c = server.signedIn("admin", kAdminPassword);
    ASSERT_EQ(c.send(Verb::get, "/api/v1/session")->status, 200u);
    server.stop();
    // The database is closed cleanly: a new connection opens it and its WAL is checkpointed.
    EXPECT_FALSE(std::filesystem::exists(server.dir() / "rollcall.db-wal") &&
                 std::filesystem::file_size(server.dir() / "rollcall.db-wal") > 0);
}

}  // namespace
}  // namespace rollcall::testing
