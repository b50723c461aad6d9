// Spot checks end to end: rollcall-server and two rollcall-terminal processes over loopback
// TLS with the real face models and image folders. DESIGN.md's check for post P: A verifies
// at P's terminal inside the window (present), B is on approved leave (excused, the leave
// named), C does nothing (absent: a finding, confirmed by the inspector, a case). D verifies at
// P's second terminal while it is cut off from the server; it delivers after the window closed
// and D counts as present, the report noting the terminal was offline. Later B verifies at a
// terminal and is reported back (销假): the leave ends.
#include "E2EWorld.hpp"
#include "rollcall/rules/Shift.hpp"
#include "rollcall/rules/ShiftPattern.hpp"
#include "rollcall/store/DepartmentRepository.hpp"
#include "rollcall/store/EmployeeRepository.hpp"
#include "rollcall/store/PostRepository.hpp"
#include "rollcall/store/ScheduleRepository.hpp"
#include "rollcall/store/Store.hpp"
#include "rollcall/tz/TimeZone.hpp"

using namespace rollcall;
using namespace rollcall::e2e;

namespace {

struct Person {
    EmployeeId id;
    std::string user;
    Face face;
};

// The organisation, straight into the database while the server is not running (the API has
// no shift or roster routes yet): post P, A-D rostered on an all-day shift every day (so the
// test may run at any hour), a department head who approves leave, an inspector.
struct Organisation {
    PostId post;
    Person a, b, c, d;
    EmployeeId head, inspector;
};

Organisation seed(const fs::path& database, const std::vector<Face>& faces) {
    store::StoreOptions o;
    o.path = database;
    fs::create_directories(database.parent_path());
    auto opened = store::Store::open(o);
    if (!opened) throw std::runtime_error(opened.error().describe());
    auto& s = **opened;
    const auto dept = store::DepartmentRepository(s).upsert({DepartmentId{}, "HALL", "Service hall", std::nullopt}).value();
    Organisation org;
    org.post = store::PostRepository(s).upsert({PostId{}, "P", "Counter", dept}).value();
    const auto add = [&](const std::string& number, const std::string& name, std::optional<PostId> post,
                         std::set<store::Role> roles, bool head) {
        store::Employee e;
        e.number = number;
        e.name = name;
        e.department = dept;
        e.post = post;
        e.roles = std::move(roles);
        e.departmentHead = head;
        auto id = store::EmployeeRepository(s).upsert(e);
        if (!id) throw std::runtime_error(id.error().describe());
        return *id;
    };
    Person* people[] = {&org.a, &org.b, &org.c, &org.d};
    const char* users[] = {"alice", "bob", "carol", "dave"};
    for (int i = 0; i < 4; ++i) {
        people[i]->user = users[i];
        people[i]->face = faces[static_cast<std::size_t>(i)];
        people[i]->id = add("E00" + std::to_string(i + 1), users[i], org.post, {store::Role::Staff}, false);
    }
    org.head = add("E010", "head", std::nullopt, {store::Role::Staff, store::Role::Approver}, true);
    org.inspector = add("E020", "inspector", std::nullopt, {store::Role::Inspector}, false);

    using rules::ShiftClock;
    store::ScheduleRepository schedule(s);
    const auto shift = schedule.saveShift(rules::makeFixedShift(
        ShiftId{}, "All day",
        {ShiftClock(0, 0), ShiftClock(23, 59), {ShiftClock(0, 0), ShiftClock(12, 0)}, {ShiftClock(12, 0), ShiftClock(23, 59)}}, 5,
        0, 30));
    if (!shift) throw std::runtime_error(shift.error().describe());
    rules::ShiftPattern every;
    every.name = "Every day";
    every.kind = rules::PatternKind::Cycle;
    every.cycle = {*shift};
    every.anchor = LocalDate(2026, 1, 1);
    const auto pattern = schedule.savePattern(every);
    if (!pattern) throw std::runtime_error(pattern.error().describe());
    for (const auto* p : people) {
        if (auto a = schedule.assign({p->id, *pattern, LocalDate(2026, 1, 1), std::nullopt}); !a) {
            throw std::runtime_error(a.error().describe());
        }
    }
    return org;
}

// <id>-<name>/ folders of enrolment images, as rollcall-terminal's [enrolment] folder reads them.
fs::path enrolmentFolder(const fs::path& dir, const Organisation& org) {
    for (const auto* p : {&org.a, &org.b, &org.c, &org.d}) {
        const auto folder = dir / (std::to_string(p->id.value()) + "-" + p->user);
        fs::create_directories(folder);
        for (const auto& img : p->face.enrol) fs::copy_file(img, folder / img.filename());
    }
    return dir;
}

int countOk(const std::string& output) {
    int n = 0;
    std::istringstream in(output);
    for (std::string line; std::getline(in, line);) n += line.rfind("OK ", 0) == 0 ? 1 : 0;
    return n;
}

const json& resultOf(const json& report, EmployeeId who) {
    for (const auto& r : report["results"]) {
        if (r["employee"] == who.value()) return r;
    }
    throw std::runtime_error("employee " + std::to_string(who.value()) + " is not in the report: " + report.dump());
}

class SpotCheckEndToEnd : public ::testing::Test {
protected:
    fs::path dir;
    void SetUp() override {
        if (auto why = missingPrerequisite(); !why.empty()) GTEST_SKIP() << why;
        dir = freshDir("spotcheck");
    }
    void TearDown() override {
        std::error_code ec;
        if (!HasFailure() && !dir.empty()) fs::remove_all(dir, ec);
        else if (!dir.empty()) std::cerr << "e2e files kept in " << dir << "\n";
    }
};

}  // namespace

