#include "rollcall/rules/LeavePeriod.hpp"

namespace rollcall::rules {
namespace {

// Half-day index: 2 per date, morning even. Hourly leave is handled separately.
std::int64_t firstHalf(const LeavePeriod& p) { return std::int64_t{p.start.dayNumber()} * 2 + (p.startHalf == HalfDay::Afternoon); }
std::int64_t lastHalf(const LeavePeriod& p) { return std::int64_t{p.end.dayNumber()} * 2 + (p.endHalf == HalfDay::Afternoon); }

// For hourly leave, "covers the morning" means touches it (noon splits the day).
bool isMorning(LocalTime t) { return t < LocalTime(12, 0); }

}  // namespace

bool LeavePeriod::coversMorning(LocalDate d) const {
    if (!covers(d)) return false;
    if (hourly()) return isMorning(*fromTime);
    const auto h = std::int64_t{d.dayNumber()} * 2;
    return firstHalf(*this) <= h && h <= lastHalf(*this);
}

bool LeavePeriod::coversAfternoon(LocalDate d) const {
    if (!covers(d)) return false;
    if (hourly()) return LocalTime(12, 0) < *toTime;
    const auto h = std::int64_t{d.dayNumber()} * 2 + 1;
    return firstHalf(*this) <= h && h <= lastHalf(*this);
}

std::string LeavePeriod::describe() const {
    if (hourly()) return start.toString() + " " + fromTime->toString() + "-" + toTime->toString();
    auto half = [](HalfDay h) { return h == HalfDay::Morning ? " a.m." : " p.m."; };
    return start.toString() + half(startHalf) + " .. " + end.toString() + half(endHalf);
}

bool overlaps(const LeavePeriod& a, const LeavePeriod& b) {
    if (a.end < b.start || b.end < a.start) return false;
    if (a.hourly() && b.hourly()) return *a.fromTime < *b.toTime && *b.fromTime < *a.toTime;
    if (a.hourly() || b.hourly()) {
        const auto& h = a.hourly() ? a : b;
        const auto& d = a.hourly() ? b : a;
        const bool hMorning = *h.fromTime < LocalTime(12, 0);
        const bool hAfternoon = LocalTime(12, 0) < *h.toTime;
        return (hMorning && d.coversMorning(h.start)) || (hAfternoon && d.coversAfternoon(h.start));
    }
    return firstHalf(a) <= lastHalf(b) && firstHalf(b) <= lastHalf(a);
}

}  // namespace rollcall::rules
