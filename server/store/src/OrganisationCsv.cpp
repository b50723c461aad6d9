#include "rollcall/store/OrganisationCsv.hpp"

#include <fmt/format.h>

#include <map>
#include <set>
#include <vector>

#include "CsvTable.hpp"
#include "rollcall/store/DepartmentRepository.hpp"
#include "rollcall/store/EmployeeRepository.hpp"
#include "rollcall/store/PostRepository.hpp"

namespace rollcall::store {
namespace {

using detail::CsvRow;
using detail::CsvTable;
using detail::csvCell;

// Collects every bad line, so one import attempt reports all of them.
class LineErrors {
public:
    void add(int line, std::string message) { errors_.push_back({line, std::move(message)}); }
    [[nodiscard]] bool empty() const { return errors_.empty(); }
    [[nodiscard]] Error error(std::string_view what) const {
        std::string message = fmt::format("{} not imported: nothing was changed. ", what);
        for (std::size_t i = 0; i < errors_.size(); ++i) {
            message += fmt::format("{}line {}: {}", i ? "; " : "", errors_[i].first, errors_[i].second);
        }
        return Error{"csv.invalid", message, fmt::format("line {}", errors_.front().first)};
    }

private:
    std::vector<std::pair<int, std::string>> errors_;
};

std::optional<bool> parseFlag(const std::string& text, bool fallback) {
    if (text.empty()) return fallback;
    if (text == "1" || text == "yes" || text == "true" || text == "y") return true;
    if (text == "0" || text == "no" || text == "false" || text == "n") return false;
    return std::nullopt;
}

Result<ImportReport> report(Store& store, std::string_view what, const std::vector<int>& lines, const auto& upsertRow) {
    return store.write([&](sqlite::Database&) -> Result<ImportReport> {
        ImportReport rep;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            auto inserted = upsertRow(i);
            if (!inserted) {
                Error e = inserted.error();
                e.message = fmt::format("{} not imported: nothing was changed. line {}: {}", what, lines[i], e.message);
                e.field = fmt::format("line {}", lines[i]);
                return std::unexpected(e);
            }
            (*inserted ? rep.inserted : rep.updated) += 1;
        }
        return rep;
    });
}

}  // namespace

Result<ImportReport> OrganisationCsv::importDepartments(std::string_view csv) {
    auto table = CsvTable::parse(csv, {"code", "name"});
    if (!table) return std::unexpected(table.error());
    auto existing = DepartmentRepository(store_).list();
    if (!existing) return std::unexpected(existing.error());
    std::map<std::string, DepartmentId> known;
    for (const auto& d : *existing) known.emplace(d.code, d.id);
    std::set<std::string> inFile;
    LineErrors errors;
    for (const CsvRow& row : table->rows()) {
        const auto code = table->cell(row, "code");
        const auto parent = table->cell(row, "parent");
        if (code.empty()) errors.add(row.line, "the code is empty");
        if (table->cell(row, "name").empty()) errors.add(row.line, fmt::format("department '{}' has no name", code));
        if (!code.empty() && !inFile.insert(code).second) errors.add(row.line, fmt::format("department '{}' appears twice", code));
        if (!parent.empty() && !known.contains(parent) && (!inFile.contains(parent) || parent == code)) {
            errors.add(row.line, fmt::format("parent '{}' is neither an existing department nor one earlier in the file", parent));
        }
    }
    if (!errors.empty()) return std::unexpected(errors.error("departments"));
    std::vector<int> lines;
    for (const auto& r : table->rows()) lines.push_back(r.line);
    return report(store_, "departments", lines, [&](std::size_t i) -> Result<bool> {
        const CsvRow& row = table->rows()[i];
        DepartmentRepository repo(store_);
        Department d;
        d.code = table->cell(row, "code");
        d.name = table->cell(row, "name");
        const auto parentCode = table->cell(row, "parent");
        if (!parentCode.empty()) {
            auto parent = repo.byCode(parentCode);
            if (!parent) return std::unexpected(parent.error());
            d.parent = (*parent)->id;
        }
        const bool isNew = !known.contains(d.code);
        auto id = repo.upsert(d);
        if (!id) return std::unexpected(id.error());
        return isNew;
    });
}

