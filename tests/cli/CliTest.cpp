// The `rollcall` command line as HR, approvers and administrators use it: the real binary
// against the real server. Imports people, shifts, the calendar and the roster from CSV,
// lists and decides leave, prints a day and a month report as a table and as CSV, verifies
// the audit chain; `--help` works on every command; exit codes 0 ok, 1 failed, 2 usage.
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "Organisation.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/tz/TimeZone.hpp"

namespace rollcall::testing {
namespace {

using http::Verb;

struct CliRun {
    int exit = -1;
    std::string out;
    std::string err;
};

std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string quoted(const std::string& arg) {
    std::string out = "'";
    for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

class CliTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        const char* bin = std::getenv("ROLLCALL_BINARY_DIR");
        binary_ = new std::filesystem::path(bin && *bin ? std::filesystem::path(bin) / "server" / "cli" / "rollcall"
                                                        : std::filesystem::path(ROLLCALL_CLI_BINARY));
        ASSERT_TRUE(std::filesystem::exists(*binary_)) << *binary_;
        server_ = new ApiServer("cli");
        org_ = new Org(seedOrganisation(*server_));
    }
    static void TearDownTestSuite() {
        delete org_;
        delete server_;
        delete binary_;
    }

    // Runs rollcall with `args`, signed in as `user` through its own config file (or none).
    static CliRun rollcall(const std::vector<std::string>& args, const std::string& user = "") {
        const auto dir = server_->dir();
        std::string cmd = quoted(binary_->string());
        if (std::ranges::find(args, "--server") == args.end()) cmd += " --server " + quoted(server_->base());
        if (!user.empty()) cmd += " --config " + quoted((dir / (user + ".toml")).string());
        for (const auto& a : args) cmd += " " + quoted(a);
        const auto out = dir / "cli.out";
        const auto err = dir / "cli.err";
        cmd += " >" + quoted(out.string()) + " 2>" + quoted(err.string()) + " </dev/null";
        const int status = std::system(cmd.c_str());
        CliRun r;
        r.exit = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        r.out = slurp(out);
        r.err = slurp(err);
        return r;
    }
    // Signs `user` in through `rollcall login`, which keeps the token in the user's config file.
    static void login(const std::string& user, const std::string& password = kPassword) {
        auto r = rollcall({"login", "--user", user, "--password", password}, user);
        ASSERT_EQ(r.exit, 0) << r.err;
    }
    static std::string file(const std::string& name, const std::string& text) {
        const auto p = server_->dir() / name;
        std::ofstream(p) << text;
        return p.string();
    }

    static std::filesystem::path* binary_;
    static ApiServer* server_;
    static Org* org_;
};
std::filesystem::path* CliTest::binary_ = nullptr;
ApiServer* CliTest::server_ = nullptr;
Org* CliTest::org_ = nullptr;

TEST_F(CliTest, HelpWorksOnEveryCommand) {
    auto top = rollcall({"--help"});
    ASSERT_EQ(top.exit, 0) << top.err;
    for (const char* c : {"login", "import", "export", "leave", "report", "audit", "terminal", "shift", "roster", "calendar", "leave-type", "spotcheck"}) {
        EXPECT_NE(top.out.find(c), std::string::npos) << "`rollcall --help` lists " << c;
    }
    const std::vector<std::vector<std::string>> commands{
        {"login"}, {"logout"}, {"import"}, {"export"}, {"leave"}, {"leave", "list"}, {"leave", "approve"}, {"leave", "reject"},
        {"report"}, {"report", "day"}, {"report", "month"}, {"audit"}, {"audit", "verify"}, {"terminal"}, {"terminal", "add"},
        {"terminal", "list"}, {"terminal", "revoke"}, {"shift"}, {"shift", "list"}, {"shift", "import"}, {"roster"},
        {"roster", "import"}, {"roster", "show"}, {"calendar"}, {"calendar", "import"}, {"calendar", "show"}, {"leave-type"},
        {"leave-type", "list"}, {"spotcheck"}, {"spotcheck", "start"}, {"spotcheck", "list"}, {"spotcheck", "show"},
        {"spotcheck", "rule"}};
    for (auto args : commands) {
        std::string name;
        for (const auto& a : args) name += a + " ";
        args.push_back("--help");
        auto r = rollcall(args);
        EXPECT_EQ(r.exit, 0) << name << r.err;
        EXPECT_NE(r.out.find("Usage"), std::string::npos) << name << r.out;
    }
}

TEST_F(CliTest, UsageErrorsExit2) {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {}, {"shift"}, {"shift", "bogus"}, {"report", "month"}, {"roster", "show", "--employee", "x"},
             {"roster", "show", "--employee", "1", "--department", "2"}, {"calendar", "import", "/no/such/file.csv"},
             {"calendar", "show", "--year", "12"}, {"--no-such-option"}, {"spotcheck", "start", "--everyone", "--post", "1"},
             {"spotcheck", "start", "--random-from", "2026-11-30T09:00:00Z"}, {"spotcheck", "show"},
             {"spotcheck", "rule", "1", "--confirm", "--excuse", "--reason", "x"}, {"spotcheck", "rule", "1", "--confirm"}}) {
        auto r = rollcall(args, "hr");
        EXPECT_EQ(r.exit, 2) << "rollcall " << (args.empty() ? std::string() : args[0]) << " ...: " << r.out << r.err;
    }
}

