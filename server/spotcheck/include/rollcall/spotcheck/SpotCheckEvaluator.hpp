#pragma once
// The spot-check rule, pure: who was present at their post, who is excused and by what,
// who is a finding. Deterministic, so re-running it when a late punch arrives is safe.
#include "rollcall/spotcheck/Evaluation.hpp"

namespace rollcall::spotcheck {

class SpotCheckEvaluator {
public:
    // Per person: not on duty -> excused (naming the record); else the earliest verification in
    // [opensAt, closesAt] at a terminal of their own post that meets the method -> present; else
    // one at their post by a weaker method -> method not met; else one at another post's
    // terminal -> away from post; else absent, with the first later verification as the late answer.
    static CheckEvaluation evaluate(const EvaluationInput& input);
};

}  // namespace rollcall::spotcheck
