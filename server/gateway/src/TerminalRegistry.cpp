#include "rollcall/gateway/TerminalRegistry.hpp"

#include <array>

#include "rollcall/crypto/Crypto.hpp"
#include "rollcall/sqlite/Statement.hpp"

namespace rollcall::gateway {
namespace {

constexpr sqlite::Migration kMigrations[] = {{1, R"sql(
CREATE TABLE gateway_terminals (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) > 0),
  post_id INTEGER NULL,
  public_key BLOB NULL UNIQUE,
  token_hash TEXT NULL UNIQUE,
  token_expires_at_us INTEGER NULL,
  created_at_us INTEGER NOT NULL,
  provisioned_at_us INTEGER NULL,
  revoked_at_us INTEGER NULL,
  last_seen_us INTEGER NULL,
  last_seq INTEGER NOT NULL DEFAULT 0,
  backlog INTEGER NOT NULL DEFAULT 0,
  clock_offset_us INTEGER NULL,
  software_version TEXT NOT NULL DEFAULT '',
  gallery_version INTEGER NOT NULL DEFAULT 0
);
)sql"}};

constexpr const char* kSelect =
    "SELECT id, name, post_id, public_key, token_expires_at_us, created_at_us, provisioned_at_us, revoked_at_us, "
    "last_seen_us, last_seq, backlog, clock_offset_us, software_version, gallery_version FROM gateway_terminals";

std::optional<Instant> optInstant(const sqlite::Statement& s, int col) {
    auto v = s.getOptInt(col);
    return v ? std::optional<Instant>(Instant::fromMicros(*v)) : std::nullopt;
}

TerminalInfo readInfo(const sqlite::Statement& s) {
    TerminalInfo t;
    t.id = TerminalId(s.getInt(0));
    t.name = s.getText(1);
    if (auto post = s.getOptInt(2)) t.post = PostId(*post);
    const bool hasKey = !s.isNull(3);
    t.tokenExpiresAt = optInstant(s, 4);
    t.createdAt = Instant::fromMicros(s.getInt(5));
    t.provisionedAt = optInstant(s, 6);
    t.revokedAt = optInstant(s, 7);
    t.state = t.revokedAt ? TerminalState::Revoked : hasKey ? TerminalState::Active : TerminalState::AwaitingProvisioning;
    if (t.state != TerminalState::AwaitingProvisioning) t.tokenExpiresAt.reset();
    t.lastSeen = optInstant(s, 8);
    t.lastSeq = static_cast<TerminalSeq>(s.getInt(9));
    t.backlog = static_cast<std::uint64_t>(s.getInt(10));
    t.clockOffsetUs = s.getOptInt(11);
    t.softwareVersion = s.getText(12);
    t.galleryVersion = static_cast<std::uint64_t>(s.getInt(13));
    return t;
}

std::string tokenHash(std::string_view token) { return crypto::sha256Hex(token); }

}  // namespace

std::string_view toString(TerminalState state) {
    switch (state) {
        case TerminalState::AwaitingProvisioning: return "awaiting_provisioning";
        case TerminalState::Active: return "active";
        case TerminalState::Revoked: return "revoked";
    }
    return "active";
}

store::ComponentMigrations migrations() { return {"gateway", kMigrations}; }

Result<std::unique_ptr<TerminalRegistry>> TerminalRegistry::open(store::Store& store, RegistryOptions options) {
    auto version = store.read([](sqlite::Database& db) { return sqlite::schemaVersion(db, "gateway"); });
    if (!version) return std::unexpected(version.error());
    if (*version < static_cast<int>(std::size(kMigrations))) {
        return fail("gateway.schema", "the store was opened without the gateway's migrations "
                                      "(add rollcall::gateway::migrations() to StoreOptions::extraMigrations)");
    }
    std::unique_ptr<TerminalRegistry> registry(new TerminalRegistry(store, options));
    if (auto st = registry->loadKeys(); !st) return std::unexpected(st.error());
    return registry;
}

