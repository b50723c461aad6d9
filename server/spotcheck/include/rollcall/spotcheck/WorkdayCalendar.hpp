#pragma once
// Which local dates are workdays, for recurring plans. The organisation's calendar (holidays,
// 调休 make-up days) implements it (StoreWorkdayCalendar); WeekdayCalendar is Monday to Friday.
#include "rollcall/domain/Time.hpp"

namespace rollcall::spotcheck {

class WorkdayCalendar {
public:
    virtual ~WorkdayCalendar() = default;
    [[nodiscard]] virtual bool isWorkday(LocalDate date) const = 0;
};

class WeekdayCalendar final : public WorkdayCalendar {
public:
    [[nodiscard]] bool isWorkday(LocalDate date) const override { return !date.isWeekend(); }
};

}  // namespace rollcall::spotcheck
