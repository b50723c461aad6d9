#pragma once
// Reads the minutiae out of a serialised libfprint print ("FP3" + GVariant
// (issbymsmsia{sv}v) whose variant holds (a(aiaiai)) for NBIS prints) using only the public
// serialisation format, and builds such blobs (for tests, benchmarks and the empty probe gallery).
#include <span>
#include <string_view>

#include "rollcall/domain/Error.hpp"
#include "rollcall/finger/FingerTemplate.hpp"
#include "rollcall/finger/Minutia.hpp"

namespace rollcall::finger {

struct NbisPrintInfo {
    std::string driver;
    std::string deviceId;
    Finger finger = Finger::Unknown;
    PrintMinutiae minutiae;
};

// "finger.print_invalid" for anything that is not a well-formed serialised print;
// "finger.print_not_nbis" for a well-formed print that carries no minutiae (match-on-chip, virtual_device).
Result<NbisPrintInfo> parseNbisPrint(std::span<const std::uint8_t> blob);

// Serialises minutiae as libfprint would; fp_print_deserialize accepts the result.
Blob buildNbisPrint(const PrintMinutiae& minutiae, std::string_view driver, std::string_view deviceId,
                    Finger finger = Finger::Unknown);

}  // namespace rollcall::finger
