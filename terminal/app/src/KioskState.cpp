#include "rollcall/terminal/KioskState.hpp"

#include <nlohmann/json.hpp>

namespace rollcall::terminal {

std::string toJson(const KioskState& s) {
    using nlohmann::json;
    const auto& v = s.view;
    json j;
    j["revision"] = s.revision;
    j["phase"] = phaseName(v.phase);
    j["prompt"] = promptKey(v.prompt);
    j["detail"] = v.detail;
    j["person"] = v.person ? json{{"id", v.person->value()}, {"name", s.personName}} : json(nullptr);
    json punch = nullptr;
    if (v.phase == Phase::Success && v.punch) {
        punch = {{"method", proto::methodName(v.punch->method)}, {"seq", v.seq}, {"at", v.at.toIso()}};
        if (v.punch->faceScore) punch["faceScore"] = *v.punch->faceScore;
        if (v.punch->fingerScore) punch["fingerScore"] = *v.punch->fingerScore;
        if (v.punch->livenessScore) punch["livenessScore"] = *v.punch->livenessScore;
    }
    j["punch"] = punch;
    j["secondsLeft"] = s.secondsLeft ? json(*s.secondsLeft) : json(nullptr);
    j["attempts"] = v.attempts;
    j["spotCheck"] = s.spotCheck ? json{{"id", s.spotCheck->id.value()}, {"message", s.spotCheck->message}, {"endsAt", s.spotCheck->endsAt.toIso()}}
                                 : json(nullptr);
    j["language"] = s.language;
    j["timeZone"] = s.timeZone;
    j["terminal"] = {{"id", s.terminalId}, {"name", s.terminalName}};
    j["policy"] = s.policy;
    j["online"] = s.online;
    j["camera"] = s.camera;
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace rollcall::terminal
