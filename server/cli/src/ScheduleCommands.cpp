#include "ScheduleCommands.hpp"

#include <fmt/format.h>

#include <memory>

namespace rollcall::cli {
namespace {

using http::Verb;

struct Options {
    std::string file;
    bool dryRun = false;
    bool replace = false;
    bool csv = false;
    std::string from, to;
    std::int64_t employee = 0, department = 0;
    int year = 0;
};

std::string times(const nlohmann::json& shift) {
    if (shift["kind"] == "flexible") {
        const auto& c = shift["core"];
        return fmt::format("core {}-{}, {} min", str(c["start"]), str(c["end"]), str(c["requiredMinutes"]));
    }
    std::string out;
    for (const auto& s : shift["segments"]) out += (out.empty() ? "" : ", ") + str(s["start"]) + "-" + str(s["end"]);
    return out;
}

std::string days(const nlohmann::json& minutes) {
    if (minutes.is_null()) return "-";
    const auto m = minutes.get<std::int64_t>();
    return m % 480 == 0 ? fmt::format("{} d", m / 480) : fmt::format("{} min", m);
}

void addImport(CLI::App& parent, const std::string& help, const std::string& path, bool replaceFlag, const Globals& g,
               Action& action, std::shared_ptr<Options> o) {
    auto* cmd = parent.add_subcommand("import", help);
    cmd->add_option("file", o->file, "CSV file")->required()->check(CLI::ExistingFile);
    cmd->add_flag("--dry-run", o->dryRun, "check the file only; nothing is kept");
    if (replaceFlag) cmd->add_flag("--replace", o->replace, "let each line replace the assignments it overlaps");
    cmd->callback([&g, &action, o, path] {
        action = withSession(g, [o, path](Session& s) {
            auto r = postCsv(s, path + query({{"dry_run", o->dryRun ? "1" : ""}, {"replace", o->replace ? "1" : ""}}), o->file);
            if (!r) return 1;
            const auto j = r->json();
            fmt::print("{}{}: {} imported", str(j["kind"]), o->dryRun ? " (dry run, nothing kept)" : "", str(j["imported"]));
            if (j.contains("updated")) fmt::print(" ({} new, {} updated)", str(j["inserted"]), str(j["updated"]));
            if (j.contains("replaced")) fmt::print(", {} assignments replaced", str(j["replaced"]));
            fmt::print("\n");
            return 0;
        });
    });
}

void addShift(CLI::App& app, const Globals& g, Action& action) {
    auto o = std::make_shared<Options>();
    auto* shift = app.add_subcommand("shift", "shifts: list, import");
    shift->require_subcommand(1);
    auto* list = shift->add_subcommand("list", "every shift with its times, grace and overtime rule");
    list->add_flag("--csv", o->csv, "CSV instead of a table");
    list->callback([&g, &action, o] {
        action = withSession(g, [o](Session& s) {
            auto r = call(s, Verb::get, "/api/v1/shifts");
            if (!r) return 1;
            Rows rows;
            const auto answer = r->json();  // alive for the whole loop
            for (const auto& x : answer["items"]) {
                rows.push_back({str(x["id"]), str(x["name"]), str(x["kind"]), times(x), str(x["lateGraceMinutes"]),
                                str(x["earlyGraceMinutes"]), str(x["overtimeAfterMinutes"])});
            }
            printRows({"id", "name", "kind", "times", "late grace", "early grace", "overtime after"}, rows, o->csv);
            return 0;
        });
    });
    addImport(*shift,
              "import shifts from CSV (name,kind,start,end[,in_from,in_to,out_from,out_to,late_grace,...]); "
              "a file with any bad line imports nothing",
              "/api/v1/shifts/import", false, g, action, o);
}

void addRoster(CLI::App& app, const Globals& g, Action& action) {
    auto o = std::make_shared<Options>();
    auto* roster = app.add_subcommand("roster", "the roster: import, show");
    roster->require_subcommand(1);
    addImport(*roster,
              "import assignments from CSV (employee,from,to,shift,week); a file with any bad line imports nothing",
              "/api/v1/roster/import", true, g, action, o);
    auto* show = roster->add_subcommand("show", "who works which shift, one column per date");
    show->add_option("--from", o->from, "first date YYYY-MM-DD (default today)");
    show->add_option("--to", o->to, "last date (default a week from --from)");
    auto* who = show->add_option("--employee", o->employee, "employee id");
    show->add_option("--department", o->department, "department id")->excludes(who);
    show->add_flag("--csv", o->csv, "CSV instead of a table");
    show->callback([&g, &action, o] {
        action = withSession(g, [o](Session& s) {
            auto r = call(s, Verb::get, "/api/v1/roster" + query({{"from", o->from}, {"to", o->to},
                                                                  {"employeeId", o->employee ? std::to_string(o->employee) : ""},
                                                                  {"departmentId", o->department ? std::to_string(o->department) : ""}}));
            if (!r) return 1;
            const auto j = r->json();
            std::vector<std::string> header{"number", "name"};
            bool first = true;
            Rows rows;
            for (const auto& person : j["items"]) {
                std::vector<std::string> cells{str(person["number"]), str(person["name"])};
                for (const auto& d : person["days"]) {
                    if (first) header.push_back(o->csv ? str(d["date"]) : str(d["date"]).substr(5));
                    const auto kind = str(d["kind"]);
                    cells.push_back(kind == "shift" ? str(d["shiftName"]) : kind == "rest_day" ? "rest" : kind == "holiday" ? "holiday" : "-");
                }
                first = false;
                rows.push_back(std::move(cells));
            }
            printRows(header, rows, o->csv);
            return 0;
        });
    });
}

void addCalendar(CLI::App& app, const Globals& g, Action& action) {
    auto o = std::make_shared<Options>();
    auto* calendar = app.add_subcommand("calendar", "the calendar: import, show");
    calendar->require_subcommand(1);
    addImport(*calendar,
              "import the calendar CSV (date,kind,name; docs/calendar-format.md); replaces the years it covers; "
              "a file with any bad line imports nothing",
              "/api/v1/calendar/import", false, g, action, o);
    auto* show = calendar->add_subcommand("show", "holidays, make-up workdays and rest days of a year");
    show->add_option("--year", o->year, "year (default this year)")->check(CLI::Range(1970, 9999));
    show->add_flag("--csv", o->csv, "CSV instead of a table");
    show->callback([&g, &action, o] {
        action = withSession(g, [o](Session& s) {
            auto r = call(s, Verb::get, "/api/v1/calendar" + query({{"year", o->year ? std::to_string(o->year) : ""}}));
            if (!r) return 1;
            const auto j = r->json();
            static const char* weekdays[] = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
            Rows rows;
            for (const auto& e : j["entries"]) {
                rows.push_back({str(e["date"]), weekdays[e["weekday"].get<int>() % 8], str(e["kind"]), str(e["name"])});
            }
            printRows({"date", "day", "kind", "name"}, rows, o->csv);
            if (!o->csv) fmt::print("{}: {} workdays, {} holidays\n", str(j["year"]), str(j["workdays"]), str(j["holidays"]));
            return 0;
        });
    });
}

void addLeaveType(CLI::App& app, const Globals& g, Action& action) {
    auto o = std::make_shared<Options>();
    auto* type = app.add_subcommand("leave-type", "leave types and the approval rules");
    type->require_subcommand(1);
    auto* list = type->add_subcommand("list", "leave types with quota, unit and carry-over; then the approval chains");
    list->add_flag("--csv", o->csv, "CSV of the types only");
    list->callback([&g, &action, o] {
        action = withSession(g, [o](Session& s) {
            auto r = call(s, Verb::get, "/api/v1/leave/policy");
            if (!r) return 1;
            const auto j = r->json();
            Rows rows;
            for (const auto& t : j["types"]) {
                rows.push_back({str(t["code"]), str(t["name"]), str(t["unit"]), days(t["yearlyQuotaMinutes"]),
                                days(t["carryOverCapMinutes"]), t["businessTrip"].get<bool>() ? "yes" : "no"});
            }
            printRows({"code", "name", "unit", "yearly quota", "carry-over cap", "business trip"}, rows, o->csv);
            if (o->csv) return 0;
            Rows chains;
            for (const auto& a : j["approvalRules"]) {
                std::string chain;
                for (const auto& c : a["chain"]) chain += (chain.empty() ? "" : " -> ") + str(c);
                std::string typesText;
                for (const auto& t : a["types"]) typesText += (typesText.empty() ? "" : ",") + str(t);
                chains.push_back({typesText.empty() ? "any" : typesText,
                                  fmt::format("({}, {}]", str(a["overDays"]), a["upToDays"].is_null() ? "..." : str(a["upToDays"])),
                                  chain});
            }
            fmt::print("\n");
            printRows({"types", "working days", "approvers"}, chains, false);
            fmt::print("\neach approver has {} h; report back within {} day(s) of the end; requests up to {} day(s) after the start\n",
                       str(j["stepDeadlineHours"]), str(j["reportBackGraceDays"]), str(j["retroactiveWindowDays"]));
            return 0;
        });
    });
}

}  // namespace

void addScheduleCommands(CLI::App& app, const Globals& g, Action& action) {
    addShift(app, g, action);
    addRoster(app, g, action);
    addCalendar(app, g, action);
    addLeaveType(app, g, action);
}

}  // namespace rollcall::cli
