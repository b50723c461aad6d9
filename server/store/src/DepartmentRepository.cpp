#include "rollcall/store/DepartmentRepository.hpp"

#include <fmt/format.h>

#include "Rows.hpp"

namespace rollcall::store {
namespace {

Department readDepartment(const sqlite::Statement& st) {
    Department d;
    d.id = DepartmentId(st.getInt(0));
    d.code = st.getText(1);
    d.name = st.getText(2);
    if (auto p = st.getOptInt(3)) d.parent = DepartmentId(*p);
    return d;
}

Result<std::vector<Department>> query(sqlite::Database& db, const std::string& where, std::int64_t arg) {
    auto st = db.prepare("SELECT id, code, name, parent_id FROM departments " + where);
    if (!st) return std::unexpected(st.error());
    if (where.find("?1") != std::string::npos) st->bind(1, arg);
    std::vector<Department> out;
    if (auto r = detail::eachRow(*st, [&](sqlite::Statement& row) { out.push_back(readDepartment(row)); }); !r) {
        return std::unexpected(r.error());
    }
    return out;
}

}  // namespace

Result<std::vector<Department>> DepartmentRepository::list() {
    return store_.read([&](sqlite::Database& db) { return query(db, "ORDER BY code", 0); });
}

Result<std::optional<Department>> DepartmentRepository::get(DepartmentId id) {
    return store_.read([&](sqlite::Database& db) -> Result<std::optional<Department>> {
        auto r = query(db, "WHERE id = ?1", id.value());
        if (!r) return std::unexpected(r.error());
        if (r->empty()) return std::optional<Department>{};
        return std::optional<Department>(r->front());
    });
}

Result<std::optional<Department>> DepartmentRepository::byCode(const std::string& code) {
    return store_.read([&](sqlite::Database& db) -> Result<std::optional<Department>> {
        auto st = db.prepare("SELECT id, code, name, parent_id FROM departments WHERE code = ?1");
        if (!st) return std::unexpected(st.error());
        st->bind(1, code);
        auto row = detail::stepRow(*st);
        if (!row) return std::unexpected(row.error());
        if (!*row) return std::optional<Department>{};
        return std::optional<Department>(readDepartment(*st));
    });
}

Result<std::vector<Department>> DepartmentRepository::selfAndAncestors(DepartmentId id) {
    return store_.read([&](sqlite::Database& db) -> Result<std::vector<Department>> {
        std::vector<Department> out;
        std::optional<DepartmentId> next = id;
        while (next && out.size() < 64) {
            auto r = query(db, "WHERE id = ?1", next->value());
            if (!r) return std::unexpected(r.error());
            if (r->empty()) break;
            out.push_back(r->front());
            next = r->front().parent;
        }
        return out;
    });
}

Result<std::vector<DepartmentId>> DepartmentRepository::selfAndDescendants(DepartmentId id) {
    return store_.read([&](sqlite::Database& db) -> Result<std::vector<DepartmentId>> {
        auto st = db.prepare(
            "WITH RECURSIVE tree(id) AS (SELECT ?1 UNION SELECT d.id FROM departments d JOIN tree t ON d.parent_id = t.id) "
            "SELECT id FROM tree ORDER BY id");
        if (!st) return std::unexpected(st.error());
        st->bind(1, id.value());
        std::vector<DepartmentId> out;
        if (auto r = detail::eachRow(*st, [&](sqlite::Statement& row) { out.emplace_back(row.getInt(0)); }); !r) {
            return std::unexpected(r.error());
        }
        return out;
    });
}

Result<DepartmentId> DepartmentRepository::upsert(const Department& d) {
    if (d.code.empty()) return fail("department.invalid", "a department needs a code", "code");
    if (d.name.empty()) return fail("department.invalid", fmt::format("department '{}' needs a name", d.code), "name");
    return store_.write([&](sqlite::Database& db) -> Result<DepartmentId> {
        DepartmentId id = d.id;
        if (!id.valid()) {
            auto existing = byCode(d.code);
            if (!existing) return std::unexpected(existing.error());
            if (*existing) id = (*existing)->id;
        }
        if (d.parent) {
            auto chain = selfAndAncestors(*d.parent);
            if (!chain) return std::unexpected(chain.error());
            if (chain->empty()) {
                return fail("department.invalid", fmt::format("department '{}' names an unknown parent ({})", d.code, d.parent->value()), "parent");
            }
            for (const auto& a : *chain) {
                if (id.valid() && a.id == id) {
                    return fail("department.cycle", fmt::format("department '{}' cannot sit below itself", d.code), "parent");
                }
            }
        }
        std::optional<std::int64_t> parent;
        if (d.parent) parent = d.parent->value();
        if (id.valid()) {
            auto st = db.prepare("UPDATE departments SET code = ?2, name = ?3, parent_id = ?4 WHERE id = ?1");
            if (!st) return std::unexpected(st.error());
            st->bind(1, id.value()).bind(2, d.code).bind(3, d.name).bind(4, parent);
            if (auto r = st->run(); !r) return std::unexpected(r.error());
            if (auto r = detail::requireChanged(db, "department.unknown", fmt::format("no department with id {}", id.value())); !r) {
                return std::unexpected(r.error());
            }
            return id;
        }
        auto st = db.prepare("INSERT INTO departments(code, name, parent_id) VALUES (?1, ?2, ?3)");
        if (!st) return std::unexpected(st.error());
        st->bind(1, d.code).bind(2, d.name).bind(3, parent);
        if (auto r = st->run(); !r) return std::unexpected(r.error());
        return DepartmentId(db.lastInsertRowId());
    });
}

}  // namespace rollcall::store
