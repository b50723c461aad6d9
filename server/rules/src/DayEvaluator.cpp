#include "rollcall/rules/DayEvaluator.hpp"

#include <algorithm>

#include "DayContext.hpp"
#include "rollcall/rules/LeaveRules.hpp"

namespace rollcall::rules {
namespace {

const LeavePolicy& defaultPolicy() {
    static const LeavePolicy policy = LeavePolicy::standard();
    return policy;
}

// The moments the previous day's shift may still claim as its out-punches (a night shift
// ending this morning): [its last out-window start, its end].
std::optional<Interval> previousClaim(const ScheduledDay& prev, LocalDate date) {
    if (prev.kind != ScheduledDay::Kind::Shift || !prev.shift) return std::nullopt;
    const LocalDate prevDate = date - 1;
    const Shift& s = *prev.shift;
    Interval claim;
    if (s.kind == ShiftKind::Flexible && s.flexible) {
        claim = {s.flexible->window.from.on(prevDate), s.flexible->window.to.on(prevDate).plusSeconds(60)};
    } else if (!s.segments.empty()) {
        claim = {s.segments.back().outWindow.from.on(prevDate),
                 s.segments.back().outWindow.to.on(prevDate).plusSeconds(60)};
    } else {
        return std::nullopt;
    }
    if (claim.to <= LocalDateTime(date, LocalTime{})) return std::nullopt;
    return claim;
}

std::vector<Punch> effectivePunches(const DayInputs& in) {
    std::vector<Punch> punches;
    punches.reserve(in.punches.size() + in.corrections.size());
    for (const auto& p : in.punches) {
        if (p.employee == in.employee) punches.push_back(p);
    }
    for (const auto& c : in.corrections) {
        if (c.employee != in.employee) continue;
        if (auto p = correctionPunch(c)) punches.push_back(*p);
    }
    std::ranges::sort(punches, punchBefore);
    // The same stored punch handed in twice is one punch.
    const auto dup = std::ranges::unique(punches);
    punches.erase(dup.begin(), dup.end());
    if (auto claim = previousClaim(in.previousDay, in.date)) {
        std::erase_if(punches, [&](const Punch& p) { return claim->contains(p.at); });
    }
    return punches;
}

// Whether `leave` still covers `date`: a leave that was reported back (销假) ends on the
// report-back date.
bool coversDate(const LeaveRequest& leave, LocalDate date) {
    if (!leave.excuses() || !leave.period.covers(date)) return false;
    return !(leave.reportedBackAt && leave.reportedBackAt->date() < date);
}

void collectLeave(const DayInputs& in, const LeavePolicy& policy, DayRecord& record, std::vector<Interval>& excused) {
    const Shift* shift = in.schedule.kind == ScheduledDay::Kind::Shift ? in.schedule.shift : nullptr;
    for (const auto& leave : in.leaves) {
        if (leave.employee != in.employee || !coversDate(leave, in.date)) continue;
        LeaveOnDay on;
        on.id = leave.id;
        on.type = leave.type;
        const auto* type = policy.type(leave.type);
        on.businessTrip = type && type->businessTrip;
        on.morning = leave.period.coversMorning(in.date);
        on.afternoon = leave.period.coversAfternoon(in.date);
        if (shift) {
            const auto start = shift->start().on(in.date);
            const auto end = shift->end().on(in.date);
            Interval cut;
            if (leave.period.hourly()) {
                cut = {LocalDateTime(in.date, *leave.period.fromTime), LocalDateTime(in.date, *leave.period.toTime)};
            } else if (on.morning && on.afternoon) {
                cut = {start, end};
            } else if (on.morning) {
                cut = {start, shift->halfDayMorningEnd().on(in.date)};
            } else {
                cut = {shift->halfDayAfternoonStart().on(in.date), end};
            }
            // For flexible shifts, leave excuses time inside the whole punch window.
            if (shift->kind == ShiftKind::Flexible && on.morning && on.afternoon && !leave.period.hourly()) {
                cut = {shift->flexible->window.from.on(in.date), shift->flexible->window.to.on(in.date)};
            }
            // Reporting back (销假) ends the leave at that moment: the rest of the day is work.
            if (leave.reportedBackAt && leave.reportedBackAt->date() == in.date && *leave.reportedBackAt < cut.to) {
                cut.to = std::max(cut.from, *leave.reportedBackAt);
                if (cut.empty()) continue;
                on.morning = on.morning && start < cut.to;
                on.afternoon = on.afternoon && shift->halfDayAfternoonStart().on(in.date) < cut.to;
            }
            on.minutes = wholeMinutes(std::max(cut.from, start), std::min(cut.to, end));
            excused.push_back(cut);
        }
        record.leaves.push_back(on);
    }
    std::ranges::sort(record.leaves, {}, &LeaveOnDay::id);
    std::ranges::sort(excused, [](const Interval& a, const Interval& b) {
        return std::pair(a.from, a.to) < std::pair(b.from, b.to);
    });
}

// Off days: punches are work the person chose to do; it all counts as overtime.
void evaluateOffDay(const std::vector<Punch>& punches, LocalDate date, DayRecord& record) {
    const Interval day{LocalDateTime(date, LocalTime{}), LocalDateTime(date + 1, LocalTime{})};
    std::optional<Punch> first;
    std::optional<Punch> last;
    for (const auto& p : punches) {
        if (!day.contains(p.at)) continue;
        if (!first) first = p;
        last = p;
    }
    if (first && last && last->at.seconds() - first->at.seconds() >= 60) {
        record.inPunch = first;
        record.outPunch = last;
        record.workedMinutes = wholeMinutes(first->at, last->at);
        record.overtimeMinutes = record.workedMinutes;
    }
}

void judgeOverrun(const DayInputs& in, const LeavePolicy& policy, DayRecord& record) {
    if (!in.asOf || record.status != DayStatus::Absent) return;
    for (const auto& leave : in.leaves) {
        if (leave.employee != in.employee) continue;
        auto overrun = findOverrun(leave, policy, *in.asOf);
        if (overrun && overrun->firstDay <= in.date && in.date <= overrun->lastDay) {
            record.overrunOf = leave.id;
            return;
        }
    }
}

int countDistinctMoments(const std::vector<Punch>& punches, LocalDateTime from, LocalDateTime to) {
    int n = 0;
    std::optional<LocalDateTime> prev;
    for (const auto& p : punches) {
        if (p.at < from || !(p.at < to)) continue;
        if (!prev || p.at.seconds() - prev->seconds() >= 60) ++n;
        prev = p.at;
    }
    return n;
}

}  // namespace

std::string_view toString(DayStatus s) {
    switch (s) {
        case DayStatus::Present: return "present";
        case DayStatus::Late: return "late";
        case DayStatus::EarlyLeave: return "early leave";
        case DayStatus::LateAndEarly: return "late and early";
        case DayStatus::Absent: return "absent";
        case DayStatus::HalfDayAbsent: return "half-day absent";
        case DayStatus::MissingIn: return "missing in-punch";
        case DayStatus::MissingOut: return "missing out-punch";
        case DayStatus::OnLeave: return "on leave";
        case DayStatus::BusinessTrip: return "business trip";
        case DayStatus::RestDay: return "rest day";
        case DayStatus::Holiday: return "holiday";
        case DayStatus::NotRostered: return "not rostered";
    }
    return "unknown";
}

DayRecord evaluateDay(const DayInputs& in) {
    const LeavePolicy& policy = in.policy ? *in.policy : defaultPolicy();
    DayRecord record;
    record.employee = in.employee;
    record.date = in.date;
    record.calendarDay = in.schedule.calendarDay;

    const auto punches = effectivePunches(in);
    std::vector<Interval> excused;
    collectLeave(in, policy, record, excused);

    const Shift* planned = in.schedule.shift;
    const bool usable = planned && (planned->kind == ShiftKind::Flexible ? planned->flexible.has_value()
                                                                         : !planned->segments.empty());
    // A shift that cannot be evaluated (hand-built inputs; the Roster validates its shifts)
    // is treated as no schedule rather than guessed at.
    switch (usable || in.schedule.kind != ScheduledDay::Kind::Shift ? in.schedule.kind
                                                                     : ScheduledDay::Kind::NotRostered) {
        case ScheduledDay::Kind::NotRostered:
            record.status = DayStatus::NotRostered;
            return record;
        case ScheduledDay::Kind::Holiday:
        case ScheduledDay::Kind::RestDay:
            record.status = in.schedule.kind == ScheduledDay::Kind::Holiday ? DayStatus::Holiday : DayStatus::RestDay;
            evaluateOffDay(punches, in.date, record);
            return record;
        case ScheduledDay::Kind::Shift:
            break;
    }
    const Shift& shift = *in.schedule.shift;
    record.shift = shift.id;
    DayContext ctx{in.date, &shift, punches, std::move(excused)};
    const bool wholeDayLeave = !record.leaves.empty() &&
        subtract({shift.start().on(in.date), shift.end().on(in.date)}, ctx.excused).empty();
    if (shift.kind == ShiftKind::Flexible) evaluateFlexibleShift(ctx, record);
    else evaluateFixedShift(ctx, record);
    if (wholeDayLeave) {
        const bool trip = std::ranges::all_of(record.leaves, &LeaveOnDay::businessTrip);
        record.status = trip ? DayStatus::BusinessTrip : DayStatus::OnLeave;
    }
    record.punchesConsidered = countDistinctMoments(
        punches, shift.kind == ShiftKind::Flexible ? shift.flexible->window.from.on(in.date)
                                                   : shift.segments.front().inWindow.from.on(in.date),
        shift.kind == ShiftKind::Flexible ? shift.flexible->window.to.on(in.date).plusSeconds(60)
                                          : shift.segments.back().outWindow.to.on(in.date).plusSeconds(60));
    judgeOverrun(in, policy, record);
    return record;
}

std::vector<DayRecord> evaluatePeriod(const PeriodInputs& in) {
    std::vector<DayRecord> out;
    if (!in.roster || !in.calendar || in.to < in.from) return out;
    std::vector<Punch> punches;
    punches.reserve(in.punches.size() + in.corrections.size());
    for (const auto& p : in.punches) {
        if (p.employee == in.employee) punches.push_back(p);
    }
    for (const auto& c : in.corrections) {
        if (c.employee != in.employee) continue;
        if (auto p = correctionPunch(c)) punches.push_back(*p);
    }
    std::ranges::sort(punches, punchBefore);
    std::vector<LeaveRequest> leaves;
    for (const auto& l : in.leaves) {
        if (l.employee == in.employee) leaves.push_back(l);
    }

    out.reserve(static_cast<std::size_t>(in.to - in.from + 1));
    ScheduledDay previous = in.roster->resolve(in.employee, in.from - 1, *in.calendar);
    for (LocalDate d = in.from; d <= in.to; ++d) {
        const ScheduledDay today = in.roster->resolve(in.employee, d, *in.calendar);
        // A day's windows reach at most one day either side of its date.
        const auto lo = std::ranges::lower_bound(punches, LocalDateTime(d - 1, LocalTime{}), {}, &Punch::at);
        const auto hi = std::ranges::lower_bound(punches, LocalDateTime(d + 2, LocalTime{}), {}, &Punch::at);
        DayInputs day;
        day.employee = in.employee;
        day.date = d;
        day.schedule = today;
        day.previousDay = previous;
        day.punches = std::span<const Punch>(lo, hi);
        day.leaves = leaves;
        day.policy = in.policy;
        day.asOf = in.asOf;
        out.push_back(evaluateDay(day));
        previous = today;
    }
    return out;
}

}  // namespace rollcall::rules
