#include "rollcall/audit/AuditAnchor.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "rollcall/crypto/Crypto.hpp"

namespace rollcall::audit {
namespace {

using Key = std::array<std::uint8_t, 32>;

std::string macHex(const Key& key, std::int64_t seq, std::string_view hash) {
    // Domain-separated message: a MAC made here means nothing anywhere else.
    const std::string message = "rollcall-audit-anchor\n" + std::to_string(seq) + "\n" + std::string(hash);
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    unsigned int len = 0;
    HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
         message.size(), out.data(), &len);
    return crypto::toHex(std::span<const std::uint8_t>(out.data(), len));
}

void sqlMac(sqlite3_context* ctx, int argc, sqlite3_value** argv) {
    if (argc != 2 || sqlite3_value_type(argv[0]) != SQLITE_INTEGER || sqlite3_value_type(argv[1]) != SQLITE_TEXT) {
        sqlite3_result_error(ctx, "rollcall_audit_anchor_mac(seq INTEGER, hash TEXT)", -1);
        return;
    }
    const auto* key = static_cast<const Key*>(sqlite3_user_data(ctx));
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
    const auto mac = macHex(*key, sqlite3_value_int64(argv[0]), std::string_view(text, static_cast<std::size_t>(sqlite3_value_bytes(argv[1]))));
    sqlite3_result_text(ctx, mac.c_str(), static_cast<int>(mac.size()), SQLITE_TRANSIENT);
}

}  // namespace

AuditAnchor AuditAnchor::fromKey(Key key) { return AuditAnchor(std::make_shared<const Key>(key)); }

Result<AuditAnchor> AuditAnchor::loadOrCreate(const std::filesystem::path& keyFile) {
    std::error_code ec;
    if (!std::filesystem::exists(keyFile, ec)) {
        const auto bytes = crypto::randomBytes(32);
        const auto old = ::umask(077);
        {
            std::ofstream out(keyFile, std::ios::trunc);
            out << crypto::toHex(bytes) << "\n";
            if (!out) {
                ::umask(old);
                return fail("audit.anchor_key", "cannot write the audit anchor key " + keyFile.string());
            }
        }
        ::umask(old);
        std::filesystem::permissions(keyFile, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                     std::filesystem::perm_options::replace, ec);
        if (ec) return fail("audit.anchor_key", "cannot restrict " + keyFile.string() + " to its owner: " + ec.message());
    }
    std::ifstream in(keyFile);
    std::string hex;
    in >> hex;
    auto bytes = crypto::fromHex(hex);
    if (!in || !bytes || bytes->size() != 32) {
        return fail("audit.anchor_key", "the audit anchor key " + keyFile.string() + " is not 64 hex digits");
    }
    Key key{};
    std::copy(bytes->begin(), bytes->end(), key.begin());
    return fromKey(key);
}

Status AuditAnchor::install(sqlite::Database& db) const {
    auto* copy = new Key(*key_);
    const int rc = sqlite3_create_function_v2(
        db.handle(), std::string(kSqlFunction).c_str(), 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, copy, sqlMac, nullptr, nullptr,
        [](void* p) { delete static_cast<Key*>(p); });
    if (rc != SQLITE_OK) return std::unexpected(sqlite::lastError(db.handle(), "registering the audit anchor function"));
    auto existing = read(db);
    if (!existing) return std::unexpected(existing.error());
    if (*existing) return {};
    auto head = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (!head) return std::unexpected(head.error());
    auto step = head->step();
    if (!step) return std::unexpected(step.error());
    if (*step != sqlite::Step::Row) return {};
    auto put = db.prepare("INSERT INTO audit_anchor(id, seq, hash, mac) VALUES (1, ?1, ?2, ?3)");
    if (!put) return std::unexpected(put.error());
    put->bind(1, head->getInt(0)).bind(2, head->getText(1)).bind(3, sign(head->getInt(0), head->getText(1)));
    return put->run();
}

std::string AuditAnchor::sign(std::int64_t seq, std::string_view hash) const { return macHex(*key_, seq, hash); }

bool AuditAnchor::signedHere(const AnchorRecord& r) const {
    const auto expected = sign(r.seq, r.hash);
    return crypto::equalConstantTime(crypto::asBytes(expected), crypto::asBytes(r.mac));
}

Result<std::optional<AnchorRecord>> AuditAnchor::read(sqlite::Database& db) {
    auto st = db.prepare("SELECT seq, hash, mac FROM audit_anchor WHERE id = 1");
    if (!st) return std::unexpected(st.error());
    auto step = st->step();
    if (!step) return std::unexpected(step.error());
    if (*step != sqlite::Step::Row) return std::optional<AnchorRecord>{};
    return std::optional<AnchorRecord>(AnchorRecord{st->getInt(0), st->getText(1), st->getText(2)});
}

}  // namespace rollcall::audit
