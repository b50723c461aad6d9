#include "rollcall/store/ShiftForm.hpp"

#include <fmt/format.h>

namespace rollcall::store {
namespace {

using rules::ShiftClock;

constexpr int kInBefore = 120;
constexpr int kOutAfter = 360;
constexpr int kFlexBefore = 180;

std::unexpected<Error> invalid(const std::string& name, std::string_view field, const std::string& what) {
    return fail("shift.invalid", fmt::format("Shift '{}': {}", name, what), std::string(field));
}

std::string_view kindFromTimes(const ShiftForm& f) {
    if (f.core) return "flexible";
    if (f.segments.size() > 1) return "split";
    if (!f.segments.empty() && f.segments.front().end.minutes() > 1440) return "night";
    return "fixed";
}

}  // namespace

bool isShiftKind(std::string_view kind) {
    return kind == "fixed" || kind == "split" || kind == "night" || kind == "flexible";
}

std::string_view kindOf(const rules::Shift& shift) {
    if (shift.kind == rules::ShiftKind::Flexible) return "flexible";
    if (shift.segments.size() > 1) return "split";
    if (!shift.segments.empty() && shift.segments.front().end.minutes() > 1440) return "night";
    return "fixed";
}

Result<rules::Shift> ShiftForm::build() const {
    if (name.empty()) return invalid(name, "name", "a shift needs a name.");
    const std::string_view implied = kindFromTimes(*this);
    if (kind && !isShiftKind(*kind)) {
        return invalid(name, "kind", fmt::format("unknown kind '{}'; expected fixed, split, night or flexible.", *kind));
    }
    const std::string_view k = kind ? std::string_view(*kind) : implied;
    if (k == "flexible") {
        if (!core) return invalid(name, "core", "a flexible shift needs core hours (core start and end).");
        if (!segments.empty()) return invalid(name, "segments", "a flexible shift has core hours, not segments.");
    } else {
        if (core) return invalid(name, "core", fmt::format("a {} shift has segments, not core hours.", k));
        if (segments.empty()) return invalid(name, "segments", fmt::format("a {} shift needs a start and an end.", k));
        if (k == "split" && segments.size() < 2) return invalid(name, "segments", "a split shift needs at least two segments.");
        if (k != "split" && segments.size() > 1) {
            return invalid(name, "kind", fmt::format("a {} shift has one segment; several segments make a split shift.", k));
        }
        const bool crosses = segments.front().end.minutes() > 1440;
        if (k == "night" && !crosses) {
            return invalid(name, "segments", "a night shift ends after midnight: write its end as HH:MM+1 (e.g. 06:00+1).");
        }
        if (k == "fixed" && crosses) return invalid(name, "kind", "this shift ends after midnight: its kind is night.");
    }

    rules::Shift s;
    s.id = id;
    s.name = name;
    s.lateGraceMinutes = lateGraceMinutes;
    s.earlyGraceMinutes = earlyGraceMinutes;
    s.overtimeAfterMinutes = overtimeAfterMinutes;
    s.morningEnd = morningEnd;
    s.afternoonStart = afternoonStart;
    if (k == "flexible") {
        s.kind = rules::ShiftKind::Flexible;
        rules::FlexibleHours h;
        h.coreStart = core->start;
        h.coreEnd = core->end;
        h.requiredMinutes = core->requiredMinutes.value_or(std::max(480, core->end - core->start));
        h.window = {core->windowFrom.value_or(core->start - kFlexBefore), core->windowTo.value_or(core->end + kOutAfter)};
        s.flexible = h;
    } else {
        for (std::size_t i = 0; i < segments.size(); ++i) {
            const auto& g = segments[i];
            if (g.end <= g.start) {
                return invalid(name, "segments", fmt::format("segment {} ends at or before its start (use +1 for the next day).", i + 1));
            }
            const ShiftClock mid = g.start + (g.end - g.start) / 2;
            ShiftClock opens = g.start - kInBefore;
            ShiftClock closes = g.end + kOutAfter;
            if (i > 0) {
                const auto& prev = segments[i - 1];
                opens = prev.end + (g.start - prev.end) / 2 + 1;
            }
            if (i + 1 < segments.size()) {
                const auto& next = segments[i + 1];
                closes = g.end + (next.start - g.end) / 2;
            }
            s.segments.push_back({g.start, g.end, {g.inFrom.value_or(opens), g.inTo.value_or(mid)},
                                  {g.outFrom.value_or(mid), g.outTo.value_or(closes)}});
        }
    }
    if (auto v = s.validate(); !v) {
        Error e = v.error();
        e.field = k == "flexible" ? "core" : "segments";
        return std::unexpected(e);
    }
    return s;
}

}  // namespace rollcall::store
