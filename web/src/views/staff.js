// Staff: my month (calendar with statuses), balances, leave and correction requests,
// report-back, and my requests with their approval progress.
import { h, replace, field, select, formData } from '../dom.js';
import { t } from '../i18n.js';
import * as time from '../time.js';
import { items } from '../api.js';
import { E } from '../endpoints.js';
import { employeeId } from '../session.js';
import { page, card, badge, table, errorBox, notify, busy, load, askReason, empty, normStatus } from '../ui.js';
import { currentQuery, go } from '../router.js';
import { leaveTypeName, minutesText, periodText, stepsView, dayStatus, punchIn, punchOut, leaveByDate } from './common.js';

export async function myMonthView(root) {
  const month = currentQuery().get('month') || time.thisMonth();
  const me = employeeId();
  const calSlot = h('div', { class: 'slot' });
  const detail = h('div', { class: 'slot', 'aria-live': 'polite' });
  const balSlot = h('div', { class: 'slot' });
  const leaveSlot = h('div', { class: 'slot' });
  const nav = h('div', { class: 'month-nav' },
    h('a', { class: 'button secondary small', href: `#/my?month=${time.addMonths(month, -1)}`, 'aria-label': t('cal.prev') }, '‹'),
    h('strong', { class: 'month-label' }, time.monthLabel(month)),
    h('a', { class: 'button secondary small', href: `#/my?month=${time.addMonths(month, 1)}`, 'aria-label': t('cal.next') }, '›'));
  replace(root, page(t('nav.myMonth'),
    [h('a', { class: 'button primary', href: '#/my/requests?new=leave' }, t('leave.request')),
      h('a', { class: 'button secondary', href: '#/my/requests?new=correction' }, t('corr.request'))],
    h('div', { class: 'grid two' },
      h('div', {}, card(null, nav, calSlot), detail),
      h('div', {}, card(t('leave.balances'), balSlot), card(t('leave.current'), leaveSlot)))));

  const [y] = month.split('-');
  await Promise.all([
    load(calSlot, async () => {
      const range = { from: `${month}-01`, to: `${month}-${time.daysInMonth(month)}` };
      const [days, leaves] = await Promise.all([E.days({ employeeId: me, ...range }), E.leaves({ scope: 'mine' }).catch(() => [])]);
      return { days: items(days), leave: leaveByDate(items(leaves)) };
    }, (data) => monthCalendar(month, data.days, (day) => replace(detail, dayDetail(day)), data.leave)),
    load(balSlot, () => E.balances({ employeeId: me, year: y }), (data) => balancesTable(items(data))),
    load(leaveSlot, () => E.leaves({ scope: 'mine', state: 'approved' }), (data) => reportBackList(items(data), root)),
  ]);
}

/**
 * A Monday-first month grid; each day shows its status in words and its punch times. Leave
 * (approved or waiting) is shown on the days it covers, future days included.
 */
export function monthCalendar(month, records, onPick, leave = new Map()) {
  const byDate = new Map(records.map((r) => [r.date, r]));
  const days = time.monthDays(month);
  const lead = time.isoWeekday(days[0]);
  const heads = [0, 1, 2, 3, 4, 5, 6].map((i) => h('th', { scope: 'col' }, time.weekdayShort(time.addDays('2024-01-01', i))));
  const cells = [];
  for (let i = 0; i < lead; i += 1) cells.push(h('td', { class: 'pad', 'aria-hidden': 'true' }));
  const today = time.today();
  for (const d of days) {
    const rec = byDate.get(d);
    const lv = leave.get(d);
    let status = rec ? dayStatus(rec) : (d > today ? 'future' : 'none');
    if (lv && lv.state !== 'pending' && !['on_leave', 'business_trip'].includes(status) && (!rec || d >= today)) status = 'on_leave';
    const inT = rec ? punchIn(rec) : null;
    const outT = rec ? punchOut(rec) : null;
    const btn = h('button', {
      type: 'button', class: `day ${status}${d === today ? ' today' : ''}`,
      'aria-label': `${time.date(d)} ${t(`status.${status}`, {}, status)}`,
      onClick: () => onPick({ date: d, record: rec, status, leave: lv }),
    },
    h('span', { class: 'dnum' }, String(Number(d.slice(8)))),
    rec || (lv && lv.state !== 'pending') ? badge(status) : null,
    lv && lv.state === 'pending' ? badge('pending', `${leaveTypeName(lv.type)} · ${t('status.pending')}`) : null,
    inT || outT ? h('span', { class: 'times' }, `${time.hm(inT) || '--'}–${time.hm(outT) || '--'}`) : null);
    cells.push(h('td', {}, btn));
  }
  while (cells.length % 7) cells.push(h('td', { class: 'pad', 'aria-hidden': 'true' }));
  const rows = [];
  for (let i = 0; i < cells.length; i += 7) rows.push(h('tr', {}, cells.slice(i, i + 7)));
  return h('table', { class: 'calendar', 'aria-label': time.monthLabel(month) },
    h('thead', {}, h('tr', {}, heads)), h('tbody', {}, rows));
}

