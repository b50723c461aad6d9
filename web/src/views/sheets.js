// A department's day sheet and month sheet, their CSV exports and a printable month sheet.
import { h, replace, field, select } from '../dom.js';
import { t } from '../i18n.js';
import * as time from '../time.js';
import { items } from '../api.js';
import { E } from '../endpoints.js';
import { page, card, badge, table, load, busy, empty, tabs } from '../ui.js';
import { currentQuery, go } from '../router.js';
import { dayStatus, minutesText, personName, pick, peopleIndex, withPeople, punchIn, punchOut } from './common.js';

export async function departmentOptions() {
  try {
    return items(await E.departments()).map((d) => [d.id, d.name]);
  } catch {
    return [];
  }
}

function filterBar(fields, onApply) {
  const form = h('form', { class: 'filters' }, fields, h('button', { type: 'submit', class: 'primary' }, t('common.show')));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); onApply(form); });
  return form;
}

export async function daySheetView(root) {
  const q = currentQuery();
  const date = q.get('date') || time.today();
  const depts = await departmentOptions();
  const dept = q.get('department') || '';
  const slot = h('div', { class: 'slot' });
  const deptSel = select('department', [['', t('common.allDepartments')], ...depts], dept);
  const dateIn = h('input', { type: 'date', name: 'date', value: date });
  const exportBtn = h('button', { type: 'button', class: 'secondary' }, t('sheet.exportCsv'));
  exportBtn.addEventListener('click', () => busy(exportBtn, () => E.daysCsv({ departmentId: dept, from: date, to: date }, `day-${date}.csv`)));
  replace(root, page(t('nav.daySheet'), [exportBtn],
    tabs([['#/sheets/day', t('nav.daySheet')], ['#/sheets/month', t('nav.monthSheet')]], '#/sheets/day'),
    filterBar([field(t('common.department'), deptSel), field(t('common.date'), dateIn)],
      () => go(`/sheets/day?department=${deptSel.value}&date=${dateIn.value}`)),
    card(`${time.date(date)}`, slot)));
  await load(slot, async () => withPeople(items(await E.days({ departmentId: dept, from: date, to: date })), await peopleIndex()), (rows) => {
    const counts = {};
    for (const r of rows) counts[dayStatus(r)] = (counts[dayStatus(r)] || 0) + 1;
    return [
      h('p', { class: 'summary' }, Object.entries(counts).map(([s, n]) => [badge(s, `${t(`status.${s}`, {}, s)} ${n}`), ' '])),
      table([
        { label: t('common.person'), value: (r) => personName(r) },
        { label: t('people.number'), value: (r) => pick(r, 'employeeNumber', 'employee_number', 'number') ?? '' },
        { label: t('day.status'), value: (r) => badge(dayStatus(r)) },
        { label: t('day.in'), value: (r) => time.hm(punchIn(r)) },
        { label: t('day.out'), value: (r) => time.hm(punchOut(r)) },
        { label: t('day.late'), value: (r) => minutesText(pick(r, 'lateMinutes', 'late_minutes') ?? 0), class: 'num' },
        { label: t('day.early'), value: (r) => minutesText(pick(r, 'earlyMinutes', 'early_minutes') ?? 0), class: 'num' },
      ], rows, { empty: t('sheet.noRows') }),
    ];
  });
}

// One short sign per status, so a month fits on a page; the legend spells them out.
const SIGN = {
  present: '✓', late: '迟', early_leave: '早', late_and_early: '迟早', absent: '✗', half_day_absent: '½✗',
  missing_punch: '?', missing_in: '?', missing_out: '?', on_leave: '假', business_trip: '差', rest_day: '休', holiday: '节', not_rostered: '—',
};
const SIGN_EN = {
  present: '✓', late: 'L', early_leave: 'E', late_and_early: 'LE', absent: '✗', half_day_absent: '½✗',
  missing_punch: '?', missing_in: '?', missing_out: '?', on_leave: 'Lv', business_trip: 'T', rest_day: 'R', holiday: 'H', not_rostered: '—',
};

function sign(status) {
  const table_ = document.documentElement.lang.startsWith('zh') ? SIGN : SIGN_EN;
  return table_[status] ?? '';
}

// Cells come as an array (one per day of the month, null when not evaluated, with or without
// their date) or as an object keyed by date.
function sheetRows(data, month) {
  const dates = time.monthDays(month);
  return items(data, 'rows').map((row) => {
    const days = row.days ?? row.cells ?? [];
    const asCell = (v) => (typeof v === 'string' ? { status: v } : v);
    const byDate = Array.isArray(days)
      ? new Map(days.map((d, i) => [d?.date ?? dates[i], asCell(d)]).filter(([, v]) => v))
      : new Map(Object.entries(days).map(([k, v]) => [k, asCell(v)]));
    return { row, byDate };
  });
}

