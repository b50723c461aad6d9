#pragma once
// Stored evaluation results, one per person-day, each change kept in a history row with
// its cause (so "absent" -> "present" after a late punch is traceable), and the queries
// the API reads: by person / department / dates, and the monthly sheet.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/rules/DayRecord.hpp"
#include "rollcall/store/MonthlySheet.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::store {

enum class SaveOutcome { Created, Changed, Unchanged };

struct StoredDayRecord {
    rules::DayRecord record;
    int version = 0;
    Instant evaluatedAt;
};

// A stored record as its row holds it, before decoding: for readers that keep what they make of
// a record (an answer fragment) keyed by the exact stored text, version and evaluation time.
struct StoredDayRecordText {
    std::string detail;
    int version = 0;
    Instant evaluatedAt;
};

struct DayRecordChange {
    int version = 0;
    std::optional<rules::DayRecord> before;  // nullopt for the first evaluation
    rules::DayRecord after;
    std::string cause;
    Instant changedAt;
};

struct DayRecordFilter {
    std::optional<EmployeeId> employee{};
    std::optional<DepartmentId> department{};  // people now in it or below it
    std::optional<LocalDate> from{};
    std::optional<LocalDate> to{};
    std::optional<rules::DayStatus> status{};
    int limit = 10000;
    int offset = 0;
};

class DayRecordRepository {
public:
    explicit DayRecordRepository(Store& store) : store_(store) {}

    // Stores the record; when it differs from the stored one, bumps the version and writes a
    // history row with `cause`. An identical re-evaluation changes nothing.
    Result<SaveOutcome> save(const rules::DayRecord& record, std::string_view cause, Instant now);
    Result<std::optional<StoredDayRecord>> get(EmployeeId employee, LocalDate date);
    // Ordered by date, then employee.
    Result<std::vector<StoredDayRecord>> list(const DayRecordFilter& filter);
    // The same rows, not decoded; decode() turns one into what list() returns.
    Result<std::vector<StoredDayRecordText>> listText(const DayRecordFilter& filter);
    static Result<StoredDayRecord> decode(const StoredDayRecordText& row);
    // Oldest first.
    Result<std::vector<DayRecordChange>> history(EmployeeId employee, LocalDate date);
    // Active people (and anyone with a record that month) in the department subtree, or everyone.
    Result<MonthlySheet> monthlySheet(int year, unsigned month, std::optional<DepartmentId> department = std::nullopt);

private:
    Store& store_;
};

}  // namespace rollcall::store
