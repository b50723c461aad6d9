#pragma once
// Reads terminal verifications from the store's `punches` table (schema agreed in the punch
// record note: at_us is the terminal's time corrected by its clock offset).
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/domain/Time.hpp"
#include "rollcall/spotcheck/Evaluation.hpp"
#include "rollcall/sqlite/Database.hpp"

namespace rollcall::spotcheck {

struct PunchWindow {
    std::vector<VerificationPunch> punches;
    std::int64_t maxPunchId = 0;  // the newest punch row seen: later rows mean a re-run may be due
};

class PunchReader {
public:
    // Punches taken at a terminal with at_us in [from, to].
    static Result<PunchWindow> read(sqlite::Database& db, Instant from, Instant to);
    // Whether a punch stored after `afterPunchId` falls in [from, to].
    static Result<bool> hasNewer(sqlite::Database& db, Instant from, Instant to, std::int64_t afterPunchId);
};

}  // namespace rollcall::spotcheck
