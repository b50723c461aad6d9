#include "rollcall/services/ScheduleService.hpp"

#include "ServiceFixture.hpp"
#include "rollcall/store/DirtyDayRepository.hpp"

using namespace rollcall;
using namespace std::chrono_literals;
using rollcall::testing::ServiceFixture;

namespace {
class ScheduleServiceTest : public ServiceFixture {};
constexpr LocalDate kWednesday(2026, 11, 25);
}  // namespace

TEST_F(ScheduleServiceTest, ACalendarImportReJudgesThePastDaysItMentions) {
    services::AttendanceService attendance(*store_);
    ASSERT_TRUE(attendance.closeDay(kWednesday, at(kWednesday + 1, 0, 30)));
    drain(at(kWednesday + 1, 0, 31));
    EXPECT_EQ(recordOf(clerk_, kWednesday).status, rules::DayStatus::Absent);

    services::ScheduleService schedule(*store_);
    const Instant now = at(kWednesday + 2, 9, 0);
    auto imported = schedule.importCalendar("date,kind,name\n2026-11-25,holiday,Founding Day\n2026-12-31,holiday,Year end\n", now);
    ASSERT_TRUE(imported) << imported.error().describe();
    EXPECT_EQ(*imported, 2);
    EXPECT_EQ(*store::DirtyDayRepository(*store_).count(), 4) << "everyone, for the past date only";
    drain(now);
    EXPECT_EQ(recordOf(clerk_, kWednesday).status, rules::DayStatus::Holiday);
    auto history = store::DayRecordRepository(*store_).history(clerk_, kWednesday);
    ASSERT_EQ(history->size(), 2u);
    EXPECT_EQ((*history)[1].cause, "calendar imported");

    auto bad = schedule.importCalendar("date,kind,name\n2026-11-32,holiday,Nowhere\n", now);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, "calendar.parse");
}

TEST_F(ScheduleServiceTest, ABackDatedAssignmentQueuesThePersonsPastDays) {
    const EmployeeId newcomer = person("E005", "Sun Li", *store::EmployeeRepository(*store_).get(clerk_).value()->department,
                                       {store::Role::Staff}, false, false);
    auto patterns = store::ScheduleRepository(*store_).patterns();
    ASSERT_TRUE(patterns);
    services::ScheduleService schedule(*store_);
    const Instant now = at(kWednesday, 12, 0);
    auto id = schedule.assign({newcomer, patterns->front().id, kWednesday - 2, std::nullopt}, now);
    ASSERT_TRUE(id) << id.error().describe();
    EXPECT_EQ(*store::DirtyDayRepository(*store_).count(), 3);
    auto overlap = schedule.assign({newcomer, patterns->front().id, kWednesday, std::nullopt}, now);
    ASSERT_FALSE(overlap);
    EXPECT_EQ(overlap.error().code, "roster.overlap");
    EXPECT_EQ(*store::DirtyDayRepository(*store_).count(), 3) << "a refused assignment queues nothing";
}
