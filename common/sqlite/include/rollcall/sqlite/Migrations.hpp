#pragma once
// Versioned schema migrations, kept per component ("attendance", "org", "audit", "gateway", ...)
// so that independent parts of the server evolve their own tables. Versions are 1, 2, 3, ...
// applied in order at start-up, each in its own transaction. A database whose recorded
// version for a component is newer than this build knows is refused, untouched.
#include <span>
#include <string_view>

#include "rollcall/domain/Error.hpp"
#include "rollcall/sqlite/Database.hpp"

namespace rollcall::sqlite {

struct Migration {
    int version;
    std::string_view sql;
};

// Applies the missing migrations of `component`; returns the version the database is now at.
Result<int> migrate(Database& db, std::string_view component, std::span<const Migration> migrations);

// The recorded version of `component`, 0 when none.
Result<int> schemaVersion(Database& db, std::string_view component);

}  // namespace rollcall::sqlite
