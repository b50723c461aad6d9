// Attendance: day records by person / department / dates, the monthly sheet as JSON or CSV,
// corrections (补卡), punches and the administrators' emergency manual punch.
#include <fmt/format.h>

#include <array>

#include "CachedRead.hpp"
#include "JsonBody.hpp"
#include "rollcall/http/JsonWriter.hpp"
#include "Routes.hpp"
#include "rollcall/audit/AuditLog.hpp"
#include "rollcall/services/AttendanceService.hpp"
#include "rollcall/services/CorrectionService.hpp"
#include "rollcall/store/CorrectionRepository.hpp"
#include "rollcall/store/DayRecordRepository.hpp"
#include "rollcall/store/EmployeeRepository.hpp"
#include "rollcall/store/PunchRepository.hpp"

namespace rollcall::api {

using http::Status;
using http::Verb;
using auth::Role;

namespace {

// One record as toJson(record) would write it, without a DOM. Keys go in sorted order, as
// nlohmann::json keeps them, so the bytes are identical (tests/api/DayRecordJsonTest.cpp).
void writeDayRecord(http::JsonWriter& w, const store::StoredDayRecord& s) {
    const auto punch = [&w](const std::optional<rules::Punch>& p) {
        if (p) w.value(p->at.toString());
        else w.null();
    };
    const auto id = [&w](const auto& v) {
        if (v) w.value(v->value());
        else w.null();
    };
    const auto& r = s.record;
    w.beginObject();
    w.key("calendarDay").value(rules::toString(r.calendarDay));
    w.key("date").value(r.date.toString());
    w.key("earlyMinutes").value(r.earlyMinutes);
    w.key("employeeId").value(r.employee.value());
    w.key("evaluatedAt").value(s.evaluatedAt.toIso());
    w.key("in");
    punch(r.inPunch);
    w.key("lateMinutes").value(r.lateMinutes);
    w.key("leaves").beginArray();
    for (const auto& l : r.leaves) {
        w.beginObject().key("afternoon").value(l.afternoon).key("businessTrip").value(l.businessTrip);
        w.key("leaveId").value(l.id.value()).key("morning").value(l.morning).key("type").value(l.type).endObject();
    }
    w.endArray();
    w.key("missingIn").value(r.missingIn);
    w.key("missingOut").value(r.missingOut);
    w.key("out");
    punch(r.outPunch);
    w.key("overrunOf");
    id(r.overrunOf);
    w.key("overtimeMinutes").value(r.overtimeMinutes);
    w.key("shiftId");
    id(r.shift);
    w.key("status").value(rules::toString(r.status));
    w.key("version").value(s.version);
    w.key("workedMinutes").value(r.workedMinutes);
    w.endObject();
}

// {"items": [toJson(record)...]}: a department's day records are the API's most frequent large
// answer. Each record's JSON is kept by its stored text (DayRecordFragments), so after a write
// only the records that changed are decoded and rendered again.
Result<std::string> dayRecordsJson(DayRecordFragments& fragments, const std::vector<store::StoredDayRecordText>& rows) {
    auto kept = fragments.find(rows);
    std::string out;
    out.reserve(64 + rows.size() * 420);
    out += "{\"items\":[";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        if (i > 0) out += ',';
        if (kept[i]) {
            out += *kept[i];
            continue;
        }
        auto record = store::DayRecordRepository::decode(rows[i]);
        if (!record) return std::unexpected(record.error());
        std::string fragment;
        http::JsonWriter w(fragment);
        writeDayRecord(w, *record);
        out += fragment;
        fragments.put(rows[i], fragment);
    }
    out += "]}";
    return out;
}

std::string dayRecordsCsv(const std::vector<store::StoredDayRecord>& list) {
    std::string out = "employee_id,date,status,late_minutes,early_minutes,worked_minutes,overtime_minutes,in,out\n";
    for (const auto& s : list) {
        const auto& r = s.record;
        out += fmt::format("{},{},{},{},{},{},{},{},{}\n", r.employee.value(), r.date.toString(), rules::toString(r.status),
                           r.lateMinutes, r.earlyMinutes, r.workedMinutes, r.overtimeMinutes,
                           r.inPunch ? r.inPunch->at.toString() : "", r.outPunch ? r.outPunch->at.toString() : "");
    }
    return out;
}

// Everything a day-records answer depends on once the caller's scope is folded into the filter.
std::string daysKey(std::string_view format, const store::DayRecordFilter& f) {
    return fmt::format("days.{}|e{}|d{}|{}|{}|{}|{}|{}", format, f.employee ? f.employee->value() : 0,
                       f.department ? f.department->value() : 0, f.from ? f.from->toString() : "",
                       f.to ? f.to->toString() : "", f.status ? static_cast<int>(*f.status) : -1, f.limit, f.offset);
}

nlohmann::json toJson(const rules::Correction& c) {
    return {{"id", c.id.value()}, {"employeeId", c.employee.value()}, {"day", c.day.toString()}, {"at", c.at.toString()},
            {"kind", c.kind == rules::CorrectionKind::MissingIn ? "missing_in"
                     : c.kind == rules::CorrectionKind::MissingOut ? "missing_out" : "other"},
            {"reason", c.reason}, {"requestedBy", c.requestedBy.value()}, {"requestedAt", c.requestedAt.toIso()},
            {"state", c.state == rules::CorrectionState::Pending ? "pending"
                      : c.state == rules::CorrectionState::Approved ? "approved" : "rejected"},
            {"decidedBy", c.decidedBy ? nlohmann::json(c.decidedBy->value()) : nlohmann::json()},
            {"decidedAt", c.decidedAt ? nlohmann::json(c.decidedAt->toIso()) : nlohmann::json()},
            {"decisionReason", c.decisionReason}};
}

struct Range {
    LocalDate from, to;
};

// from/to (defaults: today), at most 366 days.
Result<Range> dateRange(const http::RequestContext& ctx, const TimeZone& zone) {
    Range r{zone.today(), zone.today()};
    for (auto [name, slot] : {std::pair{"from", &r.from}, std::pair{"to", &r.to}}) {
        if (auto v = ctx.queryValue(name)) {
            auto d = LocalDate::parse(*v);
            if (!d) return fail("request.date", std::string("'") + name + "' must be a date YYYY-MM-DD", name);
            *slot = *d;
        }
    }
    if (!ctx.queryValue("to")) r.to = r.from;
    if (r.to < r.from) return fail("request.date", "'to' is before 'from'", "to");
    if (r.to - r.from > 366) return fail("request.date", "a range covers at most 366 days", "to");
    return r;
}

// Who the caller asks about, checked against their scope: ?employeeId, ?departmentId, or themself.
Result<store::DayRecordFilter> scopedFilter(ApiContext& api, const http::RequestContext& ctx, const Caller& caller,
                                            std::string& denial) {
    store::DayRecordFilter f;
    if (auto e = ctx.queryValue("employeeId")) {
        auto id = positiveId(*e);
        if (!id) return fail("request.id", "not an employee id", "employeeId");
        auto may = api.mayAccess(caller, EmployeeId(*id), true);
        if (!may) return std::unexpected(may.error());
        if (!*may) denial = "this person's records are outside your scope";
        f.employee = EmployeeId(*id);
    } else if (auto d = ctx.queryValue("departmentId")) {
        auto id = positiveId(*d);
        if (!id) return fail("request.id", "not a department id", "departmentId");
        f.department = DepartmentId(*id);
        if (!caller.has(Role::Admin) && !caller.has(Role::Hr) && !caller.has(Role::Inspector)) {
            auto scope = api.approverScope(caller);
            if (!scope) return std::unexpected(scope.error());
            if (*scope && !(*scope)->contains(*id)) denial = "this department is outside your scope";
        }
    } else if (caller.has(Role::Admin) || caller.has(Role::Hr) || caller.has(Role::Inspector)) {
        // everyone
    } else if (caller.employee) {
        f.employee = caller.employee->id;
    } else {
        denial = "give an employeeId or departmentId";
    }
    return f;
}

std::string csvCell(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

struct SheetRequest {
    LocalDate first;
    std::optional<DepartmentId> department;
};

// ?month=YYYY-MM[&departmentId=N], checked against the caller's scope.
Result<SheetRequest> sheetRequest(ApiContext& api, const http::RequestContext& ctx, const Caller& caller, std::string& denial) {
    auto month = ctx.queryValue("month").value_or("");
    auto first = LocalDate::parse(month + "-01");
    if (!first) return fail("request.date", "'month' must be YYYY-MM", "month");
    SheetRequest out{*first, std::nullopt};
    if (auto d = ctx.queryValue("departmentId")) {
        auto id = positiveId(*d);
        if (!id) return fail("request.id", "not a department id", "departmentId");
        out.department = DepartmentId(*id);
    }
    if (!caller.has(Role::Admin) && !caller.has(Role::Hr) && !caller.has(Role::Inspector)) {
        auto scope = api.approverScope(caller);
        if (!scope) return std::unexpected(scope.error());
        if (*scope && (!out.department || !(*scope)->contains(out.department->value()))) {
            denial = "the monthly sheet is for HR, inspectors, and approvers for their own department";
        }
    }
    return out;
}

// What the day records and the monthly sheet are read from: the records, and who is in which
// department of the tree.
constexpr std::array<std::string_view, 3> kAttendanceTables{"day_records", "employees", "departments"};

std::string sheetKey(std::string_view format, const SheetRequest& r) {
    return fmt::format("month.{}|{}-{}|{}", format, r.first.year(), r.first.month(),
                       r.department ? r.department->value() : 0);
}

nlohmann::json totalsJson(const store::MonthlyTotals& t) {
    return {{"scheduledDays", t.scheduledDays}, {"presentDays", t.presentDays}, {"lateCount", t.lateCount},
            {"lateMinutes", t.lateMinutes}, {"earlyCount", t.earlyCount}, {"earlyMinutes", t.earlyMinutes},
            {"absentDays", t.absentDays}, {"missingPunches", t.missingPunches}, {"leaveDays", t.leaveDays},
            {"businessTripDays", t.businessTripDays}, {"workedMinutes", t.workedMinutes}, {"overtimeMinutes", t.overtimeMinutes}};
}

std::string monthJson(const store::MonthlySheet& sheet) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : sheet.rows) {
        nlohmann::json cells = nlohmann::json::array();
        for (const auto& c : row.days) {
            cells.push_back(c ? nlohmann::json{{"status", rules::toString(c->status)}, {"lateMinutes", c->lateMinutes},
                                               {"earlyMinutes", c->earlyMinutes}, {"leaveType", c->leaveType}}
                              : nlohmann::json());
        }
        rows.push_back({{"employeeId", row.employee.value()}, {"number", row.number}, {"name", row.name},
                        {"departmentId", row.department ? nlohmann::json(row.department->value()) : nlohmann::json()},
                        {"days", cells}, {"totals", totalsJson(row.totals)}});
    }
    nlohmann::json dates = nlohmann::json::array();
    for (const auto& d : sheet.dates) dates.push_back(d.toString());
    const nlohmann::json doc{{"year", sheet.year}, {"month", sheet.month}, {"dates", dates}, {"rows", rows}};
    return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string monthCsv(const store::MonthlySheet& sheet) {
    std::string out = "number,name";
    for (const auto& d : sheet.dates) out += "," + std::to_string(d.day());
    out += ",present_days,late_count,late_minutes,early_count,absent_days,leave_days,missing_punches,overtime_minutes\n";
    for (const auto& row : sheet.rows) {
        out += csvCell(row.number) + "," + csvCell(row.name);
        for (const auto& c : row.days) out += "," + (c ? std::string(rules::toString(c->status)) : std::string());
        const auto& t = row.totals;
        out += fmt::format(",{},{},{},{},{},{},{},{}\n", t.presentDays, t.lateCount, t.lateMinutes, t.earlyCount,
                           t.absentDays, t.leaveDays, t.missingPunches, t.overtimeMinutes);
    }
    return out;
}

Result<std::optional<std::int64_t>> correctionId(const http::RequestContext& ctx) {
    auto id = positiveId(ctx.param("id"));
    if (!id) return fail("request.id", "not a correction id", "id");
    return std::optional<std::int64_t>(*id);
}

void addCorrectionRoutes(ApiContext& api) {
    api.add(Verb::get, "/corrections", {}, [&api](http::RequestContext& ctx, const Caller& caller) {
        store::CorrectionFilter filter;
        if (auto s = ctx.queryValue("state")) {
            if (*s == "pending") filter.state = rules::CorrectionState::Pending;
            else if (*s == "approved") filter.state = rules::CorrectionState::Approved;
            else if (*s == "rejected") filter.state = rules::CorrectionState::Rejected;
            else return http::errorResponse(Status::bad_request, "request.state", "state is pending, approved or rejected", "state");
        }
        if (ctx.queryValue("scope").value_or("mine") == "mine") {
            if (!caller.employee) return http::jsonResponse(Status::ok, {{"items", nlohmann::json::array()}});
            filter.employee = caller.employee->id;
        }
        auto list = store::CorrectionRepository(api.store).list(filter);
        if (!list) return fromError(list.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& c : *list) {
            auto may = api.mayAccess(caller, c.employee, true);
            if (!may) return fromError(may.error());
            if (*may) items.push_back(toJson(c));
        }
        return http::jsonResponse(Status::ok, {{"items", items}});
    });

    api.add(Verb::post, "/corrections", {}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto body = JsonBody::parse(ctx.request, {"employeeId", "day", "at", "kind", "reason"});
        if (!body) return fromError(body.error());
        auto day = body->date("day");
        if (!day) return fromError(day.error());
        auto at = body->string("at");
        if (!at) return fromError(at.error());
        auto local = LocalDateTime::parse(*at);
        if (!local) return http::errorResponse(Status::bad_request, "request.date", "'at' must be YYYY-MM-DDTHH:MM", "at");
        auto reason = body->string("reason");
        if (!reason) return fromError(reason.error());
        auto kind = body->optString("kind");
        if (!kind) return fromError(kind.error());
        auto who = body->optInteger("employeeId");
        if (!who) return fromError(who.error());
        if (!caller.employee) return http::errorResponse(Status::forbidden, "forbidden", "your account is not linked to a person");
        services::CorrectionInput in;
        in.employee = *who ? EmployeeId(**who) : caller.employee->id;
        if (in.employee != caller.employee->id && !caller.has(Role::Hr)) {
            return api.deny(caller, ctx, "only HR asks for a correction for someone else");
        }
        in.day = *day;
        in.at = *local;
        const auto k = kind->value_or("other");
        if (k == "missing_in") in.kind = rules::CorrectionKind::MissingIn;
        else if (k == "missing_out") in.kind = rules::CorrectionKind::MissingOut;
        else if (k != "other") return http::errorResponse(Status::bad_request, "request.kind", "kind is missing_in, missing_out or other", "kind");
        in.reason = *reason;
        in.requestedBy = caller.employee->id;
        auto r = api.store.write([&](sqlite::Database& db) -> Result<rules::Correction> {
            auto c = services::CorrectionService(api.store).request(in, Instant::now());
            if (!c) return c;
            auto e = audit::AuditLog(db).append({caller.name(), "correction.request", "correction/" + std::to_string(c->id.value()),
                                                 nullptr, toJson(*c), ctx.remoteAddress});
            if (!e) return std::unexpected(e.error());
            return c;
        });
        if (!r) return fromError(r.error());
        return http::jsonResponse(Status::created, toJson(*r));
    });

