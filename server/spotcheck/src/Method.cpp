#include "rollcall/spotcheck/Method.hpp"

namespace rollcall::spotcheck {

std::string_view toString(MethodRequirement method) {
    switch (method) {
        case MethodRequirement::Any: return "any";
        case MethodRequirement::Face: return "face";
        case MethodRequirement::Fingerprint: return "fingerprint";
        case MethodRequirement::FaceAndFingerprint: return "face+fingerprint";
    }
    return "any";
}

std::optional<MethodRequirement> parseMethodRequirement(std::string_view text) {
    for (auto m : {MethodRequirement::Any, MethodRequirement::Face, MethodRequirement::Fingerprint,
                   MethodRequirement::FaceAndFingerprint}) {
        if (toString(m) == text) return m;
    }
    return std::nullopt;
}

bool isBiometric(std::string_view punchMethod) {
    return punchMethod == "face" || punchMethod == "fingerprint" || punchMethod == "face+fingerprint";
}

bool satisfies(MethodRequirement required, std::string_view punchMethod) {
    switch (required) {
        case MethodRequirement::Any: return isBiometric(punchMethod);
        case MethodRequirement::Face: return punchMethod == "face" || punchMethod == "face+fingerprint";
        case MethodRequirement::Fingerprint: return punchMethod == "fingerprint" || punchMethod == "face+fingerprint";
        case MethodRequirement::FaceAndFingerprint: return punchMethod == "face+fingerprint";
    }
    return false;
}

}  // namespace rollcall::spotcheck
