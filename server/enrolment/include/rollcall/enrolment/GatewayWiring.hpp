#pragma once
// Connects enrolment to the terminal gateway; rollcall-server calls attach() once after
// Gateway::start, beside the other parts' hooks:
//  - on connect, a terminal whose gallery version differs gets the delta since its version;
//  - publish() pushes a change to every connected terminal.
// Report-back by punch is ReportBackFeed, which the server runs after each ingest commit.
#include <cstdint>

#include "rollcall/enrolment/EnrolmentStore.hpp"
#include "rollcall/gateway/Gateway.hpp"

namespace rollcall::enrolment {

void attach(gateway::Gateway& gateway, EnrolmentStore& enrolments);
// Broadcasts the change from `fromVersion` to the current version.
Status publish(gateway::Gateway& gateway, EnrolmentStore& enrolments, std::uint64_t fromVersion);

}  // namespace rollcall::enrolment
