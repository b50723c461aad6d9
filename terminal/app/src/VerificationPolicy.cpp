#include "rollcall/terminal/VerificationPolicy.hpp"

#include <string>

namespace rollcall::terminal {

Result<VerificationPolicy> parsePolicy(std::string_view text) {
    if (text == "face") return VerificationPolicy::Face;
    if (text == "fingerprint") return VerificationPolicy::Fingerprint;
    if (text == "either") return VerificationPolicy::Either;
    if (text == "face+fingerprint") return VerificationPolicy::FaceAndFinger;
    return fail("config.policy", "unknown verification policy '" + std::string(text) +
                                     "' (face, fingerprint, either, face+fingerprint)", "terminal.policy");
}

std::string_view policyName(VerificationPolicy policy) {
    switch (policy) {
        case VerificationPolicy::Face: return "face";
        case VerificationPolicy::Fingerprint: return "fingerprint";
        case VerificationPolicy::Either: return "either";
        case VerificationPolicy::FaceAndFinger: return "face+fingerprint";
    }
    return "face";
}

VerificationPolicy combinePolicies(VerificationPolicy terminal, std::optional<VerificationPolicy> person) {
    if (!person || *person == terminal || *person == VerificationPolicy::Either) return terminal;
    if (terminal == VerificationPolicy::Either) return *person;
    // Two different strict policies: face + fingerprint between them, or one of them already is.
    return VerificationPolicy::FaceAndFinger;
}

bool identifiesWith(VerificationPolicy policy, Factor factor) {
    switch (policy) {
        case VerificationPolicy::Face: return factor == Factor::Face;
        case VerificationPolicy::Fingerprint: return factor == Factor::Finger;
        case VerificationPolicy::Either: return true;
        case VerificationPolicy::FaceAndFinger: return factor == Factor::Face;
    }
    return false;
}

bool satisfiedBy(VerificationPolicy policy, bool face, bool finger) {
    switch (policy) {
        case VerificationPolicy::Face: return face;
        case VerificationPolicy::Fingerprint: return finger;
        case VerificationPolicy::Either: return face || finger;
        case VerificationPolicy::FaceAndFinger: return face && finger;
    }
    return false;
}

}  // namespace rollcall::terminal