    for (const bool approve : {true, false}) {
        api.add(Verb::post, approve ? "/corrections/{id}/approve" : "/corrections/{id}/reject", {},
                [&api, approve](http::RequestContext& ctx, const Caller& caller) {
            auto id = correctionId(ctx);
            if (!id) return fromError(id.error());
            auto body = JsonBody::parse(ctx.request, {"reason"});
            if (!body) return fromError(body.error());
            auto reason = body->optString("reason");
            if (!reason) return fromError(reason.error());
            if (!approve && (!*reason || (*reason)->empty())) {
                return http::errorResponse(Status::bad_request, "request.missing", "'reason' is required", "reason");
            }
            if (!caller.employee) return http::errorResponse(Status::forbidden, "forbidden", "your account is not linked to a person");
            auto before = store::CorrectionRepository(api.store).get(CorrectionId(**id));
            if (!before) return fromError(before.error());
            if (!*before) return http::errorResponse(Status::not_found, "correction.not_found", "no correction " + ctx.param("id"));
            const bool decider = caller.has(Role::Hr) || caller.has(Role::Approver) || caller.has(Role::Admin);
            auto may = api.mayAccess(caller, (*before)->employee, false);
            if (!may) return fromError(may.error());
            if (!decider || !*may || (*before)->employee == caller.employee->id) {
                return api.deny(caller, ctx, "corrections are decided by HR or the person's head of department, not by the person");
            }
            services::CorrectionService service(api.store);
            auto r = api.store.write([&](sqlite::Database& db) -> Result<rules::Correction> {
                auto c = approve ? service.approve(CorrectionId(**id), caller.employee->id, reason->value_or(""), Instant::now())
                                 : service.reject(CorrectionId(**id), caller.employee->id, reason->value_or(""), Instant::now());
                if (!c) return c;
                auto e = audit::AuditLog(db).append({caller.name(), approve ? "correction.approve" : "correction.reject",
                                                     "correction/" + ctx.param("id"), toJson(**before), toJson(*c), ctx.remoteAddress});
                if (!e) return std::unexpected(e.error());
                return c;
            });
            if (!r) return fromError(r.error());
            return http::jsonResponse(Status::ok, toJson(*r));
        });
    }
}

