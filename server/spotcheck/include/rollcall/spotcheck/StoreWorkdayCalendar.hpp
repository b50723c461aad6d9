#pragma once
// The organisation's calendar as the spot-check WorkdayCalendar: the imported holidays, make-up
// workdays (调休) and extra rest days from the store (CalendarRepository), ordinary weekdays
// and weekends elsewhere. Read at each question, so a calendar imported while the server runs
// counts from the next plan period drawn.
#include "rollcall/spotcheck/WorkdayCalendar.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::spotcheck {

class StoreWorkdayCalendar final : public WorkdayCalendar {
public:
    explicit StoreWorkdayCalendar(store::Store& store) : store_(store) {}
    // When the calendar cannot be read, the date is judged as an ordinary day (Monday to
    // Friday): a recurring plan still draws its checks rather than none.
    [[nodiscard]] bool isWorkday(LocalDate date) const override;

private:
    store::Store& store_;
};

}  // namespace rollcall::spotcheck
