#include "rollcall/services/ScheduleService.hpp"

#include <algorithm>

#include "rollcall/services/AttendanceService.hpp"
#include "rollcall/store/CalendarRepository.hpp"
#include "rollcall/store/DirtyDayRepository.hpp"
#include "rollcall/store/ScheduleRepository.hpp"

namespace rollcall::services {

Result<int> ScheduleService::importCalendar(std::string_view csv, Instant now) {
    auto calendar = rules::Calendar::parse(csv);
    if (!calendar) return std::unexpected(calendar.error());
    const LocalDate today = store_.timeZone().toLocal(now).date();
    return store_.write([&](sqlite::Database&) -> Result<int> {
        auto saved = store::CalendarRepository(store_).save(*calendar);
        if (!saved) return std::unexpected(saved.error());
        AttendanceService attendance(store_);
        for (const auto& [date, entry] : calendar->entries()) {
            if (date > today) continue;
            if (auto q = attendance.queueEveryone(date, date, "calendar imported", now); !q) return std::unexpected(q.error());
        }
        return *saved;
    });
}

Result<std::int64_t> ScheduleService::assign(const rules::RosterAssignment& assignment, Instant now) {
    const LocalDate today = store_.timeZone().toLocal(now).date();
    return store_.write([&](sqlite::Database&) -> Result<std::int64_t> {
        auto id = store::ScheduleRepository(store_).assign(assignment);
        if (!id) return std::unexpected(id.error());
        const LocalDate last = std::min(today, assignment.to.value_or(today));
        // Bounded: an assignment back-dated by years re-judges at most the last year.
        const LocalDate first = std::max(assignment.from, last - 366);
        if (first <= last) {
            if (auto st = store::DirtyDayRepository(store_).mark(assignment.employee, first, last, "roster assignment changed", now); !st) {
                return std::unexpected(st.error());
            }
        }
        return *id;
    });
}

}  // namespace rollcall::services