function dayDetail({ date, record, status, leave }) {
  const rows = [];
  if (leave) rows.push([t('day.leave'), [leaveTypeName(leave.type), ' ', badge(leave.state)]]);
  if (record) {
    rows.push([t('day.status'), badge(status)]);
    const inT = punchIn(record);
    const outT = punchOut(record);
    rows.push([t('day.in'), inT ? time.time(inT) : t('day.missing')]);
    rows.push([t('day.out'), outT ? time.time(outT) : t('day.missing')]);
    if (record.lateMinutes ?? record.late_minutes) rows.push([t('day.late'), minutesText(record.lateMinutes ?? record.late_minutes)]);
    if (record.earlyMinutes ?? record.early_minutes) rows.push([t('day.early'), minutesText(record.earlyMinutes ?? record.early_minutes)]);
    if (record.workedMinutes ?? record.worked_minutes) rows.push([t('day.worked'), minutesText(record.workedMinutes ?? record.worked_minutes)]);
    if (record.overtimeMinutes ?? record.overtime_minutes) rows.push([t('day.overtime'), minutesText(record.overtimeMinutes ?? record.overtime_minutes)]);
    for (const l of record.leaves ?? []) rows.push([t('day.leave'), leaveTypeName(l.type)]);
  }
  return card(time.date(date),
    rows.length ? h('dl', { class: 'facts' }, rows.map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])) : empty(t('day.noRecord')),
    date <= time.today() ? h('a', { class: 'button secondary small', href: `#/my/requests?new=correction&day=${date}` }, t('corr.forDay')) : null);
}

function balancesTable(rows) {
  return table([
    { label: t('leave.type'), value: (r) => leaveTypeName(r.type ?? r.code, r.name) },
    { label: t('leave.quota'), value: (r) => (r.quotaMinutes == null ? t('leave.noQuota') : minutesText(r.quotaMinutes + (r.carriedOverMinutes || 0))), class: 'num' },
    { label: t('leave.used'), value: (r) => minutesText((r.usedMinutes || 0) + (r.reservedMinutes || 0)), class: 'num' },
    { label: t('leave.remaining'), value: (r) => (r.availableMinutes == null ? '—' : minutesText(r.availableMinutes)), class: 'num' },
  ], rows, { empty: t('leave.noBalances') });
}

function reportBackList(rows, root) {
  const open = rows.filter((r) => r.state === 'approved' && r.start <= time.today());
  if (!open.length) return empty(t('leave.noneOpen'));
  return h('ul', { class: 'plain' }, open.map((r) => {
    const btn = h('button', { type: 'button', class: 'primary small' }, t('leave.reportBack'));
    const err = h('div');
    btn.addEventListener('click', () => busy(btn, async () => {
      await E.reportBack(r.id, {});
      notify(t('leave.reportedBack'));
      myMonthView(root);
    }, err));
    return h('li', { class: 'row' }, h('span', {}, leaveTypeName(r.type), ' · ', periodText(r)), btn, err);
  }));
}

export async function myRequestsView(root) {
  const q = currentQuery();
  const me = employeeId();
  const formSlot = h('div', { class: 'slot' });
  const leaveSlot = h('div', { class: 'slot' });
  const corrSlot = h('div', { class: 'slot' });
  replace(root, page(t('nav.myRequests'),
    [h('a', { class: 'button primary', href: '#/my/requests?new=leave' }, t('leave.request')),
      h('a', { class: 'button secondary', href: '#/my/requests?new=correction' }, t('corr.request'))],
    formSlot, card(t('leave.mine'), leaveSlot), card(t('corr.mine'), corrSlot)));
  const reload = () => Promise.all([
    load(leaveSlot, () => E.leaves({ scope: 'mine' }), (d) => myLeaveTable(items(d), reload)),
    load(corrSlot, () => E.corrections({ scope: 'mine' }), (d) => myCorrectionsTable(items(d))),
  ]);
  if (q.get('new') === 'leave') replace(formSlot, await leaveForm(me, () => { go('/my/requests'); }));
  if (q.get('new') === 'correction') replace(formSlot, correctionForm(me, q.get('day'), () => { go('/my/requests'); }));
  await reload();
  formSlot.querySelector('select, input')?.focus();
}

