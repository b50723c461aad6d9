#include "rollcall/proto/TlsContext.hpp"

#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

namespace rollcall::proto {

namespace asio = boost::asio;
namespace ssl = boost::asio::ssl;

namespace {

Status loadIdentity(ssl::context& ctx, const TlsIdentity& identity) {
    boost::system::error_code ec;
    ctx.use_certificate(asio::buffer(identity.certificatePem), ssl::context::pem, ec);
    if (!ec) ctx.use_private_key(asio::buffer(identity.privateKeyPem), ssl::context::pem, ec);
    if (ec) return fail("tls.identity", "cannot load the TLS identity: " + ec.message());
    return {};
}

std::shared_ptr<ssl::context> tls13Context(ssl::context::method method) {
    auto ctx = std::make_shared<ssl::context>(method);
    SSL_CTX_set_min_proto_version(ctx->native_handle(), TLS1_3_VERSION);
    SSL_CTX_set_max_proto_version(ctx->native_handle(), TLS1_3_VERSION);
    return ctx;
}

// Only the leaf certificate's key matters; chains are neither needed nor trusted.
bool checkLeaf(ssl::verify_context& vc, const std::function<bool(const PublicKey&)>& accept) {
    X509_STORE_CTX* store = vc.native_handle();
    if (X509_STORE_CTX_get_error_depth(store) != 0) return true;
    auto key = ed25519KeyOf(X509_STORE_CTX_get_current_cert(store));
    return key && accept(*key);
}

}  // namespace

Result<std::shared_ptr<ssl::context>> makeServerContext(const TlsIdentity& identity,
                                                        std::function<bool(const PublicKey&)> acceptKey) {
    auto ctx = tls13Context(ssl::context::tls_server);
    if (auto st = loadIdentity(*ctx, identity); !st) return std::unexpected(st.error());
    ctx->set_verify_mode(ssl::verify_peer | ssl::verify_fail_if_no_peer_cert);
    ctx->set_verify_callback([accept = std::move(acceptKey)](bool, ssl::verify_context& vc) { return checkLeaf(vc, accept); });
    // Sessions are not resumed: every connection proves its key again (and revocation applies at once).
    SSL_CTX_set_session_cache_mode(ctx->native_handle(), SSL_SESS_CACHE_OFF);
    SSL_CTX_set_num_tickets(ctx->native_handle(), 0);
    return ctx;
}

Result<std::shared_ptr<ssl::context>> makeClientContext(const TlsIdentity& identity, std::optional<PublicKey> pinned) {
    auto ctx = tls13Context(ssl::context::tls_client);
    if (auto st = loadIdentity(*ctx, identity); !st) return std::unexpected(st.error());
    ctx->set_verify_mode(ssl::verify_peer);
    ctx->set_verify_callback([pinned](bool, ssl::verify_context& vc) {
        return checkLeaf(vc, [&](const PublicKey& key) { return !pinned || key == *pinned; });
    });
    return ctx;
}

Result<PublicKey> peerKey(TlsStream& stream) {
    X509* cert = SSL_get1_peer_certificate(stream.native_handle());
    auto key = ed25519KeyOf(cert);
    X509_free(cert);
    return key;
}

Result<std::string> peerCertificatePem(TlsStream& stream) {
    X509* cert = SSL_get1_peer_certificate(stream.native_handle());
    if (!cert) return fail("tls.no_certificate", "the peer presented no certificate");
    BIO* bio = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(bio, cert);
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    std::string pem(data, static_cast<std::size_t>(n));
    BIO_free(bio);
    X509_free(cert);
    return pem;
}

}  // namespace rollcall::proto
