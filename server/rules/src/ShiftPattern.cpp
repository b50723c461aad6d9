#include "rollcall/rules/ShiftPattern.hpp"

namespace rollcall::rules {

Status ShiftPattern::validate() const {
    if (kind == PatternKind::CalendarWorkdays && !workdayShift) {
        return fail("pattern.invalid", "Pattern '" + name + "' follows the calendar but names no workday shift.");
    }
    if (kind == PatternKind::Cycle && cycle.empty()) {
        return fail("pattern.invalid", "Pattern '" + name + "' is a cycle with no days in it.");
    }
    return {};
}

}  // namespace rollcall::rules
