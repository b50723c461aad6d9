#pragma once
// A template is a serialised libfprint FpPrint (an opaque byte blob) plus whose finger it is.
// For image sensors (and virtual_image) the blob holds NBIS minutiae that NbisPrint can read.
#include <cstdint>
#include <vector>

#include "rollcall/finger/Finger.hpp"

namespace rollcall::finger {

using Blob = std::vector<std::uint8_t>;

struct FingerTemplate {
    FingerKey key;
    Blob print;  // fp_print_serialize output ("FP3" + GVariant)
};

}  // namespace rollcall::finger
