#include "rollcall/crypto/Crypto.hpp"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <mutex>

namespace rollcall::crypto {

void init() {
    static std::once_flag once;
    std::call_once(once, [] {
        if (sodium_init() < 0) std::abort();  // no usable randomness: nothing here can be safe
    });
}

Bytes randomBytes(std::size_t n) {
    init();
    Bytes out(n);
    randombytes_buf(out.data(), n);
    return out;
}

std::string toHex(std::span<const std::uint8_t> bytes) {
    std::string out(bytes.size() * 2 + 1, '\0');
    sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
    out.pop_back();
    return out;
}

Result<Bytes> fromHex(std::string_view hex) {
    init();
    Bytes out(hex.size() / 2 + 1);
    std::size_t len = 0;
    const char* end = nullptr;
    if (hex.size() % 2 != 0 ||
        sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, &end) != 0 ||
        end != hex.data() + hex.size()) {
        return fail("crypto.hex", "not a hexadecimal string");
    }
    out.resize(len);
    return out;
}

std::string toBase64(std::span<const std::uint8_t> bytes) {
    init();
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
    sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), sodium_base64_VARIANT_ORIGINAL);
    out.resize(std::strlen(out.c_str()));
    return out;
}

Result<Bytes> fromBase64(std::string_view text) {
    init();
    Bytes out(text.size() * 3 / 4 + 3);
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, &end,
                          sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != text.data() + text.size()) {
        return fail("crypto.base64", "not a base64 string");
    }
    out.resize(len);
    return out;
}

std::string randomToken(std::size_t bytes) {
    auto raw = randomBytes(bytes);
    std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
    sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    out.resize(std::strlen(out.c_str()));
    return out;
}

std::array<std::uint8_t, 32> sha256(std::span<const std::uint8_t> data) {
    init();
    std::array<std::uint8_t, 32> out{};
    crypto_hash_sha256(out.data(), data.data(), data.size());
    return out;
}

std::string sha256Hex(std::span<const std::uint8_t> data) { return toHex(sha256(data)); }
std::string sha256Hex(std::string_view text) { return sha256Hex(asBytes(text)); }

Result<std::string> sha256FileHex(const std::filesystem::path& file) {
    init();
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail("io.open", "cannot read '" + file.string() + "'");
    crypto_hash_sha256_state st;
    crypto_hash_sha256_init(&st);
    std::vector<char> buf(1 << 16);
    while (in) {
        in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
        const auto n = in.gcount();
        if (n > 0) crypto_hash_sha256_update(&st, reinterpret_cast<const unsigned char*>(buf.data()), static_cast<unsigned long long>(n));
    }
    if (in.bad()) return fail("io.read", "error while reading '" + file.string() + "'");
    std::array<std::uint8_t, 32> out{};
    crypto_hash_sha256_final(&st, out.data());
    return toHex(out);
}

bool equalConstantTime(std::span<const std::uint8_t> a, std::span<const std::uint8_t> b) {
    init();
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

SigningKey SigningKey::generate() {
    init();
    SigningKey k;
    crypto_sign_ed25519_keypair(k.publicKey.data(), k.secret.data());
    return k;
}

Result<SigningKey> SigningKey::fromSeed(std::span<const std::uint8_t> seed32) {
    init();
    if (seed32.size() != crypto_sign_ed25519_SEEDBYTES) return fail("crypto.seed", "an Ed25519 seed has 32 bytes");
    SigningKey k;
    crypto_sign_ed25519_seed_keypair(k.publicKey.data(), k.secret.data(), seed32.data());
    return k;
}

std::array<std::uint8_t, 64> SigningKey::sign(std::span<const std::uint8_t> message) const {
    init();
    std::array<std::uint8_t, 64> sig{};
    crypto_sign_ed25519_detached(sig.data(), nullptr, message.data(), message.size(), secret.data());
    return sig;
}

bool verifySignature(std::span<const std::uint8_t> publicKey32, std::span<const std::uint8_t> message,
                     std::span<const std::uint8_t> signature64) {
    init();
    if (publicKey32.size() != 32 || signature64.size() != 64) return false;
    return crypto_sign_ed25519_verify_detached(signature64.data(), message.data(), message.size(), publicKey32.data()) == 0;
}

SecretKey SecretKey::generate() {
    init();
    SecretKey k;
    crypto_aead_xchacha20poly1305_ietf_keygen(k.bytes.data());
    return k;
}

SecretKey SecretKey::derive(std::string_view context) const {
    init();
    SecretKey out;
    crypto_generichash_state st;
    crypto_generichash_init(&st, bytes.data(), bytes.size(), out.bytes.size());
    crypto_generichash_update(&st, reinterpret_cast<const unsigned char*>(context.data()), context.size());
    crypto_generichash_final(&st, out.bytes.data(), out.bytes.size());
    return out;
}

Bytes seal(const SecretKey& key, std::span<const std::uint8_t> plain, std::span<const std::uint8_t> associated) {
    init();
    constexpr auto nonceLen = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    Bytes out(nonceLen + plain.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES);
    randombytes_buf(out.data(), nonceLen);
    unsigned long long clen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + nonceLen, &clen, plain.data(), plain.size(),
                                               associated.data(), associated.size(), nullptr, out.data(),
                                               key.bytes.data());
    out.resize(nonceLen + clen);
    return out;
}

Result<Bytes> open(const SecretKey& key, std::span<const std::uint8_t> sealed, std::span<const std::uint8_t> associated) {
    init();
    constexpr auto nonceLen = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    constexpr auto tagLen = crypto_aead_xchacha20poly1305_ietf_ABYTES;
    if (sealed.size() < nonceLen + tagLen) return fail("crypto.sealed", "sealed data is too short");
    Bytes out(sealed.size() - nonceLen - tagLen);
    unsigned long long mlen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(out.data(), &mlen, nullptr, sealed.data() + nonceLen,
                                                   sealed.size() - nonceLen, associated.data(), associated.size(),
                                                   sealed.data(), key.bytes.data()) != 0) {
        return fail("crypto.open", "sealed data failed authentication (wrong key, wrong context or tampered)");
    }
    out.resize(mlen);
    return out;
}

Result<std::string> hashPassword(std::string_view password) {
    init();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0) {
        return fail("crypto.pwhash", "out of memory while hashing a password");
    }
    return std::string(out);
}

bool verifyPassword(std::string_view hash, std::string_view password) {
    init();
    std::string h(hash);
    return crypto_pwhash_str_verify(h.c_str(), password.data(), password.size()) == 0;
}

Status writeSecretFile(const std::filesystem::path& file, std::span<const std::uint8_t> data) {
    const auto tmp = file.string() + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) return fail("io.open", "cannot create '" + tmp + "': " + std::strerror(errno));
    ::fchmod(fd, 0600);
    std::size_t done = 0;
    while (done < data.size()) {
        const auto n = ::write(fd, data.data() + done, data.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            const std::string why = std::strerror(errno);
            ::close(fd);
            return fail("io.write", "cannot write '" + tmp + "': " + why);
        }
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) return fail("io.write", "cannot flush '" + tmp + "'");
    if (::rename(tmp.c_str(), file.c_str()) != 0) {
        return fail("io.rename", "cannot move '" + tmp + "' to '" + file.string() + "': " + std::strerror(errno));
    }
    return {};
}

Result<Bytes> readFileBytes(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return fail("io.open", "cannot read '" + file.string() + "'");
    return Bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

}  // namespace rollcall::crypto
