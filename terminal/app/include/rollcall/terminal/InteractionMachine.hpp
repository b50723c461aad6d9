#pragma once
// One interaction at the terminal as an explicit state machine:
//   idle -> face seen / finger placed -> identify -> second factor when the policy asks
//   -> liveness -> journal commit -> feedback -> idle.
// Events are observations (face, finger), the journal's answer and the clock; the machine
// answers with a PunchDecision when a punch must be committed, with the finger operation it
// wants running (fingerRequest) and with the view the person sees. No I/O, no threads, no
// clock of its own: every call carries `now`. Not thread-safe; the daemon serialises calls.
#include <chrono>
#include <functional>
#include <optional>

#include "rollcall/terminal/Interaction.hpp"
#include "rollcall/terminal/VerificationPolicy.hpp"

namespace rollcall::terminal {

// What the machine needs to know about a person once identified.
struct PersonFacts {
    std::optional<VerificationPolicy> policy;  // the person's own, from the gallery
    bool hasFinger = false;                    // enrolled prints to confirm against
    bool recentlyPunched = false;              // inside the repeat-suppression window
};

struct InteractionSettings {
    VerificationPolicy policy = VerificationPolicy::Face;
    std::chrono::milliseconds secondFactorTimeout{10'000};
    std::chrono::milliseconds successHold{3'000};  // how long "OK" stays on screen
    std::chrono::milliseconds failureHold{2'000};
    int fingerAttempts = 3;                         // 1:1 confirmations before giving up
};

// What the reader should be doing now.
struct FingerRequest {
    enum class Kind : std::uint8_t { None, Identify, Verify };
    Kind kind = Kind::None;
    EmployeeId person{};  // Verify
    bool operator==(const FingerRequest&) const = default;
};

class InteractionMachine {
public:
    using PersonLookup = std::function<PersonFacts(EmployeeId)>;

    InteractionMachine(InteractionSettings settings, PersonLookup lookup);

    std::optional<PunchDecision> onFace(const FaceObservation& face, SteadyTime now);
    std::optional<PunchDecision> onFinger(const FingerObservation& finger, SteadyTime now);
    void onCommitted(const CommitOutcome& outcome, SteadyTime now);
    void onTick(SteadyTime now);

    [[nodiscard]] const InteractionView& view() const { return view_; }
    // Increases whenever the view changes, so a caller publishes only changes.
    [[nodiscard]] std::uint64_t revision() const { return revision_; }
    [[nodiscard]] FingerRequest fingerRequest() const;
    [[nodiscard]] bool wantsFace() const;
    [[nodiscard]] const InteractionSettings& settings() const { return settings_; }

private:
    struct Pending {
        EmployeeId person{};
        VerificationPolicy required = VerificationPolicy::Face;
        std::optional<FaceObservation> face;
        std::optional<FingerObservation> finger;
        bool hasFinger = false;
    };

    std::optional<PunchDecision> start(EmployeeId person, std::optional<FaceObservation> face,
                                       std::optional<FingerObservation> finger, SteadyTime now);
    std::optional<PunchDecision> advance(SteadyTime now);
    void show(Phase phase, Prompt prompt, std::string detail = {}, std::optional<EmployeeId> person = {});
    void finish(Prompt prompt, std::string detail, SteadyTime now, std::optional<EmployeeId> person = {});
    [[nodiscard]] Prompt idlePrompt() const;
    [[nodiscard]] bool needsFace() const;
    [[nodiscard]] bool needsFinger() const;
    [[nodiscard]] bool accepting() const;  // idle, or showing feedback that a new person may replace

    InteractionSettings settings_;
    PersonLookup lookup_;
    InteractionView view_;
    std::uint64_t revision_ = 0;
    std::optional<Pending> pending_;
    std::optional<SteadyTime> holdUntil_;
};

}  // namespace rollcall::terminal
