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

}  // namespace rollcall::terminal