TEST_F(CliTest, ServerErrorsExit1WithTheServersMessage) {
    login("staff");
    auto denied = rollcall({"shift", "import", file("s.csv", "name,start,end\nX,08:00,17:00\n")}, "staff");
    EXPECT_EQ(denied.exit, 1);
    EXPECT_NE(denied.err.find("403"), std::string::npos) << denied.err;
    auto unreachable = rollcall({"--server", "http://127.0.0.1:1", "--token", "t", "shift", "list"});
    EXPECT_EQ(unreachable.exit, 1) << unreachable.err;
    EXPECT_NE(unreachable.err.find("127.0.0.1:1"), std::string::npos) << unreachable.err;
    auto signedOut = rollcall({"shift", "list"}, "nobody");
    EXPECT_EQ(signedOut.exit, 1);
    EXPECT_NE(signedOut.err.find("not signed in"), std::string::npos) << signedOut.err;
}

TEST_F(CliTest, HrImportsPeopleShiftsCalendarAndRosterAndBadFilesChangeNothing) {
    login("hr");
    auto people = rollcall({"import", "people", file("people.csv", "number,name,department,post,roles\nE100,Sun Li,OFF,DESK,staff\n"
                                                                     "E101,Zhou Jie,FLD,GATE,staff\n")}, "hr");
    ASSERT_EQ(people.exit, 0) << people.err;
    EXPECT_NE(people.out.find("2 new"), std::string::npos) << people.out;

    auto badShifts = rollcall({"shift", "import", file("bad-shifts.csv", "name,kind,start,end\nDay,fixed,08:30,17:30\nOops,fixed,25:00,17:30\n")}, "hr");
    EXPECT_EQ(badShifts.exit, 1);
    EXPECT_NE(badShifts.err.find("line 3:"), std::string::npos) << badShifts.err;
    auto none = rollcall({"shift", "list", "--csv"}, "hr");
    ASSERT_EQ(none.exit, 0);
    EXPECT_EQ(none.out.find("Day"), std::string::npos) << "a bad file imports nothing: " << none.out;

    auto shifts = rollcall({"shift", "import", file("shifts.csv", "name,kind,start,end,late_grace,overtime_after\n"
                                                                  "Day,fixed,08:30,17:30,5,30\nNight,night,22:00,06:00+1,5,\n"
                                                                  "Split,split,08:00,12:00,0,\nSplit,,14:00,18:00,,\n")}, "hr");
    ASSERT_EQ(shifts.exit, 0) << shifts.err;
    EXPECT_NE(shifts.out.find("3 imported"), std::string::npos) << shifts.out;
    auto list = rollcall({"shift", "list"}, "hr");
    ASSERT_EQ(list.exit, 0) << list.err;
    EXPECT_NE(list.out.find("22:00-06:00+1"), std::string::npos) << list.out;
    EXPECT_NE(list.out.find("08:00-12:00, 14:00-18:00"), std::string::npos) << list.out;

    auto calendar = rollcall({"calendar", "import", file("calendar.csv", "date,kind,name\n2026-10-01..2026-10-07,holiday,National Day\n"
                                                                         "2026-10-10,workday,National Day make-up\n")}, "hr");
    ASSERT_EQ(calendar.exit, 0) << calendar.err;
    auto year = rollcall({"calendar", "show", "--year", "2026"}, "hr");
    ASSERT_EQ(year.exit, 0) << year.err;
    EXPECT_NE(year.out.find("2026-10-10"), std::string::npos) << year.out;
    EXPECT_NE(year.out.find("Sat"), std::string::npos) << year.out;

    auto roster = rollcall({"roster", "import", file("roster.csv", "employee,from,to,shift,week\nE100,2026-10-01,2026-10-31,Day,\n"
                                                                   "E101,2026-10-01,,,Night/Night/Night/Night/Night/-/-\n")}, "hr");
    ASSERT_EQ(roster.exit, 0) << roster.err;
    auto show = rollcall({"roster", "show", "--from", "2026-10-05", "--to", "2026-10-11", "--csv"}, "hr");
    ASSERT_EQ(show.exit, 0) << show.err;
    EXPECT_NE(show.out.find("E100,Sun Li,holiday,holiday,holiday,Day,Day,Day,rest"), std::string::npos) << show.out;
    EXPECT_NE(show.out.find("E101,Zhou Jie,Night,Night,Night,Night,Night,rest,rest"), std::string::npos) << show.out;
    auto types = rollcall({"leave-type", "list"}, "hr");
    ASSERT_EQ(types.exit, 0) << types.err;
    EXPECT_NE(types.out.find("annual"), std::string::npos) << types.out;
    EXPECT_NE(types.out.find("department_head -> bureau_leadership"), std::string::npos) << types.out;
}

