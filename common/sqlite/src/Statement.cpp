#include "rollcall/sqlite/Statement.hpp"

#include <sqlite3.h>

#include "rollcall/sqlite/Database.hpp"

namespace rollcall::sqlite {

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        if (stmt_) sqlite3_finalize(stmt_);
        db_ = other.db_;
        stmt_ = other.stmt_;
        bindFailed_ = other.bindFailed_;
        bindError_ = std::move(other.bindError_);
        other.stmt_ = nullptr;
    }
    return *this;
}

Statement::~Statement() {
    if (stmt_) sqlite3_finalize(stmt_);
}

namespace {
void check(int rc, sqlite3* db, bool& failed, std::string& error, int index) {
    if (rc != SQLITE_OK && !failed) {
        failed = true;
        error = "bind of parameter " + std::to_string(index) + " failed: " + sqlite3_errmsg(db);
    }
}
}  // namespace

Statement& Statement::bind(int index, std::int64_t value) {
    check(sqlite3_bind_int64(stmt_, index, value), db_, bindFailed_, bindError_, index);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    check(sqlite3_bind_double(stmt_, index, value), db_, bindFailed_, bindError_, index);
    return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
    check(sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8), db_,
          bindFailed_, bindError_, index);
    return *this;
}

Statement& Statement::bindBlob(int index, std::span<const std::uint8_t> value) {
    check(sqlite3_bind_blob64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT), db_, bindFailed_,
          bindError_, index);
    return *this;
}

Statement& Statement::bindNull(int index) {
    check(sqlite3_bind_null(stmt_, index), db_, bindFailed_, bindError_, index);
    return *this;
}

Result<Step> Statement::step() {
    if (bindFailed_) return fail("sqlite.bind", bindError_);
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return Step::Row;
    if (rc == SQLITE_DONE) return Step::Done;
    Error e = lastError(db_, "step failed");
    sqlite3_reset(stmt_);
    return std::unexpected(std::move(e));
}

Status Statement::run() {
    while (true) {
        auto s = step();
        if (!s) return std::unexpected(s.error());
        if (*s == Step::Done) break;
    }
    return {};
}

Status Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    bindFailed_ = false;
    bindError_.clear();
    return {};
}

bool Statement::isNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
std::int64_t Statement::getInt(int col) const { return sqlite3_column_int64(stmt_, col); }
double Statement::getDouble(int col) const { return sqlite3_column_double(stmt_, col); }

std::string Statement::getText(int col) const {
    const auto* p = sqlite3_column_text(stmt_, col);
    const int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(n)) : std::string();
}

std::optional<std::string> Statement::getOptText(int col) const {
    if (isNull(col)) return std::nullopt;
    return getText(col);
}

std::optional<std::int64_t> Statement::getOptInt(int col) const {
    if (isNull(col)) return std::nullopt;
    return getInt(col);
}

std::vector<std::uint8_t> Statement::getBlob(int col) const {
    const auto* p = static_cast<const std::uint8_t*>(sqlite3_column_blob(stmt_, col));
    const int n = sqlite3_column_bytes(stmt_, col);
    return p ? std::vector<std::uint8_t>(p, p + n) : std::vector<std::uint8_t>();
}

int Statement::columnCount() const { return sqlite3_column_count(stmt_); }

}  // namespace rollcall::sqlite
