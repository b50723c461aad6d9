#pragma once
// A prepared statement: bind by 1-based index, step, read columns by 0-based index.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "rollcall/domain/Error.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace rollcall::sqlite {

enum class Step { Row, Done };

class Statement {
public:
    Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
    Statement(Statement&& other) noexcept : db_(other.db_), stmt_(other.stmt_) { other.stmt_ = nullptr; }
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view value);
    Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
    Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
    Statement& bindBlob(int index, std::span<const std::uint8_t> value);
    Statement& bindNull(int index);
    template <class T>
    Statement& bind(int index, const std::optional<T>& value) {
        return value ? bind(index, *value) : bindNull(index);
    }

    Result<Step> step();
    // Steps to the end; for INSERT/UPDATE/DELETE.
    Status run();
    Status reset();

    [[nodiscard]] bool isNull(int col) const;
    [[nodiscard]] std::int64_t getInt(int col) const;
    [[nodiscard]] double getDouble(int col) const;
    [[nodiscard]] std::string getText(int col) const;
    [[nodiscard]] std::optional<std::string> getOptText(int col) const;
    [[nodiscard]] std::optional<std::int64_t> getOptInt(int col) const;
    [[nodiscard]] std::vector<std::uint8_t> getBlob(int col) const;
    [[nodiscard]] int columnCount() const;

private:
    sqlite3* db_;
    sqlite3_stmt* stmt_;
    bool bindFailed_ = false;
    std::string bindError_;
};

}  // namespace rollcall::sqlite