TEST_F(CliTest, ApproversListAndDecideLeave) {
    auto hr = server_->signedIn("hr");
    auto shift = hr.send(Verb::post, "/api/v1/shifts", R"({"name":"LeaveDays","segments":[{"start":"08:30","end":"17:30"}]})");
    ASSERT_EQ(shift->status, 201u) << shift->body;
    ASSERT_EQ(hr.send(Verb::post, "/api/v1/roster",
                      nlohmann::json{{"employeeIds", {org_->employee["staff"]}}, {"from", "2026-01-01"},
                                     {"shiftId", shift->json()["id"]}, {"replace", true}}.dump())->status,
              201u);
    auto staff = server_->signedIn("staff");
    LocalDate day = TimeZone::load("Asia/Shanghai")->today() + 7;
    while (day.isWeekend()) day = day + 1;
    auto req = staff.send(Verb::post, "/api/v1/leave",
                          nlohmann::json{{"type", "personal"}, {"start", day.toString()}, {"reason", "dentist"}}.dump());
    ASSERT_EQ(req->status, 201u) << req->body;
    const auto id = std::to_string(req->json()["id"].get<std::int64_t>());
    login("approver");
    auto waiting = rollcall({"leave", "list", "--csv"}, "approver");
    ASSERT_EQ(waiting.exit, 0) << waiting.err;
    EXPECT_NE(waiting.out.find(id + "," + std::to_string(org_->employee["staff"]) + ",personal"), std::string::npos) << waiting.out;
    auto reject = rollcall({"leave", "reject", id}, "approver");
    EXPECT_EQ(reject.exit, 2) << "a rejection needs a reason";
    auto approve = rollcall({"leave", "approve", id, "--reason", "ok"}, "approver");
    ASSERT_EQ(approve.exit, 0) << approve.err;
    EXPECT_NE(approve.out.find("approved"), std::string::npos) << approve.out;
    auto again = rollcall({"leave", "approve", id}, "approver");
    EXPECT_EQ(again.exit, 1) << "nothing waits for this approver any more";
}

