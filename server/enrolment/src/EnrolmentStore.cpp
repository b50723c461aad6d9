#include "rollcall/enrolment/EnrolmentStore.hpp"

#include <map>

namespace rollcall::enrolment {
namespace {

constexpr sqlite::Migration kMigrations[] = {
    {1, R"(
CREATE TABLE enrolment_people (
  employee_id INTEGER PRIMARY KEY,
  display_name TEXT NOT NULL,
  version INTEGER NOT NULL,
  removed INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE enrolment_templates (
  employee_id INTEGER NOT NULL REFERENCES enrolment_people(employee_id),
  kind TEXT NOT NULL CHECK (kind IN ('face', 'finger')),
  ordinal INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (employee_id, kind, ordinal)
);
CREATE INDEX enrolment_people_version ON enrolment_people(version);
CREATE TABLE enrolment_version (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT INTO enrolment_version VALUES (1, 0);
)"},
    // ReportBackFeed's place in the punches table; punches stored before it existed are history.
    {2, R"(
CREATE TABLE enrolment_report_back_cursor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_punch_id INTEGER NOT NULL
);
INSERT INTO enrolment_report_back_cursor SELECT 1, COALESCE(MAX(id), 0) FROM punches;
)"},
};

Result<std::uint64_t> bump(sqlite::Database& db) {
    if (auto st = db.exec("UPDATE enrolment_version SET version = version + 1 WHERE id = 1"); !st) return std::unexpected(st.error());
    auto s = db.prepare("SELECT version FROM enrolment_version WHERE id = 1");
    if (!s) return std::unexpected(s.error());
    auto step = s->step();
    if (!step) return std::unexpected(step.error());
    return static_cast<std::uint64_t>(s->getInt(0));
}

Result<std::uint64_t> readVersion(sqlite::Database& db) {
    auto s = db.prepare("SELECT version FROM enrolment_version WHERE id = 1");
    if (!s) return std::unexpected(s.error());
    auto step = s->step();
    if (!step) return std::unexpected(step.error());
    if (*step != sqlite::Step::Row) return fail("enrolment.schema", "the enrolment tables are missing their version row");
    return static_cast<std::uint64_t>(s->getInt(0));
}

}  // namespace

store::ComponentMigrations migrations() { return {"enrolment", kMigrations}; }

Result<std::uint64_t> EnrolmentStore::upload(EmployeeId person, const std::string& displayName, const std::string& kind,
                                             const std::vector<proto::Blob>& templates) {
    if (kind != "face" && kind != "finger") return fail("enrolment.kind", "a template is 'face' or 'finger', not '" + kind + "'", "kind");
    for (const auto& t : templates) {
        if (t.empty()) return fail("enrolment.template", "an empty template", "templates");
    }
    return store_.write([&](sqlite::Database& db) -> Result<std::uint64_t> {
        auto version = bump(db);
        if (!version) return version;
        auto p = db.prepare(
            "INSERT INTO enrolment_people(employee_id, display_name, version, removed) VALUES (?1, ?2, ?3, 0) "
            "ON CONFLICT(employee_id) DO UPDATE SET display_name = excluded.display_name, version = excluded.version, removed = 0");
        if (!p) return std::unexpected(p.error());
        if (auto st = p->bind(1, person.value()).bind(2, displayName).bind(3, static_cast<std::int64_t>(*version)).run(); !st)
            return std::unexpected(st.error());
        auto d = db.prepare("DELETE FROM enrolment_templates WHERE employee_id = ?1 AND kind = ?2");
        if (!d) return std::unexpected(d.error());
        if (auto st = d->bind(1, person.value()).bind(2, kind).run(); !st) return std::unexpected(st.error());
        auto ins = db.prepare("INSERT INTO enrolment_templates(employee_id, kind, ordinal, data) VALUES (?1, ?2, ?3, ?4)");
        if (!ins) return std::unexpected(ins.error());
        for (std::size_t i = 0; i < templates.size(); ++i) {
            if (auto st = ins->bind(1, person.value()).bind(2, kind).bind(3, static_cast<std::int64_t>(i)).bindBlob(4, templates[i]).run(); !st)
                return std::unexpected(st.error());
            if (auto st = ins->reset(); !st) return std::unexpected(st.error());
        }
        return version;
    });
}

Result<std::uint64_t> EnrolmentStore::remove(EmployeeId person) {
    return store_.write([&](sqlite::Database& db) -> Result<std::uint64_t> {
        auto version = bump(db);
        if (!version) return version;
        auto d = db.prepare("DELETE FROM enrolment_templates WHERE employee_id = ?1");
        if (!d) return std::unexpected(d.error());
        if (auto st = d->bind(1, person.value()).run(); !st) return std::unexpected(st.error());
        auto p = db.prepare("UPDATE enrolment_people SET removed = 1, version = ?2 WHERE employee_id = ?1");
        if (!p) return std::unexpected(p.error());
        if (auto st = p->bind(1, person.value()).bind(2, static_cast<std::int64_t>(*version)).run(); !st) return std::unexpected(st.error());
        return version;
    });
}

Result<std::uint64_t> EnrolmentStore::version() {
    return store_.read([](sqlite::Database& db) { return readVersion(db); });
}

Result<proto::GalleryDelta> EnrolmentStore::deltaSince(std::uint64_t from) {
    return store_.read([&](sqlite::Database& db) -> Result<proto::GalleryDelta> {
        auto current = readVersion(db);
        if (!current) return std::unexpected(current.error());
        proto::GalleryDelta delta;
        delta.fromVersion = from > *current ? 0 : from;
        delta.toVersion = *current;
        auto p = db.prepare("SELECT employee_id, display_name, removed FROM enrolment_people WHERE version > ?1 ORDER BY employee_id");
        if (!p) return std::unexpected(p.error());
        p->bind(1, static_cast<std::int64_t>(delta.fromVersion));
        std::map<std::int64_t, std::size_t> index;
        for (;;) {
            auto step = p->step();
            if (!step) return std::unexpected(step.error());
            if (*step == sqlite::Step::Done) break;
            const EmployeeId id(p->getInt(0));
            if (p->getInt(2) != 0) {
                if (delta.fromVersion != 0) delta.removals.push_back(id);
                continue;
            }
            index[id.value()] = delta.upserts.size();
            delta.upserts.push_back({id, p->getText(1), {}});
        }
        auto t = db.prepare("SELECT t.employee_id, t.kind, t.data FROM enrolment_templates t JOIN enrolment_people p "
                            "ON p.employee_id = t.employee_id WHERE p.version > ?1 AND p.removed = 0 ORDER BY t.employee_id, t.kind, t.ordinal");
        if (!t) return std::unexpected(t.error());
        t->bind(1, static_cast<std::int64_t>(delta.fromVersion));
        for (;;) {
            auto step = t->step();
            if (!step) return std::unexpected(step.error());
            if (*step == sqlite::Step::Done) break;
            auto it = index.find(t->getInt(0));
            if (it == index.end()) continue;
            delta.upserts[it->second].templates.push_back({t->getText(1), t->getBlob(2)});
        }
        return delta;
    });
}

}  // namespace rollcall::enrolment
