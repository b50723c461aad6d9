#pragma once
// Drives spot checks on the server's clock. The server calls tick(now) about once a second
// (an Asio steady timer); tests call it with the instants they want, and never sleep.
#include "rollcall/spotcheck/PlanService.hpp"
#include "rollcall/spotcheck/SpotCheckService.hpp"

namespace rollcall::spotcheck {

struct TickReport {
    int generated = 0;    // checks drawn from recurring plans
    int fired = 0;
    int missed = 0;       // moments long past (server was down): cancelled, not fired late
    int closed = 0;       // windows closed and evaluated
    int reevaluated = 0;  // closed checks re-run because in-window punches arrived late
};

class SpotCheckScheduler {
public:
    SpotCheckScheduler(SpotCheckService& checks, PlanService& plans) : checks_(checks), plans_(plans) {}

    // Plans first (a moment drawn for now fires in the same tick), then fire, close, re-evaluate.
    Result<TickReport> tick(Instant now);

private:
    SpotCheckService& checks_;
    PlanService& plans_;
};

}  // namespace rollcall::spotcheck
