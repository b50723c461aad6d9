#pragma once
// Where a recurring plan's checks may fall: the working hours of the period's workdays, each
// shortened by the response window so that a check also closes inside working hours.
#include <chrono>
#include <span>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/spotcheck/Records.hpp"
#include "rollcall/spotcheck/WorkdayCalendar.hpp"
#include "rollcall/tz/TimeZone.hpp"

namespace rollcall::spotcheck {

struct WorkInterval {
    Instant from;  // included
    Instant to;    // included: the latest moment a check may start
};

class RecurringPlanner {
public:
    // The first day of the week (Monday) or month holding `day`, and the first day after it.
    static LocalDate periodStart(PlanPeriod period, LocalDate day);
    static LocalDate periodEnd(PlanPeriod period, LocalDate start);

    static std::vector<WorkInterval> workingIntervals(LocalDate from, LocalDate toExclusive, LocalTime workFrom,
                                                      LocalTime workTo, std::chrono::minutes window,
                                                      const WorkdayCalendar& calendar, const TimeZone& zone,
                                                      Instant notBefore);

    // `count` moments drawn independently and uniformly over the intervals' total length (CSPRNG), sorted.
    static Result<std::vector<Instant>> draw(std::span<const WorkInterval> intervals, int count);
};

}  // namespace rollcall::spotcheck
