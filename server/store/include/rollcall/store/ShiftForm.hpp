#pragma once
// A shift as people write it (the API's JSON, the shift CSV): the kind they mean (fixed,
// split, night, flexible), the attended times, and punch windows that may be left out.
// build() fills the windows people leave out, checks that the times match the kind, and
// returns the rules' Shift (validated). kindOf() names the kind of a stored shift.
//
// Default windows: the first in-window opens 2 hours before the start, the last out-window
// closes 6 hours after the end, each segment's windows meet at its midpoint, and the gap
// between two segments is shared at its middle. A flexible shift's punch window defaults to
// 3 hours before the core start until 6 hours after the core end.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/rules/Shift.hpp"

namespace rollcall::store {

struct SegmentForm {
    rules::ShiftClock start;
    rules::ShiftClock end;
    std::optional<rules::ShiftClock> inFrom, inTo, outFrom, outTo;
};

struct CoreForm {
    rules::ShiftClock start;
    rules::ShiftClock end;
    std::optional<int> requiredMinutes;  // default: 480, or the core length when longer
    std::optional<rules::ShiftClock> windowFrom, windowTo;
};

struct ShiftForm {
    ShiftId id;
    std::string name;
    std::optional<std::string> kind;  // "fixed", "split", "night" or "flexible"; unset: from the times
    std::vector<SegmentForm> segments;
    std::optional<CoreForm> core;     // flexible shifts only
    int lateGraceMinutes = 0;
    int earlyGraceMinutes = 0;
    std::optional<int> overtimeAfterMinutes;
    std::optional<rules::ShiftClock> morningEnd, afternoonStart;

    // Errors: "shift.invalid" with the field at fault ("kind", "segments", "core", "name").
    [[nodiscard]] Result<rules::Shift> build() const;
};

// "fixed" (one segment within its day), "night" (one segment past midnight), "split"
// (several segments) or "flexible".
[[nodiscard]] std::string_view kindOf(const rules::Shift& shift);
[[nodiscard]] bool isShiftKind(std::string_view kind);

}  // namespace rollcall::store
