#pragma once
// Templates at rest: sealed with the device key (XChaCha20-Poly1305 via rollcall::crypto::seal),
// bound to their person and finger so a blob cannot be moved to someone else unnoticed.
#include <span>

#include "rollcall/crypto/Crypto.hpp"
#include "rollcall/domain/Error.hpp"
#include "rollcall/finger/FingerTemplate.hpp"

namespace rollcall::finger {

class TemplateVault {
public:
    // `deviceKey` is the terminal's master key; the vault derives its own "finger-templates" key.
    explicit TemplateVault(const crypto::SecretKey& deviceKey);

    [[nodiscard]] Blob seal(const FingerTemplate& tmpl) const;
    // Fails with "finger.template_sealed" when the key, the person/finger or the bytes do not match.
    [[nodiscard]] Result<FingerTemplate> open(const FingerKey& key, std::span<const std::uint8_t> sealed) const;

private:
    crypto::SecretKey key_;
};

}  // namespace rollcall::finger
