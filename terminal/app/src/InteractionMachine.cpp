#include "rollcall/terminal/InteractionMachine.hpp"

namespace rollcall::terminal {

namespace {

bool needsFaceFor(VerificationPolicy p) { return p == VerificationPolicy::Face || p == VerificationPolicy::FaceAndFinger; }
bool needsFingerFor(VerificationPolicy p) { return p == VerificationPolicy::Fingerprint || p == VerificationPolicy::FaceAndFinger; }

proto::PunchMethod methodOf(bool face, bool finger) {
    if (face && finger) return proto::PunchMethod::FaceAndFingerprint;
    return finger ? proto::PunchMethod::Fingerprint : proto::PunchMethod::Face;
}

}  // namespace

InteractionMachine::InteractionMachine(InteractionSettings settings, PersonLookup lookup)
    : settings_(settings), lookup_(std::move(lookup)) {
    view_.prompt = idlePrompt();
}

Prompt InteractionMachine::idlePrompt() const {
    switch (settings_.policy) {
        case VerificationPolicy::Fingerprint: return Prompt::PlaceFinger;
        case VerificationPolicy::Either: return Prompt::LookOrPlaceFinger;
        default: return Prompt::LookAtCamera;
    }
}

bool InteractionMachine::needsFace() const {
    return view_.phase == Phase::SecondFactor && pending_ && !pending_->face && needsFaceFor(pending_->required);
}

bool InteractionMachine::needsFinger() const {
    return view_.phase == Phase::SecondFactor && pending_ && !pending_->finger && needsFingerFor(pending_->required);
}

bool InteractionMachine::accepting() const {
    return view_.phase == Phase::Idle || view_.phase == Phase::Success || view_.phase == Phase::Failure;
}

FingerRequest InteractionMachine::fingerRequest() const {
    if (needsFinger()) return {FingerRequest::Kind::Verify, pending_->person};
    if (accepting() && identifiesWith(settings_.policy, Factor::Finger)) return {FingerRequest::Kind::Identify, {}};
    return {};
}

bool InteractionMachine::wantsFace() const {
    if (view_.phase == Phase::SecondFactor) return needsFace();
    return accepting() && identifiesWith(settings_.policy, Factor::Face);
}

void InteractionMachine::show(Phase phase, Prompt prompt, std::string detail, std::optional<EmployeeId> person) {
    InteractionView next;
    next.phase = phase;
    next.prompt = prompt;
    next.detail = std::move(detail);
    next.person = person;
    if (phase == Phase::SecondFactor) {
        next.deadline = view_.deadline;
        next.attempts = view_.attempts;
    }
    if (next == view_) return;
    view_ = std::move(next);
    ++revision_;
}

void InteractionMachine::finish(Prompt prompt, std::string detail, SteadyTime now, std::optional<EmployeeId> person) {
    pending_.reset();
    const bool good = prompt == Prompt::AlreadyRecorded;
    holdUntil_ = now + (good ? settings_.successHold : settings_.failureHold);
    show(good ? Phase::Success : Phase::Failure, prompt, std::move(detail), person);
}

std::optional<PunchDecision> InteractionMachine::start(EmployeeId person, std::optional<FaceObservation> face,
                                                       std::optional<FingerObservation> finger, SteadyTime now) {
    const PersonFacts facts = lookup_ ? lookup_(person) : PersonFacts{};
    if (facts.recentlyPunched) {
        // A face in view is seen on every frame: stay quiet. A finger was placed on purpose: say so.
        if (finger) finish(Prompt::AlreadyRecorded, {}, now, person);
        return std::nullopt;
    }
    pending_ = Pending{person, combinePolicies(settings_.policy, facts.policy), std::move(face), std::move(finger), facts.hasFinger};
    view_.attempts = 0;
    view_.deadline.reset();
    holdUntil_.reset();
    return advance(now);
}

std::optional<PunchDecision> InteractionMachine::advance(SteadyTime now) {
    auto& p = *pending_;
    const bool haveFace = p.face.has_value();
    const bool haveFinger = p.finger.has_value();
    if (!satisfiedBy(p.required, haveFace, haveFinger)) {
        const bool wantFinger = !haveFinger && needsFingerFor(p.required);
        if (wantFinger && !p.hasFinger) {
            finish(Prompt::NoFingerEnrolled, "the policy asks for a fingerprint and none is enrolled", now, p.person);
            return std::nullopt;
        }
        if (view_.phase != Phase::SecondFactor) view_.deadline = now + settings_.secondFactorTimeout;
        show(Phase::SecondFactor, wantFinger ? Prompt::PlaceFinger : Prompt::LookAtCamera, {}, p.person);
        return std::nullopt;
    }
    // Liveness is judged on the face the interaction used, once every factor is in.
    if (p.face && p.face->liveness != LivenessVerdict::Live && p.face->liveness != LivenessVerdict::NotChecked) {
        finish(Prompt::FaceNotLive, p.face->liveness == LivenessVerdict::Spoof ? "spoof" : "uncertain", now, p.person);
        return std::nullopt;
    }
    PunchDecision decision;
    decision.person = p.person;
    decision.method = methodOf(haveFace, haveFinger);
    if (p.face) {
        decision.faceScore = p.face->score;
        decision.livenessScore = p.face->livenessScore;
    }
    if (p.finger) decision.fingerScore = p.finger->score;
    show(Phase::Committing, Prompt::Recorded, {}, p.person);
    view_.punch = decision;
    return decision;
}

std::optional<PunchDecision> InteractionMachine::onFace(const FaceObservation& face, SteadyTime now) {
    onTick(now);
    if (view_.phase == Phase::Committing) return std::nullopt;
    if (view_.phase == Phase::SecondFactor) {
        if (!needsFace() || face.kind == FaceObservation::Kind::NoFace) return std::nullopt;
        if (face.kind == FaceObservation::Kind::Matched && face.person == pending_->person) {
            pending_->face = face;
            return advance(now);
        }
        show(Phase::SecondFactor, Prompt::LookAtCamera,
             face.kind == FaceObservation::Kind::Matched ? "another person's face" : face.reason, pending_->person);
        return std::nullopt;
    }
    if (!identifiesWith(settings_.policy, Factor::Face)) return std::nullopt;
    switch (face.kind) {
        case FaceObservation::Kind::NoFace: return std::nullopt;
        case FaceObservation::Kind::Refused:
            // A blurred frame of someone walking away must not replace their "OK"; a stranger's clear face does.
            if (view_.phase != Phase::Success || !face.poorQuality) finish(Prompt::NotRecognised, face.reason, now);
            return std::nullopt;
        case FaceObservation::Kind::Matched: return start(face.person, face, std::nullopt, now);
    }
    return std::nullopt;
}

std::optional<PunchDecision> InteractionMachine::onFinger(const FingerObservation& finger, SteadyTime now) {
    using K = FingerObservation::Kind;
    onTick(now);
    if (view_.phase == Phase::Committing) return std::nullopt;
    if (view_.phase == Phase::SecondFactor) {
        if (!needsFinger()) return std::nullopt;
        const EmployeeId person = pending_->person;
        switch (finger.kind) {
            case K::Identified:
            case K::Verified:
                if (finger.person == person) {
                    pending_->finger = finger;
                    return advance(now);
                }
                [[fallthrough]];
            case K::Rejected:
            case K::NotRecognised:
                if (++view_.attempts >= settings_.fingerAttempts) {
                    finish(Prompt::FingerNoMatch, "no match after " + std::to_string(view_.attempts) + " attempts", now, person);
                } else {
                    ++revision_;
                    view_.deadline = now + settings_.secondFactorTimeout;
                    show(Phase::SecondFactor, Prompt::FingerNoMatch, finger.reason, person);
                }
                return std::nullopt;
            case K::Retry: show(Phase::SecondFactor, Prompt::FingerAgain, finger.reason, person); return std::nullopt;
            case K::Failed: finish(Prompt::ReaderFailed, finger.reason, now, person); return std::nullopt;
        }
        return std::nullopt;
    }
    if (!identifiesWith(settings_.policy, Factor::Finger)) return std::nullopt;
    switch (finger.kind) {
        case K::Identified:
        case K::Verified: return start(finger.person, std::nullopt, finger, now);
        case K::NotRecognised:
        case K::Rejected: finish(Prompt::NotRecognised, finger.reason, now); break;
        case K::Retry: finish(Prompt::FingerAgain, finger.reason, now); break;
        case K::Failed: finish(Prompt::ReaderFailed, finger.reason, now); break;
    }
    return std::nullopt;
}

void InteractionMachine::onCommitted(const CommitOutcome& outcome, SteadyTime now) {
    if (view_.phase != Phase::Committing || !pending_) return;
    const EmployeeId person = pending_->person;
    if (!outcome.committed) {
        finish(Prompt::RecordFailed, outcome.reason, now, person);
        return;
    }
    auto punch = view_.punch;
    pending_.reset();
    holdUntil_ = now + settings_.successHold;
    show(Phase::Success, Prompt::Recorded, {}, person);
    view_.punch = punch;
    view_.seq = outcome.seq;
    view_.at = outcome.at;
}

void InteractionMachine::onTick(SteadyTime now) {
    if (view_.phase == Phase::SecondFactor && view_.deadline && now >= *view_.deadline) {
        finish(Prompt::TimedOut, needsFinger() ? "no fingerprint in time" : "no face in time", now, pending_->person);
        return;
    }
    if ((view_.phase == Phase::Success || view_.phase == Phase::Failure) && holdUntil_ && now >= *holdUntil_) {
        holdUntil_.reset();
        show(Phase::Idle, idlePrompt());
    }
}

}  // namespace rollcall::terminal
