#pragma once
// Two kinds of time, never mixed:
//  - Instant: a point on the UTC time line, microsecond resolution (what clocks and punches carry);
//  - LocalDate / LocalTime / LocalDateTime: wall-clock readings in the organisation's zone
//    (what shifts, calendars and people speak). rollcall::TimeZone (common/tz) converts.
#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace rollcall {

class Instant {
public:
    using Duration = std::chrono::microseconds;
    constexpr Instant() = default;
    constexpr explicit Instant(std::chrono::sys_time<Duration> tp) : tp_(tp) {}
    static constexpr Instant fromMicros(std::int64_t us) { return Instant(std::chrono::sys_time<Duration>(Duration(us))); }
    static Instant now();

    [[nodiscard]] constexpr std::int64_t micros() const { return tp_.time_since_epoch().count(); }
    [[nodiscard]] constexpr std::chrono::sys_time<Duration> timePoint() const { return tp_; }
    // RFC 3339 in UTC with a 'Z', e.g. 2026-11-27T00:28:00.000000Z.
    [[nodiscard]] std::string toIso() const;
    // Accepts RFC 3339 with 'Z' or a numeric offset; fractional seconds optional.
    static std::optional<Instant> parseIso(std::string_view text);

    constexpr Instant operator+(Duration d) const { return Instant(tp_ + d); }
    constexpr Instant operator-(Duration d) const { return Instant(tp_ - d); }
    constexpr Duration operator-(Instant other) const { return tp_ - other.tp_; }
    constexpr auto operator<=>(const Instant&) const = default;

private:
    std::chrono::sys_time<Duration> tp_{};
};

class LocalDate {
public:
    constexpr LocalDate() = default;
    constexpr explicit LocalDate(std::chrono::year_month_day ymd) : days_(std::chrono::sys_days(ymd).time_since_epoch().count()) {}
    constexpr LocalDate(int y, unsigned m, unsigned d)
        : LocalDate(std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}) {}
    static constexpr LocalDate fromDayNumber(std::int32_t days) { LocalDate d; d.days_ = days; return d; }
    // "YYYY-MM-DD"; nullopt for anything else or an impossible date.
    static std::optional<LocalDate> parse(std::string_view text);

    [[nodiscard]] constexpr std::int32_t dayNumber() const { return days_; }  // days since 1970-01-01
    [[nodiscard]] constexpr std::chrono::year_month_day ymd() const {
        return std::chrono::year_month_day{std::chrono::sys_days{std::chrono::days{days_}}};
    }
    [[nodiscard]] constexpr int year() const { return static_cast<int>(ymd().year()); }
    [[nodiscard]] constexpr unsigned month() const { return static_cast<unsigned>(ymd().month()); }
    [[nodiscard]] constexpr unsigned day() const { return static_cast<unsigned>(ymd().day()); }
    // ISO weekday: 1 = Monday .. 7 = Sunday.
    [[nodiscard]] constexpr unsigned isoWeekday() const {
        return std::chrono::weekday{std::chrono::sys_days{std::chrono::days{days_}}}.iso_encoding();
    }
    [[nodiscard]] constexpr bool isWeekend() const { return isoWeekday() >= 6; }
    [[nodiscard]] std::string toString() const;

    constexpr LocalDate operator+(int n) const { return fromDayNumber(days_ + n); }
    constexpr LocalDate operator-(int n) const { return fromDayNumber(days_ - n); }
    constexpr int operator-(LocalDate other) const { return days_ - other.days_; }
    constexpr LocalDate& operator++() { ++days_; return *this; }
    constexpr auto operator<=>(const LocalDate&) const = default;

private:
    std::int32_t days_ = 0;
};

// Wall-clock time of day, whole seconds since local midnight (0 .. 86399).
class LocalTime {
public:
    constexpr LocalTime() = default;
    constexpr LocalTime(int hour, int minute, int second = 0) : secs_(hour * 3600 + minute * 60 + second) {}
    static constexpr LocalTime fromSeconds(int s) { LocalTime t; t.secs_ = s; return t; }
    // "HH:MM" or "HH:MM:SS".
    static std::optional<LocalTime> parse(std::string_view text);

    [[nodiscard]] constexpr int seconds() const { return secs_; }
    [[nodiscard]] constexpr int minutes() const { return secs_ / 60; }
    [[nodiscard]] constexpr int hour() const { return secs_ / 3600; }
    [[nodiscard]] constexpr int minute() const { return (secs_ / 60) % 60; }
    [[nodiscard]] std::string toString() const;  // "HH:MM" or "HH:MM:SS" when seconds are set
    constexpr auto operator<=>(const LocalTime&) const = default;

private:
    int secs_ = 0;
};

// A wall-clock reading: whole seconds since 1970-01-01T00:00 *local*.
class LocalDateTime {
public:
    constexpr LocalDateTime() = default;
    constexpr LocalDateTime(LocalDate d, LocalTime t)
        : secs_(static_cast<std::int64_t>(d.dayNumber()) * 86400 + t.seconds()) {}
    static constexpr LocalDateTime fromSeconds(std::int64_t s) { LocalDateTime v; v.secs_ = s; return v; }
    // "YYYY-MM-DDTHH:MM[:SS]" (a space is accepted in place of the 'T').
    static std::optional<LocalDateTime> parse(std::string_view text);

    [[nodiscard]] constexpr std::int64_t seconds() const { return secs_; }
    [[nodiscard]] constexpr LocalDate date() const {
        return LocalDate::fromDayNumber(static_cast<std::int32_t>(floorDiv(secs_, 86400)));
    }
    [[nodiscard]] constexpr LocalTime time() const {
        return LocalTime::fromSeconds(static_cast<int>(secs_ - floorDiv(secs_, 86400) * 86400));
    }
    [[nodiscard]] std::string toString() const;  // "YYYY-MM-DDTHH:MM:SS"

    constexpr LocalDateTime plusSeconds(std::int64_t s) const { return fromSeconds(secs_ + s); }
    constexpr LocalDateTime plusMinutes(std::int64_t m) const { return fromSeconds(secs_ + m * 60); }
    constexpr auto operator<=>(const LocalDateTime&) const = default;

private:
    static constexpr std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
        return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
    }
    std::int64_t secs_ = 0;
};

// Whole minutes from a to b (b - a), rounded toward negative infinity.
constexpr std::int64_t minutesBetween(LocalDateTime a, LocalDateTime b) {
    const std::int64_t d = b.seconds() - a.seconds();
    return d >= 0 ? d / 60 : -((-d + 59) / 60);
}

}  // namespace rollcall
