#include "rollcall/auth/AccountStore.hpp"

#include <array>
#include <cctype>
#include <functional>

#include "rollcall/crypto/Crypto.hpp"
#include "rollcall/sqlite/Migrations.hpp"

namespace rollcall::auth {
namespace {

constexpr std::array kMigrations{
    sqlite::Migration{1, R"sql(
CREATE TABLE auth_accounts (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  employee_id INTEGER UNIQUE,
  roles TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_us INTEGER NOT NULL
);
CREATE TABLE auth_sessions (
  token_hash TEXT PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES auth_accounts(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_us INTEGER NOT NULL,
  expires_us INTEGER NOT NULL,
  remote TEXT NOT NULL
);
CREATE INDEX auth_sessions_account ON auth_sessions(account_id);
CREATE TABLE auth_login_failures (
  username TEXT PRIMARY KEY COLLATE NOCASE,
  failures INTEGER NOT NULL,
  locked_until_us INTEGER NOT NULL
);
)sql"},
};

std::string joinRoles(const std::vector<Role>& roles) {
    std::string out;
    for (Role r : allRoles()) {
        if (std::ranges::find(roles, r) == roles.end()) continue;
        if (!out.empty()) out += ",";
        out += roleName(r);
    }
    return out;
}

std::vector<Role> splitRoles(const std::string& text) {
    std::vector<Role> out;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = text.find(',', start);
        const auto part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (auto r = parseRole(part)) out.push_back(*r);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return out;
}

constexpr const char* kSelect = "SELECT id, username, employee_id, roles, active, created_us FROM auth_accounts ";

Account readAccount(const sqlite::Statement& st) {
    Account a;
    a.id = UserId(st.getInt(0));
    a.username = st.getText(1);
    if (auto e = st.getOptInt(2)) a.employee = EmployeeId(*e);
    a.roles = splitRoles(st.getText(3));
    a.active = st.getInt(4) != 0;
    a.createdAt = Instant::fromMicros(st.getInt(5));
    return a;
}

}  // namespace

std::span<const sqlite::Migration> AccountStore::migrations() { return kMigrations; }

Status AccountStore::migrate(sqlite::Database& db) {
    auto v = sqlite::migrate(db, "auth", kMigrations);
    if (!v) return std::unexpected(v.error());
    return {};
}

Status AccountStore::checkUsername(const std::string& username) {
    if (username.size() < 2 || username.size() > 64) {
        return fail("account.username", "a user name has 2 to 64 characters", "username");
    }
    for (unsigned char c : username) {
        if (!(std::isalnum(c) || c == '.' || c == '_' || c == '-' || c == '@')) {
            return fail("account.username", "a user name may hold letters, digits and . _ - @ only", "username");
        }
    }
    return {};
}

Status AccountStore::checkPassword(const std::string& password) {
    if (password.size() < kMinPasswordLength) {
        return fail("account.password", "a password has at least " + std::to_string(kMinPasswordLength) + " characters",
                    "password");
    }
    if (password.size() > 1024) return fail("account.password", "a password has at most 1024 characters", "password");
    return {};
}

Result<Account> AccountStore::create(const NewAccount& n) {
    if (auto st = checkUsername(n.username); !st) return std::unexpected(st.error());
    if (auto st = checkPassword(n.password); !st) return std::unexpected(st.error());
    if (n.roles.empty()) return fail("account.roles", "an account needs at least one role", "roles");
    if (auto existing = findByName(n.username); !existing) {
        return std::unexpected(existing.error());
    } else if (*existing) {
        return fail("account.exists", "the user name '" + n.username + "' is taken", "username");
    }
    if (n.employee) {
        auto other = findByEmployee(*n.employee);
        if (!other) return std::unexpected(other.error());
        if (*other) return fail("account.exists", "that employee already has an account", "employeeId");
    }
    auto hash = crypto::hashPassword(n.password);
    if (!hash) return std::unexpected(hash.error());
    auto st = db_->prepare(
        "INSERT INTO auth_accounts(username, password_hash, employee_id, roles, active, created_us) "
        "VALUES (?1, ?2, ?3, ?4, 1, ?5)");
    if (!st) return std::unexpected(st.error());
    std::optional<std::int64_t> emp;
    if (n.employee) emp = n.employee->value();
    st->bind(1, n.username).bind(2, *hash).bind(3, emp).bind(4, joinRoles(n.roles)).bind(5, Instant::now().micros());
    if (auto r = st->run(); !r) return std::unexpected(r.error());
    auto created = findById(UserId(db_->lastInsertRowId()));
    if (!created) return std::unexpected(created.error());
    return **created;
}

Result<Account> AccountStore::update(UserId id, const AccountChange& c) {
    auto current = findById(id);
    if (!current) return std::unexpected(current.error());
    if (!*current) return fail("account.not_found", "no account " + std::to_string(id.value()));
    if (c.password) {
        if (auto st = checkPassword(*c.password); !st) return std::unexpected(st.error());
        auto hash = crypto::hashPassword(*c.password);
        if (!hash) return std::unexpected(hash.error());
        auto st = db_->prepare("UPDATE auth_accounts SET password_hash = ?1 WHERE id = ?2");
        if (!st) return std::unexpected(st.error());
        st->bind(1, *hash).bind(2, id.value());
        if (auto r = st->run(); !r) return std::unexpected(r.error());
    }
    if (c.roles) {
        if (c.roles->empty()) return fail("account.roles", "an account needs at least one role", "roles");
        auto st = db_->prepare("UPDATE auth_accounts SET roles = ?1 WHERE id = ?2");
        if (!st) return std::unexpected(st.error());
        st->bind(1, joinRoles(*c.roles)).bind(2, id.value());
        if (auto r = st->run(); !r) return std::unexpected(r.error());
    }
    if (c.employee) {
        if (*c.employee) {
            auto other = findByEmployee(**c.employee);
            if (!other) return std::unexpected(other.error());
            if (*other && (*other)->id != id) return fail("account.exists", "that employee already has an account", "employeeId");
        }
        auto st = db_->prepare("UPDATE auth_accounts SET employee_id = ?1 WHERE id = ?2");
        if (!st) return std::unexpected(st.error());
        std::optional<std::int64_t> emp;
        if (*c.employee) emp = (*c.employee)->value();
        st->bind(1, emp).bind(2, id.value());
        if (auto r = st->run(); !r) return std::unexpected(r.error());
    }
    if (c.active) {
        auto st = db_->prepare("UPDATE auth_accounts SET active = ?1 WHERE id = ?2");
        if (!st) return std::unexpected(st.error());
        st->bind(1, *c.active ? 1 : 0).bind(2, id.value());
        if (auto r = st->run(); !r) return std::unexpected(r.error());
        if (!*c.active) {
            // A deactivated account loses its sessions at once.
            auto del = db_->prepare("DELETE FROM auth_sessions WHERE account_id = ?1");
            if (!del) return std::unexpected(del.error());
            del->bind(1, id.value());
            if (auto r = del->run(); !r) return std::unexpected(r.error());
        }
    }
    auto updated = findById(id);
    if (!updated) return std::unexpected(updated.error());
    return **updated;
}

Result<std::optional<Account>> AccountStore::findOne(const std::string& where,
                                                    const std::function<void(sqlite::Statement&)>& bind) const {
    auto st = db_->prepare(std::string(kSelect) + where);
    if (!st) return std::unexpected(st.error());
    bind(*st);
    auto step = st->step();
    if (!step) return std::unexpected(step.error());
    if (*step == sqlite::Step::Done) return std::optional<Account>{};
    return std::optional<Account>(readAccount(*st));
}

Result<std::optional<Account>> AccountStore::findByName(const std::string& username) const {
    return findOne("WHERE username = ?1", [&](sqlite::Statement& s) { s.bind(1, username); });
}

Result<std::optional<Account>> AccountStore::findById(UserId id) const {
    return findOne("WHERE id = ?1", [&](sqlite::Statement& s) { s.bind(1, id.value()); });
}

Result<std::optional<Account>> AccountStore::findByEmployee(EmployeeId employee) const {
    return findOne("WHERE employee_id = ?1", [&](sqlite::Statement& s) { s.bind(1, employee.value()); });
}

Result<std::vector<Account>> AccountStore::list() const {
    auto st = db_->prepare(std::string(kSelect) + "ORDER BY username");
    if (!st) return std::unexpected(st.error());
    std::vector<Account> out;
    while (true) {
        auto step = st->step();
        if (!step) return std::unexpected(step.error());
        if (*step == sqlite::Step::Done) break;
        out.push_back(readAccount(*st));
    }
    return out;
}

Result<std::int64_t> AccountStore::count() const {
    auto st = db_->prepare("SELECT count(*) FROM auth_accounts");
    if (!st) return std::unexpected(st.error());
    auto step = st->step();
    if (!step) return std::unexpected(step.error());
    return st->getInt(0);
}

Result<std::optional<std::string>> AccountStore::passwordHash(UserId id) const {
    auto st = db_->prepare("SELECT password_hash FROM auth_accounts WHERE id = ?1");
    if (!st) return std::unexpected(st.error());
    st->bind(1, id.value());
    auto step = st->step();
    if (!step) return std::unexpected(step.error());
    if (*step == sqlite::Step::Done) return std::optional<std::string>{};
    return std::optional<std::string>(st->getText(0));
}

}  // namespace rollcall::auth
