// Small formatters shared by several pages.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import * as time from '../time.js';
import { badge, normStatus } from '../ui.js';
import { items } from '../api.js';
import { E } from '../endpoints.js';

/** Reads the first present field among several spellings (camelCase or snake_case). */
export function pick(obj, ...keys) {
  for (const k of keys) if (obj && obj[k] !== undefined && obj[k] !== null) return obj[k];
  return undefined;
}

export function leaveTypeName(code, fallbackName) {
  if (!code) return fallbackName || '';
  return t(`leaveType.${code}`, {}, fallbackName || code);
}

export function minutesText(m) {
  const n = Number(m) || 0;
  if (n === 0) return '0';
  const days = n / 480;
  if (n % 240 === 0 && n >= 240) return t('unit.days', { n: Number.isInteger(days) ? days : days.toFixed(1) });
  const hrs = Math.floor(n / 60);
  const mins = n % 60;
  if (hrs && mins) return t('unit.hm', { h: hrs, m: mins });
  if (hrs) return t('unit.hours', { n: hrs });
  return t('unit.minutes', { n: mins });
}

const HALF = { morning: 'leave.am', afternoon: 'leave.pm' };

export function periodText(r) {
  const p = typeof r.period === 'object' && r.period ? r.period : r;
  const start = p.start ?? p.startDate ?? p.start_date;
  const end = p.end ?? p.endDate ?? p.end_date;
  const sh = { am: 'morning', pm: 'afternoon' }[p.startHalf ?? p.start_half] ?? p.startHalf;
  const eh = { am: 'morning', pm: 'afternoon' }[p.endHalf ?? p.end_half] ?? p.endHalf;
  const a = `${time.date(start)}${sh === 'afternoon' ? ` ${t(HALF.afternoon)}` : ''}`;
  const b = `${time.date(end)}${eh === 'morning' ? ` ${t(HALF.morning)}` : ''}`;
  return start === end && sh !== 'afternoon' && eh !== 'morning' ? time.date(start) : `${a} – ${b}`;
}

/** The approval chain: each step with its role, deadline and outcome, overdue marked. */
export function stepsView(steps) {
  if (!Array.isArray(steps) || !steps.length) return '';
  const now = Date.now();
  return h('ol', { class: 'steps' }, steps.map((s) => {
    const outcome = s.outcome ?? s.state ?? 'pending';
    const overdue = outcome === 'pending' && s.deadline && new Date(s.deadline).getTime() < now;
    return h('li', { class: `step ${outcome}` },
      t(`approver.${s.role}`, {}, s.role), ' ',
      badge(overdue ? 'overdue' : outcome),
      outcome === 'pending' && s.deadline ? h('small', { class: 'deadline' }, ` ${t('approvals.due')} ${time.dateTime(s.deadline)}`) : null);
  }));
}

/** The status word of a day record, mapped to the UI's status vocabulary. */
export function dayStatus(rec) {
  return normStatus(rec.status ?? 'none');
}

export function personName(r) {
  return pick(r, 'employeeName', 'employee_name', 'name') ?? (r.employee?.name) ?? `#${pick(r, 'employeeId', 'employee_id', 'employee') ?? ''}`;
}

let peopleCache = null;
/** id -> employee (name, number, departmentId) for the people the caller may see; cached briefly. */
export async function peopleIndex() {
  if (peopleCache && Date.now() - peopleCache.at < 15000) return peopleCache.map;
  let list = [];
  try { list = items(await E.employees({})); } catch { /* names fall back to ids */ }
  peopleCache = { at: Date.now(), map: new Map(list.map((p) => [String(p.id), p])) };
  return peopleCache.map;
}

/** Adds employeeName / departmentId from the people index to rows that carry only employeeId. */
export function withPeople(rows, index) {
  return rows.map((r) => {
    const p = index.get(String(pick(r, 'employeeId', 'employee_id', 'employee')));
    return p ? { employeeName: p.name, employeeNumber: p.number, departmentId: p.departmentId, ...r } : r;
  });
}

/** Punch time of a day record (the API gives "in"/"out"). */
export function punchIn(r) { return r.in?.at ?? r.in ?? r.inPunch?.at ?? null; }
export function punchOut(r) { return r.out?.at ?? r.out ?? r.outPunch?.at ?? null; }

/** Approved (or reported back) and pending leave as a map date -> {state, type}. */
export function leaveByDate(leaves) {
  const map = new Map();
  for (const l of leaves) {
    const st = normStatus(l.state);
    if (!['approved', 'reported_back', 'pending'].includes(st) || !l.start) continue;
    for (let d = l.start; d <= (l.end || l.start); d = nextDate(d)) {
      if (!map.has(d) || st !== 'pending') map.set(d, { state: st, type: l.type });
    }
  }
  return map;
}

function nextDate(ymd) {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
