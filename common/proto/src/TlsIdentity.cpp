#include "rollcall/proto/TlsIdentity.hpp"

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>
#include <system_error>

namespace rollcall::proto {
namespace {

template <class T, void (*Free)(T*)>
struct Deleter {
    void operator()(T* p) const { Free(p); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;

std::string drain(BIO* bio) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(n));
}

}  // namespace

Result<TlsIdentity> makeSelfSigned(const crypto::SigningKey& key, std::string_view commonName, int validDays) {
    PkeyPtr pkey(EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, key.seed().data(), key.seed().size()));
    X509Ptr cert(X509_new());
    if (!pkey || !cert) return fail("tls.identity", "cannot create an Ed25519 key or certificate object");
    X509_set_version(cert.get(), 2);
    const auto serial = crypto::randomBytes(8);
    std::uint64_t s = 0;
    for (auto b : serial) s = (s << 8) | b;
    ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert.get()), s >> 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), static_cast<long>(validDays) * 86400);
    X509_set_pubkey(cert.get(), pkey.get());
    X509_NAME* name = X509_get_subject_name(cert.get());
    const std::string cn(commonName);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(cn.c_str()), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    if (X509_sign(cert.get(), pkey.get(), nullptr) <= 0) return fail("tls.identity", "cannot sign the certificate");

    BioPtr certBio(BIO_new(BIO_s_mem()));
    BioPtr keyBio(BIO_new(BIO_s_mem()));
    if (!PEM_write_bio_X509(certBio.get(), cert.get()) ||
        !PEM_write_bio_PrivateKey(keyBio.get(), pkey.get(), nullptr, nullptr, 0, nullptr, nullptr)) {
        return fail("tls.identity", "cannot encode the certificate or key as PEM");
    }
    return TlsIdentity{drain(certBio.get()), drain(keyBio.get())};
}

Result<PublicKey> ed25519KeyOf(const x509_st* certificate) {
    if (!certificate) return fail("tls.no_certificate", "the peer presented no certificate");
    EVP_PKEY* pkey = X509_get0_pubkey(certificate);
    if (!pkey || EVP_PKEY_get_id(pkey) != EVP_PKEY_ED25519) {
        return fail("tls.key_type", "the peer's certificate does not carry an Ed25519 key");
    }
    PublicKey out{};
    std::size_t len = out.size();
    if (EVP_PKEY_get_raw_public_key(pkey, out.data(), &len) != 1 || len != out.size()) {
        return fail("tls.key_type", "cannot read the peer's Ed25519 key");
    }
    return out;
}

Result<PublicKey> ed25519KeyOfPem(std::string_view certificatePem) {
    BioPtr bio(BIO_new_mem_buf(certificatePem.data(), static_cast<int>(certificatePem.size())));
    X509Ptr cert(PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr));
    if (!cert) return fail("tls.certificate", "not a PEM certificate");
    return ed25519KeyOf(cert.get());
}

Result<crypto::SigningKey> loadOrCreateSigningKey(const std::filesystem::path& seedFile) {
    std::error_code ec;
    if (!std::filesystem::exists(seedFile, ec)) {
        auto key = crypto::SigningKey::generate();
        if (auto st = crypto::writeSecretFile(seedFile, key.seed()); !st) return std::unexpected(st.error());
        return key;
    }
    auto seed = crypto::readFileBytes(seedFile);
    if (!seed) return std::unexpected(seed.error());
    auto key = crypto::SigningKey::fromSeed(*seed);
    if (!key) return fail("tls.key_file", "'" + seedFile.string() + "' does not hold a 32-byte Ed25519 seed");
    return key;
}

}  // namespace rollcall::proto
