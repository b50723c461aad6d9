// Shifts, roster, calendar and leave policy input: malformed bodies, unknown fields, bad dates
// and times get 400 with the field and change nothing; CSV imports with bad lines name every
// line and import nothing; overlaps are refused unless asked to replace.
#include "Organisation.hpp"

namespace rollcall::testing {
namespace {

using http::Verb;

const std::map<std::string, std::string> kCsv{{"Content-Type", "text/csv"}};

class ScheduleInputTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        server_ = new ApiServer("schedule-input");
        org_ = new Org(seedOrganisation(*server_));
    }
    static void TearDownTestSuite() {
        delete org_;
        delete server_;
    }
    static std::size_t count(http::Client& c, const std::string& path) { return c.send(Verb::get, path)->json()["items"].size(); }
    static std::set<int> badLines(const http::ClientResponse& r) {
        std::set<int> lines;
        const auto answer = r.json();
        for (const auto& e : answer["errors"]) lines.insert(e["line"].get<int>());
        return lines;
    }
    static ApiServer* server_;
    static Org* org_;
};
ApiServer* ScheduleInputTest::server_ = nullptr;
Org* ScheduleInputTest::org_ = nullptr;

TEST_F(ScheduleInputTest, MalformedShiftsAreRefusedWithTheFieldAndChangeNothing) {
    auto hr = server_->signedIn("hr");
    struct Case {
        std::string body;
        unsigned status;
        std::string error;
        std::string field;
    };
    const std::vector<Case> cases{
        {"{not json", 400, "request.malformed_json", ""},
        {"[]", 400, "request.malformed_json", ""},
        {R"({"name":"A","segments":[{"start":"08:30","end":"17:30"}],"colour":"red"})", 400, "request.unknown_field", "colour"},
        {R"({"name":"A","segments":[{"start":"08:30","end":"17:30","lunch":"12:00"}]})", 400, "request.unknown_field", "segments[0].lunch"},
        {R"({"name":"A","segments":[{"start":"25:00","end":"17:30"}]})", 400, "request.time", "segments[0].start"},
        {R"({"name":"A","segments":[{"start":"08:30"}]})", 400, "request.missing", "segments[0].end"},
        {R"({"name":"A","segments":"08:30-17:30"})", 400, "request.type", "segments"},
        {R"({"name":"A","lateGraceMinutes":"5","segments":[{"start":"08:30","end":"17:30"}]})", 400, "request.type", "lateGraceMinutes"},
        {R"({"name":"A","kind":"weekly","segments":[{"start":"08:30","end":"17:30"}]})", 400, "request.kind", "kind"},
        {R"({"segments":[{"start":"08:30","end":"17:30"}]})", 400, "request.missing", "name"},
        // Semantic refusals: the times do not make the kind of shift asked for.
        {R"({"name":"A","kind":"night","segments":[{"start":"08:30","end":"17:30"}]})", 422, "shift.invalid", "segments"},
        {R"({"name":"A","kind":"split","segments":[{"start":"08:30","end":"17:30"}]})", 422, "shift.invalid", "segments"},
        {R"({"name":"A","kind":"flexible","segments":[{"start":"08:30","end":"17:30"}]})", 422, "shift.invalid", "core"},
        {R"({"name":"A","segments":[{"start":"17:30","end":"08:30"}]})", 422, "shift.invalid", "segments"},
        {R"({"name":"A","segments":[{"start":"08:30","end":"17:30","inFrom":"09:00"}]})", 422, "shift.invalid", "segments"},
    };
    for (const auto& c : cases) {
        auto r = hr.send(Verb::post, "/api/v1/shifts", c.body);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, c.status) << c.body << " -> " << r->body;
        EXPECT_EQ(r->json()["error"], c.error) << c.body << " -> " << r->body;
        if (!c.field.empty()) {
            EXPECT_EQ(r->json()["field"], c.field) << c.body << " -> " << r->body;
        }
        EXPECT_FALSE(r->json()["message"].get<std::string>().empty());
    }
    EXPECT_EQ(count(hr, "/api/v1/shifts"), 0u) << "nothing stored";
    EXPECT_EQ(hr.send(Verb::put, "/api/v1/shifts/999", R"({"name":"X","segments":[{"start":"08:30","end":"17:30"}]})")->status, 404u);
    EXPECT_EQ(hr.send(Verb::get, "/api/v1/shifts/abc")->status, 400u);
}

