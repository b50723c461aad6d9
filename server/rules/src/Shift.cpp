#include "rollcall/rules/Shift.hpp"

#include <string>

namespace rollcall::rules {
namespace {

std::unexpected<Error> invalid(const Shift& s, const std::string& what) {
    return fail("shift.invalid", "Shift '" + s.name + "': " + what);
}

std::string segmentName(std::size_t i) { return "segment " + std::to_string(i + 1); }

}  // namespace

Status Shift::validate() const {
    if (lateGraceMinutes < 0 || earlyGraceMinutes < 0) return invalid(*this, "grace minutes cannot be negative.");
    if (overtimeAfterMinutes && *overtimeAfterMinutes < 0) {
        return invalid(*this, "overtime cannot start before the shift ends.");
    }
    if (kind == ShiftKind::Flexible) {
        if (!flexible) return invalid(*this, "a flexible shift needs core hours and a required duration.");
        const auto& f = *flexible;
        if (f.coreEnd < f.coreStart) return invalid(*this, "the core hours end before they start.");
        if (f.window.to <= f.window.from) return invalid(*this, "the punch window ends before it starts.");
        if (f.coreStart < f.window.from || f.window.to < f.coreEnd) {
            return invalid(*this, "the core hours must lie inside the punch window.");
        }
        if (f.requiredMinutes <= 0 || f.requiredMinutes > f.window.to - f.window.from) {
            return invalid(*this, "the required duration must be positive and fit in the punch window.");
        }
        if (f.requiredMinutes < f.coreEnd - f.coreStart) {
            return invalid(*this, "the required duration is shorter than the core hours.");
        }
        return {};
    }
    if (segments.empty()) return invalid(*this, "a fixed shift needs at least one segment.");
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const auto& s = segments[i];
        const auto name = segmentName(i);
        if (s.end <= s.start) return invalid(*this, name + " ends at or before its start (use +1 for the next day).");
        if (s.end - s.start > 24 * 60) return invalid(*this, name + " is longer than 24 hours.");
        if (s.inWindow.to < s.inWindow.from) return invalid(*this, name + ": the in-window ends before it starts.");
        if (s.outWindow.to < s.outWindow.from) return invalid(*this, name + ": the out-window ends before it starts.");
        if (!s.inWindow.contains(s.start)) return invalid(*this, name + ": the in-window must contain the start.");
        if (!s.outWindow.contains(s.end)) return invalid(*this, name + ": the out-window must contain the end.");
        if (s.outWindow.from < s.inWindow.to) {
            return invalid(*this, name + ": the in-window and the out-window overlap; a punch must belong to one.");
        }
        if (i > 0 && s.inWindow.from <= segments[i - 1].outWindow.to) {
            return invalid(*this, name + " opens its in-window before " + segmentName(i - 1) +
                                      "'s out-window closes; a punch must belong to one window.");
        }
    }
    if (morningEnd || afternoonStart) {
        if (!morningEnd || !afternoonStart) return invalid(*this, "give both the morning end and the afternoon start.");
        if (*afternoonStart < *morningEnd) return invalid(*this, "the afternoon starts before the morning ends.");
        if (*morningEnd <= start() || end() <= *afternoonStart) {
            return invalid(*this, "the half-day split must lie inside the shift.");
        }
    }
    return {};
}

ShiftClock Shift::start() const {
    if (kind == ShiftKind::Flexible && flexible) return flexible->coreStart;
    return segments.empty() ? ShiftClock{} : segments.front().start;
}

ShiftClock Shift::end() const {
    if (kind == ShiftKind::Flexible && flexible) return flexible->coreEnd;
    return segments.empty() ? ShiftClock{} : segments.back().end;
}

int Shift::scheduledMinutes() const {
    if (kind == ShiftKind::Flexible && flexible) return flexible->requiredMinutes;
    int total = 0;
    for (const auto& s : segments) total += s.end - s.start;
    return total;
}

ShiftClock Shift::halfDayMorningEnd() const {
    if (morningEnd) return *morningEnd;
    if (kind == ShiftKind::Fixed && segments.size() > 1) return segments.front().end;
    // An out-window opening inside the shift marks the organisation's noon (12:00 for
    // 08:30-17:30 with out-window 12:00-23:59): the earliest a half day may end.
    if (kind == ShiftKind::Fixed && !segments.empty()) {
        const auto& s = segments.front();
        if (s.start < s.outWindow.from && s.outWindow.from < s.end) return s.outWindow.from;
    }
    return ShiftClock::fromMinutes(start().minutes() + (end() - start()) / 2);
}

ShiftClock Shift::halfDayAfternoonStart() const {
    if (afternoonStart) return *afternoonStart;
    if (kind == ShiftKind::Fixed && segments.size() > 1) return segments[1].start;
    return halfDayMorningEnd();
}

Shift makeFixedShift(ShiftId id, std::string name, ShiftSegment segment, int lateGrace, int earlyGrace,
                     std::optional<int> overtimeAfter) {
    Shift s;
    s.id = id;
    s.name = std::move(name);
    s.kind = ShiftKind::Fixed;
    s.segments.push_back(segment);
    s.lateGraceMinutes = lateGrace;
    s.earlyGraceMinutes = earlyGrace;
    s.overtimeAfterMinutes = overtimeAfter;
    return s;
}

}  // namespace rollcall::rules
