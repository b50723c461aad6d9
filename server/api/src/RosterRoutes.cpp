// The roster: who works which shift on which date. Reads follow the scope of day records
// (staff see their own; approvers their departments; HR, administrators and inspectors
// everyone). HR and administrators assign people to a plan over a date range (one shift on
// every calendar workday, or a week of shifts), remove assignments, and import CSV files.
// Every change queues the past days it touches for re-evaluation and is audited.
#include <map>

#include "Routes.hpp"
#include "ScheduleJson.hpp"
#include "rollcall/audit/AuditLog.hpp"
#include "rollcall/services/ScheduleService.hpp"
#include "rollcall/store/CalendarRepository.hpp"
#include "rollcall/store/DirtyDayRepository.hpp"
#include "rollcall/store/EmployeeRepository.hpp"
#include "rollcall/store/ScheduleCsv.hpp"
#include "rollcall/store/ScheduleRepository.hpp"

namespace rollcall::api {

using http::Status;
using http::Verb;
using auth::Role;

namespace {

constexpr int kMaxDays = 366;

std::string_view scheduledKind(rules::ScheduledDay::Kind k) {
    switch (k) {
        case rules::ScheduledDay::Kind::Shift: return "shift";
        case rules::ScheduledDay::Kind::RestDay: return "rest_day";
        case rules::ScheduledDay::Kind::Holiday: return "holiday";
        case rules::ScheduledDay::Kind::NotRostered: break;
    }
    return "not_rostered";
}

struct Range {
    LocalDate from, to;
};

// from (default today) and to (default a week from `from`), at most a year.
Result<Range> rosterRange(const http::RequestContext& ctx, const TimeZone& zone) {
    Range r{zone.today(), zone.today()};
    for (auto [name, slot] : {std::pair{"from", &r.from}, std::pair{"to", &r.to}}) {
        if (auto v = ctx.queryValue(name)) {
            auto d = LocalDate::parse(*v);
            if (!d) return fail("request.date", std::string("'") + name + "' must be a date YYYY-MM-DD, got '" + *v + "'", name);
            *slot = *d;
        }
    }
    if (!ctx.queryValue("to")) r.to = r.from + 6;
    if (r.to < r.from) return fail("request.date", "'to' is before 'from'", "to");
    if (r.to - r.from >= kMaxDays) return fail("request.date", "a range covers at most 366 days", "to");
    return r;
}

// The people the caller asks about, within their scope; `denial` says why not.
Result<std::vector<store::Employee>> scopedPeople(ApiContext& api, const http::RequestContext& ctx, const Caller& caller,
                                                  std::string& denial) {
    const bool seeAll = caller.has(Role::Admin) || caller.has(Role::Hr) || caller.has(Role::Inspector);
    store::EmployeeRepository people(api.store);
    if (auto e = ctx.queryValue("employeeId")) {
        auto id = positiveId(*e);
        if (!id) return fail("request.id", "'employeeId' must be a positive integer id", "employeeId");
        auto may = api.mayAccess(caller, EmployeeId(*id), true);
        if (!may) return std::unexpected(may.error());
        if (!*may) {
            denial = "this person's roster is outside your scope";
            return std::vector<store::Employee>{};
        }
        auto one = people.get(EmployeeId(*id));
        if (!one) return std::unexpected(one.error());
        if (!*one) return fail("employee.not_found", "no employee " + *e, "employeeId");
        return std::vector<store::Employee>{**one};
    }
    if (auto d = ctx.queryValue("departmentId")) {
        auto id = positiveId(*d);
        if (!id) return fail("request.id", "'departmentId' must be a positive integer id", "departmentId");
        if (!seeAll) {
            auto scope = api.approverScope(caller);
            if (!scope) return std::unexpected(scope.error());
            if (*scope && !(*scope)->contains(*id)) {
                denial = "this department is outside your scope";
                return std::vector<store::Employee>{};
            }
        }
        return people.list({.department = DepartmentId(*id), .active = true, .limit = 100'000});
    }
    if (seeAll) return people.list({.active = true, .limit = 100'000});
    if (caller.employee) return std::vector<store::Employee>{*caller.employee};
    denial = "give an employeeId or departmentId";
    return std::vector<store::Employee>{};
}

Result<std::map<std::int64_t, rules::ShiftPattern>> patternsById(store::ScheduleRepository& repo) {
    auto list = repo.patterns();
    if (!list) return std::unexpected(list.error());
    std::map<std::int64_t, rules::ShiftPattern> out;
    for (auto& p : *list) out.emplace(p.id.value(), std::move(p));
    return out;
}

nlohmann::json assignmentJson(const store::StoredAssignment& a, const std::map<std::int64_t, rules::ShiftPattern>& patterns) {
    auto it = patterns.find(a.assignment.pattern.value());
    return toJson(a, it == patterns.end() ? nullptr : &it->second);
}

// What one change did, for the audit entry and the answer.
struct Applied {
    nlohmann::json before = nlohmann::json::array();  // assignments replaced or cut back, as they were
    nlohmann::json after = nlohmann::json::array();   // assignments made
};

// Assigns one person in the caller's transaction. With `replace`, the person's assignments
// overlapping the range make room; without it an overlap is refused.
rollcall::Status assignOne(ApiContext& api, EmployeeId employee, LocalDate from, std::optional<LocalDate> to,
                 const store::RosterPlan& plan, bool replace, Applied& applied) {
    store::ScheduleRepository repo(api.store);
    auto pattern = repo.patternFor(plan);
    if (!pattern) return std::unexpected(pattern.error());
    auto patterns = patternsById(repo);
    if (!patterns) return std::unexpected(patterns.error());
    if (replace) {
        auto cleared = repo.clearRange(employee, from, to);
        if (!cleared) return std::unexpected(cleared.error());
        for (const auto& c : *cleared) applied.before.push_back(assignmentJson(c, *patterns));
    }
    const rules::RosterAssignment a{employee, *pattern, from, to};
    auto id = services::ScheduleService(api.store).assign(a, Instant::now());
    if (!id) return std::unexpected(id.error());
    applied.after.push_back(assignmentJson({*id, a}, *patterns));
    return {};
}

Result<store::RosterPlan> planFromBody(const JsonBody& body) {
    store::RosterPlan plan;
    const bool hasShift = body.has("shiftId");
    const bool hasWeek = body.has("week");
    if (hasShift == hasWeek) {
        return fail("request.missing", "give either 'shiftId' (worked on calendar workdays) or 'week' (seven entries, Monday..Sunday)",
                    hasShift ? "week" : "shiftId");
    }
    if (hasShift) {
        auto s = body.integer("shiftId");
        if (!s) return std::unexpected(s.error());
        if (*s <= 0) return typeError("shiftId", "a positive integer id");
        plan.workdayShift = ShiftId(*s);
        return plan;
    }
    const auto& week = body.json()["week"];
    if (!week.is_array() || week.size() != 7) return typeError("week", "a list of seven shift ids or nulls, Monday..Sunday");
    for (std::size_t i = 0; i < 7; ++i) {
        if (week[i].is_null()) continue;
        if (!week[i].is_number_integer() || week[i].get<std::int64_t>() <= 0) {
            return typeError("week", "a list of seven shift ids or nulls, Monday..Sunday");
        }
        plan.week[i] = ShiftId(week[i].get<std::int64_t>());
    }
    return plan;
}

// Unknown shift ids are named before anything is stored.
rollcall::Status shiftsExist(store::Store& store, const store::RosterPlan& plan) {
    std::vector<ShiftId> ids;
    if (plan.workdayShift) ids.push_back(*plan.workdayShift);
    for (const auto& d : plan.week) {
        if (d) ids.push_back(*d);
    }
    store::ScheduleRepository repo(store);
    for (ShiftId id : ids) {
        auto s = repo.shift(id);
        if (!s) return std::unexpected(s.error());
        if (!*s) return fail("roster.invalid", "no shift " + std::to_string(id.value()), plan.workdayShift ? "shiftId" : "week");
    }
    return {};
}

}  // namespace

void addRosterRoutes(ApiContext& api) {
    api.add(Verb::get, "/roster", {}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto range = rosterRange(ctx, api.store.timeZone());
        if (!range) return fromError(range.error());
        std::string denial;
        auto people = scopedPeople(api, ctx, caller, denial);
        if (!people) return fromError(people.error());
        if (!denial.empty()) return api.deny(caller, ctx, denial);
        std::vector<EmployeeId> ids;
        for (const auto& e : *people) ids.push_back(e.id);
        store::ScheduleRepository repo(api.store);
        auto roster = ids.empty() ? Result<rules::Roster>(rules::Roster{}) : repo.roster(ids);
        if (!roster) return fromError(roster.error());
        auto calendar = store::CalendarRepository(api.store).load(range->from, range->to);
        if (!calendar) return fromError(calendar.error());
        auto patterns = patternsById(repo);
        if (!patterns) return fromError(patterns.error());
        auto assignments = repo.assignments();
        if (!assignments) return fromError(assignments.error());
        std::map<std::int64_t, nlohmann::json> byPerson;
        for (const auto& a : *assignments) {
            const auto& x = a.assignment;
            if (x.from > range->to || (x.to && *x.to < range->from)) continue;
            auto& list = byPerson[x.employee.value()];
            if (list.is_null()) list = nlohmann::json::array();
            list.push_back(assignmentJson(a, *patterns));
        }
        nlohmann::json items = nlohmann::json::array();
        for (const auto& e : *people) {
            nlohmann::json days = nlohmann::json::array();
            for (LocalDate d = range->from; d <= range->to; ++d) {
                const auto day = roster->resolve(e.id, d, *calendar);
                days.push_back({{"date", d.toString()},
                                {"kind", scheduledKind(day.kind)},
                                {"shiftId", day.shift ? nlohmann::json(day.shift->id.value()) : nlohmann::json()},
                                {"shiftName", day.shift ? nlohmann::json(day.shift->name) : nlohmann::json()},
                                {"calendarDay", rules::toString(day.calendarDay)}});
            }
            auto found = byPerson.find(e.id.value());
            items.push_back({{"employeeId", e.id.value()},
                             {"number", e.number},
                             {"name", e.name},
                             {"departmentId", e.department ? nlohmann::json(e.department->value()) : nlohmann::json()},
                             {"days", days},
                             {"assignments", found == byPerson.end() ? nlohmann::json::array() : found->second}});
        }
        return http::jsonResponse(Status::ok, {{"from", range->from.toString()}, {"to", range->to.toString()}, {"items", items}});
    });

    api.add(Verb::post, "/roster", {Role::Admin, Role::Hr}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto body = JsonBody::parse(ctx.request, {"employeeIds", "from", "to", "shiftId", "week", "replace"});
        if (!body) return fromError(body.error());
        const auto& ids = body->json().value("employeeIds", nlohmann::json());
        if (ids.is_null()) return http::errorResponse(Status::bad_request, "request.missing", "'employeeIds' is required", "employeeIds");
        if (!ids.is_array() || ids.empty()) return fromError(typeError("employeeIds", "a non-empty list of employee ids").error());
        std::vector<EmployeeId> people;
        for (const auto& v : ids) {
            if (!v.is_number_integer() || v.get<std::int64_t>() <= 0) return fromError(typeError("employeeIds", "a non-empty list of employee ids").error());
            people.emplace_back(v.get<std::int64_t>());
        }
        auto from = body->date("from");
        if (!from) return fromError(from.error());
        auto to = body->optDate("to");
        if (!to) return fromError(to.error());
        if (*to && **to < *from) return http::errorResponse(Status::bad_request, "request.date", "'to' is before 'from'", "to");
        auto plan = planFromBody(*body);
        if (!plan) return fromError(plan.error());
        auto replace = body->optBool("replace");
        if (!replace) return fromError(replace.error());
        if (auto known = shiftsExist(api.store, *plan); !known) return fromError(known.error());
        Applied applied;
        auto r = api.store.write([&](sqlite::Database& db) -> rollcall::Status {
            for (EmployeeId e : people) {
                if (auto st = assignOne(api, e, *from, *to, *plan, replace->value_or(false), applied); !st) return st;
            }
            auto e = audit::AuditLog(db).append({caller.name(), "roster.assign", "roster", applied.before, applied.after,
                                                 ctx.remoteAddress});
            if (!e) return std::unexpected(e.error());
            return {};
        });
        if (!r) return fromError(r.error());
        return http::jsonResponse(Status::created, {{"items", applied.after}, {"replaced", applied.before}});
    });

    api.add(Verb::delete_, "/roster/{id}", {Role::Admin, Role::Hr}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto id = positiveId(ctx.param("id"));
        if (!id) return badIdResponse("id");
        store::ScheduleRepository repo(api.store);
        auto r = api.store.write([&](sqlite::Database& db) -> Result<nlohmann::json> {
            auto all = repo.assignments();
            if (!all) return std::unexpected(all.error());
            auto it = std::ranges::find_if(*all, [&](const auto& a) { return a.id == *id; });
            if (it == all->end()) return fail("roster.not_found", "no roster assignment " + ctx.param("id"), "id");
            auto patterns = patternsById(repo);
            if (!patterns) return std::unexpected(patterns.error());
            const auto before = assignmentJson(*it, *patterns);
            if (auto st = repo.removeAssignment(*id); !st) return std::unexpected(st.error());
            const auto& a = it->assignment;
            const Instant now = Instant::now();
            const LocalDate today = api.store.timeZone().toLocal(now).date();
            const LocalDate last = std::min(today, a.to.value_or(today));
            const LocalDate first = std::max(a.from, today - 366);
            if (first <= last) {
                if (auto st = store::DirtyDayRepository(api.store).mark(a.employee, first, last, "roster assignment removed", now); !st) {
                    return std::unexpected(st.error());
                }
            }
            auto e = audit::AuditLog(db).append({caller.name(), "roster.remove", "roster/" + ctx.param("id"), before, nullptr,
                                                 ctx.remoteAddress});
            if (!e) return std::unexpected(e.error());
            return before;
        });
        if (!r) return fromError(r.error());
        return http::jsonResponse(Status::ok, {{"removed", *r}});
    });

    // CSV (store/ScheduleCsv.hpp). Every line is checked, then applied in one transaction; a
    // line that cannot be applied (an overlap with a stored assignment) is reported by line
    // like the others, and nothing is kept. ?replace=1 lets each line replace what it overlaps.
    api.add(Verb::post, "/roster/import", {Role::Admin, Role::Hr}, [&api](http::RequestContext& ctx, const Caller& caller) {
        if (auto problem = csvBodyProblem(ctx, api.options.maxImportBytes)) return *problem;
        const bool dry = dryRun(ctx);
        const auto rep = ctx.queryValue("replace");
        const bool replace = rep && (*rep == "1" || *rep == "true");
        Applied applied;
        int imported = 0;
        auto r = api.store.write([&](sqlite::Database& db) -> rollcall::Status {
            auto lines = store::ScheduleCsv(api.store).readRoster(ctx.request.body());
            if (!lines) return std::unexpected(lines.error());
            std::string problems;
            std::optional<int> firstBad;
            for (const auto& line : *lines) {
                // Each line in its own savepoint, so that the next lines are still checked.
                auto st = api.store.write([&](sqlite::Database&) -> rollcall::Status {
                    return assignOne(api, line.employee, line.from, line.to, line.plan, replace, applied);
                });
                if (!st) {
                    problems += (problems.empty() ? "" : "; ") + ("line " + std::to_string(line.line) + ": " + st.error().message);
                    if (!firstBad) firstBad = line.line;
                }
                ++imported;
            }
            if (!problems.empty()) {
                return fail("csv.invalid", "roster not imported: nothing was changed. " + problems, "line " + std::to_string(*firstBad));
            }
            if (dry) return fail("import.dry_run", "dry run");
            auto e = audit::AuditLog(db).append({caller.name(), "roster.import", "roster", applied.before, applied.after,
                                                 ctx.remoteAddress});
            if (!e) return std::unexpected(e.error());
            return {};
        });
        if (!r && r.error().code != "import.dry_run") return importRejected(r.error());
        return http::jsonResponse(Status::ok, {{"kind", "roster"}, {"dryRun", dry}, {"imported", imported},
                                               {"replaced", applied.before.size()}});
    });
}

}  // namespace rollcall::api
