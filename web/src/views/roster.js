// HR and admin: the roster. Assign a shift to the people of a department over a date range
// (on every calendar workday, or a week of shifts), and see who works what, day by day.
import { h, replace, field, select } from '../dom.js';
import { t } from '../i18n.js';
import * as time from '../time.js';
import { items } from '../api.js';
import { E } from '../endpoints.js';
import { page, card, table, notify, busy, load, empty, confirmAction } from '../ui.js';
import { currentQuery, go } from '../router.js';
import { peopleIndex } from './common.js';
import { departmentOptions } from './sheets.js';
import { importPanel } from './importer.js';

const DAY_SIGN = { rest_day: 'roster.sign.rest', holiday: 'roster.sign.holiday', not_rostered: 'roster.sign.none' };

function mondayOf(ymd) { return time.addDays(ymd, -time.isoWeekday(ymd)); } // isoWeekday: 0 = Monday

function planText(plan, shiftName) {
  if (!plan) return '';
  if (plan.kind === 'workdays') return t('roster.planWorkdays', { shift: shiftName(plan.shiftId) });
  if (plan.kind === 'weekly') {
    return (plan.week ?? []).map((id, i) => `${t(`weekday.${i + 1}`)} ${id == null ? t('roster.sign.rest') : shiftName(id)}`).join(' · ');
  }
  return t('roster.planCycle', { n: (plan.cycle ?? []).length });
}

function rosterGrid(data) {
  const rows = items(data);
  if (!rows.length) return empty(t('roster.nobody'));
  const dates = (rows[0].days ?? []).map((d) => d.date);
  const calendarOf = new Map((rows[0].days ?? []).map((d) => [d.date, d.calendarDay]));
  const headClass = (d) => {
    const c = calendarOf.get(d) ?? '';
    return `dcol ${c === 'holiday' ? 'holiday' : c === 'make-up workday' ? 'makeup' : c === 'weekend' || c === 'rest day' ? 'weekend' : ''}`;
  };
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'table month-sheet roster-grid' },
      h('caption', {}, `${time.date(data.from)} – ${time.date(data.to)}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('common.person')),
        dates.map((d) => h('th', { scope: 'col', class: headClass(d), title: calendarOf.get(d) === 'make-up workday' ? t('cal.kindName.workday') : null },
          h('span', { class: 'wd' }, time.weekdayShort(d)), h('br'), String(Number(d.slice(8))))))),
      h('tbody', {}, rows.map((r) => h('tr', {},
        h('th', { scope: 'row' }, r.name ?? `#${r.employeeId}`, h('small', { class: 'muted' }, ` ${r.number ?? ''}`)),
        (r.days ?? []).map((d) => h('td', { class: `dcell roster-${d.kind}`, title: `${time.date(d.date)} ${d.shiftName ?? t(`status.${d.kind}`, {}, d.kind)}` },
          d.kind === 'shift' ? (d.shiftName ?? '') : t(DAY_SIGN[d.kind] ?? 'roster.sign.none')))))),
    ));
}

export async function rosterView(root) {
  const q = currentQuery();
  const from = q.get('from') || mondayOf(time.today());
  const days = Number(q.get('days') || 14);
  const dept = q.get('department') || '';
  const to = time.addDays(from, days - 1);
  const [depts, shifts, people] = await Promise.all([departmentOptions(), E.shifts().then(items).catch(() => []), peopleIndex()]);
  const shiftName = (id) => shifts.find((s) => String(s.id) === String(id))?.name ?? `#${id}`;
  const gridSlot = h('div', { class: 'slot' });
  const listSlot = h('div', { class: 'slot' });

  const deptSel = select('department', [['', t('common.allDepartments')], ...depts], dept);
  const fromIn = h('input', { type: 'date', name: 'from', value: from });
  const daysSel = select('days', [[7, t('roster.days', { n: 7 })], [14, t('roster.days', { n: 14 })], [31, t('roster.days', { n: 31 })]], days);
  const filters = h('form', { class: 'filters' },
    field(t('common.department'), deptSel), field(t('roster.from'), fromIn), field(t('roster.length'), daysSel),
    h('button', { type: 'submit', class: 'primary' }, t('common.show')));
  filters.addEventListener('submit', (ev) => { ev.preventDefault(); go(`/roster?department=${deptSel.value}&from=${fromIn.value}&days=${daysSel.value}`); });

  const reload = () => load(gridSlot, () => E.roster({ departmentId: dept, from, to }), (d) => {
    const assignments = items(d).flatMap((r) => (r.assignments ?? []).map((a) => ({ ...a, name: r.name, number: r.number })));
    replace(listSlot, table([
      { label: t('common.person'), value: (a) => `${a.name} (${a.number ?? a.employeeId})` },
      { label: t('roster.plan'), value: (a) => planText(a.plan, shiftName) },
      { label: t('common.from'), value: (a) => time.date(a.from) },
      { label: t('common.to'), value: (a) => (a.to ? time.date(a.to) : t('roster.open')) },
      { label: '', value: (a) => removeButton(a, reload) },
    ], assignments, { empty: t('roster.none') }));
    return rosterGrid(d);
  });

  const noShifts = !shifts.length
    ? h('p', { class: 'alert error', role: 'alert' }, t('roster.noShifts'), ' ', h('a', { href: '#/shifts' }, t('nav.shifts')))
    : null;
  replace(root, page(t('nav.roster'), [h('a', { class: 'button secondary', href: '#/shifts' }, t('nav.shifts'))],
    noShifts,
    assignForm({ depts, shifts, people, dept, from, onDone: () => reload() }),
    filters,
    card(null, h('p', { class: 'legend-line' },
      h('span', {}, `${t('roster.sign.rest')} = ${t('status.rest_day')}`), h('span', {}, `${t('roster.sign.holiday')} = ${t('status.holiday')}`),
      h('span', {}, `${t('roster.sign.none')} = ${t('status.not_rostered')}`), h('span', { class: 'makeup-key' }, t('roster.makeupKey'))), gridSlot),
    card(t('roster.assignments'), listSlot),
    h('details', { class: 'card' }, h('summary', {}, t('roster.importTitle')), importPanel({ kind: 'roster', fixed: true, onDone: () => reload() }))));
  await reload();
}

