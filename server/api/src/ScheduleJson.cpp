#include "ScheduleJson.hpp"

#include <regex>

#include "ApiContext.hpp"

namespace rollcall::api {

using rules::ShiftClock;

namespace {

nlohmann::json clockOrNull(const std::optional<ShiftClock>& c) { return c ? nlohmann::json(c->toString()) : nlohmann::json(); }

nlohmann::json idOrNull(const std::optional<ShiftId>& id) { return id ? nlohmann::json(id->value()) : nlohmann::json(); }

Status onlyKnown(const nlohmann::json& object, const std::string& where, std::initializer_list<std::string_view> allowed) {
    for (const auto& [key, value] : object.items()) {
        if (std::ranges::find(allowed, key) == allowed.end()) {
            return fail("request.unknown_field", "unknown field '" + where + "." + key + "'", where + "." + key);
        }
    }
    return {};
}

Result<std::optional<ShiftClock>> clockField(const nlohmann::json& object, const std::string& key, const std::string& where,
                                             bool required) {
    const std::string field = where.empty() ? key : where + "." + key;
    if (!object.contains(key) || object[key].is_null()) {
        if (required) return fail("request.missing", "'" + field + "' is required", field);
        return std::optional<ShiftClock>{};
    }
    if (!object[key].is_string()) return typeError(field, "a time HH:MM, HH:MM+1 or HH:MM-1");
    auto c = ShiftClock::parse(object[key].get<std::string>());
    if (!c) {
        return fail("request.time", "'" + field + "' must be a time HH:MM, HH:MM+1 or HH:MM-1, got '" +
                                        object[key].get<std::string>() + "'", field);
    }
    return std::optional<ShiftClock>(*c);
}

Result<std::optional<int>> minutesField(const nlohmann::json& object, const std::string& key, const std::string& field) {
    if (!object.contains(key) || object[key].is_null()) return std::optional<int>{};
    const auto& v = object[key];
    if (!v.is_number_integer() || v.get<std::int64_t>() < 0 || v.get<std::int64_t>() > 1440) {
        return typeError(field, "a number of minutes from 0 to 1440");
    }
    return std::optional<int>(v.get<int>());
}

}  // namespace

nlohmann::json toJson(const rules::Shift& s) {
    nlohmann::json segments = nlohmann::json::array();
    for (const auto& g : s.segments) {
        segments.push_back({{"start", g.start.toString()}, {"end", g.end.toString()}, {"inFrom", g.inWindow.from.toString()},
                            {"inTo", g.inWindow.to.toString()}, {"outFrom", g.outWindow.from.toString()},
                            {"outTo", g.outWindow.to.toString()}});
    }
    nlohmann::json core;
    if (s.flexible) {
        const auto& f = *s.flexible;
        core = {{"start", f.coreStart.toString()}, {"end", f.coreEnd.toString()}, {"requiredMinutes", f.requiredMinutes},
                {"windowFrom", f.window.from.toString()}, {"windowTo", f.window.to.toString()}};
    }
    return {{"id", s.id.value()},
            {"name", s.name},
            {"kind", store::kindOf(s)},
            {"segments", segments},
            {"core", core},
            {"lateGraceMinutes", s.lateGraceMinutes},
            {"earlyGraceMinutes", s.earlyGraceMinutes},
            {"overtimeAfterMinutes", s.overtimeAfterMinutes ? nlohmann::json(*s.overtimeAfterMinutes) : nlohmann::json()},
            {"morningEnd", clockOrNull(s.morningEnd)},
            {"afternoonStart", clockOrNull(s.afternoonStart)},
            {"scheduledMinutes", s.scheduledMinutes()}};
}

nlohmann::json planJson(const rules::ShiftPattern& p) {
    if (auto plan = store::ScheduleRepository::planOf(p)) {
        if (plan->workdayShift) return {{"kind", "workdays"}, {"shiftId", plan->workdayShift->value()}};
        nlohmann::json week = nlohmann::json::array();
        for (const auto& d : plan->week) week.push_back(idOrNull(d));
        return {{"kind", "weekly"}, {"week", week}};
    }
    nlohmann::json cycle = nlohmann::json::array();
    for (const auto& d : p.cycle) cycle.push_back(idOrNull(d));
    return {{"kind", "cycle"}, {"cycle", cycle}, {"anchor", p.anchor.toString()}};
}

nlohmann::json toJson(const store::StoredAssignment& s, const rules::ShiftPattern* pattern) {
    const auto& a = s.assignment;
    return {{"id", s.id},
            {"employeeId", a.employee.value()},
            {"from", a.from.toString()},
            {"to", a.to ? nlohmann::json(a.to->toString()) : nlohmann::json()},
            {"patternId", a.pattern.value()},
            {"plan", pattern ? planJson(*pattern) : nlohmann::json()}};
}

Result<store::ShiftForm> shiftFormFromJson(const http::Request& request) {
    auto body = JsonBody::parse(request, {"name", "kind", "segments", "core", "lateGraceMinutes", "earlyGraceMinutes",
                                          "overtimeAfterMinutes", "morningEnd", "afternoonStart"});
    if (!body) return std::unexpected(body.error());
    const auto& j = body->json();
    store::ShiftForm f;
    auto name = body->string("name");
    if (!name) return std::unexpected(name.error());
    f.name = *name;
    auto kind = body->optString("kind");
    if (!kind) return std::unexpected(kind.error());
    if (*kind && !store::isShiftKind(**kind)) {
        return fail("request.kind", "'kind' is fixed, split, night or flexible, got '" + **kind + "'", "kind");
    }
    f.kind = *kind;
    for (auto [key, slot] : {std::pair{"lateGraceMinutes", &f.lateGraceMinutes}, std::pair{"earlyGraceMinutes", &f.earlyGraceMinutes}}) {
        auto v = minutesField(j, key, key);
        if (!v) return std::unexpected(v.error());
        *slot = v->value_or(0);
    }
    auto overtime = minutesField(j, "overtimeAfterMinutes", "overtimeAfterMinutes");
    if (!overtime) return std::unexpected(overtime.error());
    f.overtimeAfterMinutes = *overtime;
    for (auto [key, slot] : {std::pair{"morningEnd", &f.morningEnd}, std::pair{"afternoonStart", &f.afternoonStart}}) {
        auto v = clockField(j, key, "", false);
        if (!v) return std::unexpected(v.error());
        *slot = *v;
    }
    if (body->has("segments")) {
        const auto& segs = j["segments"];
        if (!segs.is_array()) return typeError("segments", "a list of segments");
        for (std::size_t i = 0; i < segs.size(); ++i) {
            const std::string where = "segments[" + std::to_string(i) + "]";
            const auto& s = segs[i];
            if (!s.is_object()) return typeError(where, "an object {start, end, inFrom, inTo, outFrom, outTo}");
            if (auto k = onlyKnown(s, where, {"start", "end", "inFrom", "inTo", "outFrom", "outTo"}); !k) return std::unexpected(k.error());
            store::SegmentForm g;
            std::optional<ShiftClock>* slots[] = {&g.inFrom, &g.inTo, &g.outFrom, &g.outTo};
            const char* keys[] = {"inFrom", "inTo", "outFrom", "outTo"};
            auto start = clockField(s, "start", where, true);
            if (!start) return std::unexpected(start.error());
            auto end = clockField(s, "end", where, true);
            if (!end) return std::unexpected(end.error());
            g.start = **start;
            g.end = **end;
            for (std::size_t k = 0; k < 4; ++k) {
                auto v = clockField(s, keys[k], where, false);
                if (!v) return std::unexpected(v.error());
                *slots[k] = *v;
            }
            f.segments.push_back(g);
        }
    }
    if (body->has("core")) {
        const auto& c = j["core"];
        if (!c.is_object()) return typeError("core", "an object {start, end, requiredMinutes, windowFrom, windowTo}");
        if (auto k = onlyKnown(c, "core", {"start", "end", "requiredMinutes", "windowFrom", "windowTo"}); !k) return std::unexpected(k.error());
        store::CoreForm core;
        auto start = clockField(c, "start", "core", true);
        if (!start) return std::unexpected(start.error());
        auto end = clockField(c, "end", "core", true);
        if (!end) return std::unexpected(end.error());
        core.start = **start;
        core.end = **end;
        auto required = minutesField(c, "requiredMinutes", "core.requiredMinutes");
        if (!required) return std::unexpected(required.error());
        core.requiredMinutes = *required;
        auto from = clockField(c, "windowFrom", "core", false);
        if (!from) return std::unexpected(from.error());
        auto to = clockField(c, "windowTo", "core", false);
        if (!to) return std::unexpected(to.error());
        core.windowFrom = *from;
        core.windowTo = *to;
        f.core = core;
    }
    return f;
}

http::Response importRejected(const Error& error) {
    if (error.code != "csv.invalid" && error.code != "calendar.parse") return fromError(error);
    nlohmann::json lines = nlohmann::json::array();
    static const std::regex item(R"(line (\d+): (.*?)(?=; line \d+: |$))");
    for (auto it = std::sregex_iterator(error.message.begin(), error.message.end(), item); it != std::sregex_iterator(); ++it) {
        lines.push_back({{"line", std::stoi((*it)[1].str())}, {"message", (*it)[2].str()}});
    }
    nlohmann::json body{{"error", "csv.invalid"}, {"message", error.message},
                        {"field", error.field ? nlohmann::json(*error.field) : nlohmann::json()}, {"errors", lines}};
    return http::jsonResponse(http::Status::unprocessable_entity, body);
}

bool dryRun(const http::RequestContext& ctx) {
    const auto v = ctx.queryValue("dry_run");
    return v && (*v == "1" || *v == "true");
}

std::optional<http::Response> csvBodyProblem(const http::RequestContext& ctx, std::size_t maxBytes) {
    const auto& csv = ctx.request.body();
    if (csv.empty()) return http::errorResponse(http::Status::bad_request, "request.empty", "the CSV body is empty");
    if (csv.size() > maxBytes) return http::errorResponse(http::Status::payload_too_large, "too_large", "the CSV file is too large");
    return std::nullopt;
}

}  // namespace rollcall::api
