#include "rollcall/spotcheck/SpotCheckScheduler.hpp"

namespace rollcall::spotcheck {

Result<TickReport> SpotCheckScheduler::tick(Instant now) {
    TickReport report;
    auto generated = plans_.generate(now);
    if (!generated) return std::unexpected(generated.error());
    report.generated = *generated;
    auto fired = checks_.fireDue(now);
    if (!fired) return std::unexpected(fired.error());
    report.fired = fired->fired;
    report.missed = fired->missed;
    auto closed = checks_.closeDue(now);
    if (!closed) return std::unexpected(closed.error());
    report.closed = *closed;
    auto again = checks_.reevaluateChanged(now);
    if (!again) return std::unexpected(again.error());
    report.reevaluated = *again;
    return report;
}

}  // namespace rollcall::spotcheck
