#include "rollcall/store/Schema.hpp"

#include <array>

namespace rollcall::store {
namespace {

// Organisation: departments (a tree), posts, people with roles and approval flags.
constexpr sqlite::Migration kOrg[] = {{1, R"sql(
CREATE TABLE departments (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  parent_id INTEGER NULL REFERENCES departments(id)
);
CREATE TABLE posts (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  department_id INTEGER NOT NULL REFERENCES departments(id)
);
CREATE INDEX posts_department ON posts(department_id);
CREATE TABLE employees (
  id INTEGER PRIMARY KEY,
  number TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  department_id INTEGER NULL REFERENCES departments(id),
  post_id INTEGER NULL REFERENCES posts(id),
  roles TEXT NOT NULL DEFAULT 'staff',
  department_head INTEGER NOT NULL DEFAULT 0 CHECK (department_head IN (0, 1)),
  leadership INTEGER NOT NULL DEFAULT 0 CHECK (leadership IN (0, 1)),
  verification TEXT NOT NULL DEFAULT 'either' CHECK (verification IN ('face','fingerprint','either','both')),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  offboarded_on TEXT NULL
);
CREATE INDEX employees_department ON employees(department_id);
CREATE INDEX employees_post ON employees(post_id);
)sql"}};

// Attendance: punches as received, the re-evaluation queue.
constexpr sqlite::Migration kAttendance[] = {{1, R"sql(
CREATE TABLE punches (
  id INTEGER PRIMARY KEY,
  terminal_id INTEGER NULL,
  terminal_seq INTEGER NULL,
  employee_id INTEGER NOT NULL,
  method TEXT NOT NULL CHECK (method IN ('face','fingerprint','face+fingerprint','card','pin','manual')),
  at_us INTEGER NOT NULL,
  terminal_time_us INTEGER NULL,
  clock_offset_us INTEGER NULL,
  face_score REAL NULL,
  finger_score REAL NULL,
  liveness_score REAL NULL,
  spotcheck_id INTEGER NULL,
  signature BLOB NULL,
  received_at_us INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('terminal','manual','correction')),
  reason TEXT NULL,
  created_by INTEGER NULL,
  UNIQUE (terminal_id, terminal_seq)
);
CREATE INDEX punches_employee_at ON punches(employee_id, at_us);
CREATE INDEX punches_at ON punches(at_us);
CREATE TABLE dirty_days (
  employee_id INTEGER NOT NULL,
  date TEXT NOT NULL,
  cause TEXT NOT NULL,
  marked_at_us INTEGER NOT NULL,
  PRIMARY KEY (employee_id, date)
) WITHOUT ROWID;
)sql"}};

const std::array<ComponentMigrations, 2> kComponents{{
    {"org", kOrg},
    {"attendance", kAttendance},
}};

}  // namespace

std::span<const ComponentMigrations> storeMigrations() { return kComponents; }

}  // namespace rollcall::store
