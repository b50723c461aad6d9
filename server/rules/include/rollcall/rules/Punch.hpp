#pragma once
// Punch: one verification of a person at a terminal (or an approved correction), in the
// organisation's local time. The service converts Instant -> LocalDateTime before calling
// the rules (common/tz); the rules never see a time zone.
#include <compare>
#include <optional>

#include "rollcall/domain/Ids.hpp"
#include "rollcall/domain/Time.hpp"

namespace rollcall::rules {

enum class PunchSource { Terminal, Manual, Correction };

struct Punch {
    PunchId id;                            // the stored punch (0 for a correction's punch)
    EmployeeId employee;
    LocalDateTime at;
    TerminalId terminal;                   // 0 when not from a terminal
    PunchSource source = PunchSource::Terminal;
    std::optional<CorrectionId> correction;  // set when source == Correction

    bool operator==(const Punch&) const = default;
};

// The total order evaluation uses, so that input order never matters: by time, then
// source, terminal, punch id and correction id.
[[nodiscard]] bool punchBefore(const Punch& a, const Punch& b);

}  // namespace rollcall::rules
