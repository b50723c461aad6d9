#pragma once
// Which factors a person must present: per terminal, and per person where the gallery says so.
#include <cstdint>
#include <string_view>

#include "rollcall/domain/Error.hpp"

namespace rollcall::terminal {

enum class VerificationPolicy : std::uint8_t {
    Face,            // face identifies
    Fingerprint,     // fingerprint identifies
    Either,          // whichever comes first
    FaceAndFinger,   // face identifies, fingerprint confirms 1:1
};

Result<VerificationPolicy> parsePolicy(std::string_view text);
std::string_view policyName(VerificationPolicy policy);

}  // namespace rollcall::terminal