nlohmann::json toJson(const store::StoredPunch& s, const TimeZone& zone) {
    const auto& p = s.punch;
    return {{"id", s.id.value()}, {"employeeId", p.employeeId.value()}, {"at", p.at.toIso()},
            {"local", zone.toLocal(p.at).toString()}, {"method", store::toString(p.method)},
            {"source", store::toString(p.source)},
            {"terminalId", p.terminalId ? nlohmann::json(p.terminalId->value()) : nlohmann::json()},
            {"faceScore", p.faceScore ? nlohmann::json(*p.faceScore) : nlohmann::json()},
            {"fingerScore", p.fingerScore ? nlohmann::json(*p.fingerScore) : nlohmann::json()},
            {"reason", p.reason ? nlohmann::json(*p.reason) : nlohmann::json()},
            {"createdBy", p.createdBy ? nlohmann::json(p.createdBy->value()) : nlohmann::json()}};
}

void addPunchRoutes(ApiContext& api) {
    api.add(Verb::get, "/punches", {}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto range = dateRange(ctx, api.store.timeZone());
        if (!range) return fromError(range.error());
        std::string denial;
        auto scoped = scopedFilter(api, ctx, caller, denial);
        if (!scoped) return fromError(scoped.error());
        if (!denial.empty()) return api.deny(caller, ctx, denial);
        store::PunchFilter filter;
        filter.employee = scoped->employee;
        filter.department = scoped->department;
        const auto& zone = api.store.timeZone();
        filter.from = zone.toInstant(LocalDateTime(range->from, LocalTime(0, 0)));
        filter.to = zone.toInstant(LocalDateTime(range->to + 1, LocalTime(0, 0)));
        auto list = store::PunchRepository(api.store).list(filter);
        if (!list) return fromError(list.error());
        nlohmann::json items = nlohmann::json::array();
        for (const auto& p : *list) items.push_back(toJson(p, zone));
        return http::jsonResponse(Status::ok, {{"items", items}});
    });

    // For emergencies only (a broken terminal): administrators, with a mandatory reason, audited.
    api.add(Verb::post, "/punches", {Role::Admin}, [&api](http::RequestContext& ctx, const Caller& caller) {
        auto body = JsonBody::parse(ctx.request, {"employeeId", "at", "reason"});
        if (!body) return fromError(body.error());
        auto who = body->integer("employeeId");
        if (!who) return fromError(who.error());
        auto at = body->string("at");
        if (!at) return fromError(at.error());
        auto local = LocalDateTime::parse(*at);
        if (!local) return http::errorResponse(Status::bad_request, "request.date", "'at' must be YYYY-MM-DDTHH:MM", "at");
        auto reason = body->string("reason");
        if (!reason) return fromError(reason.error());
        auto person = store::EmployeeRepository(api.store).get(EmployeeId(*who));
        if (!person) return fromError(person.error());
        if (!*person) return http::errorResponse(Status::unprocessable_entity, "request.employee", "no employee " + std::to_string(*who), "employeeId");
        store::NewPunch p;
        p.employeeId = EmployeeId(*who);
        p.method = store::PunchMethod::Manual;
        p.at = api.store.timeZone().toInstant(*local);
        p.receivedAt = Instant::now();
        p.source = store::PunchSource::Manual;
        p.reason = *reason;
        p.createdBy = caller.employeeId();
        auto r = api.store.write([&](sqlite::Database& db) -> Result<std::vector<store::InsertOutcome>> {
            auto out = store::PunchRepository(api.store).insertBatch(std::span<const store::NewPunch>(&p, 1));
            if (!out) return out;
            auto e = audit::AuditLog(db).append({caller.name(), "punch.manual", "employee/" + std::to_string(*who), nullptr,
                                                 {{"at", *at}, {"reason", *reason}}, ctx.remoteAddress});
            if (!e) return std::unexpected(e.error());
            return out;
        });
        if (!r) return fromError(r.error());
        // The day is re-evaluated by the attendance service's queue, like a terminal punch.
        return http::jsonResponse(Status::created, {{"employeeId", *who}, {"at", p.at.toIso()}, {"local", local->toString()},
                                                    {"duplicate", !r->empty() && r->front() == store::InsertOutcome::Duplicate}});
    });
}

}  // namespace

