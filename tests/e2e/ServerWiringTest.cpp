// rollcall-server's wiring, in-process with its gateway on loopback and a terminal's own sync
// client and journal: on connect a terminal gets both its gallery delta (enrolment) and the
// check running at its post (spot checks); a punch by a person on approved leave reports them
// back (销假) and their day is evaluated, without anyone calling anything.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <random>
#include <thread>

#include "rollcall/app/ServerApp.hpp"
#include "rollcall/enrolment/EnrolmentStore.hpp"
#include "rollcall/http/Client.hpp"
#include "rollcall/journal/Journal.hpp"
#include "rollcall/store/Store.hpp"
#include "rollcall/sync/Identity.hpp"
#include "rollcall/sync/Provisioning.hpp"
#include "rollcall/sync/SyncClient.hpp"

namespace fs = std::filesystem;
using namespace rollcall;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr const char* kAdminPassword = "admin-password-for-wiring";
constexpr const char* kPassword = "correct horse battery 9";

template <class F>
bool eventually(F&& done, std::chrono::milliseconds limit = 20s) {
    const auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (done()) return true;
        std::this_thread::sleep_for(50ms);
    }
    return done();
}

class Wiring : public ::testing::Test {
protected:
    fs::path dir = fs::temp_directory_path() / ("rollcall-wiring-" + std::to_string(std::random_device{}()));
    app::Config config;
    std::unique_ptr<app::ServerApp> server;
    std::thread thread;

    void SetUp() override {
        fs::create_directories(dir);
        ::setenv("ROLLCALL_ADMIN_PASSWORD", kAdminPassword, 1);
        config.port = 0;
        config.dataDir = dir / "server";
        config.webRoot = dir / "web";
        config.logLevel = "warn";
        config.gatewayAddress = "127.0.0.1";
        config.gatewayPort = 0;
        auto created = app::ServerApp::create(config);
        ASSERT_TRUE(created) << created.error().describe();
        server = std::move(*created);
        ASSERT_TRUE(server->start());
        thread = std::thread([this] { server->run(false); });
    }
    void TearDown() override {
        if (server) server->stop();
        if (thread.joinable()) thread.join();
        server.reset();
        std::error_code ec;
        fs::remove_all(dir, ec);
    }

    http::Client as(const std::string& user, const std::string& password = kPassword) {
        auto c = http::Client::connect("http://127.0.0.1:" + std::to_string(server->httpPort()));
        if (!c) throw std::runtime_error(c.error().message);
        auto r = c->send(http::Verb::post, "/api/v1/session", json{{"username", user}, {"password", password}, {"bearer", true}}.dump());
        if (!r || r->status != 200) throw std::runtime_error("sign-in of " + user + " failed");
        c->setDefaultHeader("Authorization", "Bearer " + r->json()["token"].get<std::string>());
        return std::move(*c);
    }
    // The answer's JSON; throws on a transport error, on a status >= 400, or when `expect` is
    // given and the status differs.
    static json call(http::Client& c, http::Verb verb, const std::string& path, const json& body = nullptr,
                     unsigned expect = 0) {
        auto r = c.send(verb, "/api/v1" + path, body.is_null() ? std::string() : body.dump());
        if (!r) throw std::runtime_error(path + ": " + r.error().message);
        if (r->status >= 400 || (expect && r->status != expect)) {
            throw std::runtime_error(path + " -> " + std::to_string(r->status) + " " + r->body);
        }
        return r->json();
    }
    static std::int64_t create(http::Client& c, const std::string& path, const json& body) {
        return call(c, http::Verb::post, path, body, 201)["id"].get<std::int64_t>();
    }
};

struct RecordingGallery : sync::GalleryApplier {
    std::atomic<std::uint64_t> version{0};
    std::atomic<int> people{0};
    std::uint64_t galleryVersion() const override { return version; }
    Status apply(const proto::GalleryDelta& d) override {
        people += static_cast<int>(d.upserts.size());
        version = d.toVersion;
        return {};
    }
};

}  // namespace

