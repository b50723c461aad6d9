#include "rollcall/face/Liveness.hpp"

namespace rollcall::face {

LivenessDecision decideLiveness(float score, const LivenessPolicy& policy) {
    if (score >= policy.liveAtOrAbove) return LivenessDecision::Live;
    if (score < policy.spoofBelow) return LivenessDecision::Spoof;
    return LivenessDecision::Uncertain;
}

BlinkChallenge::BlinkChallenge(Clock::time_point start, std::chrono::milliseconds limit) : deadline_(start + limit) {}

BlinkChallenge::Status BlinkChallenge::observe(EyeState eyes, Clock::time_point at) {
    if (status_ != Status::Pending) return status_;
    if (at > deadline_) return status_ = Status::TimedOut;
    switch (phase_) {
        case Phase::WaitOpen:
            if (eyes == EyeState::Open) phase_ = Phase::WaitClosed;
            break;
        case Phase::WaitClosed:
            if (eyes == EyeState::Closed) phase_ = Phase::WaitReopen;
            break;
        case Phase::WaitReopen:
            if (eyes == EyeState::Open) status_ = Status::Passed;
            break;
    }
    return status_;
}

}  // namespace rollcall::face
