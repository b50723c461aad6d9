// The schedule routes feed day evaluation end to end: HR creates a fixed shift and rosters a
// person on it, the person's punches arrive (here the administrators' manual punch), and the
// server's own attendance queue turns them into a 'late' day record with the minutes counted
// from the shift start, as GET /attendance/days then shows.
#include <chrono>
#include <thread>

#include "Organisation.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/tz/TimeZone.hpp"

namespace rollcall::testing {
namespace {

using http::Verb;

// A workday at least two days back (no calendar imported: Monday to Friday).
LocalDate recentWorkday() {
    LocalDate d = TimeZone::load("Asia/Shanghai")->today() - 2;
    while (d.isWeekend()) d = d - 1;
    return d;
}

TEST(RosterStory, RosteredOnAFixedShiftAndPunchingLateIsLate) {
    ApiServer server("roster-story");
    Org org = seedOrganisation(server);
    const LocalDate day = recentWorkday();
    const auto person = org.employee["staff"];
    auto hr = server.signedIn("hr");
    auto shift = hr.send(Verb::post, "/api/v1/shifts",
                         R"({"name":"Office","kind":"fixed","segments":[{"start":"08:30","end":"17:30"}],"lateGraceMinutes":5,)"
                         R"("overtimeAfterMinutes":30})");
    ASSERT_EQ(shift->status, 201u) << shift->body;
    auto roster = hr.send(Verb::post, "/api/v1/roster",
                          nlohmann::json{{"employeeIds", {person}}, {"from", (day - 14).toString()},
                                         {"shiftId", shift->json()["id"]}}.dump());
    ASSERT_EQ(roster->status, 201u) << roster->body;
    auto planned = server.signedIn("staff").send(Verb::get, "/api/v1/roster?from=" + day.toString() + "&to=" + day.toString());
    ASSERT_EQ(planned->status, 200u);
    EXPECT_EQ(planned->json()["items"][0]["days"][0]["shiftName"], "Office");

    auto admin = server.signedIn("admin", kAdminPassword);
    for (const char* at : {"T08:41", "T17:35"}) {
        auto p = admin.send(Verb::post, "/api/v1/punches",
                            nlohmann::json{{"employeeId", person}, {"at", day.toString() + at}, {"reason", "terminal broken"}}.dump());
        ASSERT_EQ(p->status, 201u) << p->body;
    }
    // The server evaluates queued days on its worker (at the latest every 30 s).
    auto staff = server.signedIn("staff");
    nlohmann::json record;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(70);
    while (std::chrono::steady_clock::now() < deadline) {
        auto days = staff.send(Verb::get, "/api/v1/attendance/days?from=" + day.toString() + "&to=" + day.toString());
        ASSERT_EQ(days->status, 200u) << days->body;
        const auto items = days->json()["items"];
        if (!items.empty() && items[0]["in"].is_string()) {
            record = items[0];
            break;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    ASSERT_FALSE(record.is_null()) << "no day record with punches within 70 s";
    EXPECT_EQ(record["status"], "late") << record.dump();
    EXPECT_EQ(record["lateMinutes"], 11) << "counted from 08:30, not from the end of grace";
    EXPECT_EQ(record["shiftId"], shift->json()["id"]);
}

}  // namespace
}  // namespace rollcall::testing
