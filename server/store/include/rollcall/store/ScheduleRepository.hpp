#pragma once
// Shifts, shift patterns and roster assignments, stored as the rules' own types, and the
// rules::Roster built from them for evaluation.
#include <array>
#include <optional>
#include <span>
#include <string>
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

// How a person works over a date range, as HR writes it: one shift on every calendar workday
// (make-up workdays included, holidays and weekends off), or a week of shifts and rest days,
// Monday to Sunday, that ignores the calendar. Stored as a shift pattern shared by everyone
// with the same plan.
struct RosterPlan {
    std::optional<ShiftId> workdayShift;
    std::array<std::optional<ShiftId>, 7> week{};  // used when workdayShift is unset
    bool operator==(const RosterPlan&) const = default;
};

// Day 0 of every weekly pattern: a Monday.
inline constexpr LocalDate kWeekAnchor{2024, 1, 1};

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

    Result<std::optional<rules::Shift>> shiftByName(const std::string& name);

    // The pattern that carries `plan`, stored on first use; refuses unknown shifts and a week
    // without a single shift.
    Result<rules::PatternId> patternFor(const RosterPlan& plan);
    // The plan a pattern carries; nullopt for a cycle that is not a week anchored on a Monday.
    static std::optional<RosterPlan> planOf(const rules::ShiftPattern& pattern);

    // Makes room for a new assignment over [from, to] (to unset: open-ended): the person's
    // assignments overlapping it are cut back, split around it, or removed. Returns them as
    // they were before.
    Result<std::vector<StoredAssignment>> clearRange(EmployeeId employee, LocalDate from, std::optional<LocalDate> to);
    // Assignments whose pattern works `shift` on some day.
    Result<std::vector<StoredAssignment>> assignmentsUsing(ShiftId shift);

    // Every shift and pattern, plus the assignments of `employees` (all people when empty).
    Result<rules::Roster> roster(std::span<const EmployeeId> employees = {});

private:
    Store& store_;
};

}  // namespace rollcall::store