async function leaveForm(me, done) {
  let types = [];
  try { types = items(await E.leaveTypes()); } catch { /* shown below as an empty list */ }
  const today = time.today();
  const halves = [['am', t('leave.morning')], ['pm', t('leave.afternoon')]];
  const err = h('div');
  const submit = h('button', { type: 'submit', class: 'primary' }, t('leave.submit'));
  const form = h('form', { class: 'form-grid', novalidate: true },
    field(t('leave.type'), select('type', types.map((x) => [x.code ?? x.type ?? x.id, leaveTypeName(x.code ?? x.type, x.name)]), types[0]?.code, { required: true })),
    field(t('leave.start'), h('input', { type: 'date', name: 'start', value: today, required: true })),
    field(t('leave.startHalf'), select('startHalf', halves, 'am')),
    field(t('leave.end'), h('input', { type: 'date', name: 'end', value: today, required: true })),
    field(t('leave.endHalf'), select('endHalf', halves, 'pm')),
    h('div', { class: 'field span-all' }, h('label', { for: 'leave-reason' }, t('common.reason')),
      h('textarea', { id: 'leave-reason', name: 'reason', rows: 2, maxlength: 500 })),
    err,
    h('div', { class: 'actions span-all' }, h('a', { class: 'button secondary', href: '#/my/requests' }, t('common.cancel')), submit));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = formData(form);
    if (!v.start || !v.end || v.end < v.start) {
      replace(err, h('p', { class: 'alert error', role: 'alert' }, t('leave.badDates')));
      return;
    }
    busy(submit, async () => {
      await E.requestLeave({ type: v.type, start: v.start, startHalf: v.startHalf, end: v.end, endHalf: v.endHalf, reason: v.reason });
      notify(t('leave.submitted'));
      done();
    }, err);
  });
  return card(t('leave.request'), form);
}

function correctionForm(me, day, done) {
  const err = h('div');
  const submit = h('button', { type: 'submit', class: 'primary' }, t('corr.submit'));
  const d = day || time.today();
  const form = h('form', { class: 'form-grid', novalidate: true },
    field(t('corr.day'), h('input', { type: 'date', name: 'day', value: d, max: time.today(), required: true })),
    field(t('corr.kind'), select('kind', [['missing_in', t('corr.missingIn')], ['missing_out', t('corr.missingOut')], ['other', t('corr.other')]], 'missing_in')),
    field(t('corr.time'), h('input', { type: 'time', name: 'time', value: '08:30', required: true })),
    h('div', { class: 'field span-all' }, h('label', { for: 'corr-reason' }, t('common.reason')),
      h('textarea', { id: 'corr-reason', name: 'reason', rows: 2, required: true, maxlength: 500 })),
    err,
    h('div', { class: 'actions span-all' }, h('a', { class: 'button secondary', href: '#/my/requests' }, t('common.cancel')), submit));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = formData(form);
    if (!v.reason) { replace(err, h('p', { class: 'alert error', role: 'alert' }, t('common.reasonRequired'))); return; }
    busy(submit, async () => {
      await E.requestCorrection({ day: v.day, at: `${v.day}T${v.time}:00`, kind: v.kind, reason: v.reason });
      notify(t('corr.submitted'));
      done();
    }, err);
  });
  return card(t('corr.request'), form);
}

function myLeaveTable(rows, reload) {
  return table([
    { label: t('leave.type'), value: (r) => leaveTypeName(r.type) },
    { label: t('leave.period'), value: (r) => periodText(r) },
    { label: t('common.state'), value: (r) => badge(r.state ?? r.status) },
    { label: t('leave.progress'), value: (r) => stepsView(r.steps) },
    { label: '', value: (r) => leaveActions(r, reload) },
  ], rows, { empty: t('leave.noneYet') });
}

function leaveActions(r, reload) {
  const state = normStatus(r.state ?? r.status);
  const out = h('div', { class: 'row-actions' });
  if (state === 'pending') {
    const b = h('button', { type: 'button', class: 'secondary small' }, t('leave.cancel'));
    b.addEventListener('click', async () => {
      const reason = await askReason({ title: t('leave.cancel'), required: false });
      if (reason === null) return;
      await busy(b, async () => { await E.cancelLeave(r.id, reason); notify(t('leave.cancelled')); reload(); });
    });
    out.append(b);
  }
  if (state === 'approved') {
    const b = h('button', { type: 'button', class: 'primary small' }, t('leave.reportBack'));
    b.addEventListener('click', () => busy(b, async () => { await E.reportBack(r.id, {}); notify(t('leave.reportedBack')); reload(); }));
    out.append(b);
  }
  return out;
}

function myCorrectionsTable(rows) {
  return table([
    { label: t('corr.day'), value: (r) => time.date(r.day ?? r.date) },
    { label: t('corr.time'), value: (r) => String(r.at ?? '').replace('T', ' ').slice(0, 16) },
    { label: t('common.reason'), value: (r) => r.reason ?? '' },
    { label: t('common.state'), value: (r) => badge(r.state ?? r.status) },
    { label: t('corr.decision'), value: (r) => r.decisionReason ?? r.decision_reason ?? '' },
  ], rows, { empty: t('corr.noneYet') });
}

export { errorBox };
