#pragma once
// How a firing check reaches the terminals (the gateway implements it). Calls come from the
// scheduler's thread and must not block on slow terminals: queue the frames and return.
#include <vector>

#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/spotcheck/Method.hpp"

namespace rollcall::spotcheck {

struct SpotCheckStart {
    SpotCheckId check;
    Instant opensAt;
    Instant closesAt;
    MethodRequirement method = MethodRequirement::Any;
    bool everyone = false;
    std::vector<PostId> posts;  // terminals standing at these posts show the check
};

struct SpotCheckEnd {
    SpotCheckId check;
    Instant closedAt;
    bool everyone = false;
    std::vector<PostId> posts;
};

class SpotCheckNotifier {
public:
    virtual ~SpotCheckNotifier() = default;
    // Returns the terminals the start was handed to now (connected ones). Terminals that connect
    // later during the window get it through SpotCheckService::openChecksFor + recordDelivery.
    virtual std::vector<TerminalId> start(const SpotCheckStart& message) = 0;
    virtual void end(const SpotCheckEnd& message) = 0;
};

}  // namespace rollcall::spotcheck
