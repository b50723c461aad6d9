#include "DayRecordCodec.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <limits>
#include <span>

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

namespace {

// Reads the stored text straight into a DayRecord through nlohmann's SAX parser: no DOM, no
// per-key map nodes. Keys may come in any order, unknown keys (from a newer writer) are
// skipped, every field the DOM reader required is still required, and a value of the wrong
// type is an error, as before.
class DayRecordSax {
public:
    using json_t = nlohmann::json;
    explicit DayRecordSax(rules::DayRecord& out) : r_(out) { frames_.reserve(4); }

    bool null() {
        if (skipping()) return true;
        if (frames_.empty()) return wrong("not an object");
        auto& f = frames_.back();
        if (f.kind == Kind::Top) {
            if (key_ == "shift") r_.shift.reset();
            else if (key_ == "overrun_of") r_.overrunOf.reset();
            else if (key_ == "in") r_.inPunch.reset();
            else if (key_ == "out") r_.outPunch.reset();
            else return unknownScalar();
            return seen(f);
        }
        if (f.kind == Kind::Segment && (key_ == "in" || key_ == "out")) {
            (key_ == "in" ? r_.segments.back().in : r_.segments.back().out).reset();
            return seen(f);
        }
        return unknownScalar();
    }
    bool boolean(bool v) {
        if (skipping()) return true;
        if (frames_.empty()) return wrong("not an object");
        auto& f = frames_.back();
        bool* slot = nullptr;
        if (f.kind == Kind::Top) slot = key_ == "missing_in" ? &r_.missingIn : key_ == "missing_out" ? &r_.missingOut : nullptr;
        else if (f.kind == Kind::Segment && key_ == "excused") slot = &r_.segments.back().excused;
        else if (f.kind == Kind::Leave) {
            auto& l = r_.leaves.back();
            slot = key_ == "morning" ? &l.morning : key_ == "afternoon" ? &l.afternoon : key_ == "business_trip" ? &l.businessTrip : nullptr;
        }
        if (!slot) return unknownScalar();
        *slot = v;
        return seen(f);
    }
    bool number_integer(std::int64_t v) { return integer(v); }
    bool number_unsigned(std::uint64_t v) {
        if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return wrong("an integer out of range");
        return integer(static_cast<std::int64_t>(v));
    }
    bool number_float(double, const std::string&) {
        if (skipping()) return true;
        if (frames_.empty()) return wrong("not an object");
        return unknownScalar();
    }
    bool string(std::string& v) {
        if (skipping()) return true;
        if (frames_.empty()) return wrong("not an object");
        auto& f = frames_.back();
        if (f.kind == Kind::Top) {
            if (key_ == "date") {
                auto d = LocalDate::parse(v);
                if (!d) return wrong("an unknown date");
                r_.date = *d;
            } else if (key_ == "status") {
                auto st = parseStatus(v);
                if (!st) return wrong("an unknown status");
                r_.status = *st;
            } else if (key_ == "calendar_day") {
                auto k = valueIn(kKinds, v);
                if (!k) return wrong("an unknown day kind");
                r_.calendarDay = *k;
            } else {
                return unknownScalar();
            }
        } else if (f.kind == Kind::Punch) {
            if (key_ == "at") f.punch->at = LocalDateTime::parse(v).value_or(LocalDateTime{});
            else if (key_ == "source") f.punch->source = valueIn(kSources, v).value_or(rules::PunchSource::Terminal);
            else return unknownScalar();
        } else if (f.kind == Kind::Leave && key_ == "type") {
            r_.leaves.back().type = std::move(v);
        } else {
            return unknownScalar();
        }
        return seen(f);
    }
    bool binary(json_t::binary_t&) { return wrong("binary data"); }

