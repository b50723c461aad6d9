#pragma once
// What the kiosk page shows, as the JSON object /state and /events carry (docs/terminal.md
// lists the fields). Built from the interaction's view plus the terminal's surroundings.
#include <optional>
#include <string>

#include "rollcall/terminal/Interaction.hpp"

namespace rollcall::terminal {

struct KioskSpotCheck {
    SpotCheckId id{};
    std::string message;
    Instant endsAt{};  // on the terminal's clock
};

struct KioskState {
    std::uint64_t revision = 0;
    InteractionView view;
    std::string personName;
    std::optional<double> secondsLeft;  // SecondFactor
    std::optional<KioskSpotCheck> spotCheck;
    std::string language = "zh";
    std::string timeZone = "Asia/Shanghai";
    std::int64_t terminalId = 0;
    std::string terminalName;
    std::string policy;
    bool online = false;
    bool camera = false;
};

std::string toJson(const KioskState& state);

}  // namespace rollcall::terminal
