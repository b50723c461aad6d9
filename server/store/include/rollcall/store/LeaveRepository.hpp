#pragma once
// Leave requests with their approval steps (stored as rules::LeaveRequest), and the
// overrun findings the leave service records when someone does not report back in time.
#include <optional>
#include <string>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/rules/LeaveRequest.hpp"
#include "rollcall/rules/LeaveRules.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::store {

struct LeaveFilter {
    std::optional<EmployeeId> employee{};
    std::optional<DepartmentId> department{};        // the person's department and those below it
    std::optional<rules::LeaveState> state{};
    std::optional<LocalDate> from{};                  // periods that end on or after `from`
    std::optional<LocalDate> to{};                    // ... and start on or before `to`
    int limit = 1000;
    int offset = 0;
};

struct StoredOverrun {
    rules::LeaveOverrun overrun;
    Instant foundAt;
};

class LeaveRepository {
public:
    explicit LeaveRepository(Store& store) : store_(store) {}

    // Stores a new request (its id is assigned here) with its steps.
    Result<LeaveId> insert(const rules::LeaveRequest& request, Instant now);
    // Replaces the stored request and its steps (by id).
    Status update(const rules::LeaveRequest& request, Instant now);
    Result<std::optional<rules::LeaveRequest>> get(LeaveId id);
    // Ordered by start date, then id.
    Result<std::vector<rules::LeaveRequest>> list(const LeaveFilter& filter);
    // Pending requests whose current step's deadline is before `now`.
    Result<std::vector<rules::LeaveRequest>> withOverdueSteps(Instant now);
    // Approved (not yet reported back) requests whose period ended before `date`.
    Result<std::vector<rules::LeaveRequest>> endedWithoutReportBack(LocalDate date);

    // Inserts or extends the overrun of a leave; returns true when it is new.
    Result<bool> recordOverrun(const rules::LeaveOverrun& overrun, Instant now);
    Result<std::vector<StoredOverrun>> overruns(std::optional<EmployeeId> employee = std::nullopt);

private:
    Store& store_;
};

}  // namespace rollcall::store
