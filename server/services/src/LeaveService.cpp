#include "rollcall/services/LeaveService.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "rollcall/rules/LeaveRules.hpp"
#include "rollcall/store/CalendarRepository.hpp"
#include "rollcall/store/DirtyDayRepository.hpp"
#include "rollcall/store/EmployeeRepository.hpp"
#include "rollcall/store/LeavePolicyRepository.hpp"
#include "rollcall/store/LeaveRepository.hpp"

namespace rollcall::services {
namespace {

constexpr int kMaxMarkedDays = 400;

rules::Moment momentOf(const store::Store& store, Instant now) { return {now, store.timeZone().toLocal(now)}; }

Result<rules::LeaveRequest> load(store::Store& store, LeaveId id) {
    auto r = store::LeaveRepository(store).get(id);
    if (!r) return std::unexpected(r.error());
    if (!*r) return fail("leave.unknown", fmt::format("there is no leave request #{}", id.value()));
    return **r;
}

rules::LeaveBalance freshBalance(EmployeeId e, const std::string& type, int year, std::chrono::minutes quota) {
    rules::LeaveBalance b;
    b.employee = e;
    b.type = type;
    b.year = year;
    b.quota = quota;
    return b;
}

std::string names(const std::vector<store::Employee>& people) {
    std::string out;
    for (const auto& p : people) {
        if (!out.empty()) out += ", ";
        out += fmt::format("{} ({})", p.name, p.number);
    }
    return out.empty() ? "no one (ask HR to assign an approver)" : out;
}

}  // namespace

Status LeaveService::keepBalance(const std::optional<rules::LeaveRequest>& before, const rules::LeaveRequest& after) {
    auto policy = store::LeavePolicyRepository(store_).load();
    if (!policy) return std::unexpected(policy.error());
    const rules::LeaveType* type = policy->type(after.type);
    if (!type || !type->yearlyQuota) return {};
    store::LeavePolicyRepository repo(store_);
    const int year = after.period.start.year();
    auto current = repo.balance(after.employee, after.type, year);
    if (!current) return std::unexpected(current.error());
    rules::LeaveBalance balance = current->value_or(freshBalance(after.employee, after.type, year, *type->yearlyQuota));
    return repo.saveBalance(rules::applyTransition(balance, before, after));
}

Status LeaveService::markDays(const rules::LeaveRequest& r, LocalDate from, LocalDate to, const std::string& cause, Instant now) {
    if (to < from) return {};
    if (to - from > kMaxMarkedDays) to = from + kMaxMarkedDays;
    return store::DirtyDayRepository(store_).mark(r.employee, from, to, cause, now);
}

Result<rules::LeaveRequest> LeaveService::request(const LeaveInput& input, Instant now) {
    auto who = store::EmployeeRepository(store_).get(input.employee);
    if (!who) return std::unexpected(who.error());
    if (!*who || !(*who)->active) return fail("leave.unknown_employee", fmt::format("no active employee with id {}", input.employee.value()));
    return store_.write([&](sqlite::Database&) -> Result<rules::LeaveRequest> {
        auto policy = store::LeavePolicyRepository(store_).load();
        if (!policy) return std::unexpected(policy.error());
        auto calendar = store::CalendarRepository(store_).load(input.period.start - 1, input.period.end + 1);
        if (!calendar) return std::unexpected(calendar.error());
        store::LeaveFilter f;
        f.employee = input.employee;
        f.from = input.period.start - 1;
        f.to = input.period.end + 1;
        auto existing = store::LeaveRepository(store_).list(f);
        if (!existing) return std::unexpected(existing.error());
        std::optional<rules::LeaveBalance> balance;
        if (const auto* type = policy->type(input.type); type && type->yearlyQuota) {
            auto stored = store::LeavePolicyRepository(store_).balance(input.employee, input.type, input.period.start.year());
            if (!stored) return std::unexpected(stored.error());
            balance = stored->value_or(freshBalance(input.employee, input.type, input.period.start.year(), *type->yearlyQuota));
        }
        rules::LeaveDraft draft{LeaveId{}, input.employee, input.type, input.period, input.reason};
        auto submitted = rules::submitLeave(draft, *policy, *calendar, *existing, balance ? &*balance : nullptr, momentOf(store_, now));
        if (!submitted) return std::unexpected(submitted.error());
        auto id = store::LeaveRepository(store_).insert(*submitted, now);
        if (!id) return std::unexpected(id.error());
        submitted->id = *id;
        if (auto st = keepBalance(std::nullopt, *submitted); !st) return std::unexpected(st.error());
        return *submitted;
    });
}

Result<std::vector<store::Employee>> LeaveService::currentApprovers(LeaveId id) {
    auto r = load(store_, id);
    if (!r) return std::unexpected(r.error());
    const rules::ApprovalStep* step = r->currentStep();
    if (r->state != rules::LeaveState::Pending || !step) return std::vector<store::Employee>{};
    return store::EmployeeRepository(store_).approversFor(r->employee, step->role);
}

Result<rules::LeaveRequest> LeaveService::decide(LeaveId id, EmployeeId approver, bool approve, std::string reason, Instant now) {
    return store_.write([&](sqlite::Database&) -> Result<rules::LeaveRequest> {
        auto before = load(store_, id);
        if (!before) return std::unexpected(before.error());
        // A decision after the deadline must meet the escalated chain, not the stale one.
        auto policy = store::LeavePolicyRepository(store_).load();
        if (!policy) return std::unexpected(policy.error());
        rules::LeaveRequest current = rules::escalateOverdue(*before, *policy, now);
        const rules::ApprovalStep* step = current.currentStep();
        if (current.state != rules::LeaveState::Pending || !step) {
            return fail("leave.not_pending", fmt::format("leave request #{} is {}; there is nothing left to decide", id.value(),
                                                         rules::toString(current.state)));
        }
        auto allowed = store::EmployeeRepository(store_).approversFor(current.employee, step->role);
        if (!allowed) return std::unexpected(allowed.error());
        if (std::ranges::none_of(*allowed, [&](const store::Employee& e) { return e.id == approver; })) {
            return fail("leave.not_approver", fmt::format("leave request #{} waits for its {} step, which falls to {}",
                                                          id.value(), step->role, names(*allowed)));
        }
        auto decided = rules::decideStep(current, step->role, UserId(approver.value()), approve, std::move(reason), now);
        if (!decided) return std::unexpected(decided.error());
        if (auto st = store::LeaveRepository(store_).update(*decided, now); !st) return std::unexpected(st.error());
        if (auto st = keepBalance(*before, *decided); !st) return std::unexpected(st.error());
        if (decided->state == rules::LeaveState::Approved) {
            const std::string cause = fmt::format("leave #{} approved", id.value());
            if (auto st = markDays(*decided, decided->period.start, decided->period.end, cause, now); !st) return std::unexpected(st.error());
        }
        return *decided;
    });
}

Result<rules::LeaveRequest> LeaveService::approve(LeaveId id, EmployeeId approver, std::string reason, Instant now) {
    return decide(id, approver, true, std::move(reason), now);
}

Result<rules::LeaveRequest> LeaveService::reject(LeaveId id, EmployeeId approver, std::string reason, Instant now) {
    return decide(id, approver, false, std::move(reason), now);
}

Result<rules::LeaveRequest> LeaveService::cancel(LeaveId id, EmployeeId by, Instant now) {
    return store_.write([&](sqlite::Database&) -> Result<rules::LeaveRequest> {
        auto before = load(store_, id);
        if (!before) return std::unexpected(before.error());
        if (by != before->employee) {
            auto actor = store::EmployeeRepository(store_).get(by);
            if (!actor) return std::unexpected(actor.error());
            const bool staffOffice = *actor && ((*actor)->roles.contains(store::Role::Hr) || (*actor)->roles.contains(store::Role::Admin));
            if (!staffOffice) return fail("leave.not_allowed", "only the person on leave, HR or an administrator can cancel a leave");
        }
        auto cancelled = rules::cancelLeave(*before, momentOf(store_, now));
        if (!cancelled) return std::unexpected(cancelled.error());
        if (auto st = store::LeaveRepository(store_).update(*cancelled, now); !st) return std::unexpected(st.error());
        if (auto st = keepBalance(*before, *cancelled); !st) return std::unexpected(st.error());
        if (before->state == rules::LeaveState::Approved) {
            const std::string cause = fmt::format("leave #{} cancelled", id.value());
            if (auto st = markDays(*cancelled, cancelled->period.start, cancelled->period.end, cause, now); !st) return std::unexpected(st.error());
        }
        return *cancelled;
    });
}

Result<rules::LeaveRequest> LeaveService::reportBack(LeaveId id, Instant at, std::optional<EmployeeId> confirmedBy, Instant now) {
    return store_.write([&](sqlite::Database&) -> Result<rules::LeaveRequest> {
        auto before = load(store_, id);
        if (!before) return std::unexpected(before.error());
        std::optional<UserId> by;
        if (confirmedBy) by = UserId(confirmedBy->value());
        const LocalDateTime local = store_.timeZone().toLocal(at);
        auto back = rules::reportBack(*before, local, by);
        if (!back) return std::unexpected(back.error());
        if (auto st = store::LeaveRepository(store_).update(*back, now); !st) return std::unexpected(st.error());
        if (auto st = keepBalance(*before, *back); !st) return std::unexpected(st.error());
        auto policy = store::LeavePolicyRepository(store_).load();
        if (!policy) return std::unexpected(policy.error());
        // A late report-back closes the overrun at the day before it.
        if (auto overrun = rules::findOverrun(*back, *policy, local)) {
            if (auto rec = store::LeaveRepository(store_).recordOverrun(*overrun, now); !rec) return std::unexpected(rec.error());
        }
        // The leave now ends at the report-back: re-judge its days and any overrun days.
        const std::string cause = fmt::format("leave #{} reported back", id.value());
        const LocalDate last = std::max(back->period.end, local.date());
        if (auto st = markDays(*back, back->period.start, last, cause, now); !st) return std::unexpected(st.error());
        return *back;
    });
}

Result<std::optional<rules::LeaveRequest>> LeaveService::reportBackByPunch(EmployeeId employee, Instant at, Instant now) {
    const LocalDate day = store_.timeZone().toLocal(at).date();
    store::LeaveFilter f;
    f.employee = employee;
    f.state = rules::LeaveState::Approved;
    f.to = day;
    auto open = store::LeaveRepository(store_).list(f);
    if (!open) return std::unexpected(open.error());
    for (const auto& r : *open) {
        auto back = reportBack(r.id, at, std::nullopt, now);
        if (back) return std::optional<rules::LeaveRequest>(std::move(*back));
        if (back.error().code != "leave.not_started") return std::unexpected(back.error());
    }
    return std::optional<rules::LeaveRequest>{};
}

Result<TickReport> LeaveService::tick(Instant now) {
    return store_.write([&](sqlite::Database&) -> Result<TickReport> {
        TickReport report;
        auto policy = store::LeavePolicyRepository(store_).load();
        if (!policy) return std::unexpected(policy.error());
        store::LeaveRepository repo(store_);
        auto overdue = repo.withOverdueSteps(now);
        if (!overdue) return std::unexpected(overdue.error());
        for (const auto& r : *overdue) {
            rules::LeaveRequest escalated = rules::escalateOverdue(r, *policy, now);
            if (escalated == r) continue;
            if (auto st = repo.update(escalated, now); !st) return std::unexpected(st.error());
            ++report.escalated;
        }
        const LocalDateTime local = store_.timeZone().toLocal(now);
        auto open = repo.endedWithoutReportBack(local.date());
        if (!open) return std::unexpected(open.error());
        for (const auto& r : *open) {
            auto overrun = rules::findOverrun(r, *policy, local);
            if (!overrun) continue;
            ++report.openOverruns;
            auto isNew = repo.recordOverrun(*overrun, now);
            if (!isNew) return std::unexpected(isNew.error());
            if (*isNew) ++report.newOverruns;
            const std::string cause = fmt::format("leave #{} not reported back", r.id.value());
            const LocalDate from = *isNew ? overrun->firstDay : overrun->lastDay;
            if (auto st = markDays(r, from, overrun->lastDay, cause, now); !st) return std::unexpected(st.error());
        }
        return report;
    });
}

}  // namespace rollcall::services
