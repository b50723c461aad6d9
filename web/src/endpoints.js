// Every /api/v1 route the UI calls, in one place (docs/openapi.yaml is the contract).
import * as api from './api.js';

const enc = encodeURIComponent;
const IMPORT_PATH = { shifts: '/shifts/import', roster: '/roster/import', calendar: '/calendar/import' };

export const E = {
  // Organisation
  departments: () => api.get('/departments'),
  posts: () => api.get('/posts'),
  employees: (params) => api.get('/employees', params),
  employee: (id) => api.get(`/employees/${enc(id)}`),
  createEmployee: (body) => api.post('/employees', body),
  updateEmployee: (id, body) => api.patch(`/employees/${enc(id)}`, body),
  offboardEmployee: (id, body) => api.post(`/employees/${enc(id)}/offboard`, body),
  exportCsv: (kind) => api.download(`/export/${enc(kind)}`, {}, `${kind}.csv`),
  createDepartment: (body) => api.post('/departments', body),
  createPost: (body) => api.post('/posts', body),

  // Schedules
  shifts: () => api.get('/shifts'),
  createShift: (body) => api.post('/shifts', body),
  updateShift: (id, body) => api.put(`/shifts/${enc(id)}`, body),
  roster: (params) => api.get('/roster', params),
  assignRoster: (body) => api.post('/roster', body),
  removeRoster: (id) => api.del(`/roster/${enc(id)}`),
  calendar: (params) => api.get('/calendar', params),

  // Imports (CSV bodies); the schedule kinds have routes of their own.
  importCsv: (kind, csv, dryRun) => api.request('POST', `${IMPORT_PATH[kind] ?? `/import/${enc(kind)}`}${dryRun ? '?dry_run=1' : ''}`, csv, { contentType: 'text/csv; charset=utf-8' }),

  // Leave and corrections
  leaveTypes: () => api.get('/leave/types'),
  saveLeaveType: (body) => api.post('/leave/types', body),
  leavePolicy: () => api.get('/leave/policy'),
  updateLeavePolicy: (body) => api.put('/leave/policy', body),
  balances: (params) => api.get('/leave/balances', params),
  leaves: (params) => api.get('/leave', params),
  requestLeave: (body) => api.post('/leave', body),
  approveLeave: (id, reason) => api.post(`/leave/${enc(id)}/approve`, { reason }),
  rejectLeave: (id, reason) => api.post(`/leave/${enc(id)}/reject`, { reason }),
  cancelLeave: (id, reason) => api.post(`/leave/${enc(id)}/cancel`, { reason }),
  reportBack: (id, body) => api.post(`/leave/${enc(id)}/report-back`, body ?? {}),
  corrections: (params) => api.get('/corrections', params),
  requestCorrection: (body) => api.post('/corrections', body),
  approveCorrection: (id, reason) => api.post(`/corrections/${enc(id)}/approve`, { reason }),
  rejectCorrection: (id, reason) => api.post(`/corrections/${enc(id)}/reject`, { reason }),

  // Attendance
  days: (params) => api.get('/attendance/days', params),
  monthSheet: (params) => api.get('/attendance/month', params),
  monthSheetCsv: (params, filename) => api.download('/attendance/month.csv', params, filename),
  daysCsv: (params, filename) => api.download('/attendance/days.csv', params, filename),
  punches: (params) => api.get('/punches', params),

  // Spot checks
  checks: (params) => api.get('/spotchecks', params),
  check: (id) => api.get(`/spotchecks/${enc(id)}`),
  createCheck: (body) => api.post('/spotchecks', body),
  cancelCheck: (id) => api.post(`/spotchecks/${enc(id)}/cancel`, {}),
  checkEventsUrl: (id) => `${api.API_BASE}/spotchecks/${enc(id)}/events`,
  plans: () => api.get('/spotcheck-plans'),
  createPlan: (body) => api.post('/spotcheck-plans', body),
  findings: (params) => api.get('/findings', params),
  ruleFinding: (id, body) => api.post(`/findings/${enc(id)}/rule`, body),
  cases: (params) => api.get('/cases', params),
  updateCase: (id, body) => api.post(`/cases/${enc(id)}/update`, body),
  closeCase: (id, body) => api.post(`/cases/${enc(id)}/close`, body),
  warnings: (params) => api.get('/warnings', params),
  publishWarnings: (body) => api.post('/warnings', body),

  // Administration
  terminals: () => api.get('/terminals'),
  provisionTerminal: (body) => api.post('/terminals', body),
  newTerminalToken: (id) => api.post(`/terminals/${enc(id)}/token`, {}),
  revokeTerminal: (id, reason) => api.post(`/terminals/${enc(id)}/revoke`, { reason }),
  accounts: () => api.get('/accounts'),
  createAccount: (body) => api.post('/accounts', body),
  updateAccount: (id, body) => api.patch(`/accounts/${enc(id)}`, body),
  audit: (params) => api.get('/audit', params),
  verifyAudit: () => api.post('/audit/verify', {}),

  // Dashboard
  dashboard: (params) => api.get('/dashboard', params),
};
