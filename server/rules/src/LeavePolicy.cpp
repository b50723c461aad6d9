#include "rollcall/rules/LeavePolicy.hpp"

namespace rollcall::rules {

const LeaveType* LeavePolicy::type(std::string_view code) const {
    for (const auto& t : types) {
        if (t.code == code) return &t;
    }
    return nullptr;
}

LeavePolicy LeavePolicy::standard() {
    using std::chrono::minutes;
    constexpr minutes day{480};
    LeavePolicy p;
    p.types = {
        {"annual", "Annual leave", LeaveUnit::HalfDay, 5 * day, 5 * day, false, false},
        {"sick", "Sick leave", LeaveUnit::HalfDay, std::nullopt, minutes{0}, false, false},
        {"personal", "Personal leave", LeaveUnit::Hour, std::nullopt, minutes{0}, false, false},
        {"trip", "Business trip", LeaveUnit::HalfDay, std::nullopt, minutes{0}, true, false},
        {"compensatory", "Compensatory leave", LeaveUnit::Hour, minutes{0}, minutes{0}, false, false},
        {"maternity", "Maternity leave", LeaveUnit::Day, std::nullopt, minutes{0}, false, true},
    };
    p.approvalRules = {
        {{}, 0.0, 1.0, {"department_head"}},
        {{}, 1.0, 3.0, {"department_head", "hr"}},
        {{}, 3.0, std::nullopt, {"department_head", "bureau_leadership"}},
    };
    return p;
}

}  // namespace rollcall::rules
