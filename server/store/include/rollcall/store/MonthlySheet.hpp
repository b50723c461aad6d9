#pragma once
// The monthly attendance sheet: one row per person, one cell per day, and totals. The API
// turns it into JSON or CSV.
#include <optional>
#include <string>
#include <vector>

#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/rules/DayRecord.hpp"

namespace rollcall::store {

struct MonthlySheetCell {
    rules::DayStatus status = rules::DayStatus::Absent;
    int lateMinutes = 0;
    int earlyMinutes = 0;
    int workedMinutes = 0;
    int overtimeMinutes = 0;
    std::string leaveType;  // the first leave of the day, when there is one
};

struct MonthlyTotals {
    int scheduledDays = 0;    // days with a shift (present, late, absent, on leave, ...)
    int presentDays = 0;      // present, late, early leave, late and early
    int lateCount = 0;
    int lateMinutes = 0;
    int earlyCount = 0;
    int earlyMinutes = 0;
    double absentDays = 0;    // a half-day absence counts 0.5
    int missingPunches = 0;   // days with a missing in- or out-punch
    int leaveDays = 0;
    int businessTripDays = 0;
    int workedMinutes = 0;
    int overtimeMinutes = 0;
};

struct MonthlySheetRow {
    EmployeeId employee;
    std::string number;
    std::string name;
    std::optional<DepartmentId> department;
    std::vector<std::optional<MonthlySheetCell>> days;  // [0] is the 1st; empty: not evaluated
    MonthlyTotals totals;
};

struct MonthlySheet {
    int year = 0;
    unsigned month = 0;
    std::vector<LocalDate> dates;
    std::vector<MonthlySheetRow> rows;  // by employee number
};

}  // namespace rollcall::store
