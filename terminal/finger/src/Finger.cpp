#include "rollcall/finger/Finger.hpp"

#include <array>

namespace rollcall::finger {
namespace {
constexpr std::array<std::string_view, 11> kNames = {
    "unknown",     "left-thumb",  "left-index",   "left-middle", "left-ring",   "left-little",
    "right-thumb", "right-index", "right-middle", "right-ring",   "right-little",
};
}  // namespace

std::string_view fingerName(Finger finger) {
    const auto i = static_cast<std::size_t>(finger);
    return i < kNames.size() ? kNames[i] : kNames[0];
}

std::optional<Finger> parseFinger(std::string_view name) {
    for (std::size_t i = 0; i < kNames.size(); ++i) {
        if (kNames[i] == name) return static_cast<Finger>(i);
    }
    return std::nullopt;
}

std::string describe(const FingerKey& key) {
    return std::to_string(key.person.value()) + "/" + std::string(fingerName(key.finger));
}

}  // namespace rollcall::finger
