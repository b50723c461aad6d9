#include "rollcall/rules/Calendar.hpp"

#include <string>

#include "CsvLine.hpp"

namespace rollcall::rules {
namespace {

std::optional<DayKind> parseKind(std::string_view text) {
    if (text == "holiday") return DayKind::Holiday;
    if (text == "workday") return DayKind::MakeUpWorkday;
    if (text == "rest") return DayKind::ExtraRestDay;
    return std::nullopt;
}

std::unexpected<Error> lineError(std::size_t line, const std::string& what) {
    return fail("calendar.parse", "line " + std::to_string(line) + ": " + what, "line " + std::to_string(line));
}

const char* weekdayName(LocalDate d) {
    static constexpr const char* names[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                            "Friday", "Saturday", "Sunday"};
    return names[d.isoWeekday() - 1];
}

}  // namespace

std::string_view toString(DayKind kind) {
    switch (kind) {
        case DayKind::Workday: return "workday";
        case DayKind::Weekend: return "weekend";
        case DayKind::Holiday: return "holiday";
        case DayKind::MakeUpWorkday: return "make-up workday";
        case DayKind::ExtraRestDay: return "rest day";
    }
    return "unknown";
}

Status Calendar::add(CalendarEntry entry) {
    const auto date = entry.date.toString();
    if (entry.kind == DayKind::Workday || entry.kind == DayKind::Weekend) {
        return fail("calendar.kind", date + ": an entry must be a holiday, a make-up workday or a rest day; "
                                            "ordinary workdays and weekends need no entry.");
    }
    if (entry.kind == DayKind::MakeUpWorkday && !entry.date.isWeekend()) {
        return fail("calendar.makeup_on_weekday",
                    date + " is a " + weekdayName(entry.date) +
                        ", already a workday; a make-up workday (调休) must fall on a Saturday or Sunday.");
    }
    if (entry.kind == DayKind::ExtraRestDay && entry.date.isWeekend()) {
        return fail("calendar.rest_on_weekend", date + " is a " + weekdayName(entry.date) +
                                                    ", already a rest day; an extra rest day must be a weekday.");
    }
    if (auto it = entries_.find(entry.date); it != entries_.end()) {
        return fail("calendar.duplicate", date + " is listed twice (as '" + it->second.name + "' and as '" +
                                              entry.name + "'); keep one entry per date.");
    }
    entries_.emplace(entry.date, std::move(entry));
    return {};
}

Result<Calendar> Calendar::parse(std::string_view text) {
    Calendar calendar;
    std::size_t lineNo = 0;
    bool sawData = false;
    for (std::size_t pos = 0; pos <= text.size();) {
        const auto nl = text.find('\n', pos);
        std::string_view raw = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        ++lineNo;
        if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
        if (lineNo == 1 && raw.starts_with("\xEF\xBB\xBF")) raw.remove_prefix(3);  // UTF-8 BOM
        const auto line = trim(raw);
        if (line.empty() || line.front() == '#') continue;
        auto fields = splitCsv(line);
        if (!fields) return lineError(lineNo, fields.error());
        if (!sawData && fields->size() >= 2 && (*fields)[0] == "date" && (*fields)[1] == "kind") {
            sawData = true;  // the optional header row
            continue;
        }
        sawData = true;
        if (fields->size() < 2 || fields->size() > 3) {
            return lineError(lineNo, "expected 'date,kind,name' (2 or 3 fields) but found " +
                                         std::to_string(fields->size()) + " field(s).");
        }
        const std::string& dates = (*fields)[0];
        const std::string& kindText = (*fields)[1];
        std::string name = fields->size() == 3 ? (*fields)[2] : std::string{};

        LocalDate first;
        LocalDate last;
        if (const auto dots = dates.find(".."); dots != std::string::npos) {
            auto a = LocalDate::parse(trim(std::string_view(dates).substr(0, dots)));
            auto b = LocalDate::parse(trim(std::string_view(dates).substr(dots + 2)));
            if (!a || !b) {
                return lineError(lineNo, "'" + dates + "' is not a date range; expected YYYY-MM-DD..YYYY-MM-DD.");
            }
            if (*b < *a) return lineError(lineNo, "the range '" + dates + "' ends before it starts.");
            if (*b - *a > 366) return lineError(lineNo, "the range '" + dates + "' is longer than a year.");
            first = *a;
            last = *b;
        } else {
            auto d = LocalDate::parse(dates);
            if (!d) return lineError(lineNo, "'" + dates + "' is not a date; expected YYYY-MM-DD (e.g. 2026-10-01).");
            first = last = *d;
        }
        auto kind = parseKind(kindText);
        if (!kind) {
            return lineError(lineNo, "unknown kind '" + kindText + "'; expected holiday, workday or rest.");
        }
        for (LocalDate d = first; d <= last; ++d) {
            // In a range, a holiday that covers a weekend simply includes it.
            auto added = calendar.add(CalendarEntry{d, *kind, name});
            if (!added) return lineError(lineNo, added.error().message);
        }
    }
    return calendar;
}

DayKind Calendar::kind(LocalDate date) const {
    if (auto it = entries_.find(date); it != entries_.end()) return it->second.kind;
    return date.isWeekend() ? DayKind::Weekend : DayKind::Workday;
}

std::optional<std::string_view> Calendar::name(LocalDate date) const {
    if (auto it = entries_.find(date); it != entries_.end()) return std::string_view(it->second.name);
    return std::nullopt;
}

int Calendar::workdaysBetween(LocalDate from, LocalDate to) const {
    int n = 0;
    for (LocalDate d = from; d <= to; ++d) n += isWorkday(d) ? 1 : 0;
    return n;
}

}  // namespace rollcall::rules