void addAttendanceRoutes(ApiContext& api) {
    addPunchRoutes(api);
    auto days = [&api](http::RequestContext& ctx, const Caller& caller, bool csv) {
        auto range = dateRange(ctx, api.store.timeZone());
        if (!range) return fromError(range.error());
        std::string denial;
        auto filter = scopedFilter(api, ctx, caller, denial);
        if (!filter) return fromError(filter.error());
        if (!denial.empty()) return api.deny(caller, ctx, denial);
        filter->from = range->from;
        filter->to = range->to;
        return cachedRead(api, ctx, daysKey(csv ? "csv" : "json", *filter), kAttendanceTables, [&]() -> Result<AnswerText> {
            if (csv) {
                auto list = store::DayRecordRepository(api.store).list(*filter);
                if (!list) return std::unexpected(list.error());
                return AnswerText{dayRecordsCsv(*list), "text/csv; charset=utf-8"};
            }
            auto rows = store::DayRecordRepository(api.store).listText(*filter);
            if (!rows) return std::unexpected(rows.error());
            auto json = dayRecordsJson(api.dayRecordFragments, *rows);
            if (!json) return std::unexpected(json.error());
            return AnswerText{std::move(*json), "application/json; charset=utf-8"};
        });
    };
    api.add(Verb::get, "/attendance/days", {}, [days](http::RequestContext& ctx, const Caller& c) { return days(ctx, c, false); });
    api.add(Verb::get, "/attendance/days.csv", {}, [days](http::RequestContext& ctx, const Caller& c) { return days(ctx, c, true); });

    auto month = [&api](http::RequestContext& ctx, const Caller& caller, bool csv) {
        std::string denial;
        auto request = sheetRequest(api, ctx, caller, denial);
        if (!request) return fromError(request.error());
        if (!denial.empty()) return api.deny(caller, ctx, denial);
        auto res = cachedRead(api, ctx, sheetKey(csv ? "csv" : "json", *request), kAttendanceTables, [&]() -> Result<AnswerText> {
            auto sheet = store::DayRecordRepository(api.store).monthlySheet(request->first.year(), request->first.month(),
                                                                            request->department);
            if (!sheet) return std::unexpected(sheet.error());
            if (csv) return AnswerText{monthCsv(*sheet), "text/csv; charset=utf-8"};
            return AnswerText{monthJson(*sheet), "application/json; charset=utf-8"};
        });
        if (csv) res.set(http::bhttp::field::content_disposition, "attachment; filename=\"month.csv\"");
        return res;
    };
    api.add(Verb::get, "/attendance/month", {}, [month](http::RequestContext& ctx, const Caller& c) { return month(ctx, c, false); });
    api.add(Verb::get, "/attendance/month.csv", {}, [month](http::RequestContext& ctx, const Caller& c) { return month(ctx, c, true); });

    addCorrectionRoutes(api);
}

}  // namespace rollcall::api
