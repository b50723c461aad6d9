// Flexible shifts: arrive any time in the window, cover the core hours, and stay the required
// duration. Leave shortens the core hours and the required duration by the time it covers.
#include <algorithm>

#include "DayContext.hpp"

namespace rollcall::rules {

void evaluateFlexibleShift(const DayContext& ctx, DayRecord& record) {
    const Shift& shift = *ctx.shift;
    const FlexibleHours& flex = *shift.flexible;
    SegmentRecord seg;
    const Interval window{flex.window.from.on(ctx.date), flex.window.to.on(ctx.date).plusSeconds(60)};
    const Interval core{flex.coreStart.on(ctx.date), flex.coreEnd.on(ctx.date)};

    int excusedMinutes = 0;
    for (const auto& e : ctx.excused) {
        const auto from = std::max(e.from, window.from);
        const auto to = std::min(e.to, window.to);
        excusedMinutes += wholeMinutes(from, to);
    }
    const int required = std::max(0, flex.requiredMinutes - excusedMinutes);
    const auto corePieces = subtract(core, ctx.excused);
    if (required == 0) {
        seg.excused = true;
        record.segments.push_back(seg);
        record.status = DayStatus::OnLeave;
        return;
    }

    for (const auto& p : ctx.punches) {
        if (!window.contains(p.at)) continue;
        if (!seg.in) seg.in = p;
        // The same moment twice (two terminals) is one punch, not an in and an out.
        else if (p.at.seconds() - seg.in->at.seconds() >= 60) seg.out = p;
    }
    if (seg.in && !corePieces.empty()) {
        seg.lateMinutes = beyondGrace(wholeMinutes(corePieces.front().from, seg.in->at), shift.lateGraceMinutes);
    }
    if (seg.in && seg.out) {
        seg.workedMinutes = wholeMinutes(seg.in->at, seg.out->at);
        int early = corePieces.empty() ? 0 : wholeMinutes(seg.out->at, corePieces.back().to);
        early = std::max(early, required - seg.workedMinutes);
        seg.earlyMinutes = beyondGrace(early, shift.earlyGraceMinutes);
        if (shift.overtimeAfterMinutes) {
            record.overtimeMinutes = std::max(0, seg.workedMinutes - required - *shift.overtimeAfterMinutes);
        }
    }
    record.lateMinutes = seg.lateMinutes;
    record.earlyMinutes = seg.earlyMinutes;
    record.workedMinutes = seg.workedMinutes;
    record.inPunch = seg.in;
    record.outPunch = seg.out;
    record.missingOut = seg.in && !seg.out;
    record.segments.push_back(seg);

    if (!seg.in) {
        record.status = excusedMinutes > 0 ? DayStatus::HalfDayAbsent : DayStatus::Absent;
    } else if (!seg.out) {
        record.status = DayStatus::MissingOut;
    } else if (seg.lateMinutes > 0 && seg.earlyMinutes > 0) {
        record.status = DayStatus::LateAndEarly;
    } else if (seg.lateMinutes > 0) {
        record.status = DayStatus::Late;
    } else if (seg.earlyMinutes > 0) {
        record.status = DayStatus::EarlyLeave;
    } else {
        record.status = DayStatus::Present;
    }
}

}  // namespace rollcall::rules