Status TerminalRegistry::loadKeys() {
    return store_.read([&](sqlite::Database& db) -> Status {
        auto s = db.prepare("SELECT id, public_key, revoked_at_us FROM gateway_terminals WHERE public_key IS NOT NULL");
        if (!s) return std::unexpected(s.error());
        std::lock_guard lock(mutex_);
        for (;;) {
            auto step = s->step();
            if (!step) return std::unexpected(step.error());
            if (*step == sqlite::Step::Done) return {};
            const auto blob = s->getBlob(1);
            if (blob.size() != 32) continue;
            proto::PublicKey key{};
            std::copy(blob.begin(), blob.end(), key.begin());
            const TerminalId id(s->getInt(0));
            keys_[key] = KeyStatus{id, !s->isNull(2)};
            keyOfTerminal_[id] = key;
        }
    });
}

Result<CreatedTerminal> TerminalRegistry::create(std::string name, std::optional<PostId> post, Instant now) {
    if (name.empty()) return fail("gateway.invalid", "a terminal needs a name", "name");
    const std::string token = crypto::randomToken();
    const Instant expires = now + std::chrono::duration_cast<Instant::Duration>(options_.tokenLifetime);
    auto id = store_.write([&](sqlite::Database& db) -> Result<TerminalId> {
        auto s = db.prepare(
            "INSERT INTO gateway_terminals(name, post_id, token_hash, token_expires_at_us, created_at_us) "
            "VALUES (?1, ?2, ?3, ?4, ?5)");
        if (!s) return std::unexpected(s.error());
        s->bind(1, name).bind(3, tokenHash(token)).bind(4, expires.micros()).bind(5, now.micros());
        if (post) s->bind(2, post->value()); else s->bindNull(2);
        if (auto st = s->run(); !st) return std::unexpected(st.error());
        return TerminalId(db.lastInsertRowId());
    });
    if (!id) return std::unexpected(id.error());
    return CreatedTerminal{*id, token, expires};
}

Result<CreatedTerminal> TerminalRegistry::reissueToken(TerminalId id, Instant now) {
    const std::string token = crypto::randomToken();
    const Instant expires = now + std::chrono::duration_cast<Instant::Duration>(options_.tokenLifetime);
    auto st = store_.write([&](sqlite::Database& db) -> Status {
        auto s = db.prepare(
            "UPDATE gateway_terminals SET token_hash = ?1, token_expires_at_us = ?2 "
            "WHERE id = ?3 AND public_key IS NULL AND revoked_at_us IS NULL");
        if (!s) return std::unexpected(s.error());
        s->bind(1, tokenHash(token)).bind(2, expires.micros()).bind(3, id.value());
        if (auto r = s->run(); !r) return r;
        if (db.changes() == 0) {
            return fail("gateway.not_awaiting", "terminal " + std::to_string(id.value()) +
                                                    " does not exist, is provisioned already or is revoked");
        }
        return {};
    });
    if (!st) return std::unexpected(st.error());
    return CreatedTerminal{id, token, expires};
}

void TerminalRegistry::overlayLive(TerminalInfo& info) const {
    auto it = live_.find(info.id);
    if (it == live_.end()) return;
    const Live& l = it->second;
    info.online = l.online && info.state == TerminalState::Active;
    if (l.lastSeen) info.lastSeen = l.lastSeen;
    if (!l.softwareVersion.empty()) {
        info.backlog = l.backlog;
        info.softwareVersion = l.softwareVersion;
        info.galleryVersion = l.galleryVersion;
        info.lastSeq = l.lastSeq;
    }
    if (l.clockOffsetUs) info.clockOffsetUs = l.clockOffsetUs;
}

