#pragma once
// The store's tables, as versioned migrations per component (docs/schema.md lists them).
#include <span>

#include "rollcall/store/Store.hpp"

namespace rollcall::store {

// "org", "schedule", "attendance", "leave", in the order they are applied.
std::span<const ComponentMigrations> storeMigrations();

}  // namespace rollcall::store
