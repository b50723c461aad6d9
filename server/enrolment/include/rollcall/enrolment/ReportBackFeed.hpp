#pragma once
// Report-back (销假) by verifying at a terminal: every terminal punch stored since the last
// run, oldest first, goes to LeaveService::reportBackByPunch, which ends the person's approved
// leave that had started by the punch's time. The feed's place (the last punch id it looked
// at) is kept in the store, in the same transaction as the report-backs, so a restart neither
// repeats nor misses a punch; punches stored before the table existed are history.
//
//   ReportBackFeed feed(store);      // store opened with enrolment::migrations()
//   auto r = feed.run(Instant::now());   // after each ingest commit, off the ingest thread
#include <cstdint>
#include <string>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::enrolment {

struct ReportBackRun {
    int punches = 0;       // terminal punches looked at
    int reportedBack = 0;  // leaves ended
    int failed = 0;        // punches whose report-back failed (skipped, not retried)
    std::string firstError;
    [[nodiscard]] bool more() const { return punches > 0; }
};

class ReportBackFeed {
public:
    explicit ReportBackFeed(store::Store& store, int batch = 500) : store_(store), batch_(batch) {}

    // One batch of at most `batch` punches; call again while more() says it found some.
    Result<ReportBackRun> run(Instant now);

private:
    store::Store& store_;
    int batch_;
};

}  // namespace rollcall::enrolment
