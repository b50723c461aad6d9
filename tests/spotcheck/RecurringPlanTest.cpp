// Recurring plans: N random checks per week or month, inside working hours of workdays.
#include "Fixture.hpp"
#include "rollcall/spotcheck/RecurringPlanner.hpp"

using namespace rollcall;
using namespace rollcall::spotcheck;
using namespace rollcall::spotcheck::testing;
using std::chrono::minutes;

namespace {

// Reads the drawn moments straight from the table: the service never shows them.
std::vector<Instant> drawnMoments(Server& s) {
    auto out = s.store->read([](sqlite::Database& db) -> Result<std::vector<Instant>> {
        auto st = db.prepare("SELECT fire_at_us FROM spotchecks WHERE state = 'planned' ORDER BY fire_at_us");
        if (!st) return std::unexpected(st.error());
        std::vector<Instant> v;
        while (*st->step() == sqlite::Step::Row) v.push_back(Instant::fromMicros(st->getInt(0)));
        return v;
    });
    if (!out) throw std::runtime_error(out.error().describe());
    return *out;
}

void expectInsideWorkingHours(const TimeZone& zone, Instant moment, LocalTime from, LocalTime lastStart) {
    const auto local = zone.toLocal(moment);
    EXPECT_FALSE(local.date().isWeekend()) << local.toString();
    EXPECT_GE(local.time(), from) << local.toString();
    EXPECT_LE(local.time(), lastStart) << local.toString();
}

}  // namespace

TEST(RecurringPlanner, WorkingIntervalsAreTheWorkdaysHoursLessTheWindow) {
    const auto zone = *TimeZone::load("Asia/Shanghai");
    WeekdayCalendar calendar;
    const LocalDate monday(2026, 11, 23);
    const auto intervals = RecurringPlanner::workingIntervals(monday, monday + 7, LocalTime(8, 30), LocalTime(17, 30),
                                                              minutes(10), calendar, zone, Instant::fromMicros(0));
    ASSERT_EQ(intervals.size(), 5u);
    EXPECT_EQ(intervals[0].from, shanghai(2026, 11, 23, 8, 30));
    EXPECT_EQ(intervals[0].to, shanghai(2026, 11, 23, 17, 20));
    EXPECT_EQ(intervals[4].to, shanghai(2026, 11, 27, 17, 20));
    // From Wednesday noon on, only the rest of the week counts.
    const auto rest = RecurringPlanner::workingIntervals(monday, monday + 7, LocalTime(8, 30), LocalTime(17, 30),
                                                         minutes(10), calendar, zone, shanghai(2026, 11, 25, 12, 0));
    ASSERT_EQ(rest.size(), 3u);
    EXPECT_EQ(rest[0].from, shanghai(2026, 11, 25, 12, 0));
}

TEST(RecurringPlanner, PeriodsAreIsoWeeksAndCalendarMonths) {
    EXPECT_EQ(RecurringPlanner::periodStart(PlanPeriod::Week, LocalDate(2026, 11, 27)), LocalDate(2026, 11, 23));
    EXPECT_EQ(RecurringPlanner::periodEnd(PlanPeriod::Week, LocalDate(2026, 11, 23)), LocalDate(2026, 11, 30));
    EXPECT_EQ(RecurringPlanner::periodStart(PlanPeriod::Month, LocalDate(2026, 11, 27)), LocalDate(2026, 11, 1));
    EXPECT_EQ(RecurringPlanner::periodEnd(PlanPeriod::Month, LocalDate(2026, 12, 1)), LocalDate(2027, 1, 1));
}

