#include "rollcall/auth/Authenticator.hpp"

#include <algorithm>

#include "rollcall/crypto/Crypto.hpp"

namespace rollcall::auth {

namespace {
// Spent on unknown user names so that their answer takes as long as a wrong password.
const std::string& decoyHash() {
    static const std::string hash = crypto::hashPassword("decoy password never used").value_or("");
    return hash;
}
}  // namespace

Result<std::optional<Instant>> Authenticator::lockedUntil(const std::string& username, Instant now) {
    auto st = db_->prepare("SELECT locked_until_us FROM auth_login_failures WHERE username = ?1");
    if (!st) return std::unexpected(st.error());
    st->bind(1, username);
    auto step = st->step();
    if (!step) return std::unexpected(step.error());
    if (*step == sqlite::Step::Done) return std::optional<Instant>{};
    const auto until = Instant::fromMicros(st->getInt(0));
    if (until <= now) return std::optional<Instant>{};
    return std::optional<Instant>(until);
}

Status Authenticator::recordFailure(const std::string& username, Instant now) {
    auto st = db_->prepare("SELECT failures FROM auth_login_failures WHERE username = ?1");
    if (!st) return std::unexpected(st.error());
    st->bind(1, username);
    auto step = st->step();
    if (!step) return std::unexpected(step.error());
    const std::int64_t failures = (*step == sqlite::Step::Row ? st->getInt(0) : 0) + 1;
    Instant until = now;
    if (failures >= options_.lockoutThreshold) {
        const auto doublings = std::min<std::int64_t>(failures - options_.lockoutThreshold, 20);
        auto wait = options_.lockoutBase * (std::int64_t{1} << doublings);
        wait = std::min(wait, options_.lockoutMax);
        until = now + std::chrono::duration_cast<Instant::Duration>(wait);
    }
    auto up = db_->prepare(
        "INSERT INTO auth_login_failures(username, failures, locked_until_us) VALUES (?1, ?2, ?3) "
        "ON CONFLICT(username) DO UPDATE SET failures = excluded.failures, locked_until_us = excluded.locked_until_us");
    if (!up) return std::unexpected(up.error());
    up->bind(1, username).bind(2, failures).bind(3, until.micros());
    return up->run();
}

Status Authenticator::clearFailures(const std::string& username) {
    auto st = db_->prepare("DELETE FROM auth_login_failures WHERE username = ?1");
    if (!st) return std::unexpected(st.error());
    st->bind(1, username);
    return st->run();
}

Result<LoginSuccess> Authenticator::login(const std::string& username, const std::string& password,
                                          const std::string& remote, Instant now) {
    auto locked = lockedUntil(username, now);
    if (!locked) return std::unexpected(locked.error());
    if (*locked) {
        const auto secs = std::chrono::duration_cast<std::chrono::seconds>(**locked - now).count() + 1;
        return fail("auth.locked", "too many failed log-ins for this user; try again in " + std::to_string(secs) +
                                       " seconds");
    }
    auto account = accounts_.findByName(username);
    if (!account) return std::unexpected(account.error());
    bool ok = false;
    if (*account && (*account)->active) {
        auto hash = accounts_.passwordHash((*account)->id);
        if (!hash) return std::unexpected(hash.error());
        ok = *hash && crypto::verifyPassword(**hash, password);
    } else {
        (void)crypto::verifyPassword(decoyHash(), password);
    }
    if (!ok) {
        if (auto st = recordFailure(username, now); !st) return std::unexpected(st.error());
        return fail("auth.invalid", "wrong user name or password");
    }
    if (auto st = clearFailures(username); !st) return std::unexpected(st.error());
    LoginSuccess out;
    out.token = crypto::randomToken(32);
    out.session.account = **account;
    out.session.csrfToken = crypto::randomToken(24);
    out.session.expiresAt = now + std::chrono::duration_cast<Instant::Duration>(options_.sessionTtl);
    auto st = db_->prepare(
        "INSERT INTO auth_sessions(token_hash, account_id, csrf_token, created_us, expires_us, remote) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    if (!st) return std::unexpected(st.error());
    st->bind(1, crypto::sha256Hex(out.token)).bind(2, out.session.account.id.value()).bind(3, out.session.csrfToken)
        .bind(4, now.micros()).bind(5, out.session.expiresAt.micros()).bind(6, remote);
    if (auto r = st->run(); !r) return std::unexpected(r.error());
    return out;
}

Result<std::optional<Session>> Authenticator::authenticate(const std::string& token, Instant now) {
    if (token.empty() || token.size() > 256) return std::optional<Session>{};
    auto st = db_->prepare("SELECT account_id, csrf_token, expires_us FROM auth_sessions WHERE token_hash = ?1");
    if (!st) return std::unexpected(st.error());
    st->bind(1, crypto::sha256Hex(token));
    auto step = st->step();
    if (!step) return std::unexpected(step.error());
    if (*step == sqlite::Step::Done) return std::optional<Session>{};
    const auto expires = Instant::fromMicros(st->getInt(2));
    if (expires <= now) return std::optional<Session>{};
    Session s;
    s.csrfToken = st->getText(1);
    s.expiresAt = expires;
    auto account = accounts_.findById(UserId(st->getInt(0)));
    if (!account) return std::unexpected(account.error());
    if (!*account || !(*account)->active) return std::optional<Session>{};
    s.account = **account;
    return std::optional<Session>(std::move(s));
}

Status Authenticator::logout(const std::string& token) {
    auto st = db_->prepare("DELETE FROM auth_sessions WHERE token_hash = ?1");
    if (!st) return std::unexpected(st.error());
    st->bind(1, crypto::sha256Hex(token));
    return st->run();
}

Result<int> Authenticator::purgeExpired(Instant now) {
    auto st = db_->prepare("DELETE FROM auth_sessions WHERE expires_us <= ?1");
    if (!st) return std::unexpected(st.error());
    st->bind(1, now.micros());
    if (auto r = st->run(); !r) return std::unexpected(r.error());
    return db_->changes();
}

}  // namespace rollcall::auth
