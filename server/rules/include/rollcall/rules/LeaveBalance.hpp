#pragma once
// LeaveBalance: one person's quota for one leave type and year, what was used and what is
// reserved by pending requests, and the carry-over into the next year.
#include <chrono>
#include <string>

#include "rollcall/domain/Ids.hpp"

namespace rollcall::rules {

struct LeaveBalance {
    EmployeeId employee;
    std::string type;
    int year = 0;
    std::chrono::minutes quota{0};       // this year's entitlement
    std::chrono::minutes carriedOver{0}; // from last year (already capped)
    std::chrono::minutes used{0};        // approved leave
    std::chrono::minutes reserved{0};    // pending requests

    [[nodiscard]] std::chrono::minutes available() const { return quota + carriedOver - used - reserved; }
    bool operator==(const LeaveBalance&) const = default;
};

}  // namespace rollcall::rules