TEST_F(ScheduleInputTest, EveryKindOfShiftRoundTrips) {
    auto hr = server_->signedIn("hr");
    struct Case {
        std::string body;
        std::string kind;
    };
    const std::vector<Case> cases{
        {R"({"name":"Office","segments":[{"start":"08:30","end":"17:30","inFrom":"06:30","inTo":"12:00","outFrom":"12:00","outTo":"23:59"}],"lateGraceMinutes":5,"overtimeAfterMinutes":30})", "fixed"},
        {R"({"name":"Night","segments":[{"start":"22:00","end":"06:00+1"}]})", "night"},
        {R"({"name":"Split","segments":[{"start":"08:00","end":"12:00"},{"start":"14:00","end":"18:00"}]})", "split"},
        {R"({"name":"Flex","kind":"flexible","core":{"start":"10:00","end":"15:00","requiredMinutes":480}})", "flexible"},
    };
    for (const auto& c : cases) {
        auto r = hr.send(Verb::post, "/api/v1/shifts", c.body);
        ASSERT_EQ(r->status, 201u) << c.body << " -> " << r->body;
        EXPECT_EQ(r->json()["kind"], c.kind);
        auto back = hr.send(Verb::get, "/api/v1/shifts/" + std::to_string(r->json()["id"].get<std::int64_t>()));
        EXPECT_EQ(back->json(), r->json());
    }
    auto split = hr.send(Verb::get, "/api/v1/shifts")->json()["items"][2];
    EXPECT_EQ(split["segments"][0]["outTo"], "13:00") << "the gap is shared at its middle";
    EXPECT_EQ(split["segments"][1]["inFrom"], "13:01");
    auto night = hr.send(Verb::get, "/api/v1/shifts")->json()["items"][1];
    EXPECT_EQ(night["segments"][0]["outTo"], "12:00+1");
    auto dup = hr.send(Verb::post, "/api/v1/shifts", cases[0].body);
    EXPECT_EQ(dup->status, 409u) << dup->body;
}

TEST_F(ScheduleInputTest, RosterRefusesBadInputAndOverlapsUnlessReplacing) {
    auto hr = server_->signedIn("hr");
    auto shift = hr.send(Verb::post, "/api/v1/shifts", R"({"name":"R","segments":[{"start":"09:00","end":"17:00"}]})");
    ASSERT_EQ(shift->status, 201u);
    const auto sid = shift->json()["id"].get<std::int64_t>();
    const auto staff = org_->employee["staff3"];
    auto body = [&](nlohmann::json extra) {
        nlohmann::json b{{"employeeIds", {staff}}, {"from", "2026-04-01"}, {"shiftId", sid}};
        b.update(extra);
        return b.dump();
    };
    struct Case {
        std::string body;
        unsigned status;
        std::string field;
    };
    const std::vector<Case> cases{
        {body({{"from", "2026-02-30"}}), 400, "from"},
        {body({{"to", "01/05/2026"}}), 400, "to"},
        {body({{"to", "2026-03-01"}}), 400, "to"},
        {body({{"colour", 1}}), 400, "colour"},
        {body({{"employeeIds", "E003"}}), 400, "employeeIds"},
        {body({{"employeeIds", nlohmann::json::array()}}), 400, "employeeIds"},
        {body({{"week", {sid, sid, sid, sid, sid, nullptr, nullptr}}}), 400, "week"},  // both shiftId and week
        {nlohmann::json{{"employeeIds", {staff}}, {"from", "2026-04-01"}, {"week", {sid, sid}}}.dump(), 400, "week"},
        {body({{"shiftId", 9999}}), 422, "shiftId"},
        {body({{"employeeIds", {staff, 99999}}}), 422, "employee"},
    };
    for (const auto& c : cases) {
        auto r = hr.send(Verb::post, "/api/v1/roster", c.body);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, c.status) << c.body << " -> " << r->body;
        EXPECT_EQ(r->json()["field"], c.field) << c.body << " -> " << r->body;
    }
    const std::string mine = "/api/v1/roster?employeeId=" + std::to_string(staff) + "&from=2026-04-01&to=2026-04-30";
    EXPECT_TRUE(hr.send(Verb::get, mine)->json()["items"][0]["assignments"].empty()) << "nothing half-assigned";
    EXPECT_EQ(hr.send(Verb::get, "/api/v1/roster?from=2026-13-01")->status, 400u);
    EXPECT_EQ(hr.send(Verb::get, "/api/v1/roster?from=2026-01-01&to=2027-06-01")->status, 400u);

    ASSERT_EQ(hr.send(Verb::post, "/api/v1/roster", body({{"to", "2026-04-30"}}))->status, 201u);
    auto overlap = hr.send(Verb::post, "/api/v1/roster", body({{"from", "2026-04-10"}, {"to", "2026-04-12"}}));
    EXPECT_EQ(overlap->status, 409u) << overlap->body;
    EXPECT_EQ(overlap->json()["error"], "roster.overlap");
    // A weekly plan for three days in the middle splits the month around it.
    auto replaced = hr.send(Verb::post, "/api/v1/roster",
                            body({{"from", "2026-04-10"}, {"to", "2026-04-12"}, {"replace", true}, {"shiftId", nullptr},
                                  {"week", {nullptr, nullptr, nullptr, nullptr, sid, sid, sid}}}));
    ASSERT_EQ(replaced->status, 201u) << replaced->body;
    EXPECT_EQ(replaced->json()["replaced"].size(), 1u);
    EXPECT_EQ(replaced->json()["items"][0]["plan"]["kind"], "weekly");
    auto month = hr.send(Verb::get, mine)->json()["items"][0];
    EXPECT_EQ(month["assignments"].size(), 3u) << month.dump();
    EXPECT_EQ(month["days"][10]["kind"], "shift") << "Saturday 2026-04-11 is worked on the weekly plan";
    EXPECT_EQ(month["days"][11]["kind"], "shift") << "Sunday too";
    EXPECT_EQ(month["days"][17]["kind"], "rest_day") << "Saturday 2026-04-18 is back on calendar workdays";
    const auto last = month["assignments"][2]["id"].get<std::int64_t>();
    EXPECT_EQ(hr.send(Verb::delete_, "/api/v1/roster/" + std::to_string(last))->status, 200u);
    EXPECT_EQ(hr.send(Verb::delete_, "/api/v1/roster/" + std::to_string(last))->status, 404u);
}

