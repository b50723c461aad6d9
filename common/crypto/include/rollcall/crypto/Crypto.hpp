#pragma once
// Cryptography used across Rollcall, all from libsodium:
//  - Ed25519 signatures (terminal identity, punch signatures);
//  - XChaCha20-Poly1305 sealing of data at rest (templates on the terminal);
//  - Argon2id password hashes (accounts);
//  - SHA-256 (model files, audit chain), random bytes, hex and base64.
#include <array>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rollcall/domain/Error.hpp"

namespace rollcall::crypto {

using Bytes = std::vector<std::uint8_t>;

// Initialises libsodium once; every function below calls it, so callers need not.
void init();

Bytes randomBytes(std::size_t n);
std::string toHex(std::span<const std::uint8_t> bytes);
Result<Bytes> fromHex(std::string_view hex);
std::string toBase64(std::span<const std::uint8_t> bytes);  // standard alphabet, padded
Result<Bytes> fromBase64(std::string_view text);
// A random token of `bytes` bytes as URL-safe base64 without padding.
std::string randomToken(std::size_t bytes = 32);

std::array<std::uint8_t, 32> sha256(std::span<const std::uint8_t> data);
std::string sha256Hex(std::span<const std::uint8_t> data);
std::string sha256Hex(std::string_view text);
Result<std::string> sha256FileHex(const std::filesystem::path& file);

inline std::span<const std::uint8_t> asBytes(std::string_view s) {
    return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

// Constant-time equality.
bool equalConstantTime(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b);

struct SigningKey {
    std::array<std::uint8_t, 64> secret{};  // libsodium's secret key (seed + public key)
    std::array<std::uint8_t, 32> publicKey{};

    static SigningKey generate();
    static Result<SigningKey> fromSeed(std::span<const std::uint8_t> seed32);
    [[nodiscard]] std::array<std::uint8_t, 64> sign(std::span<const std::uint8_t> message) const;
    [[nodiscard]] std::span<const std::uint8_t, 32> seed() const { return std::span<const std::uint8_t, 32>(secret.data(), 32); }
};

bool verifySignature(std::span<const std::uint8_t> publicKey32, std::span<const std::uint8_t> message,
                     std::span<const std::uint8_t> signature64);

// A 32-byte key for sealing data at rest.
struct SecretKey {
    std::array<std::uint8_t, 32> bytes{};
    static SecretKey generate();
    // Derives a purpose-specific key (e.g. "templates") from a master key; different contexts give unrelated keys.
    [[nodiscard]] SecretKey derive(std::string_view context) const;
};

// nonce || ciphertext+tag; `associated` binds the blob to its context (e.g. the person's id).
Bytes seal(const SecretKey& key, std::span<const std::uint8_t> plain, std::span<const std::uint8_t> associated = {});
Result<Bytes> open(const SecretKey& key, std::span<const std::uint8_t> sealed, std::span<const std::uint8_t> associated = {});

// Argon2id password hashing in libsodium's self-describing string format.
Result<std::string> hashPassword(std::string_view password);
bool verifyPassword(std::string_view hash, std::string_view password);

// Writes `data` to `file` atomically with mode 0600 (write to a temporary file, fsync, rename).
Status writeSecretFile(const std::filesystem::path& file, std::span<const std::uint8_t> data);
Result<Bytes> readFileBytes(const std::filesystem::path& file);

}  // namespace rollcall::crypto
