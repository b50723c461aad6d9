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

// Schedule: shifts (times in minutes from the shift date's midnight; >= 1440 is the next
// date), patterns, who follows which pattern when, and the imported calendar.
constexpr sqlite::Migration kSchedule[] = {{1, R"sql(
CREATE TABLE shifts (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('fixed','flexible')),
  late_grace_min INTEGER NOT NULL DEFAULT 0,
  early_grace_min INTEGER NOT NULL DEFAULT 0,
  overtime_after_min INTEGER NULL,
  morning_end_min INTEGER NULL,
  afternoon_start_min INTEGER NULL,
  flex_core_start_min INTEGER NULL,
  flex_core_end_min INTEGER NULL,
  flex_required_min INTEGER NULL,
  flex_window_from_min INTEGER NULL,
  flex_window_to_min INTEGER NULL
);
CREATE TABLE shift_segments (
  shift_id INTEGER NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  start_min INTEGER NOT NULL,
  end_min INTEGER NOT NULL,
  in_from_min INTEGER NOT NULL,
  in_to_min INTEGER NOT NULL,
  out_from_min INTEGER NOT NULL,
  out_to_min INTEGER NOT NULL,
  PRIMARY KEY (shift_id, position)
);
CREATE TABLE shift_patterns (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('calendar_workdays','cycle')),
  workday_shift_id INTEGER NULL REFERENCES shifts(id),
  cycle TEXT NOT NULL DEFAULT '',
  anchor TEXT NULL
);
CREATE TABLE roster_assignments (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employees(id),
  pattern_id INTEGER NOT NULL REFERENCES shift_patterns(id),
  from_date TEXT NOT NULL,
  to_date TEXT NULL
);
CREATE INDEX roster_assignments_employee ON roster_assignments(employee_id, from_date);
CREATE TABLE calendar_days (
  date TEXT PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('holiday','makeup_workday','extra_rest_day')),
  name TEXT NOT NULL
) WITHOUT ROWID;
)sql"}};

