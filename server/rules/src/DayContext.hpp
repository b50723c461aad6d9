#pragma once
// Internal to day evaluation: what a shift evaluator needs once the punches are sorted and the
// leave has been turned into excused time.
#include <vector>

#include "rollcall/rules/DayRecord.hpp"
#include "rollcall/rules/Shift.hpp"

namespace rollcall::rules {

// [from, to): half-open, so adjacent intervals never share a moment.
struct Interval {
    LocalDateTime from;
    LocalDateTime to;
    [[nodiscard]] bool contains(LocalDateTime t) const { return from <= t && t < to; }
    [[nodiscard]] bool empty() const { return !(from < to); }
};

struct DayContext {
    LocalDate date;
    const Shift* shift = nullptr;
    std::vector<Punch> punches;     // sorted by punchBefore, the previous day's out-punches removed
    std::vector<Interval> excused;  // time covered by leave, sorted
};

// What is left of `span` once every excused interval is cut out, in order.
std::vector<Interval> subtract(Interval span, const std::vector<Interval>& excused);
// Whole minutes from a to b, never negative.
int wholeMinutes(LocalDateTime a, LocalDateTime b);
// Lateness/earliness in minutes after grace: 0 within grace, the full amount beyond it.
int beyondGrace(int minutes, int grace);

void evaluateFixedShift(const DayContext& ctx, DayRecord& record);
void evaluateFlexibleShift(const DayContext& ctx, DayRecord& record);

}  // namespace rollcall::rules
