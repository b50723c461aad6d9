#pragma once
// The imported calendar: holidays, make-up workdays (调休) and extra rest days by date.
#include <optional>

#include "rollcall/domain/Error.hpp"
#include "rollcall/rules/Calendar.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::store {

class CalendarRepository {
public:
    explicit CalendarRepository(Store& store) : store_(store) {}

    // Stores every entry of `calendar`, replacing entries of the same dates. When `replaceYears`
    // is set, entries of the years the calendar speaks of are removed first (a re-import).
    Result<int> save(const rules::Calendar& calendar, bool replaceYears = true);
    // Entries in [from, to]; a Calendar whose other dates are ordinary weekdays / weekends.
    Result<rules::Calendar> load(LocalDate from, LocalDate to);
    Status remove(LocalDate date);

private:
    Store& store_;
};

}  // namespace rollcall::store
