#include "rollcall/spotcheck/RecurringPlanner.hpp"

#include <algorithm>

#include "rollcall/spotcheck/RandomMoment.hpp"

namespace rollcall::spotcheck {

LocalDate RecurringPlanner::periodStart(PlanPeriod period, LocalDate day) {
    if (period == PlanPeriod::Week) return day - static_cast<int>(day.isoWeekday() - 1);
    return LocalDate(day.year(), day.month(), 1);
}

LocalDate RecurringPlanner::periodEnd(PlanPeriod period, LocalDate start) {
    if (period == PlanPeriod::Week) return start + 7;
    return start.month() == 12 ? LocalDate(start.year() + 1, 1, 1) : LocalDate(start.year(), start.month() + 1, 1);
}

std::vector<WorkInterval> RecurringPlanner::workingIntervals(LocalDate from, LocalDate toExclusive, LocalTime workFrom,
                                                             LocalTime workTo, std::chrono::minutes window,
                                                             const WorkdayCalendar& calendar, const TimeZone& zone,
                                                             Instant notBefore) {
    std::vector<WorkInterval> out;
    for (LocalDate day = from; day < toExclusive; ++day) {
        if (!calendar.isWorkday(day)) continue;
        Instant begin = zone.toInstant(LocalDateTime(day, workFrom));
        const Instant last = zone.toInstant(LocalDateTime(day, workTo)) - window;
        begin = std::max(begin, notBefore);
        if (begin <= last) out.push_back({begin, last});
    }
    return out;
}

Result<std::vector<Instant>> RecurringPlanner::draw(std::span<const WorkInterval> intervals, int count) {
    if (count < 0) return fail("spotcheck.plan", "the number of checks cannot be negative", "checks_per_period");
    std::uint64_t total = 0;
    for (const auto& i : intervals) total += static_cast<std::uint64_t>(i.to.micros() - i.from.micros()) + 1;
    std::vector<Instant> out;
    if (total == 0) return out;
    for (int n = 0; n < count; ++n) {
        std::uint64_t offset = uniformBelow(total);
        for (const auto& i : intervals) {
            const auto length = static_cast<std::uint64_t>(i.to.micros() - i.from.micros()) + 1;
            if (offset < length) {
                out.push_back(i.from + std::chrono::microseconds(static_cast<std::int64_t>(offset)));
                break;
            }
            offset -= length;
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace rollcall::spotcheck
