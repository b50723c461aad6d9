#pragma once
// The spot-check tables (migration component "spotcheck"). They live in the server's database
// beside the store's; the evaluation reads the store's `punches` table.
#include "rollcall/domain/Error.hpp"
#include "rollcall/sqlite/Database.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::spotcheck {

inline constexpr const char* kSchemaComponent = "spotcheck";

// For StoreOptions::extraMigrations, so the store migrates the spot-check tables with its own.
store::ComponentMigrations spotCheckMigrations();

// Applies the missing migrations; returns the schema version now in place.
Result<int> migrateSpotCheckSchema(sqlite::Database& db);

}  // namespace rollcall::spotcheck
