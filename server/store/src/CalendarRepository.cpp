#include "rollcall/store/CalendarRepository.hpp"

#include <fmt/format.h>

#include <set>

#include "Rows.hpp"

namespace rollcall::store {
namespace {

std::string_view kindName(rules::DayKind k) {
    switch (k) {
        case rules::DayKind::MakeUpWorkday: return "makeup_workday";
        case rules::DayKind::ExtraRestDay: return "extra_rest_day";
        default: return "holiday";
    }
}

rules::DayKind kindOf(std::string_view s) {
    if (s == "makeup_workday") return rules::DayKind::MakeUpWorkday;
    if (s == "extra_rest_day") return rules::DayKind::ExtraRestDay;
    return rules::DayKind::Holiday;
}

}  // namespace

Result<int> CalendarRepository::save(const rules::Calendar& calendar, bool replaceYears) {
    return store_.write([&](sqlite::Database& db) -> Result<int> {
        if (replaceYears) {
            std::set<int> years;
            for (const auto& [date, entry] : calendar.entries()) years.insert(date.year());
            auto del = db.prepare("DELETE FROM calendar_days WHERE substr(date, 1, 4) = ?1");
            if (!del) return std::unexpected(del.error());
            for (int y : years) {
                (void)del->reset();
                del->bind(1, fmt::format("{:04}", y));
                if (auto r = del->run(); !r) return std::unexpected(r.error());
            }
        }
        auto st = db.prepare("INSERT OR REPLACE INTO calendar_days(date, kind, name) VALUES (?1, ?2, ?3)");
        if (!st) return std::unexpected(st.error());
        int n = 0;
        for (const auto& [date, entry] : calendar.entries()) {
            (void)st->reset();
            st->bind(1, date.toString()).bind(2, kindName(entry.kind)).bind(3, entry.name);
            if (auto r = st->run(); !r) return std::unexpected(r.error());
            ++n;
        }
        return n;
    });
}

Result<rules::Calendar> CalendarRepository::load(LocalDate from, LocalDate to) {
    return store_.read([&](sqlite::Database& db) -> Result<rules::Calendar> {
        auto st = db.prepare("SELECT date, kind, name FROM calendar_days WHERE date BETWEEN ?1 AND ?2 ORDER BY date");
        if (!st) return std::unexpected(st.error());
        st->bind(1, from.toString()).bind(2, to.toString());
        rules::Calendar calendar;
        auto r = detail::eachRow(*st, [&](sqlite::Statement& row) -> Status {
            auto date = detail::dateColumn(row, 0);
            if (!date) return std::unexpected(date.error());
            return calendar.add({*date, kindOf(row.getText(1)), row.getText(2)});
        });
        if (!r) return std::unexpected(r.error());
        return calendar;
    });
}

Status CalendarRepository::remove(LocalDate date) {
    return store_.write([&](sqlite::Database& db) -> Status {
        auto st = db.prepare("DELETE FROM calendar_days WHERE date = ?1");
        if (!st) return std::unexpected(st.error());
        st->bind(1, date.toString());
        return st->run();
    });
}

}  // namespace rollcall::store
