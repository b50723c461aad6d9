#include "rollcall/spotcheck/SpotCheckSchema.hpp"

#include "rollcall/sqlite/Migrations.hpp"

namespace rollcall::spotcheck {
namespace {

// fire_at_us is the drawn moment: no query that serves a planned check to anyone reads it.
constexpr sqlite::Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE spotcheck_plans (
  id INTEGER PRIMARY KEY,
  scope TEXT NOT NULL,
  window_minutes INTEGER NOT NULL CHECK (window_minutes BETWEEN 1 AND 240),
  method TEXT NOT NULL CHECK (method IN ('any','face','fingerprint','face+fingerprint')),
  checks_per_period INTEGER NOT NULL CHECK (checks_per_period BETWEEN 1 AND 100),
  period TEXT NOT NULL CHECK (period IN ('week','month')),
  work_from_s INTEGER NOT NULL,
  work_to_s INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_by INTEGER NOT NULL,
  created_at_us INTEGER NOT NULL,
  CHECK (work_from_s >= 0 AND work_to_s <= 86400 AND work_from_s < work_to_s)
);
CREATE TABLE spotcheck_plan_viewers (
  plan_id INTEGER NOT NULL REFERENCES spotcheck_plans(id),
  user_id INTEGER NOT NULL,
  PRIMARY KEY (plan_id, user_id)
);
CREATE TABLE spotcheck_plan_periods (
  plan_id INTEGER NOT NULL REFERENCES spotcheck_plans(id),
  period_start TEXT NOT NULL,
  generated_at_us INTEGER NOT NULL,
  PRIMARY KEY (plan_id, period_start)
);
CREATE TABLE spotchecks (
  id INTEGER PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('planned','open','closed','cancelled')),
  scope TEXT NOT NULL,
  window_minutes INTEGER NOT NULL CHECK (window_minutes BETWEEN 1 AND 240),
  method TEXT NOT NULL CHECK (method IN ('any','face','fingerprint','face+fingerprint')),
  random INTEGER NOT NULL,
  range_from_us INTEGER,
  range_to_us INTEGER,
  fire_at_us INTEGER NOT NULL,
  opened_at_us INTEGER,
  closes_at_us INTEGER,
  closed_at_us INTEGER,
  created_by INTEGER NOT NULL,
  created_at_us INTEGER NOT NULL,
  plan_id INTEGER REFERENCES spotcheck_plans(id),
  note TEXT NOT NULL DEFAULT '',
  evaluated_at_us INTEGER,
  evaluated_max_punch_id INTEGER
);
CREATE INDEX spotchecks_planned ON spotchecks(state, fire_at_us);
CREATE TABLE spotcheck_viewers (
  check_id INTEGER NOT NULL REFERENCES spotchecks(id),
  user_id INTEGER NOT NULL,
  PRIMARY KEY (check_id, user_id)
);
CREATE TABLE spotcheck_deliveries (
  check_id INTEGER NOT NULL REFERENCES spotchecks(id),
  terminal_id INTEGER NOT NULL,
  delivered_at_us INTEGER NOT NULL,
  PRIMARY KEY (check_id, terminal_id)
);
CREATE TABLE spotcheck_results (
  check_id INTEGER NOT NULL REFERENCES spotchecks(id),
  employee_id INTEGER NOT NULL,
  post_id INTEGER NOT NULL,
  department_id INTEGER NOT NULL,
  outcome TEXT NOT NULL,
  duty TEXT NOT NULL,
  excuse_record TEXT NOT NULL DEFAULT '',
  answer_kind TEXT CHECK (answer_kind IN ('answer','late')),
  punch_id INTEGER,
  terminal_id INTEGER,
  answer_post_id INTEGER,
  method TEXT,
  at_us INTEGER,
  received_at_us INTEGER,
  face_score REAL,
  finger_score REAL,
  liveness_score REAL,
  clock_offset_us INTEGER,
  delivered_late INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (check_id, employee_id)
);
CREATE TABLE spotcheck_offline_terminals (
  check_id INTEGER NOT NULL REFERENCES spotchecks(id),
  terminal_id INTEGER NOT NULL,
  post_id INTEGER NOT NULL,
  reached INTEGER NOT NULL,
  late_punches INTEGER NOT NULL,
  PRIMARY KEY (check_id, terminal_id)
);
CREATE TABLE spotcheck_findings (
  id INTEGER PRIMARY KEY,
  check_id INTEGER NOT NULL REFERENCES spotchecks(id),
  employee_id INTEGER NOT NULL,
  post_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('absent','away_from_post','method_not_met')),
  state TEXT NOT NULL CHECK (state IN ('open','confirmed','excused','withdrawn')),
  ruled_by INTEGER,
  ruled_at_us INTEGER,
  reason TEXT NOT NULL DEFAULT '',
  evaluation_changed INTEGER NOT NULL DEFAULT 0,
  created_at_us INTEGER NOT NULL,
  UNIQUE (check_id, employee_id)
);
CREATE TABLE spotcheck_cases (
  id INTEGER PRIMARY KEY,
  finding_id INTEGER NOT NULL UNIQUE REFERENCES spotcheck_findings(id),
  employee_id INTEGER NOT NULL,
  owner INTEGER NOT NULL,
  deadline TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('open','in_progress','closed')),
  progress_note TEXT NOT NULL DEFAULT '',
  resolution TEXT NOT NULL DEFAULT '',
  opened_by INTEGER NOT NULL,
  opened_at_us INTEGER NOT NULL,
  closed_at_us INTEGER
);
CREATE TABLE spotcheck_warning_lists (
  id INTEGER PRIMARY KEY,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  title TEXT NOT NULL,
  published_by INTEGER NOT NULL,
  published_at_us INTEGER NOT NULL
);
CREATE TABLE spotcheck_warning_entries (
  list_id INTEGER NOT NULL REFERENCES spotcheck_warning_lists(id),
  finding_id INTEGER NOT NULL REFERENCES spotcheck_findings(id),
  check_id INTEGER NOT NULL,
  employee_id INTEGER NOT NULL,
  post_id INTEGER NOT NULL,
  kind TEXT NOT NULL,
  check_opened_at_us INTEGER NOT NULL,
  reason TEXT NOT NULL,
  case_id INTEGER,
  PRIMARY KEY (list_id, finding_id)
);
)sql"},
};

}  // namespace

store::ComponentMigrations spotCheckMigrations() { return {kSchemaComponent, kMigrations}; }

Result<int> migrateSpotCheckSchema(sqlite::Database& db) {
    return sqlite::migrate(db, kSchemaComponent, kMigrations);
}

}  // namespace rollcall::spotcheck