Result<ImportReport> OrganisationCsv::importPosts(std::string_view csv) {
    auto table = CsvTable::parse(csv, {"code", "name", "department"});
    if (!table) return std::unexpected(table.error());
    auto posts = PostRepository(store_).list();
    auto departments = DepartmentRepository(store_).list();
    if (!posts) return std::unexpected(posts.error());
    if (!departments) return std::unexpected(departments.error());
    std::set<std::string> knownPosts;
    for (const auto& p : *posts) knownPosts.insert(p.code);
    std::map<std::string, DepartmentId> deptByCode;
    for (const auto& d : *departments) deptByCode.emplace(d.code, d.id);
    std::set<std::string> inFile;
    LineErrors errors;
    for (const CsvRow& row : table->rows()) {
        const auto code = table->cell(row, "code");
        const auto dept = table->cell(row, "department");
        if (code.empty()) errors.add(row.line, "the code is empty");
        if (table->cell(row, "name").empty()) errors.add(row.line, fmt::format("post '{}' has no name", code));
        if (!code.empty() && !inFile.insert(code).second) errors.add(row.line, fmt::format("post '{}' appears twice", code));
        if (!deptByCode.contains(dept)) errors.add(row.line, fmt::format("unknown department '{}'", dept));
    }
    if (!errors.empty()) return std::unexpected(errors.error("posts"));
    std::vector<int> lines;
    for (const auto& r : table->rows()) lines.push_back(r.line);
    return report(store_, "posts", lines, [&](std::size_t i) -> Result<bool> {
        const CsvRow& row = table->rows()[i];
        Post p{PostId{}, table->cell(row, "code"), table->cell(row, "name"), deptByCode.at(table->cell(row, "department"))};
        auto id = PostRepository(store_).upsert(p);
        if (!id) return std::unexpected(id.error());
        return !knownPosts.contains(p.code);
    });
}

Result<ImportReport> OrganisationCsv::importEmployees(std::string_view csv) {
    auto table = CsvTable::parse(csv, {"number", "name"});
    if (!table) return std::unexpected(table.error());
    auto departments = DepartmentRepository(store_).list();
    auto posts = PostRepository(store_).list();
    auto people = EmployeeRepository(store_).list({.limit = 1'000'000});
    if (!departments) return std::unexpected(departments.error());
    if (!posts) return std::unexpected(posts.error());
    if (!people) return std::unexpected(people.error());
    std::map<std::string, DepartmentId> deptByCode;
    for (const auto& d : *departments) deptByCode.emplace(d.code, d.id);
    std::map<std::string, Post> postByCode;
    for (const auto& p : *posts) postByCode.emplace(p.code, p);
    std::map<std::string, EmployeeId> known;
    for (const auto& e : *people) known.emplace(e.number, e.id);

    std::vector<Employee> parsed;
    std::vector<int> lines;
    std::set<std::string> inFile;
    LineErrors errors;
    for (const CsvRow& row : table->rows()) {
        Employee e;
        e.number = table->cell(row, "number");
        e.name = table->cell(row, "name");
        if (e.number.empty()) errors.add(row.line, "the employee number is empty");
        if (e.name.empty()) errors.add(row.line, fmt::format("employee {} has no name", e.number));
        if (!e.number.empty() && !inFile.insert(e.number).second) errors.add(row.line, fmt::format("employee {} appears twice", e.number));
        const auto dept = table->cell(row, "department");
        if (!dept.empty()) {
            if (auto it = deptByCode.find(dept); it != deptByCode.end()) {
                e.department = it->second;
            } else {
                errors.add(row.line, fmt::format("unknown department '{}'", dept));
            }
        }
        const auto post = table->cell(row, "post");
        if (!post.empty()) {
            if (auto it = postByCode.find(post); it == postByCode.end()) {
                errors.add(row.line, fmt::format("unknown post '{}'", post));
            } else if (e.department && *e.department != it->second.department) {
                errors.add(row.line, fmt::format("post '{}' is not in department '{}'", post, dept));
            } else {
                e.post = it->second.id;
            }
        }
        if (const auto roles = table->cell(row, "roles"); !roles.empty()) {
            auto parsedRoles = parseRoles(roles);
            if (!parsedRoles || parsedRoles->empty()) {
                errors.add(row.line, fmt::format("roles '{}' are not a ';'-separated list of admin, hr, approver, inspector, staff", roles));
            } else {
                e.roles = *parsedRoles;
            }
        }
        const auto head = parseFlag(table->cell(row, "department_head"), false);
        const auto lead = parseFlag(table->cell(row, "leadership"), false);
        const auto active = parseFlag(table->cell(row, "active"), true);
        if (!head) errors.add(row.line, "department_head must be 1 or 0");
        if (!lead) errors.add(row.line, "leadership must be 1 or 0");
        if (!active) errors.add(row.line, "active must be 1 or 0");
        e.departmentHead = head.value_or(false);
        e.leadership = lead.value_or(false);
        e.active = active.value_or(true);
        if (const auto v = table->cell(row, "verification"); !v.empty()) {
            if (auto parsedV = parseVerification(v)) {
                e.verification = *parsedV;
            } else {
                errors.add(row.line, fmt::format("verification '{}' is not one of face, fingerprint, either, both", v));
            }
        }
        parsed.push_back(std::move(e));
        lines.push_back(row.line);
    }
    if (!errors.empty()) return std::unexpected(errors.error("employees"));
    return report(store_, "employees", lines, [&](std::size_t i) -> Result<bool> {
        Employee e = parsed[i];
        const bool isNew = !known.contains(e.number);
        if (!isNew) {
            // Keep what the file does not speak of (e.g. an offboarding date).
            auto current = EmployeeRepository(store_).get(known.at(e.number));
            if (!current) return std::unexpected(current.error());
            if (*current && !e.active) e.offboardedOn = (*current)->offboardedOn;
        }
        auto id = EmployeeRepository(store_).upsert(e);
        if (!id) return std::unexpected(id.error());
        return isNew;
    });
}

