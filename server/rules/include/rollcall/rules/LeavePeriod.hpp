#pragma once
// LeavePeriod: what a leave covers. Whole days and half days are given as dates with the
// half they start/end in; hourly leave is one date with a time range.
#include <optional>
#include <string>

#include "rollcall/domain/Time.hpp"

namespace rollcall::rules {

enum class HalfDay { Morning, Afternoon };

struct LeavePeriod {
    LocalDate start;
    HalfDay startHalf = HalfDay::Morning;  // Afternoon: the first day's morning is not covered
    LocalDate end;                         // inclusive
    HalfDay endHalf = HalfDay::Afternoon;  // Morning: the last day's afternoon is not covered
    std::optional<LocalTime> fromTime;     // hourly leave: start == end, [fromTime, toTime)
    std::optional<LocalTime> toTime;

    [[nodiscard]] bool hourly() const { return fromTime.has_value(); }
    [[nodiscard]] bool covers(LocalDate d) const { return start <= d && d <= end; }
    // Which half of date d is covered; for hourly leave: which half it touches (noon splits).
    [[nodiscard]] bool coversMorning(LocalDate d) const;
    [[nodiscard]] bool coversAfternoon(LocalDate d) const;
    [[nodiscard]] std::string describe() const;  // "2026-11-02 a.m. .. 2026-11-03 p.m."
    bool operator==(const LeavePeriod&) const = default;
};

// Two periods overlap when they share a half day (or, for hourly leave, a minute).
[[nodiscard]] bool overlaps(const LeavePeriod& a, const LeavePeriod& b);

}  // namespace rollcall::rules