TEST_F(CliTest, DayAndMonthReportsAsTableAndCsvAndTheAuditChainVerifies) {
    LocalDate day = TimeZone::load("Asia/Shanghai")->today() - 2;
    while (day.isWeekend()) day = day - 1;
    const auto person = org_->employee["staff3"];
    auto hr = server_->signedIn("hr");
    auto shift = hr.send(Verb::post, "/api/v1/shifts", R"({"name":"Report","segments":[{"start":"08:30","end":"17:30"}],"lateGraceMinutes":5})");
    ASSERT_EQ(shift->status, 201u) << shift->body;
    ASSERT_EQ(hr.send(Verb::post, "/api/v1/roster",
                      nlohmann::json{{"employeeIds", {person}}, {"from", (day - 3).toString()}, {"to", (day + 3).toString()},
                                     {"shiftId", shift->json()["id"]}, {"replace", true}}.dump())->status,
              201u);
    auto admin = server_->signedIn("admin", kAdminPassword);
    for (const char* at : {"T08:50", "T17:40"}) {
        ASSERT_EQ(admin.send(Verb::post, "/api/v1/punches",
                             nlohmann::json{{"employeeId", person}, {"at", day.toString() + at}, {"reason", "test"}}.dump())->status,
                  201u);
    }
    login("hr");
    const std::vector<std::string> dayArgs{"report", "day", "--date", day.toString(), "--employee", std::to_string(person)};
    CliRun csv;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(70);
    while (std::chrono::steady_clock::now() < deadline) {
        auto args = dayArgs;
        args.push_back("--csv");
        csv = rollcall(args, "hr");
        ASSERT_EQ(csv.exit, 0) << csv.err;
        if (csv.out.find("08:50") != std::string::npos) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    EXPECT_NE(csv.out.find("date,employee,status,in,out,late,early,overtime"), std::string::npos) << csv.out;
    EXPECT_NE(csv.out.find(day.toString() + "," + std::to_string(person) + ",late,"), std::string::npos) << csv.out;
    auto table = rollcall(dayArgs, "hr");
    ASSERT_EQ(table.exit, 0) << table.err;
    EXPECT_NE(table.out.find("late"), std::string::npos) << table.out;
    EXPECT_NE(table.out.find("20"), std::string::npos) << "20 minutes late: " << table.out;

    const std::string month = day.toString().substr(0, 7);
    auto sheet = rollcall({"report", "month", "--month", month}, "hr");
    ASSERT_EQ(sheet.exit, 0) << sheet.err;
    EXPECT_NE(sheet.out.find("E003"), std::string::npos) << sheet.out;
    auto sheetCsv = rollcall({"report", "month", "--month", month, "--csv"}, "hr");
    ASSERT_EQ(sheetCsv.exit, 0) << sheetCsv.err;
    EXPECT_EQ(sheetCsv.out.rfind("number,name,1,", 0), 0u) << sheetCsv.out;
    EXPECT_NE(sheetCsv.out.find("E003,staff3,"), std::string::npos) << sheetCsv.out;
    EXPECT_EQ(rollcall({"report", "month", "--month", "2026-13"}, "hr").exit, 1);

    login("admin", kAdminPassword);
    auto verify = rollcall({"audit", "verify"}, "admin");
    EXPECT_EQ(verify.exit, 0) << verify.out << verify.err;
    EXPECT_NE(verify.out.find("audit chain intact"), std::string::npos) << verify.out;
    EXPECT_NE(verify.out.find("punch chains intact"), std::string::npos) << verify.out;
}

}  // namespace
}  // namespace rollcall::testing

namespace rollcall::testing {
namespace {

// An inspector starts a check now and a planned one through the CLI; staff may not; `show`
// prints the live tally, and a planned check's moment never appears.
TEST_F(CliTest, InspectorsStartListAndShowSpotChecks) {
    login("inspector");
    login("staff");
    auto denied = rollcall({"spotcheck", "start", "--everyone"}, "staff");
    EXPECT_EQ(denied.exit, 1) << denied.out;
    EXPECT_NE(denied.err.find("403"), std::string::npos) << denied.err;

    auto now = rollcall({"spotcheck", "start", "--post", std::to_string(org_->gate), "--window", "5", "--note", "gate check"},
                        "inspector");
    ASSERT_EQ(now.exit, 0) << now.err;
    EXPECT_NE(now.out.find("open"), std::string::npos) << now.out;
    EXPECT_NE(now.out.find("posts:" + std::to_string(org_->gate)), std::string::npos) << now.out;
    const auto id = now.out.substr(6, now.out.find(' ', 6) - 6);  // "check <id> open: ..."

    const auto from = Instant::now() + std::chrono::hours(24);
    const auto to = from + std::chrono::hours(2);
    auto planned = rollcall({"spotcheck", "start", "--everyone", "--random-from", from.toIso(), "--random-to", to.toIso()},
                            "inspector");
    ASSERT_EQ(planned.exit, 0) << planned.err;
    EXPECT_NE(planned.out.find("planned at a secret moment"), std::string::npos) << planned.out;

    auto list = rollcall({"spotcheck", "list", "--csv"}, "inspector");
    ASSERT_EQ(list.exit, 0) << list.err;
    EXPECT_NE(list.out.find("gate check"), std::string::npos) << list.out;
    EXPECT_NE(list.out.find("planned"), std::string::npos) << list.out;

    auto show = rollcall({"spotcheck", "show", id}, "inspector");
    ASSERT_EQ(show.exit, 0) << show.err;
    EXPECT_NE(show.out.find("so far: present 0"), std::string::npos) << show.out;

    auto missing = rollcall({"spotcheck", "show", "999999"}, "inspector");
    EXPECT_EQ(missing.exit, 1);
    auto noFinding = rollcall({"spotcheck", "rule", "999999", "--excuse", "--reason", "sick"}, "inspector");
    EXPECT_EQ(noFinding.exit, 1);
}

}  // namespace
}  // namespace rollcall::testing
