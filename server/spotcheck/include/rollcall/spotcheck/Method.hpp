#pragma once
// The verification a spot check asks for, and whether a punch's method meets it.
// Only biometric verifications answer a check: card, PIN and manual entries never do,
// since they do not prove the person was there.
#include <optional>
#include <string_view>

namespace rollcall::spotcheck {

enum class MethodRequirement { Any, Face, Fingerprint, FaceAndFingerprint };

std::string_view toString(MethodRequirement method);
std::optional<MethodRequirement> parseMethodRequirement(std::string_view text);

// `punchMethod` is the punches table's method text ("face", "fingerprint", "face+fingerprint", ...).
bool isBiometric(std::string_view punchMethod);
bool satisfies(MethodRequirement required, std::string_view punchMethod);

}  // namespace rollcall::spotcheck
