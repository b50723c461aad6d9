#pragma once
// The words a person reads for each prompt, in Chinese or English (the status line; the kiosk
// page carries its own copy of these strings so it can switch language by itself).
#include <string_view>

#include "rollcall/terminal/Interaction.hpp"

namespace rollcall::terminal {

std::string_view promptText(Prompt prompt, std::string_view language);

}  // namespace rollcall::terminal
