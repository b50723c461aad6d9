#pragma once
// Which factors a person must present: per terminal, and per person where the gallery says so.
#include <cstdint>
#include <optional>
#include <string_view>

#include "rollcall/domain/Error.hpp"

namespace rollcall::terminal {

enum class VerificationPolicy : std::uint8_t {
    Face,            // face identifies
    Fingerprint,     // fingerprint identifies
    Either,          // whichever comes first
    FaceAndFinger,   // face identifies, fingerprint confirms 1:1
};

enum class Factor : std::uint8_t { Face, Finger };

Result<VerificationPolicy> parsePolicy(std::string_view text);
std::string_view policyName(VerificationPolicy policy);

// The stricter of the terminal's and the person's policy: a person marked face+fingerprint
// gives a finger even at a face-only terminal, and a person's "either" never relaxes a terminal.
VerificationPolicy combinePolicies(VerificationPolicy terminal, std::optional<VerificationPolicy> person);
// Whether `factor` may start an interaction (identify 1:N) at a terminal with `policy`.
bool identifiesWith(VerificationPolicy policy, Factor factor);
// Whether `policy` is met by the factors presented.
bool satisfiedBy(VerificationPolicy policy, bool face, bool finger);

}  // namespace rollcall::terminal
