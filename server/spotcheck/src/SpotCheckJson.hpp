#pragma once
// Internal to the HTTP routes: the JSON form of the spot-check records.
#include <nlohmann/json.hpp>

#include "rollcall/spotcheck/Records.hpp"

namespace rollcall::spotcheck::wire {

nlohmann::json scope(const Scope& s);
Result<Scope> scopeFrom(const nlohmann::json& j);
nlohmann::json check(const SpotCheckView& v);
nlohmann::json report(const SpotCheckReport& r);
nlohmann::json finding(const FindingView& f);
nlohmann::json caseView(const CaseView& c);
nlohmann::json plan(const PlanView& p);
nlohmann::json warningList(const WarningList& w);

}  // namespace rollcall::spotcheck::wire
