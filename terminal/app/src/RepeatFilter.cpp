#include "rollcall/terminal/RepeatFilter.hpp"

namespace rollcall::terminal {

bool RepeatFilter::admit(EmployeeId person, std::optional<SpotCheckId> check, Instant now) {
    const auto key = std::make_pair(person.value(), check ? check->value() : 0);
    auto it = last_.find(key);
    if (it != last_.end() && now - it->second < window_ && now >= it->second) return false;
    last_[key] = now;
    return true;
}

bool RepeatFilter::recent(EmployeeId person, std::optional<SpotCheckId> check, Instant now) const {
    auto it = last_.find(std::make_pair(person.value(), check ? check->value() : 0));
    return it != last_.end() && now - it->second < window_ && now >= it->second;
}

}  // namespace rollcall::terminal
