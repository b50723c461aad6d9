// The `detail` text of a stored day record is read without a JSON DOM: what was written reads
// back equal, text from older writers (any key order, spaces, keys this version does not know)
// still loads, and broken text is an error, never a half-filled record.
#include <gtest/gtest.h>

#include "TempDir.hpp"
#include "rollcall/store/DayRecordRepository.hpp"

namespace {

using namespace rollcall;

class DayRecordCodec : public ::testing::Test {
protected:
    void SetUp() override {
        auto s = store::Store::open({.path = dir.file("day.db")});
        ASSERT_TRUE(s) << s.error().message;
        db = std::move(*s);
    }

    // Stores `detail` as is, behind the repository's back, for (employee 9, 2026-03-02).
    void putRaw(const std::string& detail) {
        auto st = db->write([&](sqlite::Database& c) -> Status {
            auto ins = c.prepare(
                "INSERT OR REPLACE INTO day_records(employee_id, date, status, shift_id, calendar_day, late_min, early_min, "
                "worked_min, overtime_min, in_at, out_at, missing_in, missing_out, overrun_of, detail, version, evaluated_at_us) "
                "VALUES (9, '2026-03-02', 'late', NULL, 'workday', 0, 0, 0, 0, NULL, NULL, 0, 0, NULL, ?1, 1, 5)");
            if (!ins) return std::unexpected(ins.error());
            ins->bind(1, detail);
            return ins->run();
        });
        ASSERT_TRUE(st) << st.error().message;
    }

    rollcall::testing::TempDir dir;
    std::unique_ptr<store::Store> db;
};

rules::Punch punch(EmployeeId who, LocalDate d, int h, int m, std::int64_t id, rules::PunchSource source = rules::PunchSource::Terminal) {
    rules::Punch p;
    p.id = PunchId(id);
    p.employee = who;
    p.at = LocalDateTime(d, LocalTime(h, m));
    p.terminal = TerminalId(source == rules::PunchSource::Terminal ? 4 : 0);
    p.source = source;
    if (source == rules::PunchSource::Correction) p.correction = CorrectionId(77);
    return p;
}

std::vector<rules::DayRecord> varied() {
    const EmployeeId who(9);
    const LocalDate d(2026, 3, 2);
    std::vector<rules::DayRecord> out;
    rules::DayRecord a;  // split shift, a corrected punch, an empty segment
    a.employee = who;
    a.date = d;
    a.status = rules::DayStatus::LateAndEarly;
    a.shift = ShiftId(3);
    a.calendarDay = rules::DayKind::MakeUpWorkday;
    a.lateMinutes = 6;
    a.earlyMinutes = 14;
    a.workedMinutes = 400;
    a.overtimeMinutes = 0;
    a.inPunch = punch(who, d, 8, 36, 101);
    a.outPunch = punch(who, d, 17, 16, 0, rules::PunchSource::Correction);
    a.segments.push_back({a.inPunch, std::nullopt, false, 6, 0, 200});
    a.segments.push_back({std::nullopt, a.outPunch, true, 0, 14, 200});
    a.segments.push_back({});
    a.punchesConsidered = 3;
    out.push_back(a);
    rules::DayRecord b;  // on leave, unicode and escapes in the leave type, an overrun
    b.employee = who;
    b.date = d + 1;
    b.status = rules::DayStatus::OnLeave;
    b.leaves.push_back({LeaveId(5), "年假 \"annual\"\n\\", true, true, false, 480});
    b.leaves.push_back({LeaveId(6), "", false, false, true, 0});
    b.overrunOf = LeaveId(4);
    b.missingIn = true;
    b.missingOut = true;
    out.push_back(b);
    rules::DayRecord c;  // nothing at all
    c.employee = who;
    c.date = d + 2;
    c.status = rules::DayStatus::Absent;
    c.lateMinutes = -1;
    out.push_back(c);
    return out;
}

TEST_F(DayRecordCodec, WhatIsSavedReadsBackEqualWithItsHistory) {
    for (const auto& r : varied()) {
        ASSERT_TRUE(store::DayRecordRepository(*db).save(r, "test", Instant::fromMicros(1)));
        auto got = store::DayRecordRepository(*db).get(r.employee, r.date);
        ASSERT_TRUE(got) << got.error().message;
        ASSERT_TRUE(*got);
        EXPECT_EQ((*got)->record, r);
    }
    auto changed = varied().front();
    changed.status = rules::DayStatus::Present;
    changed.lateMinutes = 0;
    ASSERT_TRUE(store::DayRecordRepository(*db).save(changed, "corrected", Instant::fromMicros(2)));
    auto history = store::DayRecordRepository(*db).history(changed.employee, changed.date);
    ASSERT_TRUE(history) << history.error().message;
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ((*history)[1].before, varied().front());
    EXPECT_EQ((*history)[1].after, changed);
    store::DayRecordFilter all;
    auto list = store::DayRecordRepository(*db).list(all);
    ASSERT_TRUE(list);
    ASSERT_EQ(list->size(), 3u);
    EXPECT_EQ((*list)[2].record, varied()[2]);
}

TEST_F(DayRecordCodec, TextFromAnOlderWriterStillLoads) {
    // Keys out of order, spaces and line breaks, and keys (one nested) that this version ignores.
    putRaw(R"({
      "status": "late", "date": "2026-03-02", "employee": 9, "future": {"a": [1, {"b": null}], "c": "x"},
      "calendar_day": "workday", "shift": 2, "late": 12, "early": 0, "worked": 528, "overtime": 0,
      "out": null,
      "in": {"terminal": 4, "source": "terminal", "at": "2026-03-02T08:42", "id": 55, "extra": [true]},
      "missing_in": false, "missing_out": true,
      "segments": [{"worked": 528, "in": {"id": 55, "at": "2026-03-02T08:42", "terminal": 4, "source": "terminal"},
                    "out": null, "excused": false, "late": 12, "early": 0}],
      "leaves": [], "overrun_of": null, "punches_considered": 1, "later": 1.5
    })");
    auto got = store::DayRecordRepository(*db).get(EmployeeId(9), LocalDate(2026, 3, 2));
    ASSERT_TRUE(got) << got.error().message;
    ASSERT_TRUE(*got);
    const auto& r = (*got)->record;
    EXPECT_EQ(r.status, rules::DayStatus::Late);
    EXPECT_EQ(r.shift, ShiftId(2));
    EXPECT_EQ(r.lateMinutes, 12);
    EXPECT_EQ(r.workedMinutes, 528);
    ASSERT_TRUE(r.inPunch);
    EXPECT_EQ(r.inPunch->id, PunchId(55));
    EXPECT_EQ(r.inPunch->employee, EmployeeId(9));
    EXPECT_EQ(r.inPunch->at.toString(), "2026-03-02T08:42:00");
    EXPECT_FALSE(r.outPunch);
    EXPECT_TRUE(r.missingOut);
    ASSERT_EQ(r.segments.size(), 1u);
    EXPECT_EQ(r.segments[0].in, r.inPunch);
    EXPECT_EQ(r.punchesConsidered, 1);
    EXPECT_EQ((*got)->version, 1);
}

