#pragma once
// Recurring spot-check plans: N random checks per week or month inside working hours for a
// scope. generate() draws each period's moments once (on the first tick of the period) and
// stores them as planned checks, as secret as checks created by hand.
#include <string>
#include <vector>

#include "rollcall/spotcheck/Records.hpp"
#include "rollcall/spotcheck/SpotCheckDeps.hpp"
#include "rollcall/spotcheck/Viewer.hpp"

namespace rollcall::spotcheck {

struct NewPlan {
    Scope scope{};
    int windowMinutes = 10;
    MethodRequirement method = MethodRequirement::Any;
    int checksPerPeriod = 2;
    PlanPeriod period = PlanPeriod::Week;
    LocalTime workFrom{8, 30};
    LocalTime workTo{17, 30};
    std::vector<UserId> sharedWith{};
};

class PlanService {
public:
    explicit PlanService(SpotCheckDeps deps) : d_(deps) {}

    Result<PlanView> create(const Viewer& who, const NewPlan& request);
    // The plans the inspector created or that were shared with them.
    Result<std::vector<PlanView>> plans(const Viewer& who);
    Status deactivate(const Viewer& who, PlanId id, const std::string& reason);
    // Draws the current period's checks of every active plan that has none yet; returns how many.
    Result<int> generate(Instant now);

private:
    SpotCheckDeps d_;
};

}  // namespace rollcall::spotcheck