function removeButton(a, reload) {
  const b = h('button', { type: 'button', class: 'danger small', 'aria-label': `${t('roster.remove')} ${a.name} ${time.date(a.from)}` }, t('roster.remove'));
  b.addEventListener('click', async () => {
    if (!await confirmAction({ title: `${t('roster.remove')}: ${a.name} ${time.date(a.from)} – ${a.to ? time.date(a.to) : t('roster.open')}`, text: t('roster.removeText'), confirmLabel: t('roster.remove'), danger: true })) return;
    await busy(b, async () => { await E.removeRoster(a.id); notify(t('common.saved')); await reload(); });
  });
  return b;
}

/** People of a department (checkboxes, all ticked), a plan, a date range, and the assignment. */
function assignForm({ depts, shifts, people, dept, from, onDone }) {
  const deptSel = select('assignDepartment', [['', t('common.allDepartments')], ...depts], dept);
  const peopleBox = h('fieldset', { class: 'people-pick span-all' });
  const drawPeople = () => {
    const list = [...people.values()].filter((p) => p.active !== false && (!deptSel.value || String(p.departmentId) === deptSel.value))
      .sort((a, b) => String(a.number).localeCompare(String(b.number)));
    const all = h('input', { type: 'checkbox', checked: true });
    const boxes = list.map((p) => h('input', { type: 'checkbox', name: 'employeeIds', value: p.id, checked: true }));
    all.addEventListener('change', () => { for (const b of boxes) b.checked = all.checked; });
    replace(peopleBox, h('legend', {}, t('roster.people', { n: list.length })),
      list.length ? [h('label', { class: 'check all' }, all, t('roster.everyone')),
        list.map((p, i) => h('label', { class: 'check' }, boxes[i], `${p.name} (${p.number})`))] : h('p', { class: 'empty' }, t('roster.nobody')));
  };
  deptSel.addEventListener('change', drawPeople);
  drawPeople();
  const shiftOptions = shifts.map((s) => [s.id, s.name]);
  const planSel = select('plan', [['workdays', t('roster.planKind.workdays')], ['weekly', t('roster.planKind.weekly')]], 'workdays');
  const shiftSel = select('shiftId', shiftOptions, shiftOptions[0]?.[0] ?? '');
  const weekSels = [1, 2, 3, 4, 5, 6, 7].map((d) => select(`week${d}`, [['', t('roster.sign.rest')], ...shiftOptions], d <= 5 ? (shiftOptions[0]?.[0] ?? '') : ''));
  const shiftField = field(t('roster.shift'), shiftSel, t('roster.workdaysHint'));
  const weekField = h('fieldset', { class: 'span-all week-pick' }, h('legend', {}, t('roster.planKind.weekly')),
    h('div', { class: 'form-grid' }, weekSels.map((s, i) => field(t(`weekday.${i + 1}`), s))));
  const sync = () => { shiftField.hidden = planSel.value !== 'workdays'; weekField.hidden = planSel.value !== 'weekly'; };
  planSel.addEventListener('change', sync);
  sync();
  const fromIn = h('input', { type: 'date', name: 'from', value: from < time.today() ? `${time.thisMonth()}-01` : from, required: true });
  const toIn = h('input', { type: 'date', name: 'to' });
  const replaceBox = h('input', { type: 'checkbox', name: 'replace' });
  const err = h('div');
  const submit = h('button', { type: 'submit', class: 'primary' }, t('roster.assign'));
  const form = h('form', { class: 'form-grid', novalidate: true },
    field(t('roster.department'), deptSel), peopleBox,
    field(t('roster.planLabel'), planSel), shiftField, weekField,
    field(t('roster.from'), fromIn), field(t('roster.to'), toIn, t('roster.toHint')),
    h('label', { class: 'check span-all' }, replaceBox, t('roster.replace')),
    err, h('div', { class: 'actions span-all' }, submit));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const ids = [...peopleBox.querySelectorAll('input[name="employeeIds"]:checked')].map((b) => Number(b.value));
    const bad = (msg) => replace(err, h('p', { class: 'alert error', role: 'alert' }, msg));
    replace(err);
    if (!ids.length) { bad(t('roster.pickPeople')); return; }
    if (!fromIn.value) { bad(t('roster.pickFrom')); return; }
    if (toIn.value && toIn.value < fromIn.value) { bad(t('leave.badDates')); return; }
    const body = { employeeIds: ids, from: fromIn.value, to: toIn.value || null, replace: replaceBox.checked };
    if (planSel.value === 'weekly') body.week = weekSels.map((s) => (s.value ? Number(s.value) : null));
    else if (shiftSel.value) body.shiftId = Number(shiftSel.value);
    else { bad(t('roster.noShifts')); return; }
    busy(submit, async () => {
      const res = await E.assignRoster(body);
      const replaced = (res?.replaced ?? []).length;
      notify(t('roster.assigned', { n: ids.length }) + (replaced ? ` ${t('roster.replacedN', { n: replaced })}` : ''));
      await onDone();
    }, err);
  });
  return card(t('roster.assignTitle'), form);
}
