#pragma once
// The spot-check services exist from create(), the gateway only from start(): this notifier
// forwards to the gateway's once it is attached and reaches no terminal before (or without a
// gateway); terminals that connect later still get open checks through the connect hook.
#include <atomic>

#include "rollcall/spotcheck/SpotCheckNotifier.hpp"

namespace rollcall::app {

class DeferredNotifier final : public spotcheck::SpotCheckNotifier {
public:
    void attach(spotcheck::SpotCheckNotifier* target) { target_.store(target); }
    std::vector<TerminalId> start(const spotcheck::SpotCheckStart& message) override {
        auto* t = target_.load();
        return t ? t->start(message) : std::vector<TerminalId>{};
    }
    void end(const spotcheck::SpotCheckEnd& message) override {
        if (auto* t = target_.load()) t->end(message);
    }

private:
    std::atomic<spotcheck::SpotCheckNotifier*> target_{nullptr};
};

}  // namespace rollcall::app
