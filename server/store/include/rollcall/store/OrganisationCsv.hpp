#pragma once
// CSV import and export of departments, posts and people (docs/schema.md gives the columns).
// Import validates every row first and imports nothing when any row is bad: the error
// (code "csv.invalid") lists every bad line ("line 4: ..."), its field names the first.
// Rows are matched by code / employee number: existing ones are updated, new ones added.
//   departments: code,name,parent            (parent: a code, existing or earlier in the file)
//   posts:       code,name,department        (department: a code)
//   employees:   number,name,department,post,roles,department_head,leadership,verification,active
//                (roles "staff;approver"; flags 1/0, yes/no, true/false; empty = default)
#include <string>
#include <string_view>

#include "rollcall/domain/Error.hpp"
#include "rollcall/store/Store.hpp"

namespace rollcall::store {

struct ImportReport {
    int inserted = 0;
    int updated = 0;
};

class OrganisationCsv {
public:
    explicit OrganisationCsv(Store& store) : store_(store) {}

    Result<ImportReport> importDepartments(std::string_view csv);
    Result<ImportReport> importPosts(std::string_view csv);
    Result<ImportReport> importEmployees(std::string_view csv);

    Result<std::string> exportDepartments();
    Result<std::string> exportPosts();
    Result<std::string> exportEmployees();

private:
    Store& store_;
};

}  // namespace rollcall::store
