// Recurring plans follow the organisation's imported calendar: no checks on public holidays,
// checks on make-up Saturdays (调休), ordinary weeks elsewhere.
#include "Fixture.hpp"
#include "rollcall/rules/Calendar.hpp"
#include "rollcall/spotcheck/RecurringPlanner.hpp"
#include "rollcall/spotcheck/StoreWorkdayCalendar.hpp"
#include "rollcall/store/CalendarRepository.hpp"

using namespace rollcall;
using namespace rollcall::spotcheck;
using namespace rollcall::spotcheck::testing;
using std::chrono::minutes;

namespace {

// National Day week 2026: Thursday 1 to Wednesday 7 off, Saturday 10 worked instead.
constexpr const char* kNationalDay =
    "date,kind,name\n"
    "2026-10-01..2026-10-07,holiday,National Day\n"
    "2026-10-10,workday,National Day make-up\n";

class OrganisationCalendar : public ::testing::Test {
protected:
    Server s;
    StoreWorkdayCalendar calendar{*s.store};

    void SetUp() override {
        auto parsed = rules::Calendar::parse(kNationalDay);
        ASSERT_TRUE(parsed) << parsed.error().describe();
        ASSERT_TRUE(store::CalendarRepository(*s.store).save(*parsed));
    }
};

}  // namespace

TEST_F(OrganisationCalendar, HolidaysAreOffAndMakeUpSaturdaysAreWorkdays) {
    EXPECT_FALSE(calendar.isWorkday(LocalDate(2026, 10, 1)));   // Thursday, holiday
    EXPECT_FALSE(calendar.isWorkday(LocalDate(2026, 10, 5)));   // Monday, holiday
    EXPECT_TRUE(calendar.isWorkday(LocalDate(2026, 10, 9)));    // Friday, ordinary
    EXPECT_TRUE(calendar.isWorkday(LocalDate(2026, 10, 10)));   // Saturday, 调休
    EXPECT_FALSE(calendar.isWorkday(LocalDate(2026, 10, 11)));  // Sunday, ordinary
    EXPECT_TRUE(calendar.isWorkday(LocalDate(2026, 11, 27)));   // a date the calendar does not mention
}

TEST_F(OrganisationCalendar, WorkingIntervalsSkipTheHolidaysAndIncludeTheMakeUpDay) {
    const LocalDate monday(2026, 10, 5);
    const auto intervals = RecurringPlanner::workingIntervals(monday, monday + 7, LocalTime(8, 30), LocalTime(17, 30),
                                                              minutes(10), calendar, s.zone, Instant::fromMicros(0));
    ASSERT_EQ(intervals.size(), 3u);  // Thursday, Friday, Saturday
    EXPECT_EQ(intervals[0].from, shanghai(2026, 10, 8, 8, 30));
    EXPECT_EQ(intervals[2].from, shanghai(2026, 10, 10, 8, 30));
    EXPECT_EQ(intervals[2].to, shanghai(2026, 10, 10, 17, 20));
}

TEST_F(OrganisationCalendar, APlanDrawsItsChecksOnlyOnTheCalendarsWorkdays) {
    SpotCheckDeps deps{*s.store, s.roster, s.terminals, s.notifier, s.audit, s.clock, s.zone, calendar};
    PlanService plans(deps);
    s.clock.set(shanghai(2026, 10, 5, 7, 0));
    auto plan = plans.create(inspector(), {.scope = Scope::everyone(), .checksPerPeriod = 60});
    ASSERT_TRUE(plan) << plan.error().describe();
    ASSERT_EQ(plans.generate(s.clock.now()).value(), 60);
    auto moments = s.store->read([](sqlite::Database& db) -> Result<std::vector<Instant>> {
        auto st = db.prepare("SELECT fire_at_us FROM spotchecks WHERE state = 'planned'");
        if (!st) return std::unexpected(st.error());
        std::vector<Instant> v;
        while (*st->step() == sqlite::Step::Row) v.push_back(Instant::fromMicros(st->getInt(0)));
        return v;
    });
    ASSERT_TRUE(moments);
    ASSERT_EQ(moments->size(), 60u);
    bool saturday = false;
    for (const auto m : *moments) {
        const auto day = s.zone.toLocal(m).date();
        EXPECT_TRUE(day >= LocalDate(2026, 10, 8) && day <= LocalDate(2026, 10, 10)) << day.toString();
        saturday = saturday || day == LocalDate(2026, 10, 10);
    }
    EXPECT_TRUE(saturday) << "60 draws over three days never fell on the make-up Saturday";
}