function monthGrid(month, data) {
  const days = time.monthDays(month);
  const rows = sheetRows(data, month);
  if (!rows.length) return empty(t('sheet.noRows'));
  const totals = (row) => row.totals ?? {};
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'table month-sheet' },
      h('caption', {}, time.monthLabel(month)),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('common.person')),
        days.map((d) => h('th', { scope: 'col', class: `dcol${time.isoWeekday(d) >= 5 ? ' weekend' : ''}` }, String(Number(d.slice(8))))),
        h('th', { scope: 'col' }, t('sheet.present')), h('th', { scope: 'col' }, t('sheet.late')),
        h('th', { scope: 'col' }, t('sheet.absent')), h('th', { scope: 'col' }, t('sheet.leave')))),
      h('tbody', {}, rows.map(({ row, byDate }) => h('tr', {},
        h('th', { scope: 'row' }, personName(row)),
        days.map((d) => {
          const cell = byDate.get(d);
          const st = cell ? dayStatus(cell) : '';
          return h('td', { class: `dcell ${st}`, title: st ? `${time.date(d)} ${t(`status.${st}`, {}, st)}` : null }, sign(st));
        }),
        h('td', { class: 'num' }, String(pick(totals(row), 'presentDays', 'present') ?? '')),
        h('td', { class: 'num' }, String(pick(totals(row), 'lateCount', 'late', 'lateDays') ?? '')),
        h('td', { class: 'num' }, String(pick(totals(row), 'absentDays', 'absent') ?? '')),
        h('td', { class: 'num' }, String(pick(totals(row), 'leaveDays', 'leave') ?? '')))))));
}

function signLegend() {
  return h('p', { class: 'legend-line' }, Object.keys(SIGN).filter((s) => !['missing_in', 'missing_out'].includes(s)).map((s) => h('span', { class: 'legend-item' }, `${sign(s)} = ${t(`status.${s}`, {}, s)}`)));
}

export async function monthSheetView(root) {
  const q = currentQuery();
  const month = q.get('month') || time.thisMonth();
  const depts = await departmentOptions();
  const dept = q.get('department') || '';
  const slot = h('div', { class: 'slot' });
  const deptSel = select('department', [['', t('common.allDepartments')], ...depts], dept);
  const monthIn = h('input', { type: 'month', name: 'month', value: month });
  const exportBtn = h('button', { type: 'button', class: 'secondary' }, t('sheet.exportCsv'));
  exportBtn.addEventListener('click', () => busy(exportBtn, () => E.monthSheetCsv({ departmentId: dept, month }, `month-${month}.csv`)));
  replace(root, page(t('nav.monthSheet'),
    [exportBtn, h('a', { class: 'button secondary', href: `#/print/month?department=${dept}&month=${month}`, target: '_blank', rel: 'noopener' }, t('sheet.print'))],
    tabs([['#/sheets/day', t('nav.daySheet')], ['#/sheets/month', t('nav.monthSheet')]], '#/sheets/month'),
    filterBar([field(t('common.department'), deptSel), field(t('common.month'), monthIn)],
      () => go(`/sheets/month?department=${deptSel.value}&month=${monthIn.value}`)),
    card(null, signLegend(), slot)));
  await load(slot, () => E.monthSheet({ departmentId: dept, month }), (d) => monthGrid(month, d));
}

/** The printable sheet: no navigation, print stylesheet, a print button that is not printed. */
export async function printMonthView(root) {
  const q = currentQuery();
  const month = q.get('month') || time.thisMonth();
  const dept = q.get('department') || '';
  const depts = await departmentOptions();
  const deptName = depts.find(([id]) => String(id) === dept)?.[1] ?? t('common.allDepartments');
  const slot = h('div', { class: 'slot' });
  replace(root, h('article', { class: 'print-sheet' },
    h('div', { class: 'no-print actions' },
      h('a', { class: 'button secondary', href: `#/sheets/month?department=${dept}&month=${month}` }, t('common.back')),
      h('button', { type: 'button', class: 'primary', onClick: () => window.print() }, t('sheet.printNow'))),
    h('h1', {}, `${t('sheet.printTitle')} · ${deptName} · ${time.monthLabel(month)}`),
    signLegend(), slot,
    h('footer', { class: 'signatures' },
      h('span', {}, `${t('sheet.preparedBy')}: ______`), h('span', {}, `${t('sheet.checkedBy')}: ______`),
      h('span', {}, `${t('sheet.printedAt')}: ${time.dateTime(Date.now())}`))));
  await load(slot, () => E.monthSheet({ departmentId: dept, month }), (d) => monthGrid(month, d));
}