Result<std::vector<TerminalInfo>> TerminalRegistry::list() {
    auto rows = store_.read([&](sqlite::Database& db) -> Result<std::vector<TerminalInfo>> {
        auto s = db.prepare(std::string(kSelect) + " ORDER BY id");
        if (!s) return std::unexpected(s.error());
        std::vector<TerminalInfo> out;
        for (;;) {
            auto step = s->step();
            if (!step) return std::unexpected(step.error());
            if (*step == sqlite::Step::Done) return out;
            out.push_back(readInfo(*s));
        }
    });
    if (!rows) return rows;
    std::lock_guard lock(mutex_);
    for (auto& t : *rows) overlayLive(t);
    return rows;
}

Result<std::optional<TerminalInfo>> TerminalRegistry::get(TerminalId id) {
    auto row = store_.read([&](sqlite::Database& db) -> Result<std::optional<TerminalInfo>> {
        auto s = db.prepare(std::string(kSelect) + " WHERE id = ?1");
        if (!s) return std::unexpected(s.error());
        s->bind(1, id.value());
        auto step = s->step();
        if (!step) return std::unexpected(step.error());
        if (*step == sqlite::Step::Done) return std::optional<TerminalInfo>{};
        return std::optional<TerminalInfo>(readInfo(*s));
    });
    if (!row || !*row) return row;
    std::lock_guard lock(mutex_);
    overlayLive(**row);
    return row;
}

Status TerminalRegistry::revoke(TerminalId id, Instant now) {
    auto st = store_.write([&](sqlite::Database& db) -> Status {
        auto s = db.prepare(
            "UPDATE gateway_terminals SET revoked_at_us = coalesce(revoked_at_us, ?1), token_hash = NULL WHERE id = ?2");
        if (!s) return std::unexpected(s.error());
        s->bind(1, now.micros()).bind(2, id.value());
        if (auto r = s->run(); !r) return r;
        if (db.changes() == 0) return fail("gateway.not_found", "no terminal " + std::to_string(id.value()));
        return {};
    });
    if (!st) return st;
    std::vector<std::function<void(TerminalId)>> listeners;
    {
        std::lock_guard lock(mutex_);
        if (auto it = keyOfTerminal_.find(id); it != keyOfTerminal_.end()) keys_[it->second].revoked = true;
        listeners = revocationListeners_;
    }
    for (auto& l : listeners) l(id);
    return {};
}

Result<TerminalInfo> TerminalRegistry::provision(std::string_view token, const proto::PublicKey& key,
                                                 std::string_view softwareVersion, Instant now) {
    if (lookupKey(key)) return fail("gateway.key_in_use", "this key is already registered to a terminal");
    auto id = store_.write([&](sqlite::Database& db) -> Result<TerminalId> {
        auto find = db.prepare(
            "SELECT id, token_expires_at_us FROM gateway_terminals "
            "WHERE token_hash = ?1 AND public_key IS NULL AND revoked_at_us IS NULL");
        if (!find) return std::unexpected(find.error());
        find->bind(1, tokenHash(token));
        auto step = find->step();
        if (!step) return std::unexpected(step.error());
        if (*step == sqlite::Step::Done) return fail("gateway.bad_token", "the provisioning token is unknown or already used");
        const TerminalId found(find->getInt(0));
        if (find->getInt(1) < now.micros()) return fail("gateway.bad_token", "the provisioning token has expired");
        auto up = db.prepare(
            "UPDATE gateway_terminals SET public_key = ?1, token_hash = NULL, token_expires_at_us = NULL, "
            "provisioned_at_us = ?2, software_version = ?3, last_seen_us = ?2 WHERE id = ?4");
        if (!up) return std::unexpected(up.error());
        up->bindBlob(1, key).bind(2, now.micros()).bind(3, softwareVersion).bind(4, found.value());
        if (auto st = up->run(); !st) {
            if (st.error().code == "sqlite.constraint") return fail("gateway.key_in_use", "this key is already registered to a terminal");
            return std::unexpected(st.error());
        }
        return found;
    });
    if (!id) return std::unexpected(id.error());
    {
        std::lock_guard lock(mutex_);
        keys_[key] = KeyStatus{*id, false};
        keyOfTerminal_[*id] = key;
    }
    auto info = get(*id);
    if (!info) return std::unexpected(info.error());
    if (!*info) return fail("gateway.not_found", "the provisioned terminal vanished");
    return **info;
}