TEST_F(SpotCheckEndToEnd, PresentExcusedAbsentExactlyAndTheOfflineTerminalsPunchCountsLate) {
    const auto org = seed(dir / "server" / "data" / "rollcall.db", sampleFaces(4));
    const auto enrol = enrolmentFolder(dir / "enrol", org);
    ServerProcess server(dir / "server");
    server.start();
    auto admin = server.as("admin", kAdminPassword);
    const auto account = [&](const std::string& user, EmployeeId id, json roles) {
        admin.post("/accounts", {{"username", user}, {"password", kPassword}, {"roles", roles}, {"employeeId", id.value()}});
    };
    account("bob", org.b.id, json{"staff"});
    account("head", org.head, json{"staff", "approver"});
    account("inspector", org.inspector, json{"inspector"});

    // B's leave for today, approved by the head of the department.
    const auto zone = TimeZone::load("Asia/Shanghai").value();
    const std::string today = zone.today().toString();
    // From the last workday on (a leave of weekend days only is no leave), through today.
    LocalDate first = zone.today();
    while (first.isWeekend()) first = first - 1;
    const std::string leaveStart = first.toString();
    auto bob = server.as("bob");
    auto head = server.as("head");
    const auto leave = bob.post("/leave", {{"type", "annual"}, {"start", leaveStart}, {"end", today}, {"reason", "clinic"}})["id"].get<std::int64_t>();
    const auto leavePath = "/leave/" + std::to_string(leave);
    ASSERT_EQ(head.post(leavePath + "/approve", {{"reason", "ok"}})["state"], "approved");

    // Two terminals at P.
    TerminalRunner t1(dir / "t1", enrol), t2(dir / "t2", enrol);
    const auto t1Id = admin.post("/terminals", {{"name", "P entrance"}, {"postId", org.post.value()}});
    const auto t2Id = admin.post("/terminals", {{"name", "P back door"}, {"postId", org.post.value()}});
    t1.provision(server.gatewayAddress(), t1Id["token"].get<std::string>());
    t2.provision(server.gatewayAddress(), t2Id["token"].get<std::string>());

    // The morning: A, C and D clock in at the entrance and get day records.
    const auto morning = t1.show({org.a.face.probe, org.c.face.probe, org.d.face.probe});
    ASSERT_EQ(countOk(morning), 3) << morning;
    for (const auto* p : {&org.a, &org.c, &org.d}) {
        const auto days = "/attendance/days?employeeId=" + std::to_string(p->id.value()) + "&from=" + today + "&to=" + today;
        EXPECT_TRUE(eventually([&] { return !admin.get(days)["items"].empty(); }, 30s)) << p->user << " has no day record";
    }

    // The check fires now, with a two-minute window.
    auto inspector = server.as("inspector");
    const auto check = inspector.post("/spotchecks", {{"scope", {{"kind", "posts"}, {"posts", {org.post.value()}}}},
                                                      {"windowMinutes", 2}, {"note", "e2e"}});
    ASSERT_EQ(check["state"], "open") << check.dump();
    const auto checkPath = "/spotchecks/" + std::to_string(check["id"].get<std::int64_t>());

    // Inside the window: the back door's link is cut (its server address points nowhere) and D
    // verifies there; A verifies at the entrance, which is online and shows the check.
    const auto identity = readFile(t2.identityFile());
    const auto gateway = server.gatewayAddress();
    auto cut = identity;
    cut.replace(cut.find(gateway), gateway.size(), "127.0.0.1:1");
    writeFile(t2.identityFile(), cut);
    std::string atBackDoor;
    std::thread backDoor([&] { atBackDoor = t2.show({org.d.face.probe}, 1); });
    const auto atEntrance = t1.show({org.a.face.probe});
    backDoor.join();
    ASSERT_EQ(countOk(atEntrance), 1) << atEntrance;
    ASSERT_EQ(countOk(atBackDoor), 1) << atBackDoor;
    EXPECT_NE(atEntrance.find("SPOTCHECK " + std::to_string(check["id"].get<std::int64_t>())), std::string::npos) << atEntrance;
    const auto closesAt = Instant::parseIso(check["closesAt"].get<std::string>()).value();
    ASSERT_LT(Instant::now(), closesAt) << "the verifications took longer than the window; the machine is too loaded";

    // The window closes on the server's clock.
    ASSERT_TRUE(eventually([&] { return inspector.get(checkPath)["state"] == "closed"; }, 4min)) << inspector.get(checkPath).dump();
    auto report = inspector.get(checkPath)["report"];
    EXPECT_EQ(resultOf(report, org.a.id)["outcome"], "present") << report.dump();
    EXPECT_EQ(resultOf(report, org.b.id)["outcome"], "excused");
    EXPECT_NE(resultOf(report, org.b.id)["excuse"].get<std::string>().find("leave #" + std::to_string(leave)), std::string::npos)
        << report.dump();
    EXPECT_EQ(resultOf(report, org.c.id)["outcome"], "absent");
    EXPECT_EQ(resultOf(report, org.d.id)["outcome"], "absent") << "D's punch has not reached the server yet";
    EXPECT_EQ(report["results"].size(), 4u);

    // After the window: the back door is reconnected and delivers D's in-window punch.
    writeFile(t2.identityFile(), identity);
    const auto delivered = t2.show({});
    EXPECT_NE(delivered.find("ONLINE"), std::string::npos) << delivered;
    ASSERT_TRUE(eventually([&] { return resultOf(inspector.get(checkPath)["report"], org.d.id)["outcome"] == "present"; }, 60s))
        << inspector.get(checkPath).dump();
    report = inspector.get(checkPath)["report"];
    EXPECT_EQ(resultOf(report, org.a.id)["outcome"], "present");
    EXPECT_EQ(resultOf(report, org.b.id)["outcome"], "excused");
    EXPECT_EQ(resultOf(report, org.c.id)["outcome"], "absent");
    const auto& d = resultOf(report, org.d.id);
    EXPECT_TRUE(d["answer"]["deliveredLate"].get<bool>()) << d.dump();
    EXPECT_EQ(d["answer"]["terminal"], t2Id["id"]);
    bool noted = false;
    for (const auto& t : report["offlineTerminals"]) {
        if (t["terminal"] == t2Id["id"]) noted = t["latePunches"] == 1 && !t["reached"].get<bool>();
    }
    EXPECT_TRUE(noted) << "the report does not note the back door as offline: " << report["offlineTerminals"].dump();
    EXPECT_EQ(report["tally"]["present"], 2);
    EXPECT_EQ(report["tally"]["excused"], 1);
    EXPECT_EQ(report["tally"]["absent"], 1);

    // C's finding (D's was withdrawn when the punch arrived) is confirmed and becomes a case.
    const auto findings = inspector.get("/findings?check=" + std::to_string(check["id"].get<std::int64_t>()) + "&state=open");
    ASSERT_EQ(findings["items"].size(), 1u) << findings.dump();
    const auto& finding = findings["items"][0];
    EXPECT_EQ(finding["employee"], org.c.id.value()) << finding.dump();
    const auto kase = inspector.post("/findings/" + std::to_string(finding["id"].get<std::int64_t>()) + "/rule",
                                     {{"ruling", "confirmed"}, {"reason", "not at the counter during the check"}});
    const auto cases = inspector.get("/cases");
    ASSERT_EQ(cases["items"].size(), 1u) << cases.dump();
    EXPECT_EQ(cases["items"][0]["id"], kase["id"]) << kase.dump();

    // Later B comes back and verifies at the entrance: reported back, the leave ends.
    const auto back = t1.show({org.b.face.probe});
    ASSERT_EQ(countOk(back), 1) << back;
    EXPECT_TRUE(eventually([&] { return head.get(leavePath)["state"] == "reported back"; }, 30s)) << head.get(leavePath).dump()
                                                                                                  << server.log();
    // The check still names B excused: the leave was reported back only after it.
    EXPECT_TRUE(eventually([&] { return resultOf(inspector.get(checkPath)["report"], org.b.id)["outcome"] == "excused"; }, 10s));
    server.stop();
}