    bool start_object(std::size_t) {
        if (skipping()) return skip();
        if (frames_.empty()) return push(Kind::Top, nullptr);
        auto& f = frames_.back();
        if (f.kind == Kind::Segments) {
            r_.segments.emplace_back();
            return push(Kind::Segment, nullptr);
        }
        if (f.kind == Kind::Leaves) {
            r_.leaves.emplace_back();
            return push(Kind::Leave, nullptr);
        }
        if (!knownKey()) return skip();
        if (f.kind == Kind::Top && (key_ == "in" || key_ == "out")) {
            auto& slot = key_ == "in" ? r_.inPunch : r_.outPunch;
            slot.emplace();
            seen(f);
            return push(Kind::Punch, &*slot);
        }
        if (f.kind == Kind::Segment && (key_ == "in" || key_ == "out")) {
            auto& slot = key_ == "in" ? r_.segments.back().in : r_.segments.back().out;
            slot.emplace();
            seen(f);
            return push(Kind::Punch, &*slot);
        }
        return wrong("an object");
    }
    bool key(std::string& k) {
        if (!skipping()) key_ = std::move(k);
        return true;
    }
    bool end_object() {
        if (skipping()) return unskip();
        const Frame f = frames_.back();
        frames_.pop_back();
        if ((f.seen & f.required) != f.required) return wrong("a missing field");
        if (frames_.empty()) done_ = true;
        return true;
    }
    bool start_array(std::size_t) {
        if (skipping()) return skip();
        if (frames_.empty()) return wrong("not an object");
        auto& f = frames_.back();
        if (f.kind == Kind::Segments || f.kind == Kind::Leaves) return wrong("an array inside a list");
        if (!knownKey()) return skip();
        if (f.kind == Kind::Top && (key_ == "segments" || key_ == "leaves")) {
            seen(f);
            return push(key_ == "segments" ? Kind::Segments : Kind::Leaves, nullptr);
        }
        return wrong("an array");
    }
    bool end_array() {
        if (skipping()) return unskip();
        frames_.pop_back();
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) {
        error_ = e.what();
        return false;
    }

    [[nodiscard]] const std::string& error() const { return error_; }
    [[nodiscard]] bool complete() const { return done_; }

private:
    enum class Kind { Top, Punch, Segments, Segment, Leaves, Leave };
    struct Frame {
        Kind kind;
        rules::Punch* punch;
        unsigned seen = 0;      // bit per required key found
        unsigned required = 0;  // all bits of the required keys
    };
    // Required keys per object kind, in bit order.
    static constexpr std::array<std::string_view, 17> kTopKeys{
        "employee", "date", "status", "shift", "calendar_day", "late", "early", "worked", "overtime",
        "in", "out", "missing_in", "missing_out", "segments", "leaves", "overrun_of", "punches_considered"};
    static constexpr std::array<std::string_view, 5> kPunchKeys{"id", "at", "terminal", "source", "correction"};
    static constexpr std::array<std::string_view, 6> kSegmentKeys{"in", "out", "excused", "late", "early", "worked"};
    static constexpr std::array<std::string_view, 6> kLeaveKeys{"id", "type", "morning", "afternoon", "business_trip", "minutes"};

    static std::span<const std::string_view> keysOf(Kind k) {
        switch (k) {
            case Kind::Top: return kTopKeys;
            case Kind::Punch: return kPunchKeys;
            case Kind::Segment: return kSegmentKeys;
            case Kind::Leave: return kLeaveKeys;
            case Kind::Segments:
            case Kind::Leaves: break;
        }
        return {};
    }
    static unsigned requiredOf(Kind k) {
        const auto n = keysOf(k).size();
        const unsigned all = (1u << n) - 1;
        return k == Kind::Punch ? all & ~(1u << 4) : all;  // a punch's correction is optional
    }

