#pragma once
// Schedule changes that alter past evaluations: a calendar import and roster assignments.
// Each stores the change and queues the affected person-days up to `now`'s date (later
// days are evaluated when they close).
#include <cstdint>
#include <string_view>

#include "rollcall/domain/Error.hpp"
#include "rollcall/rules/Roster.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::services {

class ScheduleService {
public:
    explicit ScheduleService(store::Store& store) : store_(store) {}

    // Parses the calendar CSV (docs/calendar-format.md), replaces the years it covers and
    // queues everyone for each past date it mentions. Returns the number of entries.
    Result<int> importCalendar(std::string_view csv, Instant now);
    // Stores the assignment and queues the person's past dates it covers.
    Result<std::int64_t> assign(const rules::RosterAssignment& assignment, Instant now);

private:
    store::Store& store_;
};

}  // namespace rollcall::services
