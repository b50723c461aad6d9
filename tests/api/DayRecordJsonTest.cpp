// GET /attendance/days is written by a streaming writer: its bytes must equal what the
// nlohmann DOM gave before (the reference below is that code), for records with leaves,
// missing punches, nulls, unicode and characters that need escaping; the writer itself is
// also compared with nlohmann for broken UTF-8.
// g++ 12 reports -Wnull-dereference inside inlined Asio code at -O2 (see server/http/CMakeLists.txt).
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ApiServer.hpp"
#include "rollcall/http/JsonWriter.hpp"
#include "rollcall/store/DayRecordRepository.hpp"
#include "rollcall/store/DepartmentRepository.hpp"
#include "rollcall/store/EmployeeRepository.hpp"

namespace {

using namespace rollcall;
using nlohmann::json;

// The DOM rendering the route used before the streaming writer.
json punchTime(const std::optional<rules::Punch>& p) { return p ? json(p->at.toString()) : json(); }

json referenceJson(const store::StoredDayRecord& s) {
    const auto& r = s.record;
    json leaves = json::array();
    for (const auto& l : r.leaves) leaves.push_back({{"leaveId", l.id.value()}, {"type", l.type}, {"morning", l.morning},
                                                     {"afternoon", l.afternoon}, {"businessTrip", l.businessTrip}});
    return {{"employeeId", r.employee.value()}, {"date", r.date.toString()}, {"status", rules::toString(r.status)},
            {"shiftId", r.shift ? json(r.shift->value()) : json()},
            {"calendarDay", rules::toString(r.calendarDay)}, {"lateMinutes", r.lateMinutes},
            {"earlyMinutes", r.earlyMinutes}, {"workedMinutes", r.workedMinutes}, {"overtimeMinutes", r.overtimeMinutes},
            {"in", punchTime(r.inPunch)}, {"out", punchTime(r.outPunch)}, {"missingIn", r.missingIn},
            {"missingOut", r.missingOut}, {"leaves", leaves},
            {"overrunOf", r.overrunOf ? json(r.overrunOf->value()) : json()},
            {"version", s.version}, {"evaluatedAt", s.evaluatedAt.toIso()}};
}

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

rules::Punch punchAt(EmployeeId who, LocalDate d, int h, int m, std::int64_t id) {
    rules::Punch p;
    p.id = PunchId(id);
    p.employee = who;
    p.at = LocalDateTime(d, LocalTime(h, m));
    p.terminal = TerminalId(3);
    return p;
}

TEST(DayRecordJson, StreamedAnswerEqualsTheDomAnswer) {
    rollcall::testing::ApiServer server("dayjson");
    auto opened = store::Store::open({.path = server.config().databasePath()});
    ASSERT_TRUE(opened) << opened.error().message;
    auto& st = **opened;
    auto dept = store::DepartmentRepository(st).upsert({DepartmentId{}, "JS", "人事处 \"JSON\"", std::nullopt});
    ASSERT_TRUE(dept) << dept.error().message;
    std::vector<EmployeeId> people;
    for (const char* name : {"张三", "O'Brien \"Bob\"", "Zoë\tTab"}) {
        store::Employee e;
        e.number = "J" + std::to_string(people.size());
        e.name = name;
        e.department = *dept;
        auto id = store::EmployeeRepository(st).upsert(e);
        ASSERT_TRUE(id) << id.error().message;
        people.push_back(*id);
    }
    const LocalDate d1(2026, 3, 2), d2(2026, 3, 3);
    std::vector<rules::DayRecord> records;
    {
        rules::DayRecord r;  // present, both punches, a shift
        r.employee = people[0];
        r.date = d1;
        r.status = rules::DayStatus::Present;
        r.shift = ShiftId(7);
        r.inPunch = punchAt(r.employee, d1, 8, 29, 11);
        r.outPunch = punchAt(r.employee, d1, 17, 31, 12);
        r.workedMinutes = 540;
        r.segments.push_back({r.inPunch, r.outPunch, false, 0, 0, 540});
        r.punchesConsidered = 2;
        records.push_back(r);
    }
    {
        rules::DayRecord r;  // missing out-punch, late
        r.employee = people[1];
        r.date = d1;
        r.status = rules::DayStatus::MissingOut;
        r.shift = ShiftId(7);
        r.inPunch = punchAt(r.employee, d1, 8, 41, 13);
        r.missingOut = true;
        r.lateMinutes = 11;
        records.push_back(r);
    }
    {
        rules::DayRecord r;  // on leave, two leaves with unicode, quotes, control characters
        r.employee = people[2];
        r.date = d1;
        r.status = rules::DayStatus::OnLeave;
        r.calendarDay = rules::DayKind::MakeUpWorkday;
        r.leaves.push_back({LeaveId(5), "年假", true, false, false, 240});
        r.leaves.push_back({LeaveId(6), "sick \"flu\"\n\\ \x01 \x7f", false, true, true, 240});
        records.push_back(r);
    }
    {
        rules::DayRecord r;  // absent after an overrun leave, no shift
        r.employee = people[0];
        r.date = d2;
        r.status = rules::DayStatus::Absent;
        r.overrunOf = LeaveId(5);
        r.missingIn = true;
        r.missingOut = true;
        r.overtimeMinutes = -1;
        records.push_back(r);
    }
    for (const auto& r : records) {
        auto saved = store::DayRecordRepository(st).save(r, "json test", Instant::fromMicros(1'700'000'000'123'456));
        ASSERT_TRUE(saved) << saved.error().message;
    }
    store::DayRecordFilter f;
    f.department = *dept;
    f.from = d1;
    f.to = d2;
    auto stored = store::DayRecordRepository(st).list(f);
    ASSERT_TRUE(stored) << stored.error().message;
    ASSERT_EQ(stored->size(), records.size());
    json items = json::array();
    for (const auto& s : *stored) items.push_back(referenceJson(s));
    const std::string expected = dump(json{{"items", items}});

    auto admin = server.signedIn("admin", rollcall::testing::kAdminPassword);
    const auto target = "/api/v1/attendance/days?departmentId=" + std::to_string(dept->value()) + "&from=" + d1.toString() +
                        "&to=" + d2.toString();
    auto r = admin.send(http::Verb::get, target);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->status, 200u) << r->body;
    EXPECT_EQ(r->body, expected);
    EXPECT_EQ(r->header("content-type"), "application/json; charset=utf-8");

    // Read again after a change: one record re-evaluated (behind the server's back) and a
    // person renamed through the API, which invalidates the cached answer. The unchanged
    // records come from kept fragments, the changed one is rendered again: same bytes as the DOM.
    rules::DayRecord changed = records[0];
    changed.workedMinutes = 541;
    ASSERT_TRUE(store::DayRecordRepository(st).save(changed, "json test again", Instant::fromMicros(1'700'000'100'000'000)));
    auto renamed = admin.send(http::Verb::patch, "/api/v1/employees/" + std::to_string(people[2].value()),
                              R"({"name": "Zoë Renamed"})");
    ASSERT_TRUE(renamed && renamed->status == 200u) << (renamed ? renamed->body : renamed.error().message);
    auto restored = store::DayRecordRepository(st).list(f);
    ASSERT_TRUE(restored);
    json again = json::array();
    for (const auto& s2 : *restored) again.push_back(referenceJson(s2));
    auto second = admin.send(http::Verb::get, target);
    ASSERT_TRUE(second);
    ASSERT_EQ(second->status, 200u) << second->body;
    EXPECT_EQ(second->body, dump(json{{"items", again}}));
    EXPECT_NE(second->body, r->body);

    // An empty answer too.
    auto none = admin.send(http::Verb::get, "/api/v1/attendance/days?departmentId=" + std::to_string(dept->value()) +
                                                "&from=2025-01-01");
    ASSERT_TRUE(none);
    EXPECT_EQ(none->body, R"({"items":[]})");
}

TEST(JsonWriter, MatchesNlohmannForNestingAndEveryKindOfValue) {
    const std::vector<std::string> strings{"", "plain", "é", "日本語", "emoji 😀", "q\"b\\s/", "\b\f\n\r\t\x01\x1f",
                                           std::string("nul \0 inside", 12), "\xc3", "\xc0\x80", "\xed\xa0\x80",
                                           "\xf4\x90\x80\x80", "ok \xe2\x82\xac end"};
    for (const auto& s : strings) {
        std::string out;
        http::JsonWriter w(out);
        w.beginObject().key("k").beginObject().key(s).value(1).endObject();
        w.key("v").beginArray().value(s).value(std::int64_t{-9'007'199'254'740'993}).value(0).value(true).value(false).null();
        w.beginObject().endObject().beginArray().endArray().endArray().endObject();
        json ref = json::object();
        ref["k"][s] = 1;
        ref["v"] = json::array({s, -9'007'199'254'740'993LL, 0, true, false, nullptr, json::object(), json::array()});
        EXPECT_EQ(out, dump(ref)) << "for " << json(s).dump(-1, ' ', true, json::error_handler_t::replace);
        // Whatever the input, the output parses.
        EXPECT_FALSE(json::parse(out, nullptr, false).is_discarded()) << out;
    }
}

}  // namespace
