#include "rollcall/enrolment/GatewayWiring.hpp"

#include <spdlog/spdlog.h>

namespace rollcall::enrolment {

void attach(gateway::Gateway& gateway, EnrolmentStore& enrolments) {
    gateway.addConnectHook([&enrolments](const gateway::TerminalInfo& terminal) {
        std::vector<proto::Message> out;
        auto delta = enrolments.deltaSince(terminal.galleryVersion);
        if (!delta) {
            spdlog::warn("enrolment: no gallery for terminal {}: {}", terminal.id.value(), delta.error().message);
            return out;
        }
        if (delta->toVersion != terminal.galleryVersion) out.emplace_back(std::move(*delta));
        return out;
    });
}

Status publish(gateway::Gateway& gateway, EnrolmentStore& enrolments, std::uint64_t fromVersion) {
    auto delta = enrolments.deltaSince(fromVersion);
    if (!delta) return std::unexpected(delta.error());
    // Terminals at another version catch up through the connect hook on their next connection.
    gateway.broadcast(proto::Message(std::move(*delta)),
                      [fromVersion](const gateway::TerminalInfo& t) { return t.galleryVersion == fromVersion; });
    return {};
}

}  // namespace rollcall::enrolment