TEST(RecurringPlan, DrawsTheWeeksChecksOnceInsideWorkingHours) {
    Server s;
    s.roster.posts = {{PostId(1), DepartmentId(1)}};
    s.clock.set(shanghai(2026, 11, 23, 7, 0));  // Monday morning
    auto plan = s.plans->create(inspector(), {.scope = Scope::ofDepartments({DepartmentId(1)}), .checksPerPeriod = 3,
                                              .sharedWith = {UserId(101)}});
    ASSERT_TRUE(plan) << plan.error().describe();

    auto first = s.scheduler->tick(s.clock.now());
    ASSERT_TRUE(first) << first.error().describe();
    EXPECT_EQ(first->generated, 3);
    const auto moments = drawnMoments(s);
    ASSERT_EQ(moments.size(), 3u);
    for (const auto m : moments) expectInsideWorkingHours(s.zone, m, LocalTime(8, 30), LocalTime(17, 20));

    auto again = s.scheduler->tick(shanghai(2026, 11, 24, 7, 0));
    ASSERT_TRUE(again);
    EXPECT_EQ(again->generated, 0);

    // As secret as hand-made checks: the planner and the shared inspector see them, nobody else.
    auto mine = s.checks->list(inspector(101));
    ASSERT_TRUE(mine);
    EXPECT_EQ(mine->size(), 3u);
    EXPECT_EQ(mine->front().plan, plan->id);
    auto other = s.checks->list(inspector(102));
    ASSERT_TRUE(other);
    EXPECT_TRUE(other->empty());
    auto theirs = s.checks->list(hr());
    ASSERT_TRUE(theirs);
    EXPECT_TRUE(theirs->empty());

    auto nextWeek = s.scheduler->tick(shanghai(2026, 11, 30, 0, 5));
    ASSERT_TRUE(nextWeek);
    EXPECT_EQ(nextWeek->generated, 3);
}

TEST(RecurringPlan, ManyMonthlyChecksSpreadOverTheMonthsWorkdaysOnly) {
    Server s;
    s.clock.set(shanghai(2026, 11, 1, 0, 0));  // a Sunday
    auto plan = s.plans->create(inspector(), {.scope = Scope::everyone(), .windowMinutes = 15, .checksPerPeriod = 100,
                                              .period = PlanPeriod::Month, .workFrom = LocalTime(9, 0),
                                              .workTo = LocalTime(12, 0)});
    ASSERT_TRUE(plan) << plan.error().describe();
    ASSERT_TRUE(s.plans->generate(s.clock.now()));
    const auto moments = drawnMoments(s);
    ASSERT_EQ(moments.size(), 100u);
    std::set<int> days;
    for (const auto m : moments) {
        expectInsideWorkingHours(s.zone, m, LocalTime(9, 0), LocalTime(11, 45));
        days.insert(s.zone.toLocal(m).date().day());
    }
    EXPECT_GE(days.size(), 15u);  // 21 workdays in November 2026; 100 draws leave few empty
}

TEST(RecurringPlan, StoppingAPlanCancelsItsUnfiredChecks) {
    Server s;
    s.clock.set(shanghai(2026, 11, 23, 7, 0));
    auto plan = s.plans->create(inspector(), {.scope = Scope::everyone(), .checksPerPeriod = 2});
    ASSERT_TRUE(plan);
    ASSERT_TRUE(s.scheduler->tick(s.clock.now()));
    auto byOther = s.plans->deactivate(inspector(102), plan->id, "not mine");
    ASSERT_FALSE(byOther);
    ASSERT_TRUE(s.plans->deactivate(inspector(), plan->id, "reorganisation"));
    EXPECT_TRUE(drawnMoments(s).empty());
    for (Instant t = shanghai(2026, 11, 23, 8, 0); t < shanghai(2026, 11, 28, 0, 0); t = t + minutes(30)) {
        ASSERT_TRUE(s.scheduler->tick(t));
    }
    EXPECT_TRUE(s.notifier.starts.empty());
    auto plans = s.plans->plans(inspector());
    ASSERT_TRUE(plans);
    ASSERT_EQ(plans->size(), 1u);
    EXPECT_FALSE(plans->front().active);
}

TEST(RecurringPlan, BadPlansAreRefused) {
    Server s;
    auto byHr = s.plans->create(hr(), {.scope = Scope::everyone()});
    ASSERT_FALSE(byHr);
    auto inverted = s.plans->create(inspector(), {.scope = Scope::everyone(), .workFrom = LocalTime(17, 0),
                                                  .workTo = LocalTime(9, 0)});
    ASSERT_FALSE(inverted);
    EXPECT_EQ(inverted.error().field, "work_to");
    auto none = s.plans->create(inspector(), {.scope = Scope::everyone(), .checksPerPeriod = 0});
    ASSERT_FALSE(none);
    auto plans = s.plans->plans(inspector());
    ASSERT_TRUE(plans);
    EXPECT_TRUE(plans->empty());
}
