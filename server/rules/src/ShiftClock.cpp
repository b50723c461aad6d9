#include "rollcall/rules/ShiftClock.hpp"

#include <cstdio>

namespace rollcall::rules {

std::optional<ShiftClock> ShiftClock::parse(std::string_view text) {
    int dayOffset = 0;
    if (const auto sign = text.find_first_of("+-"); sign != std::string_view::npos) {
        const auto suffix = text.substr(sign);
        if (suffix == "+1") dayOffset = 1;
        else if (suffix == "-1") dayOffset = -1;
        else return std::nullopt;
        text = text.substr(0, sign);
    }
    if (text.size() != 5) return std::nullopt;  // HH:MM only: shifts are planned to the minute
    auto t = LocalTime::parse(text);
    if (!t) return std::nullopt;
    return at(*t, dayOffset);
}

std::string ShiftClock::toString() const {
    const int day = minutes_ >= 0 ? minutes_ / 1440 : -((-minutes_ + 1439) / 1440);
    const int inDay = minutes_ - day * 1440;
    char buf[32];
    if (day == 0) {
        std::snprintf(buf, sizeof buf, "%02d:%02d", inDay / 60, inDay % 60);
    } else {
        std::snprintf(buf, sizeof buf, "%02d:%02d%+d", inDay / 60, inDay % 60, day);
    }
    return buf;
}

}  // namespace rollcall::rules
