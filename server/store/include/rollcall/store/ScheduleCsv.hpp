#pragma once
// Reading shift and roster CSV files into plans, checking every line first: when any line is
// bad, the error (code "csv.invalid") lists every bad line ("line 4: ...") and nothing is
// planned, so the caller changes nothing. Unknown columns are errors too (a misspelt
// column would otherwise be silently ignored).
//   shifts: name,kind,start,end[,in_from,in_to,out_from,out_to,late_grace,early_grace,
//           overtime_after,core_start,core_end,required_minutes,morning_end,afternoon_start]
//           Several rows with the same name are the segments of one split shift, in order;
//           the shift-wide columns are read from its first row. A flexible shift leaves
//           start/end empty (or gives its punch window there) and fills core_start/core_end.
//           Times are HH:MM, HH:MM+1 (next day) or HH:MM-1. A known name is replaced.
//   roster: employee,from,to,shift,week
//           employee: the employee number; to: empty for open-ended; either shift (a shift
//           name, worked on every calendar workday, 调休 included) or week (seven entries
//           Monday..Sunday separated by '/', each a shift name or '-' for rest).
#include <array>
#include <optional>
#include <string_view>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/store/ScheduleRepository.hpp"
#include "rollcall/store/ShiftForm.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::store {

struct ShiftLine {
    int line = 0;  // the first line of the shift
    ShiftForm form;
    bool replaces = false;  // a shift of this name exists (form.id is its id)
};

struct RosterLine {
    int line = 0;
    EmployeeId employee;
    LocalDate from;
    std::optional<LocalDate> to;
    RosterPlan plan;
};

class ScheduleCsv {
public:
    explicit ScheduleCsv(Store& store) : store_(store) {}

    // Every shift of the file, checked (each form builds).
    Result<std::vector<ShiftLine>> readShifts(std::string_view csv);
    // Every assignment of the file, with people and shifts resolved and ranges checked
    // (two lines for the same person may not overlap).
    Result<std::vector<RosterLine>> readRoster(std::string_view csv);

private:
    Store& store_;
};

}  // namespace rollcall::store
