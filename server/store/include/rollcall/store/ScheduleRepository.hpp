#pragma once
// Shifts, shift patterns and roster assignments, stored as the rules' own types, and the
// rules::Roster built from them for evaluation.
#include <optional>
#include <span>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/rules/Roster.hpp"
#include "rollcall/rules/Shift.hpp"
#include "rollcall/rules/ShiftPattern.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::store {

struct StoredAssignment {
    std::int64_t id = 0;
    rules::RosterAssignment assignment;
};

class ScheduleRepository {
public:
    explicit ScheduleRepository(Store& store) : store_(store) {}

    // Insert (id 0) or replace (by id). The shift must pass Shift::validate().
    Result<ShiftId> saveShift(const rules::Shift& shift);
    Result<std::vector<rules::Shift>> shifts();
    Result<std::optional<rules::Shift>> shift(ShiftId id);

    // Insert (id 0) or replace; the pattern must validate and name stored shifts.
    Result<rules::PatternId> savePattern(const rules::ShiftPattern& pattern);
    Result<std::vector<rules::ShiftPattern>> patterns();

    // Refuses an unknown pattern or person and a range overlapping their other assignments.
    Result<std::int64_t> assign(const rules::RosterAssignment& assignment);
    Status removeAssignment(std::int64_t id);
    Result<std::vector<StoredAssignment>> assignments(std::optional<EmployeeId> employee = std::nullopt);

    // Every shift and pattern, plus the assignments of `employees` (all people when empty).
    Result<rules::Roster> roster(std::span<const EmployeeId> employees = {});

private:
    Store& store_;
};

}  // namespace rollcall::store
