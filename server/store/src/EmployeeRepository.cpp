#include "rollcall/store/EmployeeRepository.hpp"

#include <fmt/format.h>

#include "Rows.hpp"
#include "rollcall/store/DepartmentRepository.hpp"

namespace rollcall::store {
namespace {

constexpr std::string_view kColumns =
    "e.id, e.number, e.name, e.department_id, e.post_id, e.roles, e.department_head, e.leadership, e.verification, "
    "e.active, e.offboarded_on";

Result<Employee> readEmployee(const sqlite::Statement& st) {
    Employee e;
    e.id = EmployeeId(st.getInt(0));
    e.number = st.getText(1);
    e.name = st.getText(2);
    if (auto v = st.getOptInt(3)) e.department = DepartmentId(*v);
    if (auto v = st.getOptInt(4)) e.post = PostId(*v);
    auto roles = parseRoles(st.getText(5));
    auto verification = parseVerification(st.getText(8));
    if (!roles || !verification) return fail("store.corrupt", fmt::format("employee {} has unreadable roles or verification", e.number));
    e.roles = *roles;
    e.departmentHead = st.getInt(6) != 0;
    e.leadership = st.getInt(7) != 0;
    e.verification = *verification;
    e.active = st.getInt(9) != 0;
    if (auto d = st.getOptText(10)) e.offboardedOn = LocalDate::parse(*d);
    return e;
}

Result<std::vector<Employee>> collect(sqlite::Statement& st) {
    std::vector<Employee> out;
    auto r = detail::eachRow(st, [&](sqlite::Statement& row) -> Status {
        auto e = readEmployee(row);
        if (!e) return std::unexpected(e.error());
        out.push_back(std::move(*e));
        return {};
    });
    if (!r) return std::unexpected(r.error());
    return out;
}


Result<std::vector<Employee>> selectWhere(sqlite::Database& db, std::string_view where, std::int64_t arg) {
    auto stCached = db.cached(fmt::format("SELECT {} FROM employees e WHERE {} ORDER BY e.number", kColumns, where));
    if (!stCached) return std::unexpected(stCached.error());
    sqlite::Statement* st = *stCached;
    st->bind(1, arg);
    return collect(*st);
}

}  // namespace

Result<std::vector<Employee>> EmployeeRepository::list(const EmployeeFilter& f) {
    return store_.read([&](sqlite::Database& db) -> Result<std::vector<Employee>> {
        std::string sql = fmt::format("SELECT {} FROM employees e WHERE 1=1", kColumns);
        if (f.department) {
            sql += " AND e.department_id IN (WITH RECURSIVE tree(id) AS (SELECT ?1 UNION SELECT d.id FROM departments d "
                   "JOIN tree t ON d.parent_id = t.id) SELECT id FROM tree)";
        }
        if (f.post) sql += " AND e.post_id = ?2";
        if (f.role) sql += " AND instr(';' || e.roles || ';', ';' || ?3 || ';') > 0";
        if (f.active) sql += " AND e.active = ?4";
        if (!f.search.empty()) sql += " AND (instr(e.name, ?5) > 0 OR instr(e.number, ?5) > 0)";
        sql += " ORDER BY e.number LIMIT ?6 OFFSET ?7";
        auto st = db.prepare(sql);
        if (!st) return std::unexpected(st.error());
        if (f.department) st->bind(1, f.department->value());
        if (f.post) st->bind(2, f.post->value());
        if (f.role) st->bind(3, toString(*f.role));
        if (f.active) st->bind(4, *f.active ? 1 : 0);
        if (!f.search.empty()) st->bind(5, f.search);
        st->bind(6, f.limit).bind(7, f.offset);
        return collect(*st);
    });
}

Result<std::optional<Employee>> EmployeeRepository::get(EmployeeId id) {
    return store_.read([&](sqlite::Database& db) { return detail::firstOf(selectWhere(db, "e.id = ?1", id.value())); });
}

Result<std::optional<Employee>> EmployeeRepository::byNumber(const std::string& number) {
    return store_.read([&](sqlite::Database& db) -> Result<std::optional<Employee>> {
        auto st = db.prepare(fmt::format("SELECT {} FROM employees e WHERE e.number = ?1", kColumns));
        if (!st) return std::unexpected(st.error());
        st->bind(1, number);
        return detail::firstOf(collect(*st));
    });
}

Result<EmployeeId> EmployeeRepository::upsert(const Employee& input) {
    if (input.number.empty()) return fail("employee.invalid", "a person needs an employee number", "number");
    if (input.name.empty()) return fail("employee.invalid", fmt::format("employee {} needs a name", input.number), "name");
    if (input.roles.empty()) return fail("employee.invalid", fmt::format("employee {} needs at least one role", input.number), "roles");
    return store_.write([&](sqlite::Database& db) -> Result<EmployeeId> {
        Employee e = input;
        if (e.post) {
            auto post = db.prepare("SELECT department_id, code FROM posts WHERE id = ?1");
            if (!post) return std::unexpected(post.error());
            post->bind(1, e.post->value());
            auto row = detail::stepRow(*post);
            if (!row) return std::unexpected(row.error());
            if (!*row) return fail("employee.invalid", fmt::format("employee {} names an unknown post ({})", e.number, e.post->value()), "post");
            const DepartmentId postDepartment(post->getInt(0));
            if (e.department && *e.department != postDepartment) {
                return fail("employee.invalid",
                            fmt::format("employee {}: post '{}' belongs to another department", e.number, post->getText(1)), "post");
            }
            e.department = postDepartment;
        }
        if (e.department) {
            auto dept = DepartmentRepository(store_).get(*e.department);
            if (!dept) return std::unexpected(dept.error());
            if (!*dept) {
                return fail("employee.invalid", fmt::format("employee {} names an unknown department ({})", e.number, e.department->value()),
                            "department");
            }
        }
        EmployeeId id = e.id;
        if (!id.valid()) {
            auto existing = byNumber(e.number);
            if (!existing) return std::unexpected(existing.error());
            if (*existing) id = (*existing)->id;
        }
        std::optional<std::int64_t> dept;
        std::optional<std::int64_t> post;
        std::optional<std::string> offboarded;
        if (e.department) dept = e.department->value();
        if (e.post) post = e.post->value();
        if (e.offboardedOn) offboarded = e.offboardedOn->toString();
        const std::string sql = id.valid()
            ? "UPDATE employees SET number = ?2, name = ?3, department_id = ?4, post_id = ?5, roles = ?6, "
              "department_head = ?7, leadership = ?8, verification = ?9, active = ?10, offboarded_on = ?11 WHERE id = ?1"
            : "INSERT INTO employees(number, name, department_id, post_id, roles, department_head, leadership, "
              "verification, active, offboarded_on) VALUES (?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
        auto st = db.prepare(sql);
        if (!st) return std::unexpected(st.error());
        if (id.valid()) st->bind(1, id.value());
        st->bind(2, e.number).bind(3, e.name).bind(4, dept).bind(5, post).bind(6, joinRoles(e.roles))
            .bind(7, e.departmentHead ? 1 : 0).bind(8, e.leadership ? 1 : 0).bind(9, toString(e.verification))
            .bind(10, e.active ? 1 : 0).bind(11, offboarded);
        if (auto r = st->run(); !r) {
            if (r.error().code == "sqlite.constraint") {
                return fail("employee.duplicate", fmt::format("employee number {} is already taken", e.number), "number");
            }
            return std::unexpected(r.error());
        }
        if (id.valid()) {
            if (auto r = detail::requireChanged(db, "employee.unknown", fmt::format("no employee with id {}", id.value())); !r) {
                return std::unexpected(r.error());
            }
            return id;
        }
        return EmployeeId(db.lastInsertRowId());
    });
}

Status EmployeeRepository::offboard(EmployeeId id, LocalDate on) {
    return store_.write([&](sqlite::Database& db) -> Status {
        auto st = db.prepare("UPDATE employees SET active = 0, offboarded_on = ?2 WHERE id = ?1");
        if (!st) return std::unexpected(st.error());
        st->bind(1, id.value()).bind(2, on.toString());
        if (auto r = st->run(); !r) return r;
        return detail::requireChanged(db, "employee.unknown", fmt::format("no employee with id {}", id.value()));
    });
}

Result<std::vector<Employee>> EmployeeRepository::approversFor(EmployeeId requester, const std::string& chainRole) {
    return store_.read([&](sqlite::Database& db) -> Result<std::vector<Employee>> {
        std::vector<Employee> found;
        if (chainRole == "department_head") {
            auto who = get(requester);
            if (!who) return std::unexpected(who.error());
            if (!*who || !(*who)->department) return found;
            auto chain = DepartmentRepository(store_).selfAndAncestors(*(*who)->department);
            if (!chain) return std::unexpected(chain.error());
            for (const auto& d : *chain) {
                auto heads = selectWhere(db, "e.department_id = ?1 AND e.department_head = 1 AND e.active = 1", d.id.value());
                if (!heads) return std::unexpected(heads.error());
                std::erase_if(*heads, [&](const Employee& e) { return e.id == requester; });
                if (!heads->empty()) return std::move(*heads);
            }
            return found;
        }
        Result<std::vector<Employee>> all = chainRole == "bureau_leadership"
            ? selectWhere(db, "e.leadership = 1 AND e.active = 1 AND ?1 = ?1", 0)
            : [&]() -> Result<std::vector<Employee>> {
                  auto role = parseRole(chainRole);
                  if (!role) return fail("approval.role", fmt::format("no one can act for the unknown role '{}'", chainRole));
                  auto st = db.prepare(fmt::format(
                      "SELECT {} FROM employees e WHERE e.active = 1 AND instr(';' || e.roles || ';', ';' || ?1 || ';') > 0 "
                      "ORDER BY e.number", kColumns));
                  if (!st) return std::unexpected(st.error());
                  st->bind(1, toString(*role));
                  return collect(*st);
              }();
        if (!all) return all;
        std::erase_if(*all, [&](const Employee& e) { return e.id == requester; });
        return all;
    });
}

}  // namespace rollcall::store
