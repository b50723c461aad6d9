#pragma once
// Moment: "now" handed to the rules as a value, both as a UTC instant (deadlines) and as the
// organisation's local reading (dates). The rules never read a clock.
#include "rollcall/domain/Time.hpp"

namespace rollcall::rules {

struct Moment {
    Instant utc;
    LocalDateTime local;
};

}  // namespace rollcall::rules