TEST_F(DayRecordCodec, BrokenTextIsAnErrorNamingTheRecordAsCorrupt) {
    const std::string good =
        R"({"calendar_day":"workday","date":"2026-03-02","early":0,"employee":9,"in":null,"late":0,"leaves":[],)"
        R"("missing_in":false,"missing_out":false,"out":null,"overrun_of":null,"overtime":0,"punches_considered":0,)"
        R"("segments":[],"shift":null,"status":"absent","worked":0})";
    putRaw(good);
    ASSERT_TRUE(store::DayRecordRepository(*db).get(EmployeeId(9), LocalDate(2026, 3, 2)));
    const auto without = [&](const std::string& key) {
        std::string t = good;
        const auto at = t.find("\"" + key + "\":");
        const auto comma = t.find(',', at);
        return t.erase(at, comma - at + 1);
    };
    for (const std::string& text : {
             std::string("not json"), std::string("[]"), std::string("42"), std::string(""),
             good.substr(0, good.size() - 1),                                      // cut short
             without("late"), without("missing_in"), without("segments"),          // a field missing
             std::string(good).replace(good.find("\"late\":0"), 8, "\"late\":\"0\""),  // wrong type
             std::string(good).replace(good.find("\"late\":0"), 8, "\"late\":0.5"),
             std::string(good).replace(good.find("\"late\":0"), 8, "\"late\":99999999999"),
             std::string(good).replace(good.find("absent"), 6, "asleep"),          // unknown status
             std::string(good).replace(good.find("\"in\":null"), 9, R"("in":{"id":1})"),  // a punch without its time
             std::string(good).replace(good.find("\"segments\":[]"), 13, R"("segments":[null])"),
             std::string(good).replace(good.find("\"leaves\":[]"), 11, R"("leaves":[{"id":1}])"),
         }) {
        putRaw(text);
        auto got = store::DayRecordRepository(*db).get(EmployeeId(9), LocalDate(2026, 3, 2));
        ASSERT_FALSE(got) << "accepted: " << text;
        EXPECT_EQ(got.error().code, "store.corrupt") << text;
    }
}

}  // namespace
