#include "rollcall/spotcheck/StoreWorkdayCalendar.hpp"

#include "rollcall/store/CalendarRepository.hpp"

namespace rollcall::spotcheck {

bool StoreWorkdayCalendar::isWorkday(LocalDate date) const {
    auto calendar = store::CalendarRepository(store_).load(date, date);
    if (!calendar) return !date.isWeekend();
    return calendar->isWorkday(date);
}

}  // namespace rollcall::spotcheck
