#pragma once
// Converts between UTC instants and the organisation's wall clock, using the system's tzdata.
#include <string>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Time.hpp"

namespace rollcall {

class TimeZone {
public:
    // An IANA name such as "Asia/Shanghai"; a clear error for an unknown one.
    static Result<TimeZone> load(const std::string& name);

    [[nodiscard]] const std::string& name() const { return name_; }
    [[nodiscard]] LocalDateTime toLocal(Instant instant) const;
    // Local wall time to an instant; in a gap the time after the gap, when ambiguous the earlier one.
    [[nodiscard]] Instant toInstant(LocalDateTime local) const;
    // Offset from UTC in seconds at `instant`.
    [[nodiscard]] int offsetSeconds(Instant instant) const;
    [[nodiscard]] LocalDate today(Instant now = Instant::now()) const { return toLocal(now).date(); }

private:
    TimeZone(const void* zone, std::string name) : zone_(zone), name_(std::move(name)) {}
    const void* zone_;  // const date::time_zone*, owned by the tz database for the process lifetime
    std::string name_;
};

}  // namespace rollcall
