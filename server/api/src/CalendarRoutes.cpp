// The organisation's calendar (docs/calendar-format.md): everyone signed in reads a year;
// HR and administrators import the CSV. An import replaces the years it covers, queues the
// past days it names for re-evaluation, and is audited with the entries before and after.
// A file with any bad line changes nothing, and every bad line is reported.
#include <fmt/format.h>

#include <set>

#include "Routes.hpp"
#include "ScheduleJson.hpp"
#include "rollcall/audit/AuditLog.hpp"
#include "rollcall/rules/Calendar.hpp"
#include "rollcall/services/ScheduleService.hpp"
#include "rollcall/store/CalendarRepository.hpp"

namespace rollcall::api {

using http::Status;
using http::Verb;
using auth::Role;

namespace {

constexpr int kMaxReported = 50;

std::string_view fileKind(rules::DayKind k) {
    switch (k) {
        case rules::DayKind::MakeUpWorkday: return "workday";
        case rules::DayKind::ExtraRestDay: return "rest";
        default: return "holiday";
    }
}

nlohmann::json entriesJson(const rules::Calendar& calendar, const std::set<int>* years = nullptr) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& [date, e] : calendar.entries()) {
        if (years && !years->contains(date.year())) continue;
        out.push_back({{"date", date.toString()}, {"kind", fileKind(e.kind)}, {"name", e.name}, {"weekday", date.isoWeekday()}});
    }
    return out;
}

// Calendar::parse stops at the first bad line; blanking that line and parsing again finds
// the next, so one answer names every bad line (up to kMaxReported).
Error everyBadLine(std::string text, Error first) {
    std::vector<std::string> found;
    Error current = std::move(first);
    for (int i = 0; i < kMaxReported; ++i) {
        found.push_back(current.message);
        const auto n = std::stoi(current.message.substr(5));  // "line N: ..."
        std::size_t pos = 0;
        for (int line = 1; line < n && pos != std::string::npos; ++line) {
            pos = text.find('\n', pos);
            if (pos != std::string::npos) ++pos;
        }
        if (pos == std::string::npos) break;
        const auto end = text.find('\n', pos);
        text.replace(pos, (end == std::string::npos ? text.size() : end) - pos, "");
        auto again = rules::Calendar::parse(text);
        if (again || !again.error().message.starts_with("line ")) break;
        current = again.error();
    }
    std::string message = "calendar not imported: nothing was changed. ";
    for (std::size_t i = 0; i < found.size(); ++i) message += (i ? "; " : "") + found[i];
    return Error{"csv.invalid", message, first.field};
}

Result<int> yearParam(const http::RequestContext& ctx, const TimeZone& zone) {
    auto y = ctx.queryValue("year");
    if (!y) return zone.today().year();
    if (y->size() != 4 || !std::ranges::all_of(*y, [](char c) { return c >= '0' && c <= '9'; }) || *y < "1970") {
        return fail("request.year", "'year' must be a year YYYY, got '" + *y + "'", "year");
    }
    return std::stoi(*y);
}

}  // namespace

void addCalendarRoutes(ApiContext& api) {
    api.add(Verb::get, "/calendar", {}, [&api](http::RequestContext& ctx, const Caller&) {
        auto year = yearParam(ctx, api.store.timeZone());
        if (!year) return fromError(year.error());
        const LocalDate first(*year, 1, 1);
        const LocalDate last(*year, 12, 31);
        auto calendar = store::CalendarRepository(api.store).load(first, last);
        if (!calendar) return fromError(calendar.error());
        int holidays = 0;
        for (LocalDate d = first; d <= last; ++d) holidays += calendar->kind(d) == rules::DayKind::Holiday ? 1 : 0;
        return http::jsonResponse(Status::ok, {{"year", *year},
                                               {"entries", entriesJson(*calendar)},
                                               {"workdays", calendar->workdaysBetween(first, last)},
                                               {"holidays", holidays}});
    });

    api.add(Verb::post, "/calendar/import", {Role::Admin, Role::Hr}, [&api](http::RequestContext& ctx, const Caller& caller) {
        if (auto problem = csvBodyProblem(ctx, api.options.maxImportBytes)) return *problem;
        const std::string& csv = ctx.request.body();
        auto parsed = rules::Calendar::parse(csv);
        if (!parsed) {
            if (parsed.error().code == "calendar.parse" && parsed.error().message.starts_with("line ")) {
                return importRejected(everyBadLine(csv, parsed.error()));
            }
            return importRejected(parsed.error());
        }
        if (parsed->entries().empty()) {
            return importRejected(Error{"csv.invalid", "calendar not imported: nothing was changed. line 1: the file holds no entry", "line 1"});
        }
        std::set<int> years;
        for (const auto& [date, e] : parsed->entries()) years.insert(date.year());
        const bool dry = dryRun(ctx);
        int imported = 0;
        auto r = api.store.write([&](sqlite::Database& db) -> rollcall::Status {
            auto before = store::CalendarRepository(api.store).load(LocalDate(*years.begin(), 1, 1), LocalDate(*years.rbegin(), 12, 31));
            if (!before) return std::unexpected(before.error());
            auto n = services::ScheduleService(api.store).importCalendar(csv, Instant::now());
            if (!n) return std::unexpected(n.error());
            imported = *n;
            if (dry) return fail("import.dry_run", "dry run");
            nlohmann::json yearList(years);
            auto e = audit::AuditLog(db).append({caller.name(), "calendar.import", "calendar",
                                                 {{"years", yearList}, {"entries", entriesJson(*before, &years)}},
                                                 {{"years", yearList}, {"entries", entriesJson(*parsed)}}, ctx.remoteAddress});
            if (!e) return std::unexpected(e.error());
            return {};
        });
        if (!r && r.error().code != "import.dry_run") return importRejected(r.error());
        return http::jsonResponse(Status::ok, {{"kind", "calendar"}, {"dryRun", dry}, {"imported", imported},
                                               {"years", nlohmann::json(years)}});
    });
}

}  // namespace rollcall::api
