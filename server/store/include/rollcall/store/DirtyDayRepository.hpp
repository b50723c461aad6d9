#pragma once
// The queue of person-days whose inputs changed and whose day record must be re-evaluated.
// Marking is idempotent; the causes are kept (shortened) so the re-evaluation can say why.
#include <string>
#include <string_view>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::store {

struct DirtyDay {
    EmployeeId employee;
    LocalDate date;
    std::string cause;
    Instant markedAt;
};

class DirtyDayRepository {
public:
    explicit DirtyDayRepository(Store& store) : store_(store) {}

    // Marks every date in [from, to] (inclusive).
    Status mark(EmployeeId employee, LocalDate from, LocalDate to, std::string_view cause, Instant now);
    // Oldest first.
    Result<std::vector<DirtyDay>> pending(int limit);
    Result<int> count();
    Status clear(EmployeeId employee, LocalDate date);

    // For repositories that mark inside their own transaction.
    static Status markIn(sqlite::Database& db, EmployeeId employee, LocalDate date, std::string_view cause,
                         Instant now);

private:
    Store& store_;
};

}  // namespace rollcall::store
