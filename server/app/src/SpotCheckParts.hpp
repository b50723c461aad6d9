#pragma once
// The spot-check services and their ports, built once per server (docs/spotcheck.md "Wiring").
#include <memory>

#include "DeferredNotifier.hpp"
#include "rollcall/spotcheck/AuditLogSink.hpp"
#include "rollcall/spotcheck/FindingService.hpp"
#include "rollcall/spotcheck/GatewaySpotCheckNotifier.hpp"
#include "rollcall/spotcheck/PlanService.hpp"
#include "rollcall/spotcheck/SpotCheckScheduler.hpp"
#include "rollcall/spotcheck/SpotCheckService.hpp"
#include "rollcall/spotcheck/StoreDutyRoster.hpp"
#include "rollcall/spotcheck/StoreWorkdayCalendar.hpp"

namespace rollcall::app {

struct SpotCheckParts {
    SpotCheckParts(store::Store& store, gateway::TerminalRegistry& registry)
        : roster(store), terminals(registry), calendar(store),
          deps{store, roster, terminals, notifier, audit, clock, store.timeZone(), calendar},
          checks(deps), findings(deps), plans(deps), scheduler(checks, plans) {}

    // Before terminals connect: a connect hook (beside the enrolment one) pushes open checks.
    void attach(gateway::Gateway& gateway) {
        gatewayNotifier = std::make_unique<spotcheck::GatewaySpotCheckNotifier>(gateway);
        gatewayNotifier->attach(checks);
        notifier.attach(gatewayNotifier.get());
    }
    void detach() { notifier.attach(nullptr); }

    spotcheck::StoreDutyRoster roster;
    spotcheck::RegistryTerminalDirectory terminals;
    DeferredNotifier notifier;
    spotcheck::AuditLogSink audit;
    spotcheck::SystemClock clock;
    spotcheck::StoreWorkdayCalendar calendar;
    spotcheck::SpotCheckDeps deps;
    spotcheck::SpotCheckService checks;
    spotcheck::FindingService findings;
    spotcheck::PlanService plans;
    spotcheck::SpotCheckScheduler scheduler;
    std::unique_ptr<spotcheck::GatewaySpotCheckNotifier> gatewayNotifier;
};

}  // namespace rollcall::app
