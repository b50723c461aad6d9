#include "RulesFixtures.hpp"

#include <gtest/gtest.h>

namespace rollcall::rules::testing {

Shift shiftS() {
    return makeFixedShift(ShiftId{1}, "S",
                          {ShiftClock(8, 30), ShiftClock(17, 30), {ShiftClock(6, 30), ShiftClock(12, 0)},
                           {ShiftClock(12, 0), ShiftClock(23, 59)}},
                          5, 0, 30);
}

Shift nightShift() {
    return makeFixedShift(ShiftId{2}, "Night",
                          {ShiftClock(22, 0), ShiftClock::nextDay(6, 0), {ShiftClock(20, 0), ShiftClock(23, 59)},
                           {ShiftClock::nextDay(4, 0), ShiftClock::nextDay(10, 0)}},
                          5, 0, 30);
}

Shift splitShift() {
    Shift s;
    s.id = ShiftId{3};
    s.name = "Split";
    s.segments = {
        {ShiftClock(8, 30), ShiftClock(12, 0), {ShiftClock(7, 0), ShiftClock(10, 0)}, {ShiftClock(11, 0), ShiftClock(12, 59)}},
        {ShiftClock(13, 30), ShiftClock(17, 30), {ShiftClock(13, 0), ShiftClock(15, 0)}, {ShiftClock(16, 0), ShiftClock(22, 0)}},
    };
    s.lateGraceMinutes = 5;
    s.overtimeAfterMinutes = 30;
    return s;
}

Shift flexibleShift() {
    Shift s;
    s.id = ShiftId{4};
    s.name = "Flexible";
    s.kind = ShiftKind::Flexible;
    s.flexible = FlexibleHours{ShiftClock(10, 0), ShiftClock(15, 0), 480, {ShiftClock(7, 0), ShiftClock(21, 0)}};
    s.overtimeAfterMinutes = 30;
    return s;
}

Calendar calendar2026() {
    static const auto parsed = Calendar::parse(
        "date,kind,name\n"
        "2026-01-01,holiday,New Year's Day\n"
        "2026-09-20,workday,National Day make-up\n"
        "2026-10-01..2026-10-07,holiday,National Day\n"
        "2026-10-10,workday,National Day make-up\n");
    EXPECT_TRUE(parsed.has_value()) << parsed.error().describe();
    return *parsed;
}

Punch punch(std::int64_t id, LocalDate date, int hour, int minute, std::int64_t terminal, int second) {
    Punch p;
    p.id = PunchId{id};
    p.employee = kPerson;
    p.at = LocalDateTime(date, LocalTime(hour, minute, second));
    p.terminal = TerminalId{terminal};
    return p;
}

std::string testName(std::string_view description) {
    std::string name;
    bool upper = true;
    for (char c : description) {
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum) {
            upper = true;
            continue;
        }
        name += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
        upper = false;
    }
    return name;
}

LeaveRequest approvedLeave(std::int64_t id, std::string type, LeavePeriod period) {
    LeaveRequest r;
    r.id = LeaveId{id};
    r.employee = kPerson;
    r.type = std::move(type);
    r.period = period;
    r.reason = "family";
    r.state = LeaveState::Approved;
    return r;
}

DayRecord evaluateOn(const Shift& shift, LocalDate date, const std::vector<Punch>& punches,
                     const std::vector<LeaveRequest>& leaves, const std::vector<Correction>& corrections,
                     const Calendar& calendar, std::optional<LocalDateTime> asOf) {
    Roster roster;
    EXPECT_TRUE(roster.addShift(shift).has_value());
    ShiftPattern pattern{PatternId{1}, "office", PatternKind::CalendarWorkdays, shift.id, {}, {}};
    EXPECT_TRUE(roster.addPattern(pattern).has_value());
    EXPECT_TRUE(roster.assign({kPerson, PatternId{1}, LocalDate(2020, 1, 1), std::nullopt}).has_value());
    const auto policy = LeavePolicy::standard();
    DayInputs in;
    in.employee = kPerson;
    in.date = date;
    in.schedule = roster.resolve(kPerson, date, calendar);
    in.previousDay = roster.resolve(kPerson, date - 1, calendar);
    in.punches = punches;
    in.leaves = leaves;
    in.corrections = corrections;
    in.policy = &policy;
    in.asOf = asOf;
    return evaluateDay(in);
}

}  // namespace rollcall::rules::testing
