#pragma once
// DutyRoster over the store: the people of a scope from the organisation tables, their shift
// from the roster and calendar, their approved leave (and business trips) from the leave table.
//   on duty      inside a segment of the shift of the date (or of yesterday's night shift),
//                or inside the core hours of a flexible shift;
//   excused      approved leave or trip covering the moment (named: "leave #17 (annual, ...)"),
//                a leave reported back only after the moment, a rest day, a holiday, not
//                rostered, or rostered but outside the shift's hours at that moment.
#include "rollcall/spotcheck/DutyRoster.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::spotcheck {

class StoreDutyRoster final : public DutyRoster {
public:
    explicit StoreDutyRoster(store::Store& store) : store_(store) {}

    Result<std::vector<PersonDuty>> dutyAt(const Scope& scope, Instant at) override;
    Result<std::vector<PostId>> postsIn(const Scope& scope) override;

private:
    store::Store& store_;
};

}  // namespace rollcall::spotcheck
