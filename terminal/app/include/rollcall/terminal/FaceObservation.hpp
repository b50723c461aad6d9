#pragma once
// What the interaction learns from one recognised frame: nobody, a refused face (with the
// reason) or a matched person with the liveness verdict. Liveness is left to the machine,
// which judges it after the second factor.
#include "rollcall/face/FaceEngine.hpp"
#include "rollcall/terminal/Interaction.hpp"

namespace rollcall::terminal {

FaceObservation observeFace(const face::Recognition& recognition);

}  // namespace rollcall::terminal
