#pragma once
// TLS identities of both ends: a self-signed X.509 certificate over an Ed25519 key. Trust
// never comes from a CA: the server pins each terminal's registered key, and a terminal pins
// the server's key it saw while provisioning.
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "rollcall/crypto/Crypto.hpp"
#include "rollcall/domain/Error.hpp"

struct x509_st;

namespace rollcall::proto {

using PublicKey = std::array<std::uint8_t, 32>;

struct TlsIdentity {
    std::string certificatePem;
    std::string privateKeyPem;
};

// A certificate valid from an hour ago for `validDays`, signed by the key itself.
Result<TlsIdentity> makeSelfSigned(const crypto::SigningKey& key, std::string_view commonName, int validDays = 36500);

// The raw Ed25519 key a certificate carries; an error for any other key type.
Result<PublicKey> ed25519KeyOf(const x509_st* certificate);
Result<PublicKey> ed25519KeyOfPem(std::string_view certificatePem);

// Loads the 32-byte seed kept in `seedFile` (mode 0600), creating it first if it is absent.
Result<crypto::SigningKey> loadOrCreateSigningKey(const std::filesystem::path& seedFile);

}  // namespace rollcall::proto
