#include "rollcall/spotcheck/GatewaySpotCheckNotifier.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <mutex>

namespace rollcall::spotcheck {
namespace {

bool inScope(const gateway::TerminalInfo& t, bool everyone, const std::vector<PostId>& posts) {
    if (everyone) return true;
    return t.post && std::ranges::find(posts, *t.post) != posts.end();
}

proto::Message wireStart(const SpotCheckStart& m) {
    // The wire message has no method field: the banner text names it for the person.
    return proto::SpotCheckStart{m.check, m.opensAt.micros(), m.closesAt.micros(),
                                 fmt::format("spot check: verify now ({})", toString(m.method))};
}

}  // namespace

void GatewaySpotCheckNotifier::attach(SpotCheckService& checks) {
    checks_.store(&checks);
    gateway_.addConnectHook([this](const gateway::TerminalInfo& t) {
        std::vector<proto::Message> out;
        auto* service = checks_.load();
        if (!service || !t.post) return out;
        const Instant now = Instant::now();
        auto open = service->openChecksFor(*t.post, now);
        if (!open) return out;
        for (const auto& start : *open) {
            out.push_back(wireStart(start));
            (void)service->recordDelivery(start.check, t.id, now);
        }
        return out;
    });
}

std::vector<TerminalId> GatewaySpotCheckNotifier::start(const SpotCheckStart& message) {
    // The predicate runs on the gateway's thread, once per connected terminal; the completion
    // callback runs after, on the same thread, and records every delivery in one transaction.
    auto reached = std::make_shared<std::vector<TerminalId>>();
    const bool everyone = message.everyone;
    const auto posts = message.posts;
    gateway_.broadcast(
        wireStart(message),
        [reached, everyone, posts](const gateway::TerminalInfo& t) {
            const bool in = inScope(t, everyone, posts);
            if (in) reached->push_back(t.id);
            return in;
        },
        [this, reached, check = message.check](std::size_t) {
            if (auto* service = checks_.load()) (void)service->recordDeliveries(check, *reached, Instant::now());
        });
    return {};
}

void GatewaySpotCheckNotifier::end(const SpotCheckEnd& message) {
    const bool everyone = message.everyone;
    const auto posts = message.posts;
    gateway_.broadcast(proto::SpotCheckEnd{message.check},
                       [everyone, posts](const gateway::TerminalInfo& t) { return inScope(t, everyone, posts); });
}

Result<std::vector<TerminalPost>> RegistryTerminalDirectory::terminals() {
    auto all = registry_.list();
    if (!all) return std::unexpected(all.error());
    std::vector<TerminalPost> out;
    for (const auto& t : *all) {
        if (t.post) out.push_back({t.id, *t.post});
    }
    return out;
}

}  // namespace rollcall::spotcheck
