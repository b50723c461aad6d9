#pragma once
// Accounts and their argon2id password hashes (component "auth"). Passwords are never stored
// or returned in clear; user names are unique, case-insensitively.
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rollcall/auth/Account.hpp"
#include "rollcall/domain/Error.hpp"
#include "rollcall/sqlite/Database.hpp"
#include "rollcall/sqlite/Migrations.hpp"

namespace rollcall::auth {

struct NewAccount {
    std::string username;
    std::string password;
    std::vector<Role> roles;
    std::optional<EmployeeId> employee;
};

struct AccountChange {
    std::optional<std::string> password;
    std::optional<std::vector<Role>> roles;
    std::optional<std::optional<EmployeeId>> employee;
    std::optional<bool> active;
};

class AccountStore {
public:
    static constexpr std::size_t kMinPasswordLength = 10;

    // Creates or upgrades the auth tables (accounts, sessions, login failures).
    static Status migrate(sqlite::Database& db);
    static std::span<const sqlite::Migration> migrations();
    explicit AccountStore(sqlite::Database& db) : db_(&db) {}

    Result<Account> create(const NewAccount& account);
    Result<Account> update(UserId id, const AccountChange& change);
    Result<std::optional<Account>> findByName(const std::string& username) const;
    Result<std::optional<Account>> findById(UserId id) const;
    Result<std::optional<Account>> findByEmployee(EmployeeId employee) const;
    Result<std::vector<Account>> list() const;
    Result<std::int64_t> count() const;
    // The stored hash, for the authenticator only.
    Result<std::optional<std::string>> passwordHash(UserId id) const;

    static Status checkUsername(const std::string& username);
    static Status checkPassword(const std::string& password);

private:
    Result<std::optional<Account>> findOne(const std::string& where, const std::function<void(sqlite::Statement&)>& bind) const;
    sqlite::Database* db_;
};

}  // namespace rollcall::auth