TEST_F(Wiring, ATerminalGetsItsGalleryAndTheRunningCheckAndAPunchReportsALeaveBack) {
    auto admin = as("admin", kAdminPassword);
    const auto dept = create(admin, "/departments", {{"code", "HALL"}, {"name", "Service hall"}});
    const auto post = create(admin, "/posts", {{"code", "P"}, {"name", "Counter"}, {"departmentId", dept}});
    const auto person = [&](const std::string& user, const std::string& number, json roles, bool head) {
        const auto id = create(admin, "/employees",
                               {{"number", number}, {"name", user}, {"departmentId", dept}, {"postId", post},
                                {"roles", roles}, {"departmentHead", head}});
        call(admin, http::Verb::post, "/accounts", {{"username", user}, {"password", kPassword}, {"roles", roles}, {"employeeId", id}}, 201);
        return id;
    };
    const auto away = person("away", "E001", json{"staff"}, false);
    person("head", "E002", json{"staff", "approver"}, true);
    person("inspector", "E003", json{"inspector"}, false);

    // A template enrolled on the server (a second connection to the server's own file).
    {
        store::StoreOptions o;
        o.path = config.databasePath();
        o.extraMigrations.push_back(enrolment::migrations());
        auto s = store::Store::open(o);
        ASSERT_TRUE(s) << s.error().describe();
        ASSERT_EQ(enrolment::EnrolmentStore(**s).upload(EmployeeId(away), "away", "face", {{1, 2, 3}}).value(), 1u);
    }

    // Today's leave, approved.
    const auto zone = TimeZone::load(config.timeZone).value();
    const std::string today = zone.today().toString();
    // From the last workday on (a leave of weekend days only is no leave), through today.
    LocalDate first = zone.today();
    while (first.isWeekend()) first = first - 1;
    const std::string leaveStart = first.toString();
    auto staff = as("away");
    const auto leave = create(staff, "/leave", {{"type", "annual"}, {"start", leaveStart}, {"end", today}, {"reason", "errand"}});
    auto head = as("head");
    ASSERT_EQ(call(head, http::Verb::post, "/leave/" + std::to_string(leave) + "/approve", {{"reason", "ok"}})["state"], "approved");

    // A check running at the post now.
    auto inspector = as("inspector");
    const auto check = create(inspector, "/spotchecks", {{"scope", {{"kind", "posts"}, {"posts", {post}}}}, {"windowMinutes", 10}});

    // The terminal of that post connects.
    const auto token = call(admin, http::Verb::post, "/terminals", {{"name", "counter"}, {"postId", post}}, 201)["token"].get<std::string>();
    const auto terminalDir = dir / "terminal";
    auto identity = sync::provision(terminalDir, "127.0.0.1:" + std::to_string(server->gatewayPort()), token);
    ASSERT_TRUE(identity) << identity.error().describe();
    auto key = sync::loadTerminalKey(terminalDir);
    ASSERT_TRUE(key);
    auto journal = journal::Journal::open(terminalDir / "journal.db", identity->terminal, *key);
    ASSERT_TRUE(journal) << journal.error().describe();
    RecordingGallery gallery;
    std::mutex mutex;
    std::vector<SpotCheckId> started;
    sync::SyncEvents events;
    events.spotCheckStarted = [&](const proto::SpotCheckStart& s) {
        std::lock_guard lock(mutex);
        started.push_back(s.spotCheck);
    };
    sync::SyncClient client(**journal, *identity, *key, {}, &gallery, events);
    client.start();
    EXPECT_TRUE(eventually([&] { return gallery.version == 1; })) << "the gallery delta never arrived";
    EXPECT_EQ(gallery.people, 1);
    EXPECT_TRUE(eventually([&] {
        std::lock_guard lock(mutex);
        return started.size() == 1 && started[0] == SpotCheckId(check);
    })) << "the running check never arrived";

    // The person on leave verifies at the terminal: the leave ends, the day is evaluated.
    journal::PunchDraft draft;
    draft.employee = EmployeeId(away);
    draft.faceScore = 0.8;
    draft.terminalTimeUs = Instant::now().micros();
    draft.spotCheck = SpotCheckId(check);
    ASSERT_TRUE((*journal)->append(draft));
    client.wake();
    const auto leavePath = "/leave/" + std::to_string(leave);
    EXPECT_TRUE(eventually([&] { return call(head, http::Verb::get, leavePath)["state"] == "reported back"; }))
        << call(head, http::Verb::get, leavePath).dump();
    const auto days = "/attendance/days?employeeId=" + std::to_string(away) + "&from=" + today + "&to=" + today;
    EXPECT_TRUE(eventually([&] { return !call(admin, http::Verb::get, days)["items"].empty(); }))
        << call(admin, http::Verb::get, days).dump();
    // Reported back after the check opened: the leave still excuses the person for this check.
    const auto report = call(inspector, http::Verb::get, "/spotchecks/" + std::to_string(check))["report"];
    ASSERT_EQ(report["results"].size(), 3u) << report.dump();
    for (const auto& r : report["results"]) {
        if (r["employee"] == away) {
            EXPECT_EQ(r["outcome"], "excused") << r.dump();
        }
    }
    client.stop();
}
