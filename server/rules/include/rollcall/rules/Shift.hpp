#pragma once
// Shift: when a person is expected, and which punches count.
//  - fixed: one segment with an in-window and an out-window (08:30-17:30);
//  - crossing midnight: segment end beyond 24:00 (22:00-06:00+1); the day is the start's date;
//  - split: several segments, each with its own windows (morning and afternoon: four windows);
//  - flexible: core hours that must be covered plus a required duration, arrive any time in
//    the window.
// Overtime is counted only from `overtimeAfterMinutes` after the last segment's end.
#include <optional>
#include <string>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Ids.hpp"
#include "rollcall/rules/ShiftClock.hpp"

namespace rollcall::rules {

// [from, to], both inclusive, in shift-relative time.
struct PunchWindow {
    ShiftClock from;
    ShiftClock to;
    [[nodiscard]] constexpr bool contains(ShiftClock c) const { return from <= c && c <= to; }
    constexpr bool operator==(const PunchWindow&) const = default;
};

// One attended period: the person must be there from start to end.
struct ShiftSegment {
    ShiftClock start;
    ShiftClock end;
    PunchWindow inWindow;   // a punch here may be the in-punch (the first one counts)
    PunchWindow outWindow;  // a punch here may be the out-punch (the last one counts)
    constexpr bool operator==(const ShiftSegment&) const = default;
};

struct FlexibleHours {
    ShiftClock coreStart;        // must be present from here ...
    ShiftClock coreEnd;          // ... to here
    int requiredMinutes = 480;   // between in-punch and out-punch
    PunchWindow window;          // punches outside it do not count for this shift
    constexpr bool operator==(const FlexibleHours&) const = default;
};

enum class ShiftKind { Fixed, Flexible };

struct Shift {
    ShiftId id;
    std::string name;
    ShiftKind kind = ShiftKind::Fixed;
    std::vector<ShiftSegment> segments;      // Fixed: one, or several for a split shift
    std::optional<FlexibleHours> flexible;   // Flexible only
    int lateGraceMinutes = 0;    // arriving up to this late is not late (lateness counts from start)
    int earlyGraceMinutes = 0;   // leaving up to this early is not early leave
    // Overtime starts this many minutes after the shift's end; nullopt: no overtime counted.
    std::optional<int> overtimeAfterMinutes;
    // For a one-segment shift: where the morning ends and the afternoon starts, for half-day
    // leave (e.g. 12:00 and 13:00). Unset: the out-window's start when it lies inside the
    // segment (12:00 for 08:30-17:30 with out-window 12:00-23:59), else the midpoint. Split shifts use their
    // first segment as the morning and the rest as the afternoon.
    std::optional<ShiftClock> morningEnd;
    std::optional<ShiftClock> afternoonStart;

    // Checks that windows and segments are ordered and non-overlapping; the error names the
    // segment and what is wrong (code "shift.invalid").
    [[nodiscard]] Status validate() const;
    // The first attended moment and the last one (segments or flexible window).
    [[nodiscard]] ShiftClock start() const;
    [[nodiscard]] ShiftClock end() const;
    // Minutes the shift expects (sum of segments, or the required duration when flexible).
    [[nodiscard]] int scheduledMinutes() const;
    // The a.m. part [start, morningEnd] and the p.m. part [afternoonStart, end].
    [[nodiscard]] ShiftClock halfDayMorningEnd() const;
    [[nodiscard]] ShiftClock halfDayAfternoonStart() const;

    bool operator==(const Shift&) const = default;
};

// Convenience for the common fixed shift: start/end with windows, optional crossing of
// midnight taken from the ShiftClock values themselves.
[[nodiscard]] Shift makeFixedShift(ShiftId id, std::string name, ShiftSegment segment, int lateGrace,
                                   int earlyGrace, std::optional<int> overtimeAfter);

}  // namespace rollcall::rules
