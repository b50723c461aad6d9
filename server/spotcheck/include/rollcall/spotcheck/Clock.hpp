#pragma once
// The server's clock, injected so that tests drive time instead of sleeping.
#include "rollcall/domain/Time.hpp"

namespace rollcall::spotcheck {

class Clock {
public:
    virtual ~Clock() = default;
    virtual Instant now() = 0;
};

class SystemClock final : public Clock {
public:
    Instant now() override { return Instant::now(); }
};

}  // namespace rollcall::spotcheck
