#pragma once
// People: list with filters, get, upsert (by id, or by employee number when the id is 0),
// offboard. Also answers "who approves this step" for the leave service.
#include <optional>
#include <string>
#include <vector>

#include "rollcall/domain/Error.hpp"
#include "rollcall/store/Organisation.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::store {

struct EmployeeFilter {
    std::optional<DepartmentId> department{};  // this department and those below it
    std::optional<PostId> post{};
    std::optional<Role> role{};
    std::optional<bool> active{};
    std::string search{};                        // part of the name or the number
    int limit = 1000;
    int offset = 0;
};

class EmployeeRepository {
public:
    explicit EmployeeRepository(Store& store) : store_(store) {}

    // Ordered by employee number.
    Result<std::vector<Employee>> list(const EmployeeFilter& filter);
    Result<std::optional<Employee>> get(EmployeeId id);
    Result<std::optional<Employee>> byNumber(const std::string& number);
    // Refuses an empty number or name, an unknown department or post, a post outside the
    // person's department, and a person without roles. A post alone sets the department.
    Result<EmployeeId> upsert(const Employee& employee);
    // Marks the person offboarded from `on`; their records stay.
    Status offboard(EmployeeId id, LocalDate on);
    // Who may act for an approval-chain role on behalf of `requester`:
    //  "department_head": heads of the requester's department, else of the nearest ancestor;
    //  "bureau_leadership": people with the leadership flag;
    //  any role name ("hr", "admin", ...): active people with that role.
    // The requester never approves their own request.
    Result<std::vector<Employee>> approversFor(EmployeeId requester, const std::string& chainRole);

private:
    Store& store_;
};

}  // namespace rollcall::store
