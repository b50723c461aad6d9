#pragma once
// Calendar: which dates are workdays, public holidays, or make-up workdays on a weekend (调休).
// Monday-Friday are workdays and Saturday/Sunday rest days unless an entry says otherwise.
// Calendar::parse reads the CSV text described in docs/calendar-format.md (no file I/O here:
// the caller reads the file). Any year, any number of years in one text.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Time.hpp"

namespace rollcall::rules {

enum class DayKind {
    Workday,        // an ordinary Monday..Friday
    Weekend,        // an ordinary Saturday or Sunday
    Holiday,        // a public holiday (also when it falls on a weekend)
    MakeUpWorkday,  // a weekend day the calendar turns into a workday (调休)
    ExtraRestDay,   // a weekday the calendar gives off without it being a holiday (e.g. bridge day)
};

[[nodiscard]] std::string_view toString(DayKind kind);
[[nodiscard]] constexpr bool isWorking(DayKind kind) {
    return kind == DayKind::Workday || kind == DayKind::MakeUpWorkday;
}

struct CalendarEntry {
    LocalDate date;
    DayKind kind = DayKind::Holiday;  // Holiday, MakeUpWorkday or ExtraRestDay
    std::string name;                 // "National Day", "National Day make-up", ...
};

class Calendar {
public:
    Calendar() = default;

    // Parses the CSV text of docs/calendar-format.md. Errors name the line and what is wrong
    // (code "calendar.parse", field "line N").
    static Result<Calendar> parse(std::string_view text);

    // Adds one entry; refuses a second entry for the same date and entries that make no
    // sense (a make-up workday on a weekday, a rest day on a weekend).
    Status add(CalendarEntry entry);

    [[nodiscard]] DayKind kind(LocalDate date) const;
    [[nodiscard]] bool isWorkday(LocalDate date) const { return isWorking(kind(date)); }
    // The entry's name for dates the calendar mentions, nullopt for ordinary days.
    [[nodiscard]] std::optional<std::string_view> name(LocalDate date) const;
    // Workdays in [from, to], both inclusive (0 when to < from).
    [[nodiscard]] int workdaysBetween(LocalDate from, LocalDate to) const;
    [[nodiscard]] const std::map<LocalDate, CalendarEntry>& entries() const { return entries_; }

private:
    std::map<LocalDate, CalendarEntry> entries_;
};

}  // namespace rollcall::rules