// Leave (请销假): types and policy, requests with their approval steps, balances, overruns.
constexpr sqlite::Migration kLeave[] = {{1, R"sql(
CREATE TABLE leave_types (
  code TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  unit TEXT NOT NULL CHECK (unit IN ('day','half_day','hour')),
  yearly_quota_min INTEGER NULL,
  carry_over_cap_min INTEGER NOT NULL DEFAULT 0,
  business_trip INTEGER NOT NULL DEFAULT 0,
  counts_calendar_days INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL
);
CREATE TABLE leave_approval_rules (
  position INTEGER PRIMARY KEY,
  types TEXT NOT NULL DEFAULT '',
  over_days REAL NOT NULL DEFAULT 0,
  up_to_days REAL NULL,
  chain TEXT NOT NULL
);
CREATE TABLE leave_settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE leave_requests (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL REFERENCES employees(id),
  type TEXT NOT NULL,
  start_date TEXT NOT NULL,
  start_half TEXT NOT NULL CHECK (start_half IN ('am','pm')),
  end_date TEXT NOT NULL,
  end_half TEXT NOT NULL CHECK (end_half IN ('am','pm')),
  from_time TEXT NULL,
  to_time TEXT NULL,
  reason TEXT NOT NULL,
  amount_min INTEGER NOT NULL,
  submitted_at_us INTEGER NOT NULL,
  retroactive INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('pending','approved','rejected','cancelled','reported_back')),
  cancelled_at_us INTEGER NULL,
  reported_back_at TEXT NULL,
  report_back_confirmed_by INTEGER NULL,
  updated_at_us INTEGER NOT NULL
);
CREATE INDEX leave_requests_employee ON leave_requests(employee_id, start_date);
CREATE INDEX leave_requests_state ON leave_requests(state);
CREATE TABLE leave_steps (
  leave_id INTEGER NOT NULL REFERENCES leave_requests(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  role TEXT NOT NULL,
  deadline_us INTEGER NOT NULL,
  time_allowed_h INTEGER NOT NULL DEFAULT 24,
  outcome TEXT NOT NULL CHECK (outcome IN ('pending','approved','rejected','escalated','skipped')),
  decided_by INTEGER NULL,
  decided_at_us INTEGER NULL,
  reason TEXT NOT NULL DEFAULT '',
  escalation INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (leave_id, position)
);
CREATE INDEX leave_steps_open ON leave_steps(outcome, deadline_us);
CREATE TABLE leave_balances (
  employee_id INTEGER NOT NULL REFERENCES employees(id),
  type TEXT NOT NULL,
  year INTEGER NOT NULL,
  quota_min INTEGER NOT NULL DEFAULT 0,
  carried_over_min INTEGER NOT NULL DEFAULT 0,
  used_min INTEGER NOT NULL DEFAULT 0,
  reserved_min INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (employee_id, type, year)
) WITHOUT ROWID;
CREATE TABLE leave_overruns (
  leave_id INTEGER PRIMARY KEY REFERENCES leave_requests(id),
  employee_id INTEGER NOT NULL,
  deadline TEXT NOT NULL,
  first_day TEXT NOT NULL,
  last_day TEXT NOT NULL,
  message TEXT NOT NULL,
  found_at_us INTEGER NOT NULL,
  updated_at_us INTEGER NOT NULL
);
)sql"}};

// Attendance: punches as received, the re-evaluation queue; then corrections and the
// stored day records with their change history.
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
)sql"},
                                             {2, R"sql(
CREATE TABLE corrections (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  at_local TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('missing_in','missing_out','other')),
  reason TEXT NOT NULL,
  requested_by INTEGER NOT NULL,
  requested_at_us INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending','approved','rejected')),
  decided_by INTEGER NULL,
  decided_at_us INTEGER NULL,
  decision_reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX corrections_employee_day ON corrections(employee_id, day);
CREATE INDEX corrections_state ON corrections(state);
CREATE TABLE day_records (
  employee_id INTEGER NOT NULL,
  date TEXT NOT NULL,
  status TEXT NOT NULL,
  shift_id INTEGER NULL,
  calendar_day TEXT NOT NULL,
  late_min INTEGER NOT NULL,
  early_min INTEGER NOT NULL,
  worked_min INTEGER NOT NULL,
  overtime_min INTEGER NOT NULL,
  in_at TEXT NULL,
  out_at TEXT NULL,
  missing_in INTEGER NOT NULL,
  missing_out INTEGER NOT NULL,
  overrun_of INTEGER NULL,
  detail TEXT NOT NULL,
  version INTEGER NOT NULL,
  evaluated_at_us INTEGER NOT NULL,
  PRIMARY KEY (employee_id, date)
) WITHOUT ROWID;
CREATE INDEX day_records_date ON day_records(date);
CREATE TABLE day_record_history (
  id INTEGER PRIMARY KEY,
  employee_id INTEGER NOT NULL,
  date TEXT NOT NULL,
  version INTEGER NOT NULL,
  status_before TEXT NULL,
  status_after TEXT NOT NULL,
  detail_before TEXT NULL,
  detail_after TEXT NOT NULL,
  cause TEXT NOT NULL,
  changed_at_us INTEGER NOT NULL
);
CREATE INDEX day_record_history_day ON day_record_history(employee_id, date, version);
)sql"},
    // Protocol 2: a terminal punch carries the digest of the terminal's previous punch, inside
    // its signed bytes, so each stored punch stays verifiable from its columns alone.
    {3, R"sql(
ALTER TABLE punches ADD COLUMN prev_hash BLOB NULL;
)sql"},
    // The same table with its two CHECKs written as OR chains: SQLite compiles `x IN (list)` in
    // a CHECK into an ephemeral b-tree built for every inserted row, which cost the gateway's
    // group commit more than the row itself (docs/adr/protocol-ingest-cpu-floor.md).
    {4, R"sql(
CREATE TABLE punches_new (
  id INTEGER PRIMARY KEY,
  terminal_id INTEGER NULL,
  terminal_seq INTEGER NULL,
  employee_id INTEGER NOT NULL,
  method TEXT NOT NULL CHECK (method = 'face' OR method = 'fingerprint' OR method = 'face+fingerprint'
                              OR method = 'card' OR method = 'pin' OR method = 'manual'),
  at_us INTEGER NOT NULL,
  terminal_time_us INTEGER NULL,
  clock_offset_us INTEGER NULL,
  face_score REAL NULL,
  finger_score REAL NULL,
  liveness_score REAL NULL,
  spotcheck_id INTEGER NULL,
  signature BLOB NULL,
  received_at_us INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source = 'terminal' OR source = 'manual' OR source = 'correction'),
  reason TEXT NULL,
  created_by INTEGER NULL,
  prev_hash BLOB NULL,
  UNIQUE (terminal_id, terminal_seq)
);
INSERT INTO punches_new (id, terminal_id, terminal_seq, employee_id, method, at_us, terminal_time_us, clock_offset_us,
                         face_score, finger_score, liveness_score, spotcheck_id, signature, received_at_us, source,
                         reason, created_by, prev_hash)
  SELECT id, terminal_id, terminal_seq, employee_id, method, at_us, terminal_time_us, clock_offset_us, face_score,
         finger_score, liveness_score, spotcheck_id, signature, received_at_us, source, reason, created_by, prev_hash
  FROM punches;
DROP TABLE punches;
ALTER TABLE punches_new RENAME TO punches;
CREATE INDEX punches_employee_at ON punches(employee_id, at_us);
CREATE INDEX punches_at ON punches(at_us);
)sql"}};

const std::array<ComponentMigrations, 4> kComponents{{
    {"org", kOrg},
    {"schedule", kSchedule},
    {"attendance", kAttendance},
    {"leave", kLeave},
}};

}  // namespace

std::span<const ComponentMigrations> storeMigrations() { return kComponents; }

}  // namespace rollcall::store
