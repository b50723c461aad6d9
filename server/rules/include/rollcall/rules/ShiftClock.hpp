#pragma once
// ShiftClock: a wall-clock time relative to the midnight that starts a shift's date. Values
// of 24:00 and beyond are on the next date (a night shift's end, "06:00+1"); negative
// values are on the previous date (an in-window that opens the evening before).
#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "rollcall/domain/Time.hpp"

namespace rollcall::rules {

class ShiftClock {
public:
    constexpr ShiftClock() = default;
    // hh:mm on the shift's own date.
    constexpr ShiftClock(int hour, int minute) : minutes_(hour * 60 + minute) {}
    static constexpr ShiftClock at(LocalTime t, int dayOffset = 0) {
        return fromMinutes(dayOffset * 1440 + t.minutes());
    }
    static constexpr ShiftClock nextDay(int hour, int minute) { return fromMinutes(1440 + hour * 60 + minute); }
    static constexpr ShiftClock fromMinutes(int m) { ShiftClock c; c.minutes_ = m; return c; }
    // "HH:MM", "HH:MM+1" (next date) or "HH:MM-1" (previous date).
    static std::optional<ShiftClock> parse(std::string_view text);

    [[nodiscard]] constexpr int minutes() const { return minutes_; }
    // The local date-time this reading means for a shift that starts on `date`.
    [[nodiscard]] constexpr LocalDateTime on(LocalDate date) const {
        return LocalDateTime(date, LocalTime{}).plusMinutes(minutes_);
    }
    [[nodiscard]] std::string toString() const;

    constexpr ShiftClock operator+(int m) const { return fromMinutes(minutes_ + m); }
    constexpr ShiftClock operator-(int m) const { return fromMinutes(minutes_ - m); }
    constexpr int operator-(ShiftClock o) const { return minutes_ - o.minutes_; }
    constexpr auto operator<=>(const ShiftClock&) const = default;

private:
    int minutes_ = 0;
};

}  // namespace rollcall::rules
