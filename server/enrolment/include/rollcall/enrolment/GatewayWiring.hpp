#pragma once
// Connects enrolment and attendance to the terminal gateway; rollcall-server calls attach()
// once after Gateway::start:
//  - on connect, a terminal whose gallery version differs gets the delta since its version;
//  - publish() pushes a change to every connected terminal;
//  - after each ingest commit, a terminal punch by a person on approved leave reports them
//    back (LeaveService::reportBackByPunch), and the days the new punches touched are evaluated (the
//    attendance queue), so a clock-in becomes a day record without anyone asking.
#include <cstdint>

#include "rollcall/enrolment/EnrolmentStore.hpp"
#include "rollcall/gateway/Gateway.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::enrolment {

void attach(gateway::Gateway& gateway, store::Store& store, EnrolmentStore& enrolments);
// Broadcasts the change from `fromVersion` to the current version.
Status publish(gateway::Gateway& gateway, EnrolmentStore& enrolments, std::uint64_t fromVersion);

}  // namespace rollcall::enrolment
