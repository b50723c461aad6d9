#include "DayRecordCodec.hpp"

#include <nlohmann/json.hpp>

#include <array>

namespace rollcall::store::detail {
namespace {

using nlohmann::json;
using rules::DayKind;
using rules::DayStatus;

constexpr std::array<std::pair<DayStatus, std::string_view>, 13> kStatuses{{
    {DayStatus::Present, "present"}, {DayStatus::Late, "late"}, {DayStatus::EarlyLeave, "early_leave"},
    {DayStatus::LateAndEarly, "late_and_early"}, {DayStatus::Absent, "absent"}, {DayStatus::HalfDayAbsent, "half_day_absent"},
    {DayStatus::MissingIn, "missing_in"}, {DayStatus::MissingOut, "missing_out"}, {DayStatus::OnLeave, "on_leave"},
    {DayStatus::BusinessTrip, "business_trip"}, {DayStatus::RestDay, "rest_day"}, {DayStatus::Holiday, "holiday"},
    {DayStatus::NotRostered, "not_rostered"},
}};
constexpr std::array<std::pair<DayKind, std::string_view>, 5> kKinds{{
    {DayKind::Workday, "workday"}, {DayKind::Weekend, "weekend"}, {DayKind::Holiday, "holiday"},
    {DayKind::MakeUpWorkday, "makeup_workday"}, {DayKind::ExtraRestDay, "extra_rest_day"},
}};
constexpr std::array<std::pair<rules::PunchSource, std::string_view>, 3> kSources{{
    {rules::PunchSource::Terminal, "terminal"}, {rules::PunchSource::Manual, "manual"}, {rules::PunchSource::Correction, "correction"},
}};

template <class E, std::size_t N>
std::string_view nameIn(const std::array<std::pair<E, std::string_view>, N>& t, E v) {
    for (const auto& [e, s] : t) {
        if (e == v) return s;
    }
    return t[0].second;
}

template <class E, std::size_t N>
std::optional<E> valueIn(const std::array<std::pair<E, std::string_view>, N>& t, std::string_view s) {
    for (const auto& [e, n] : t) {
        if (n == s) return e;
    }
    return std::nullopt;
}

json punchJson(const std::optional<rules::Punch>& p) {
    if (!p) return nullptr;
    json j{{"id", p->id.value()}, {"at", p->at.toString()}, {"terminal", p->terminal.value()},
           {"source", nameIn(kSources, p->source)}};
    if (p->correction) j["correction"] = p->correction->value();
    return j;
}

std::optional<rules::Punch> punchOf(const json& j, EmployeeId employee) {
    if (j.is_null()) return std::nullopt;
    rules::Punch p;
    p.id = PunchId(j.at("id").get<std::int64_t>());
    p.employee = employee;
    p.at = LocalDateTime::parse(j.at("at").get<std::string>()).value_or(LocalDateTime{});
    p.terminal = TerminalId(j.at("terminal").get<std::int64_t>());
    p.source = valueIn(kSources, j.at("source").get<std::string>()).value_or(rules::PunchSource::Terminal);
    if (j.contains("correction")) p.correction = CorrectionId(j.at("correction").get<std::int64_t>());
    return p;
}

}  // namespace

std::string_view statusName(DayStatus s) { return nameIn(kStatuses, s); }
std::string_view dayKindName(DayKind k) { return nameIn(kKinds, k); }
std::optional<DayStatus> parseStatus(std::string_view s) { return valueIn(kStatuses, s); }

std::string encodeDayRecord(const rules::DayRecord& r) {
    json segments = json::array();
    for (const auto& s : r.segments) {
        segments.push_back({{"in", punchJson(s.in)}, {"out", punchJson(s.out)}, {"excused", s.excused}, {"late", s.lateMinutes},
                            {"early", s.earlyMinutes}, {"worked", s.workedMinutes}});
    }
    json leaves = json::array();
    for (const auto& l : r.leaves) {
        leaves.push_back({{"id", l.id.value()}, {"type", l.type}, {"morning", l.morning}, {"afternoon", l.afternoon},
                          {"business_trip", l.businessTrip}, {"minutes", l.minutes}});
    }
    json j{{"employee", r.employee.value()},
           {"date", r.date.toString()},
           {"status", statusName(r.status)},
           {"shift", r.shift ? json(r.shift->value()) : json(nullptr)},
           {"calendar_day", dayKindName(r.calendarDay)},
           {"late", r.lateMinutes},
           {"early", r.earlyMinutes},
           {"worked", r.workedMinutes},
           {"overtime", r.overtimeMinutes},
           {"in", punchJson(r.inPunch)},
           {"out", punchJson(r.outPunch)},
           {"missing_in", r.missingIn},
           {"missing_out", r.missingOut},
           {"segments", segments},
           {"leaves", leaves},
           {"overrun_of", r.overrunOf ? json(r.overrunOf->value()) : json(nullptr)},
           {"punches_considered", r.punchesConsidered}};
    return j.dump();
}

Result<rules::DayRecord> decodeDayRecord(std::string_view text) {
    try {
        const json j = json::parse(text);
        rules::DayRecord r;
        r.employee = EmployeeId(j.at("employee").get<std::int64_t>());
        auto date = LocalDate::parse(j.at("date").get<std::string>());
        auto status = parseStatus(j.at("status").get<std::string>());
        auto kind = valueIn(kKinds, j.at("calendar_day").get<std::string>());
        if (!date || !status || !kind) return fail("store.corrupt", "a stored day record has an unknown date, status or day kind");
        r.date = *date;
        r.status = *status;
        r.calendarDay = *kind;
        if (!j.at("shift").is_null()) r.shift = ShiftId(j.at("shift").get<std::int64_t>());
        r.lateMinutes = j.at("late").get<int>();
        r.earlyMinutes = j.at("early").get<int>();
        r.workedMinutes = j.at("worked").get<int>();
        r.overtimeMinutes = j.at("overtime").get<int>();
        r.inPunch = punchOf(j.at("in"), r.employee);
        r.outPunch = punchOf(j.at("out"), r.employee);
        r.missingIn = j.at("missing_in").get<bool>();
        r.missingOut = j.at("missing_out").get<bool>();
        for (const auto& s : j.at("segments")) {
            r.segments.push_back({punchOf(s.at("in"), r.employee), punchOf(s.at("out"), r.employee), s.at("excused").get<bool>(),
                                  s.at("late").get<int>(), s.at("early").get<int>(), s.at("worked").get<int>()});
        }
        for (const auto& l : j.at("leaves")) {
            r.leaves.push_back({LeaveId(l.at("id").get<std::int64_t>()), l.at("type").get<std::string>(), l.at("morning").get<bool>(),
                                l.at("afternoon").get<bool>(), l.at("business_trip").get<bool>(), l.at("minutes").get<int>()});
        }
        if (!j.at("overrun_of").is_null()) r.overrunOf = LeaveId(j.at("overrun_of").get<std::int64_t>());
        r.punchesConsidered = j.at("punches_considered").get<int>();
        return r;
    } catch (const std::exception& e) {
        return fail("store.corrupt", std::string("a stored day record cannot be read: ") + e.what());
    }
}

}  // namespace rollcall::store::detail
