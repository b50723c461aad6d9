#pragma once
// Passive liveness verdict, and the active blink challenge used when the passive score is unsure.
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace rollcall::face {

enum class LivenessDecision : std::uint8_t { Live, Spoof, Uncertain };

struct LivenessPolicy {
    float liveAtOrAbove = 0.80F;  // passive score at or above: live
    float spoofBelow = 0.30F;     // below: spoof; in between: ask for a blink
};

struct ModelScore {
    std::string model;
    float live = 0;  // probability of a live face, 0..1
};

struct LivenessResult {
    LivenessDecision decision = LivenessDecision::Uncertain;
    float score = 0;  // combined passive score (mean of the models)
    std::vector<ModelScore> models;
};

LivenessDecision decideLiveness(float score, const LivenessPolicy& policy);

enum class EyeState : std::uint8_t { Unknown, Open, Closed };

// Open -> closed -> open inside the time limit passes; a photo cannot blink.
class BlinkChallenge {
public:
    enum class Status : std::uint8_t { Pending, Passed, TimedOut };
    using Clock = std::chrono::steady_clock;

    explicit BlinkChallenge(Clock::time_point start, std::chrono::milliseconds limit = std::chrono::seconds(5));
    Status observe(EyeState eyes, Clock::time_point at);
    [[nodiscard]] Status status() const { return status_; }

private:
    enum class Phase : std::uint8_t { WaitOpen, WaitClosed, WaitReopen };
    Clock::time_point deadline_;
    Phase phase_ = Phase::WaitOpen;
    Status status_ = Status::Pending;
};

}  // namespace rollcall::face
