#include "rollcall/finger/ScanScript.hpp"

namespace rollcall::finger {

ScanScript::ScanScript(VirtualImageFeeder feeder) : feeder_(std::move(feeder)) {}

void ScanScript::push(ScanStep step) {
    std::lock_guard lock(mutex_);
    steps_.push_back(std::move(step));
}

void ScanScript::clear() {
    std::lock_guard lock(mutex_);
    steps_.clear();
}

std::size_t ScanScript::pending() const {
    std::lock_guard lock(mutex_);
    return steps_.size();
}

void ScanScript::onExhausted(std::function<void()> handler) {
    std::lock_guard lock(mutex_);
    exhausted_ = std::move(handler);
}

Status ScanScript::lastError() const {
    std::lock_guard lock(mutex_);
    return lastError_;
}

void ScanScript::onDeviceEvent(const DeviceEvent& event) {
    if (event.kind != DeviceEventKind::FingerNeeded) return;
    std::function<void()> exhausted;
    {
        std::lock_guard lock(mutex_);
        if (steps_.empty()) {
            exhausted = exhausted_;
        } else {
            ScanStep step = std::move(steps_.front());
            steps_.pop_front();
            Status sent;
            switch (step.kind) {
                case ScanStep::Kind::Image: sent = feeder_.sendImage(step.image); break;
                case ScanStep::Kind::Retry: sent = feeder_.sendRetry(step.code); break;
                case ScanStep::Kind::Error: sent = feeder_.sendError(step.code); break;
                case ScanStep::Kind::Remove: sent = feeder_.sendRemoved(); break;
            }
            if (!sent) lastError_ = sent;
        }
    }
    if (exhausted) exhausted();
}

}  // namespace rollcall::finger
