#include "rollcall/spotcheck/StoreDutyRoster.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "rollcall/rules/Roster.hpp"
#include "rollcall/store/CalendarRepository.hpp"
#include "rollcall/store/EmployeeRepository.hpp"
#include "rollcall/store/LeaveRepository.hpp"
#include "rollcall/store/PostRepository.hpp"
#include "rollcall/store/ScheduleRepository.hpp"

namespace rollcall::spotcheck {
namespace {

constexpr int kAll = 1'000'000;

bool inside(LocalDateTime t, rules::ShiftClock from, rules::ShiftClock to, LocalDate day) {
    return from.on(day) <= t && t <= to.on(day);
}

// Whether the shift that starts on `day` has the person at work at `t`.
bool attending(const rules::Shift& shift, LocalDate day, LocalDateTime t) {
    if (shift.kind == rules::ShiftKind::Flexible && shift.flexible) {
        return inside(t, shift.flexible->coreStart, shift.flexible->coreEnd, day);
    }
    return std::ranges::any_of(shift.segments, [&](const auto& s) { return inside(t, s.start, s.end, day); });
}

bool leaveCovers(const rules::LeavePeriod& p, LocalDateTime t) {
    const LocalDate d = t.date();
    if (!p.covers(d)) return false;
    if (p.hourly()) return *p.fromTime <= t.time() && t.time() < *p.toTime;
    return t.time() < LocalTime(12, 0) ? p.coversMorning(d) : p.coversAfternoon(d);
}

DutyKind offDuty(const rules::ScheduledDay& day) {
    switch (day.kind) {
        case rules::ScheduledDay::Kind::RestDay: return DutyKind::RestDay;
        case rules::ScheduledDay::Kind::Holiday: return DutyKind::Holiday;
        default: return DutyKind::NotOnShift;
    }
}

}  // namespace

Result<std::vector<PostId>> StoreDutyRoster::postsIn(const Scope& scope) {
    if (scope.kind == ScopeKind::Posts) return scope.posts;
    std::vector<PostId> out;
    store::PostRepository posts(store_);
    const auto add = [&](std::optional<DepartmentId> dept) -> Status {
        auto list = posts.list(dept);
        if (!list) return std::unexpected(list.error());
        for (const auto& p : *list) out.push_back(p.id);
        return {};
    };
    if (scope.kind == ScopeKind::Everyone) {
        if (auto st = add(std::nullopt); !st) return std::unexpected(st.error());
    } else {
        for (const auto dept : scope.departments) {
            if (auto st = add(dept); !st) return std::unexpected(st.error());
        }
    }
    std::ranges::sort(out);
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

Result<std::vector<PersonDuty>> StoreDutyRoster::dutyAt(const Scope& scope, Instant at) {
    {
        // Each repository call takes its own read; nesting them in one outer read would hold
        // two pooled readers at once.
        // The people: by post, or by department (and the departments below it), or everyone.
        std::vector<store::Employee> people;
        store::EmployeeRepository employees(store_);
        const auto take = [&](store::EmployeeFilter f) -> Status {
            f.active = true;
            f.limit = kAll;
            auto list = employees.list(f);
            if (!list) return std::unexpected(list.error());
            people.insert(people.end(), list->begin(), list->end());
            return {};
        };
        Status st;
        if (scope.kind == ScopeKind::Everyone) st = take({});
        for (const auto post : scope.posts) if (st) st = take({.post = post});
        for (const auto dept : scope.departments) if (st) st = take({.department = dept});
        if (!st) return std::unexpected(st.error());
        std::unordered_set<EmployeeId> seen;
        std::erase_if(people, [&](const store::Employee& e) { return !e.post || !seen.insert(e.id).second; });

        const LocalDateTime local = store_.timeZone().toLocal(at);
        const LocalDate today = local.date();
        auto calendar = store::CalendarRepository(store_).load(today - 1, today);
        if (!calendar) return std::unexpected(calendar.error());
        std::vector<EmployeeId> ids;
        for (const auto& e : people) ids.push_back(e.id);
        auto roster = store::ScheduleRepository(store_).roster(ids);
        if (!roster) return std::unexpected(roster.error());

        // Leave that excuses at this moment: approved, or reported back only after it.
        std::unordered_map<EmployeeId, rules::LeaveRequest> onLeave;
        store::LeaveRepository leaves(store_);
        for (auto state : {rules::LeaveState::Approved, rules::LeaveState::ReportedBack}) {
            auto list = leaves.list({.state = state, .from = today, .to = today, .limit = kAll});
            if (!list) return std::unexpected(list.error());
            for (auto& l : *list) {
                if (!leaveCovers(l.period, local)) continue;
                if (l.state == rules::LeaveState::ReportedBack && l.reportedBackAt && *l.reportedBackAt <= local) continue;
                onLeave.emplace(l.employee, std::move(l));
            }
        }

        std::vector<PersonDuty> out;
        out.reserve(people.size());
        for (const auto& e : people) {
            PersonDuty d{e.id, *e.post, e.department.value_or(DepartmentId{}), DutyKind::OnDuty, "", {}, {}};
            const auto day = roster->resolve(e.id, today, *calendar);
            const auto eve = roster->resolve(e.id, today - 1, *calendar);
            if (day.kind == rules::ScheduledDay::Kind::Shift && attending(*day.shift, today, local)) {
                d.shift = day.shift->id;
            } else if (eve.kind == rules::ScheduledDay::Kind::Shift && attending(*eve.shift, today - 1, local)) {
                d.shift = eve.shift->id;  // last night's shift still running
            } else {
                d.duty = offDuty(day);
                d.excuseRecord = day.kind == rules::ScheduledDay::Kind::Shift
                                     ? fmt::format("outside shift {} at {}", day.shift->id.value(), local.time().toString())
                                     : std::string(toString(d.duty));
            }
            if (auto l = onLeave.find(e.id); l != onLeave.end()) {
                d.duty = (l->second.type == "trip" || l->second.type == "business_trip") ? DutyKind::BusinessTrip
                                                                                         : DutyKind::ApprovedLeave;
                d.leave = l->second.id;
                d.excuseRecord = fmt::format("leave #{} ({}, {})", l->second.id.value(), l->second.type,
                                             l->second.period.describe());
            }
            out.push_back(std::move(d));
        }
        return out;
    }
}

}  // namespace rollcall::spotcheck
