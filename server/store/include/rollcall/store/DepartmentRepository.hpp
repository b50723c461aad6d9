#pragma once
// Departments: a tree by parent. Upsert by id, or by code when the id is 0.
#include <optional>
#include <string>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/store/Organisation.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::store {

class DepartmentRepository {
public:
    explicit DepartmentRepository(Store& store) : store_(store) {}

    Result<std::vector<Department>> list();
    Result<std::optional<Department>> get(DepartmentId id);
    Result<std::optional<Department>> byCode(const std::string& code);
    // Refuses an empty code or name, an unknown parent, and a parent that would make a cycle.
    Result<DepartmentId> upsert(const Department& department);
    // The department and its ancestors, nearest first.
    Result<std::vector<Department>> selfAndAncestors(DepartmentId id);
    // The department and every department below it.
    Result<std::vector<DepartmentId>> selfAndDescendants(DepartmentId id);

private:
    Store& store_;
};

}  // namespace rollcall::store
