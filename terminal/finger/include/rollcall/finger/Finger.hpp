#pragma once
// Which finger a template belongs to, and whose it is.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "rollcall/domain/Ids.hpp"

namespace rollcall::finger {

// Numbered as libfprint numbers them (FpFinger), so a value crosses the boundary unchanged.
enum class Finger : std::uint8_t {
    Unknown = 0,
    LeftThumb, LeftIndex, LeftMiddle, LeftRing, LeftLittle,
    RightThumb, RightIndex, RightMiddle, RightRing, RightLittle,
};

std::string_view fingerName(Finger finger);  // "right-index", ...
std::optional<Finger> parseFinger(std::string_view name);

// One enrolled finger of one person: the unit the gallery stores and identification returns.
struct FingerKey {
    EmployeeId person;
    Finger finger = Finger::Unknown;
    auto operator<=>(const FingerKey&) const = default;
};

std::string describe(const FingerKey& key);  // "1001/right-index"

}  // namespace rollcall::finger