TEST_F(ScheduleInputTest, ShiftCsvWithBadLinesImportsNothingAndNamesEachLine) {
    auto hr = server_->signedIn("hr");
    const auto before = count(hr, "/api/v1/shifts");
    const std::string bad =
        "name,kind,start,end,late_grace\n"
        "CsvDay,fixed,08:30,17:30,5\n"
        "CsvNight,fixed,22:00,06:00+1,5\n"  // line 3: a night shift called fixed
        "CsvSplit,split,08:00,12:00,0\n"
        "CsvSplit,split,14:00,18:00,0\n"
        "CsvBad,fixed,8h30,17:30,x\n";  // line 6: bad time and bad grace
    auto r = hr.send(Verb::post, "/api/v1/shifts/import", bad, kCsv);
    ASSERT_EQ(r->status, 422u) << r->body;
    EXPECT_EQ(r->json()["error"], "csv.invalid");
    EXPECT_EQ(badLines(*r), (std::set<int>{3, 6})) << r->body;
    EXPECT_EQ(count(hr, "/api/v1/shifts"), before) << "nothing half-imported";
    auto unknownColumn = hr.send(Verb::post, "/api/v1/shifts/import", "name,start,end,colour\nA,08:00,17:00,red\n", kCsv);
    EXPECT_EQ(unknownColumn->status, 422u);
    EXPECT_EQ(badLines(*unknownColumn), (std::set<int>{1}));

    const std::string good =
        "name,kind,start,end,late_grace,core_start,core_end,required_minutes\n"
        "CsvDay,fixed,08:30,17:30,5,,,\n"
        "CsvNight,night,22:00,06:00+1,5,,,\n"
        "CsvSplit,split,08:00,12:00,0,,,\n"
        "CsvSplit,,14:00,18:00,,,,\n"
        "CsvFlex,flexible,,,0,10:00,15:00,480\n";
    auto dry = hr.send(Verb::post, "/api/v1/shifts/import?dry_run=1", good, kCsv);
    ASSERT_EQ(dry->status, 200u) << dry->body;
    EXPECT_EQ(dry->json()["inserted"], 4);
    EXPECT_EQ(count(hr, "/api/v1/shifts"), before);
    auto ok = hr.send(Verb::post, "/api/v1/shifts/import", good, kCsv);
    ASSERT_EQ(ok->status, 200u) << ok->body;
    EXPECT_EQ(count(hr, "/api/v1/shifts"), before + 4);
    auto again = hr.send(Verb::post, "/api/v1/shifts/import", good, kCsv);
    EXPECT_EQ(again->json()["updated"], 4) << "a known name is replaced, not doubled";
    EXPECT_EQ(count(hr, "/api/v1/shifts"), before + 4);
}

