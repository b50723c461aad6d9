#include "rollcall/store/PostRepository.hpp"

#include <fmt/format.h>

#include "Rows.hpp"

namespace rollcall::store {
namespace {

Result<std::vector<Post>> query(sqlite::Database& db, const std::string& where, const auto& bindArg) {
    auto st = db.prepare("SELECT id, code, name, department_id FROM posts " + where);
    if (!st) return std::unexpected(st.error());
    bindArg(*st);
    std::vector<Post> out;
    auto r = detail::eachRow(*st, [&](sqlite::Statement& row) {
        out.push_back(Post{PostId(row.getInt(0)), row.getText(1), row.getText(2), DepartmentId(row.getInt(3))});
    });
    if (!r) return std::unexpected(r.error());
    return out;
}


}  // namespace

Result<std::vector<Post>> PostRepository::list(std::optional<DepartmentId> department) {
    return store_.read([&](sqlite::Database& db) {
        if (department) {
            return query(db, "WHERE department_id = ?1 ORDER BY code", [&](sqlite::Statement& s) { s.bind(1, department->value()); });
        }
        return query(db, "ORDER BY code", [](sqlite::Statement&) {});
    });
}

Result<std::optional<Post>> PostRepository::get(PostId id) {
    return store_.read([&](sqlite::Database& db) {
        return detail::firstOf(query(db, "WHERE id = ?1", [&](sqlite::Statement& s) { s.bind(1, id.value()); }));
    });
}

Result<std::optional<Post>> PostRepository::byCode(const std::string& code) {
    return store_.read([&](sqlite::Database& db) {
        return detail::firstOf(query(db, "WHERE code = ?1", [&](sqlite::Statement& s) { s.bind(1, code); }));
    });
}

Result<PostId> PostRepository::upsert(const Post& p) {
    if (p.code.empty()) return fail("post.invalid", "a post needs a code", "code");
    if (p.name.empty()) return fail("post.invalid", fmt::format("post '{}' needs a name", p.code), "name");
    return store_.write([&](sqlite::Database& db) -> Result<PostId> {
        auto dept = db.prepare("SELECT 1 FROM departments WHERE id = ?1");
        if (!dept) return std::unexpected(dept.error());
        dept->bind(1, p.department.value());
        auto found = detail::stepRow(*dept);
        if (!found) return std::unexpected(found.error());
        if (!*found) {
            return fail("post.invalid", fmt::format("post '{}' names an unknown department ({})", p.code, p.department.value()), "department");
        }
        PostId id = p.id;
        if (!id.valid()) {
            auto existing = byCode(p.code);
            if (!existing) return std::unexpected(existing.error());
            if (*existing) id = (*existing)->id;
        }
        if (id.valid()) {
            auto st = db.prepare("UPDATE posts SET code = ?2, name = ?3, department_id = ?4 WHERE id = ?1");
            if (!st) return std::unexpected(st.error());
            st->bind(1, id.value()).bind(2, p.code).bind(3, p.name).bind(4, p.department.value());
            if (auto r = st->run(); !r) return std::unexpected(r.error());
            if (auto r = detail::requireChanged(db, "post.unknown", fmt::format("no post with id {}", id.value())); !r) {
                return std::unexpected(r.error());
            }
            return id;
        }
        auto st = db.prepare("INSERT INTO posts(code, name, department_id) VALUES (?1, ?2, ?3)");
        if (!st) return std::unexpected(st.error());
        st->bind(1, p.code).bind(2, p.name).bind(3, p.department.value());
        if (auto r = st->run(); !r) return std::unexpected(r.error());
        return PostId(db.lastInsertRowId());
    });
}

}  // namespace rollcall::store
