#pragma once
// Everything the spot-check services work with, passed in (no globals). The store serialises
// writers and lends readers, so one set of services may be shared by threads.
#include <chrono>

#include "rollcall/spotcheck/AuditSink.hpp"
#include "rollcall/spotcheck/Clock.hpp"
#include "rollcall/spotcheck/DutyRoster.hpp"
#include "rollcall/spotcheck/SpotCheckNotifier.hpp"
#include "rollcall/spotcheck/TerminalDirectory.hpp"
#include "rollcall/spotcheck/WorkdayCalendar.hpp"
#include "rollcall/store/Store.hpp"
#include "rollcall/tz/TimeZone.hpp"

namespace rollcall::spotcheck {

struct SpotCheckConfig {
    // A check whose moment passed longer ago than this (server down) is cancelled as missed,
    // not fired at a time nobody chose.
    std::chrono::minutes maxFireDelay{15};
    // How long after the window a verification is still recorded as the late answer.
    std::chrono::minutes lateAnswerHorizon{60};
    // Closed checks re-evaluated when late punches for their window arrive.
    std::chrono::days reevaluateFor{14};
    int maxWindowMinutes = 240;
};

struct SpotCheckDeps {
    store::Store& store;
    DutyRoster& roster;
    TerminalDirectory& terminals;
    SpotCheckNotifier& notifier;
    AuditSink& audit;
    Clock& clock;
    const TimeZone& zone;
    const WorkdayCalendar& calendar;
    SpotCheckConfig config{};
};

}  // namespace rollcall::spotcheck