Result<std::string> OrganisationCsv::exportDepartments() {
    return store_.read([&](sqlite::Database&) -> Result<std::string> {
        auto all = DepartmentRepository(store_).list();
        if (!all) return std::unexpected(all.error());
        std::map<DepartmentId, std::string> codes;
        for (const auto& d : *all) codes.emplace(d.id, d.code);
        std::string out = "code,name,parent\n";
        for (const auto& d : *all) {
            out += fmt::format("{},{},{}\n", csvCell(d.code), csvCell(d.name), d.parent ? csvCell(codes[*d.parent]) : "");
        }
        return out;
    });
}

Result<std::string> OrganisationCsv::exportPosts() {
    return store_.read([&](sqlite::Database&) -> Result<std::string> {
        auto all = PostRepository(store_).list();
        auto depts = DepartmentRepository(store_).list();
        if (!all) return std::unexpected(all.error());
        if (!depts) return std::unexpected(depts.error());
        std::map<DepartmentId, std::string> codes;
        for (const auto& d : *depts) codes.emplace(d.id, d.code);
        std::string out = "code,name,department\n";
        for (const auto& p : *all) out += fmt::format("{},{},{}\n", csvCell(p.code), csvCell(p.name), csvCell(codes[p.department]));
        return out;
    });
}

Result<std::string> OrganisationCsv::exportEmployees() {
    return store_.read([&](sqlite::Database&) -> Result<std::string> {
        auto all = EmployeeRepository(store_).list({.limit = 1'000'000});
        auto depts = DepartmentRepository(store_).list();
        auto posts = PostRepository(store_).list();
        if (!all) return std::unexpected(all.error());
        if (!depts) return std::unexpected(depts.error());
        if (!posts) return std::unexpected(posts.error());
        std::map<DepartmentId, std::string> deptCodes;
        for (const auto& d : *depts) deptCodes.emplace(d.id, d.code);
        std::map<PostId, std::string> postCodes;
        for (const auto& p : *posts) postCodes.emplace(p.id, p.code);
        std::string out = "number,name,department,post,roles,department_head,leadership,verification,active\n";
        for (const auto& e : *all) {
            out += fmt::format("{},{},{},{},{},{},{},{},{}\n", csvCell(e.number), csvCell(e.name),
                               e.department ? csvCell(deptCodes[*e.department]) : "", e.post ? csvCell(postCodes[*e.post]) : "",
                               joinRoles(e.roles), e.departmentHead ? 1 : 0, e.leadership ? 1 : 0, toString(e.verification),
                               e.active ? 1 : 0);
        }
        return out;
    });
}

}  // namespace rollcall::store
