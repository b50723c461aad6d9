#include "rollcall/services/CorrectionService.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "rollcall/store/CorrectionRepository.hpp"
#include "rollcall/store/DirtyDayRepository.hpp"
#include "rollcall/store/EmployeeRepository.hpp"

namespace rollcall::services {
namespace {

Result<store::Employee> person(store::Store& store, EmployeeId id) {
    auto e = store::EmployeeRepository(store).get(id);
    if (!e) return std::unexpected(e.error());
    if (!*e) return fail("employee.unknown", fmt::format("no employee with id {}", id.value()));
    return **e;
}

bool isHr(const store::Employee& e) { return e.roles.contains(store::Role::Hr) || e.roles.contains(store::Role::Admin); }

}  // namespace

Result<rules::Correction> CorrectionService::request(const CorrectionInput& input, Instant now) {
    auto subject = person(store_, input.employee);
    if (!subject) return std::unexpected(subject.error());
    if (input.requestedBy != input.employee) {
        auto requester = person(store_, input.requestedBy);
        if (!requester) return std::unexpected(requester.error());
        if (!isHr(*requester)) return fail("correction.not_allowed", "only the person themself or HR can ask for a correction");
    }
    return store_.write([&](sqlite::Database&) -> Result<rules::Correction> {
        store::CorrectionFilter f;
        f.employee = input.employee;
        f.from = input.day - 62;  // covers this and the previous calendar month for the monthly limit
        auto existing = store::CorrectionRepository(store_).list(f);
        if (!existing) return std::unexpected(existing.error());
        rules::Correction draft;
        draft.employee = input.employee;
        draft.day = input.day;
        draft.at = input.at;
        draft.kind = input.kind;
        draft.reason = input.reason;
        draft.requestedBy = UserId(input.requestedBy.value());
        draft.requestedAt = now;
        auto checked = rules::requestCorrection(draft, *existing, policy_, store_.timeZone().toLocal(now).date());
        if (!checked) return std::unexpected(checked.error());
        auto id = store::CorrectionRepository(store_).insert(*checked);
        if (!id) return std::unexpected(id.error());
        checked->id = *id;
        return *checked;
    });
}

Result<rules::Correction> CorrectionService::decide(CorrectionId id, EmployeeId approver, bool approve, std::string reason, Instant now) {
    return store_.write([&](sqlite::Database&) -> Result<rules::Correction> {
        auto stored = store::CorrectionRepository(store_).get(id);
        if (!stored) return std::unexpected(stored.error());
        if (!*stored) return fail("correction.unknown", fmt::format("there is no correction #{}", id.value()));
        const rules::Correction& c = **stored;
        if (approver == c.employee) return fail("correction.not_allowed", "nobody decides their own correction");
        auto actor = person(store_, approver);
        if (!actor) return std::unexpected(actor.error());
        auto heads = store::EmployeeRepository(store_).approversFor(c.employee, "department_head");
        if (!heads) return std::unexpected(heads.error());
        const bool isHead = std::ranges::any_of(*heads, [&](const store::Employee& e) { return e.id == approver; });
        if (!isHead && !isHr(*actor)) {
            return fail("correction.not_allowed",
                        fmt::format("{} is neither a head of the person's department nor HR, and cannot decide correction #{}",
                                    actor->name, id.value()));
        }
        auto decided = rules::decideCorrection(c, approve, UserId(approver.value()), std::move(reason), now);
        if (!decided) return std::unexpected(decided.error());
        if (auto st = store::CorrectionRepository(store_).decide(*decided); !st) return std::unexpected(st.error());
        if (decided->state == rules::CorrectionState::Approved) {
            const std::string cause = fmt::format("correction #{} approved", id.value());
            if (auto st = store::DirtyDayRepository(store_).mark(c.employee, c.day, c.day, cause, now); !st) {
                return std::unexpected(st.error());
            }
        }
        return *decided;
    });
}

Result<rules::Correction> CorrectionService::approve(CorrectionId id, EmployeeId approver, std::string reason, Instant now) {
    return decide(id, approver, true, std::move(reason), now);
}

Result<rules::Correction> CorrectionService::reject(CorrectionId id, EmployeeId approver, std::string reason, Instant now) {
    return decide(id, approver, false, std::move(reason), now);
}

}  // namespace rollcall::services
