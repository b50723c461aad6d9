#pragma once
// Log-in, sessions and lock-out. A session is one random token: the browser holds it in an
// HttpOnly SameSite=Strict cookie, the CLI sends it as a bearer token. Only its SHA-256 is
// stored. Each session also has a CSRF token, returned at log-in, that cookie-authenticated
// state changes must echo in X-CSRF-Token. After `lockoutThreshold` failures in a row a user
// name is locked for a period that doubles with each further failure, up to a ceiling; the
// same answer is given for unknown names so that failures reveal nothing.
#include <chrono>
#include <optional>
#include <string>

#include "rollcall/auth/Account.hpp"
#include "rollcall/auth/AccountStore.hpp"
#include "rollcall/domain/Error.hpp"
#include "rollcall/sqlite/Database.hpp"

namespace rollcall::auth {

struct AuthOptions {
    std::chrono::minutes sessionTtl{12 * 60};
    int lockoutThreshold = 5;
    std::chrono::seconds lockoutBase{30};
    std::chrono::seconds lockoutMax{15 * 60};
};

struct Session {
    Account account;
    std::string csrfToken;
    Instant expiresAt;
};

struct LoginSuccess {
    Session session;
    std::string token;  // the only time the clear token exists
};

class Authenticator {
public:
    Authenticator(sqlite::Database& db, AuthOptions options) : db_(&db), accounts_(db), options_(options) {}

    // Errors: "auth.invalid" (wrong name or password, or inactive), "auth.locked" (message says until when).
    Result<LoginSuccess> login(const std::string& username, const std::string& password, const std::string& remote,
                               Instant now = Instant::now());
    Result<std::optional<Session>> authenticate(const std::string& token, Instant now = Instant::now());
    Status logout(const std::string& token);
    // Removes expired sessions; returns how many.
    Result<int> purgeExpired(Instant now = Instant::now());

    [[nodiscard]] AccountStore& accounts() { return accounts_; }
    [[nodiscard]] const AuthOptions& options() const { return options_; }

private:
    Status recordFailure(const std::string& username, Instant now);
    Status clearFailures(const std::string& username);
    Result<std::optional<Instant>> lockedUntil(const std::string& username, Instant now);

    sqlite::Database* db_;
    AccountStore accounts_;
    AuthOptions options_;
};

}  // namespace rollcall::auth