TEST_F(ScheduleInputTest, RosterCsvWithBadLinesImportsNothingAndNamesEachLine) {
    auto hr = server_->signedIn("hr");
    ASSERT_EQ(hr.send(Verb::post, "/api/v1/shifts", R"({"name":"Rc","segments":[{"start":"09:00","end":"17:00"}]})")->status, 201u);
    const std::string bad =
        "employee,from,to,shift,week\n"
        "E001,2026-05-01,2026-05-31,Rc,\n"
        "E999,2026-05-01,,Rc,\n"                     // 3: unknown person
        "E003,2026-05-32,,Rc,\n"                     // 4: bad date
        "E003,2026-05-01,,Nope,\n"                   // 5: unknown shift
        "E010,2026-05-01,,,Rc/Rc/Rc/Rc/Rc/-\n"       // 6: six days
        "E001,2026-05-20,2026-06-10,Rc,\n";          // 7: overlaps line 2
    auto r = hr.send(Verb::post, "/api/v1/roster/import", bad, kCsv);
    ASSERT_EQ(r->status, 422u) << r->body;
    EXPECT_EQ(badLines(*r), (std::set<int>{3, 4, 5, 6, 7})) << r->body;
    const std::string mine = "/api/v1/roster?employeeId=" + std::to_string(org_->employee["staff"]) + "&from=2026-05-01";
    EXPECT_TRUE(hr.send(Verb::get, mine)->json()["items"][0]["assignments"].empty()) << "nothing half-imported";

    const std::string good =
        "employee,from,to,shift,week\n"
        "E001,2026-05-01,2026-05-31,Rc,\n"
        "E010,2026-05-01,,,Rc/Rc/Rc/Rc/Rc/-/-\n";
    auto ok = hr.send(Verb::post, "/api/v1/roster/import", good, kCsv);
    ASSERT_EQ(ok->status, 200u) << ok->body;
    EXPECT_EQ(ok->json()["imported"], 2);
    EXPECT_EQ(hr.send(Verb::get, mine)->json()["items"][0]["assignments"].size(), 1u);
    // Importing it again overlaps what is stored: refused by line, unless replacing.
    auto twice = hr.send(Verb::post, "/api/v1/roster/import", good, kCsv);
    EXPECT_EQ(twice->status, 422u);
    EXPECT_EQ(badLines(*twice), (std::set<int>{2, 3})) << twice->body;
    EXPECT_EQ(hr.send(Verb::post, "/api/v1/roster/import?replace=1", good, kCsv)->status, 200u);
    EXPECT_EQ(hr.send(Verb::get, mine)->json()["items"][0]["assignments"].size(), 1u);
}

