#pragma once
// The gateway as the spot-check notifier and terminal directory (library
// rollcall_spotcheck_gateway). Wiring in the server:
//
//   RegistryTerminalDirectory terminals(*registry);
//   GatewaySpotCheckNotifier notifier(*gateway);
//   SpotCheckService checks({*store, roster, terminals, notifier, audit, clock, zone, calendar});
//   notifier.attach(checks);   // deliveries recorded; reconnecting terminals get open checks
//
// Terminals stand at a post (TerminalInfo::post); one without a post is in no scope but
// "everyone".
#include <atomic>

#include "rollcall/gateway/Gateway.hpp"
#include "rollcall/gateway/TerminalRegistry.hpp"
#include "rollcall/spotcheck/SpotCheckNotifier.hpp"
#include "rollcall/spotcheck/SpotCheckService.hpp"
#include "rollcall/spotcheck/TerminalDirectory.hpp"

namespace rollcall::spotcheck {

class GatewaySpotCheckNotifier final : public SpotCheckNotifier {
public:
    explicit GatewaySpotCheckNotifier(gateway::Gateway& gateway) : gateway_(gateway) {}

    // Records the deliveries of each broadcast and installs the gateway's connect hook that
    // hands a reconnecting terminal the checks open for its post (beside other parts' hooks). Call
    // once, before terminals connect.
    void attach(SpotCheckService& checks);

    // Queues the frames and returns at once (an empty list): the broadcast records its
    // deliveries on the gateway's thread when it has sent them.
    std::vector<TerminalId> start(const SpotCheckStart& message) override;
    void end(const SpotCheckEnd& message) override;

private:
    gateway::Gateway& gateway_;
    std::atomic<SpotCheckService*> checks_{nullptr};
};

class RegistryTerminalDirectory final : public TerminalDirectory {
public:
    explicit RegistryTerminalDirectory(gateway::TerminalRegistry& registry) : registry_(registry) {}
    // Every terminal with a post, revoked ones included: their stored punches still say
    // where they were taken.
    Result<std::vector<TerminalPost>> terminals() override;

private:
    gateway::TerminalRegistry& registry_;
};

}  // namespace rollcall::spotcheck
