#pragma once
// Internal to SpotCheckService's two source files.
#include "rollcall/spotcheck/SpotCheckService.hpp"

namespace rollcall::spotcheck {

struct SpotCheckService::Row {
    SpotCheckView view;
    Instant fireAt;  // the secret: never copied into a view
    std::optional<std::int64_t> evaluatedMaxPunchId;
};

struct SpotCheckService::Computed {
    std::vector<PostId> posts;
    std::vector<PersonDuty> people;
    CheckEvaluation evaluation;
    std::int64_t maxPunchId = 0;
};

}  // namespace rollcall::spotcheck
