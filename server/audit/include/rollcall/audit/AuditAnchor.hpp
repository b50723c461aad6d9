#pragma once
// The anchor of the audit log: the newest entry's sequence number and hash, kept beside the
// log (table audit_anchor) and signed with HMAC-SHA256 under a key that lives outside the
// database, in a file of the data folder (mode 0600). The hash chain shows an entry edited or
// deleted in the middle; only the anchor shows entries deleted from the end (a truncated
// tail), because a cut-back chain is still a valid chain.
//
// install() registers the signing SQL function on the connection that appends (the server's
// writer); from then on every AuditLog::append advances the anchor in the same transaction.
// An append that finds the anchor off the chain (its entry deleted or replaced) leaves it
// untouched, as evidence for verify(). Connections without the function (tools, tests)
// append without advancing the anchor; verify() accepts entries after the anchor.
#include <array>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "rollcall/domain/Error.hpp"
#include "rollcall/sqlite/Database.hpp"

namespace rollcall::audit {

struct AnchorRecord {
    std::int64_t seq = 0;
    std::string hash;
    std::string mac;
};

class AuditAnchor {
public:
    static constexpr std::string_view kSqlFunction = "rollcall_audit_anchor_mac";

    // Reads the key file, or creates it (32 random bytes, hex, mode 0600) when absent.
    static Result<AuditAnchor> loadOrCreate(const std::filesystem::path& keyFile);
    static AuditAnchor fromKey(std::array<std::uint8_t, 32> key);

    // Registers the signing function on `db` and anchors the current head when the log has
    // entries but no anchor yet (a database from before anchors existed).
    [[nodiscard]] Status install(sqlite::Database& db) const;

    [[nodiscard]] std::string sign(std::int64_t seq, std::string_view hash) const;
    [[nodiscard]] bool signedHere(const AnchorRecord& record) const;

    // The stored anchor, if any.
    static Result<std::optional<AnchorRecord>> read(sqlite::Database& db);

private:
    explicit AuditAnchor(std::shared_ptr<const std::array<std::uint8_t, 32>> key) : key_(std::move(key)) {}
    std::shared_ptr<const std::array<std::uint8_t, 32>> key_;
};

}  // namespace rollcall::audit
