#pragma once
// A person standing in front of the camera is seen in many frames: only the first sighting in a
// while becomes a punch. A running spot check is a new reason to punch, so the filter is keyed
// by person and check.
#include <chrono>
#include <map>
#include <optional>
#include <utility>

#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"

namespace rollcall::terminal {

class RepeatFilter {
public:
    explicit RepeatFilter(std::chrono::seconds window) : window_(window) {}
    // True when a punch should be recorded now (and remembers it).
    bool admit(EmployeeId person, std::optional<SpotCheckId> check, Instant now);
    // True when admit() would refuse now (remembers nothing).
    [[nodiscard]] bool recent(EmployeeId person, std::optional<SpotCheckId> check, Instant now) const;

private:
    std::chrono::seconds window_;
    std::map<std::pair<std::int64_t, std::int64_t>, Instant> last_;
};

}  // namespace rollcall::terminal