    bool push(Kind kind, rules::Punch* punch) {
        frames_.push_back({kind, punch, 0, requiredOf(kind)});
        return true;
    }
    [[nodiscard]] bool skipping() const { return skipDepth_ > 0; }
    bool skip() {
        ++skipDepth_;
        return true;
    }
    bool unskip() {
        --skipDepth_;
        return true;
    }
    [[nodiscard]] bool knownKey() const {
        const auto keys = keysOf(frames_.back().kind);
        return std::find(keys.begin(), keys.end(), key_) != keys.end();
    }
    bool seen(Frame& f) {
        const auto keys = keysOf(f.kind);
        const auto it = std::find(keys.begin(), keys.end(), key_);
        if (it != keys.end()) f.seen |= 1u << static_cast<unsigned>(it - keys.begin());
        return true;
    }
    // A scalar under a key this reader does not know is skipped; under a known key it has the wrong type.
    bool unknownScalar() {
        const auto k = frames_.back().kind;
        if (k == Kind::Segments || k == Kind::Leaves) return wrong("a bare value in a list");
        return knownKey() ? wrong("a value of the wrong type") : true;
    }
    bool wrong(const char* what) {
        error_ = std::string(what) + (key_.empty() ? std::string() : " at '" + key_ + "'");
        return false;
    }
    bool integer(std::int64_t v) {
        if (skipping()) return true;
        if (frames_.empty()) return wrong("not an object");
        auto& f = frames_.back();
        const auto asInt = [&](int& slot) {
            if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) return wrong("an integer out of range");
            slot = static_cast<int>(v);
            return seen(f);
        };
        switch (f.kind) {
            case Kind::Top:
                if (key_ == "employee") r_.employee = EmployeeId(v);
                else if (key_ == "shift") r_.shift = ShiftId(v);
                else if (key_ == "overrun_of") r_.overrunOf = LeaveId(v);
                else if (key_ == "late") return asInt(r_.lateMinutes);
                else if (key_ == "early") return asInt(r_.earlyMinutes);
                else if (key_ == "worked") return asInt(r_.workedMinutes);
                else if (key_ == "overtime") return asInt(r_.overtimeMinutes);
                else if (key_ == "punches_considered") return asInt(r_.punchesConsidered);
                else return unknownScalar();
                return seen(f);
            case Kind::Punch:
                if (key_ == "id") f.punch->id = PunchId(v);
                else if (key_ == "terminal") f.punch->terminal = TerminalId(v);
                else if (key_ == "correction") f.punch->correction = CorrectionId(v);
                else return unknownScalar();
                return seen(f);
            case Kind::Segment: {
                auto& s = r_.segments.back();
                if (key_ == "late") return asInt(s.lateMinutes);
                if (key_ == "early") return asInt(s.earlyMinutes);
                if (key_ == "worked") return asInt(s.workedMinutes);
                return unknownScalar();
            }
            case Kind::Leave: {
                auto& l = r_.leaves.back();
                if (key_ == "id") l.id = LeaveId(v);
                else if (key_ == "minutes") return asInt(l.minutes);
                else return unknownScalar();
                return seen(f);
            }
            case Kind::Segments:
            case Kind::Leaves: break;
        }
        return wrong("a number inside an array");
    }

    rules::DayRecord& r_;
    std::vector<Frame> frames_;
    std::string key_;
    int skipDepth_ = 0;
    bool done_ = false;
    std::string error_;
};

}  // namespace

Result<rules::DayRecord> decodeDayRecord(std::string_view text) {
    rules::DayRecord r;
    DayRecordSax sax(r);
    bool ok = false;
    try {
        ok = json::sax_parse(text, &sax);
    } catch (const std::exception& e) {
        return fail("store.corrupt", std::string("a stored day record cannot be read: ") + e.what());
    }
    if (!ok || !sax.complete()) {
        return fail("store.corrupt", "a stored day record cannot be read: " + (sax.error().empty() ? "a missing field" : sax.error()));
    }
    // A punch belongs to the record's person; the key order in the text does not matter.
    const auto own = [&](std::optional<rules::Punch>& p) {
        if (p) p->employee = r.employee;
    };
    own(r.inPunch);
    own(r.outPunch);
    for (auto& s : r.segments) {
        own(s.in);
        own(s.out);
    }
    return r;
}

}  // namespace rollcall::store::detail
