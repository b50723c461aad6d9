#include "rollcall/terminal/FaceObservation.hpp"

#include <fmt/format.h>

namespace rollcall::terminal {

FaceObservation observeFace(const face::Recognition& r) {
    FaceObservation o;
    const auto& a = r.analysis;
    if (a.embedding.empty()) return o;  // nobody in view
    if (!a.quality.ok || r.match.decision != face::MatchDecision::Match || !r.match.hits.best) {
        o.kind = FaceObservation::Kind::Refused;
        o.poorQuality = !a.quality.ok;
        // Liveness is judged by the machine after the second factor, so it is not the reason here.
        o.reason = !a.quality.ok || r.match.decision == face::MatchDecision::Ambiguous ? r.reason : "not enrolled";
        if (r.match.decision == face::MatchDecision::Ambiguous && r.match.hits.second) {
            o.reason = fmt::format("ambiguous: {} and {} are too close", r.match.hits.best->person.value(), r.match.hits.second->person.value());
        }
        return o;
    }
    o.kind = FaceObservation::Kind::Matched;
    o.person = r.match.hits.best->person;
    o.score = r.match.hits.best->score;
    if (a.liveness) {
        o.livenessScore = a.liveness->score;
        switch (a.liveness->decision) {
            case face::LivenessDecision::Live: o.liveness = LivenessVerdict::Live; break;
            case face::LivenessDecision::Spoof: o.liveness = LivenessVerdict::Spoof; break;
            case face::LivenessDecision::Uncertain: o.liveness = LivenessVerdict::Uncertain; break;
        }
    }
    return o;
}

}  // namespace rollcall::terminal