TEST_F(ScheduleInputTest, CalendarCsvReportsEveryBadLineAndImportsAllOrNothing) {
    auto hr = server_->signedIn("hr");
    const std::string bad =
        "date,kind,name\n"
        "2026-10-01..2026-10-07,holiday,National Day\n"
        "2026-13-01,holiday,Nowhere\n"            // 3
        "2026-10-10,workday,National Day make-up\n"
        "2026-10-08,workday,Thursday\n"           // 5: a weekday is a workday already
        "2026-10-11,feast,Unknown\n";             // 6
    auto r = hr.send(Verb::post, "/api/v1/calendar/import", bad, kCsv);
    ASSERT_EQ(r->status, 422u) << r->body;
    EXPECT_EQ(r->json()["error"], "csv.invalid");
    EXPECT_EQ(badLines(*r), (std::set<int>{3, 5, 6})) << r->body;
    EXPECT_TRUE(hr.send(Verb::get, "/api/v1/calendar?year=2026")->json()["entries"].empty()) << "nothing half-imported";
    EXPECT_EQ(hr.send(Verb::get, "/api/v1/calendar?year=twenty")->status, 400u);
    EXPECT_EQ(hr.send(Verb::post, "/api/v1/calendar/import", "", kCsv)->status, 400u);

    const std::string good =
        "date,kind,name\n"
        "2026-10-01..2026-10-07,holiday,National Day\n"
        "2026-10-10,workday,National Day make-up\n";
    auto ok = hr.send(Verb::post, "/api/v1/calendar/import", good, kCsv);
    ASSERT_EQ(ok->status, 200u) << ok->body;
    EXPECT_EQ(ok->json()["imported"], 8);
    auto year = server_->signedIn("staff").send(Verb::get, "/api/v1/calendar?year=2026")->json();
    ASSERT_EQ(year["entries"].size(), 8u);
    EXPECT_EQ(year["entries"][7]["date"], "2026-10-10");
    EXPECT_EQ(year["entries"][7]["kind"], "workday");
    EXPECT_EQ(year["entries"][7]["weekday"], 6);
    EXPECT_EQ(year["holidays"], 7);

    // The make-up Saturday is a workday on a calendar-following roster; the holiday is not.
    ASSERT_EQ(hr.send(Verb::post, "/api/v1/shifts", R"({"name":"Cal","segments":[{"start":"09:00","end":"17:00"}]})")->status, 201u);
    const auto sid = hr.send(Verb::get, "/api/v1/shifts")->json()["items"].back()["id"].get<std::int64_t>();
    const auto who = org_->employee["approver"];
    ASSERT_EQ(hr.send(Verb::post, "/api/v1/roster",
                      nlohmann::json{{"employeeIds", {who}}, {"from", "2026-09-01"}, {"to", "2026-12-31"}, {"shiftId", sid}, {"replace", true}}.dump())
                  ->status,
              201u);
    auto days = hr.send(Verb::get, "/api/v1/roster?employeeId=" + std::to_string(who) + "&from=2026-10-01&to=2026-10-10")
                    ->json()["items"][0]["days"];
    EXPECT_EQ(days[0]["kind"], "holiday");
    EXPECT_EQ(days[9]["kind"], "shift");
    EXPECT_EQ(days[9]["calendarDay"], "make-up workday");
    auto entry = server_->signedIn("admin", kAdminPassword).send(Verb::get, "/api/v1/audit?action=calendar.import");
    ASSERT_EQ(entry->json()["items"].size(), 1u);
    EXPECT_EQ(entry->json()["items"][0]["after"]["entries"].size(), 8u);
}

TEST_F(ScheduleInputTest, LeavePolicyInputIsChecked) {
    auto hr = server_->signedIn("hr");
    const auto before = hr.send(Verb::get, "/api/v1/leave/policy")->json();
    struct Case {
        Verb verb;
        std::string path, body;
        unsigned status;
        std::string field;
    };
    const std::vector<Case> cases{
        {Verb::post, "/api/v1/leave/types", R"({"code":"x","name":"X","unit":"week"})", 400, "unit"},
        {Verb::post, "/api/v1/leave/types", R"({"code":"X Y","name":"X"})", 400, "code"},
        {Verb::post, "/api/v1/leave/types", R"({"code":"x","name":"X","yearlyQuotaMinutes":-1})", 400, "yearlyQuotaMinutes"},
        {Verb::post, "/api/v1/leave/types", R"({"code":"x","name":"X","quota":5})", 400, "quota"},
        {Verb::put, "/api/v1/leave/policy", R"({"stepDeadlineHours":0})", 400, "stepDeadlineHours"},
        {Verb::put, "/api/v1/leave/policy", R"({"approvalRules":[{"chain":["king"]}]})", 422, "approvalRules[0].chain"},
        {Verb::put, "/api/v1/leave/policy", R"({"approvalRules":[{"chain":["hr"],"types":["nope"]}]})", 422, "approvalRules[0].types"},
        {Verb::put, "/api/v1/leave/policy", R"({"approvalRules":[{"chain":["hr"],"when":1}]})", 400, "approvalRules[0].when"},
        {Verb::put, "/api/v1/leave/policy", R"({"approvalRules":[{"chain":[]}]})", 400, "approvalRules[0].chain"},
    };
    for (const auto& c : cases) {
        auto r = hr.send(c.verb, c.path, c.body);
        ASSERT_TRUE(r);
        EXPECT_EQ(r->status, c.status) << c.body << " -> " << r->body;
        EXPECT_EQ(r->json()["field"], c.field) << c.body << " -> " << r->body;
    }
    EXPECT_EQ(hr.send(Verb::get, "/api/v1/leave/policy")->json(), before) << "nothing changed";
}

}  // namespace
}  // namespace rollcall::testing
