#pragma once
// Leave (请销假) as the edges use it: request, approve / reject a step, cancel, report back,
// and tick(now), which escalates steps past their deadline (限时办结) and records overruns of
// leave not reported back in time (the overrun days become absences on re-evaluation).
// Every change that affects attendance queues the affected person-days for re-evaluation.
// The acting person is an EmployeeId; in the rules' records it appears as UserId(employee).
#include <optional>
#include <string>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/rules/LeaveRequest.hpp"
#include "rollcall/store/Organisation.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::services {

struct LeaveInput {
    EmployeeId employee;
    std::string type;
    rules::LeavePeriod period;
    std::string reason;
};

struct TickReport {
    int escalated = 0;     // requests whose current step ran out and moved on
    int newOverruns = 0;   // leaves found not reported back for the first time
    int openOverruns = 0;  // leaves still not reported back past their deadline
};

class LeaveService {
public:
    explicit LeaveService(store::Store& store) : store_(store) {}

    Result<rules::LeaveRequest> request(const LeaveInput& input, Instant now);
    // The approver must be one of approversFor(the current step).
    Result<rules::LeaveRequest> approve(LeaveId id, EmployeeId approver, std::string reason, Instant now);
    Result<rules::LeaveRequest> reject(LeaveId id, EmployeeId approver, std::string reason, Instant now);
    // By the person themself, or by someone with the hr or admin role.
    Result<rules::LeaveRequest> cancel(LeaveId id, EmployeeId by, Instant now);
    // Reporting back (销假) at `at`: by the person (confirmedBy empty: a terminal or their own
    // UI) or confirmed by someone else.
    Result<rules::LeaveRequest> reportBack(LeaveId id, Instant at, std::optional<EmployeeId> confirmedBy, Instant now);
    // A verification at a terminal at `at` reports the person back from the approved leave
    // that had started by then, if there is one (nullopt otherwise). For the punch ingest path.
    Result<std::optional<rules::LeaveRequest>> reportBackByPunch(EmployeeId employee, Instant at, Instant now);
    // Who may decide the request's current step (empty when nothing is pending).
    Result<std::vector<store::Employee>> currentApprovers(LeaveId id);
    Result<TickReport> tick(Instant now);

private:
    Result<rules::LeaveRequest> decide(LeaveId id, EmployeeId approver, bool approve, std::string reason, Instant now);
    Status keepBalance(const std::optional<rules::LeaveRequest>& before, const rules::LeaveRequest& after);
    Status markDays(const rules::LeaveRequest& r, LocalDate from, LocalDate to, const std::string& cause, Instant now);

    store::Store& store_;
};

}  // namespace rollcall::services
