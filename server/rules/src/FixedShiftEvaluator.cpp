// Fixed and split shifts: each segment has its in-window and out-window; the first punch in
// the in-window is the in-punch, the last punch in the out-window the out-punch.
#include <algorithm>

#include "DayContext.hpp"

namespace rollcall::rules {
namespace {

constexpr int kMinute = 60;

struct Windows {
    Interval in;
    Interval out;
};

// The segment's windows as half-open local intervals. A window "to 12:00" includes the whole
// minute 12:00 unless the next window starts at that minute. When leave moves an edge of the
// segment, the in/out boundary moves to the middle of what remains, so a person leaving
// early before an afternoon off is seen leaving, not arriving.
Windows windowsFor(const ShiftSegment& seg, LocalDate date, Interval required) {
    const auto inFrom = seg.inWindow.from.on(date);
    const auto outTo = seg.outWindow.to.on(date).plusSeconds(kMinute);
    auto boundaryIn = seg.inWindow.to.on(date).plusSeconds(kMinute);
    auto boundaryOut = seg.outWindow.from.on(date);
    if (boundaryOut < boundaryIn) boundaryIn = boundaryOut;
    const bool startMoved = required.from != seg.start.on(date);
    const bool endMoved = required.to != seg.end.on(date);
    if (startMoved || endMoved) {
        const auto mid = required.from.plusSeconds((required.to.seconds() - required.from.seconds()) / 2);
        LocalDateTime boundary = mid;
        if (startMoved && !endMoved) boundary = std::max(mid, boundaryIn);
        if (endMoved && !startMoved) boundary = std::min(mid, boundaryOut);
        boundaryIn = boundaryOut = boundary;
    }
    return {{inFrom, boundaryIn}, {boundaryOut, outTo}};
}

}  // namespace

void evaluateFixedShift(const DayContext& ctx, DayRecord& record) {
    const Shift& shift = *ctx.shift;
    int punchedSegments = 0;
    int absentSegments = 0;
    bool anyExcused = false;
    for (const auto& seg : shift.segments) {
        SegmentRecord out;
        const Interval span{seg.start.on(ctx.date), seg.end.on(ctx.date)};
        const auto pieces = subtract(span, ctx.excused);
        if (pieces.empty()) {
            out.excused = true;
            anyExcused = true;
            record.segments.push_back(out);
            continue;
        }
        if (pieces.front().from != span.from || pieces.back().to != span.to) anyExcused = true;
        const Interval required{pieces.front().from, pieces.back().to};
        const auto w = windowsFor(seg, ctx.date, required);
        for (const auto& p : ctx.punches) {
            if (!out.in && w.in.contains(p.at)) out.in = p;
            if (w.out.contains(p.at)) out.out = p;
        }
        if (out.in) {
            out.lateMinutes = beyondGrace(wholeMinutes(required.from, out.in->at), shift.lateGraceMinutes);
        }
        if (out.out) {
            out.earlyMinutes = beyondGrace(wholeMinutes(out.out->at, required.to), shift.earlyGraceMinutes);
        }
        if (out.in && out.out) {
            for (const auto& piece : pieces) {
                const auto from = std::max(piece.from, out.in->at);
                const auto to = std::min(piece.to, out.out->at);
                out.workedMinutes += wholeMinutes(from, to);
            }
        }
        if (out.in || out.out) ++punchedSegments;
        else ++absentSegments;
        record.lateMinutes += out.lateMinutes;
        record.earlyMinutes += out.earlyMinutes;
        record.workedMinutes += out.workedMinutes;
        record.missingIn = record.missingIn || (out.out && !out.in);
        record.missingOut = record.missingOut || (out.in && !out.out);
        if (out.in && !record.inPunch) record.inPunch = out.in;
        if (out.out) record.outPunch = out.out;
        record.segments.push_back(out);
    }

    const auto& last = record.segments.back();
    if (shift.overtimeAfterMinutes && last.out && !last.excused) {
        const auto from = shift.segments.back().end.on(ctx.date).plusMinutes(*shift.overtimeAfterMinutes);
        record.overtimeMinutes = wholeMinutes(from, last.out->at);
    }

    if (punchedSegments == 0) {
        record.status = anyExcused ? DayStatus::HalfDayAbsent : DayStatus::Absent;
    } else if (absentSegments > 0) {
        record.status = DayStatus::HalfDayAbsent;
    } else if (record.missingIn) {
        record.status = DayStatus::MissingIn;
    } else if (record.missingOut) {
        record.status = DayStatus::MissingOut;
    } else if (record.lateMinutes > 0 && record.earlyMinutes > 0) {
        record.status = DayStatus::LateAndEarly;
    } else if (record.lateMinutes > 0) {
        record.status = DayStatus::Late;
    } else if (record.earlyMinutes > 0) {
        record.status = DayStatus::EarlyLeave;
    } else {
        record.status = DayStatus::Present;
    }
}

}  // namespace rollcall::rules