std::optional<KeyStatus> TerminalRegistry::lookupKey(const proto::PublicKey& key) const {
    std::lock_guard lock(mutex_);
    auto it = keys_.find(key);
    if (it == keys_.end()) return std::nullopt;
    return it->second;
}

std::optional<proto::PublicKey> TerminalRegistry::keyOf(TerminalId id) const {
    std::lock_guard lock(mutex_);
    auto it = keyOfTerminal_.find(id);
    if (it == keyOfTerminal_.end()) return std::nullopt;
    return it->second;
}

void TerminalRegistry::markOnline(TerminalId id, const Presence& p, Instant now) {
    std::lock_guard lock(mutex_);
    Live& l = live_[id];
    l.online = true;
    ++l.connections;
    l.lastSeen = now;
    l.softwareVersion = p.softwareVersion;
    l.lastSeq = p.lastSeq;
    l.backlog = p.backlog;
    l.galleryVersion = p.galleryVersion;
    l.clockOffsetUs = p.clockOffsetUs;
    l.dirty = true;
}

void TerminalRegistry::markSeen(TerminalId id, std::uint64_t backlog, Instant now) {
    std::lock_guard lock(mutex_);
    Live& l = live_[id];
    l.lastSeen = now;
    l.backlog = backlog;
    l.dirty = true;
}

void TerminalRegistry::markClockOffset(TerminalId id, std::int64_t clockOffsetUs) {
    std::lock_guard lock(mutex_);
    Live& l = live_[id];
    l.clockOffsetUs = clockOffsetUs;
    l.dirty = true;
}

void TerminalRegistry::markGalleryVersion(TerminalId id, std::uint64_t version) {
    std::lock_guard lock(mutex_);
    Live& l = live_[id];
    l.galleryVersion = version;
    l.dirty = true;
}

void TerminalRegistry::markOffline(TerminalId id, Instant now) {
    std::lock_guard lock(mutex_);
    Live& l = live_[id];
    if (l.connections > 0) --l.connections;
    l.online = l.connections > 0;
    l.lastSeen = now;
    l.dirty = true;
}

Status TerminalRegistry::flushLive() {
    std::vector<std::pair<TerminalId, Live>> changed;
    {
        std::lock_guard lock(mutex_);
        for (auto& [id, l] : live_) {
            if (!l.dirty || l.softwareVersion.empty()) continue;
            changed.emplace_back(id, l);
            l.dirty = false;
        }
    }
    if (changed.empty()) return {};
    return store_.write([&](sqlite::Database& db) -> Status {
        auto s = db.prepare(
            "UPDATE gateway_terminals SET last_seen_us = ?1, last_seq = ?2, backlog = ?3, clock_offset_us = ?4, "
            "software_version = ?5, gallery_version = ?6 WHERE id = ?7");
        if (!s) return std::unexpected(s.error());
        for (const auto& [id, l] : changed) {
            s->bind(1, l.lastSeen ? l.lastSeen->micros() : std::int64_t{0})
                .bind(2, static_cast<std::int64_t>(l.lastSeq))
                .bind(3, static_cast<std::int64_t>(l.backlog))
                .bind(4, l.clockOffsetUs)
                .bind(5, l.softwareVersion)
                .bind(6, static_cast<std::int64_t>(l.galleryVersion))
                .bind(7, id.value());
            if (auto st = s->run(); !st) return st;
            if (auto st = s->reset(); !st) return st;
        }
        return {};
    });
}

void TerminalRegistry::addRevocationListener(std::function<void(TerminalId)> listener) {
    std::lock_guard lock(mutex_);
    revocationListeners_.push_back(std::move(listener));
}

}  // namespace rollcall::gateway
