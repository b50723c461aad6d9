#include "rollcall/finger/TemplateVault.hpp"

#include <string>

namespace rollcall::finger {
namespace {
// What the sealed bytes are bound to: a blob sealed for one person's finger opens for no other.
std::string associatedData(const FingerKey& key) {
    return "rollcall.finger.template.v1/" + describe(key);
}
}  // namespace

TemplateVault::TemplateVault(const crypto::SecretKey& deviceKey) : key_(deviceKey.derive("finger-templates")) {}

Blob TemplateVault::seal(const FingerTemplate& tmpl) const {
    const std::string ad = associatedData(tmpl.key);
    return crypto::seal(key_, tmpl.print, crypto::asBytes(ad));
}

Result<FingerTemplate> TemplateVault::open(const FingerKey& key, std::span<const std::uint8_t> sealed) const {
    const std::string ad = associatedData(key);
    auto plain = crypto::open(key_, sealed, crypto::asBytes(ad));
    if (!plain) {
        return fail("finger.template_sealed",
                    "the sealed template for " + describe(key) + " does not open with this device key: " +
                        plain.error().message);
    }
    return FingerTemplate{key, std::move(*plain)};
}

}  // namespace rollcall::finger
