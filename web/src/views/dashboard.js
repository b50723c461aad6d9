// The dashboard: pictures where people would rather look than read. Built from the same
// public endpoints as the other pages (day records, leave, spot checks).
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as time from '../time.js';
import { items } from '../api.js';
import { E } from '../endpoints.js';
import { page, card, load, empty } from '../ui.js';
import { stackedBars, lineChart, stackedColumns, heatStrip } from '../charts.js';
import { dayStatus, pick, peopleIndex, withPeople } from './common.js';
import { hasRole } from '../session.js';

const TODAY_SERIES = () => [
  { key: 'present', label: t('status.present'), cls: 's-present' },
  { key: 'late', label: t('dash.lateOrEarly'), cls: 's-late' },
  { key: 'absent', label: t('status.absent'), cls: 's-absent' },
  { key: 'leave', label: t('dash.leaveOrTrip'), cls: 's-leave' },
  { key: 'missing', label: t('status.missing_punch'), cls: 's-missing' },
];

function bucket(status) {
  if (status === 'present') return 'present';
  if (['late', 'early_leave', 'late_and_early'].includes(status)) return 'late';
  if (['absent', 'half_day_absent'].includes(status)) return 'absent';
  if (['on_leave', 'business_trip'].includes(status)) return 'leave';
  if (['missing_punch', 'missing_in', 'missing_out'].includes(status)) return 'missing';
  return null;
}

export async function dashboardView(root) {
  const today = time.today();
  const month = time.thisMonth();
  const todaySlot = h('div', { class: 'slot' });
  const trendSlot = h('div', { class: 'slot' });
  const leaveSlot = h('div', { class: 'slot' });
  const checkSlot = h('div', { class: 'slot' });
  const kpis = h('div', { class: 'kpis' });
  const showChecks = hasRole('inspector', 'hr', 'admin');
  replace(root, page(t('nav.dashboard'), null,
    h('p', { class: 'muted' }, `${time.date(today)} · ${t('dash.zone', { zone: time.getZone() })}`),
    kpis,
    h('div', { class: 'grid two' },
      card(t('dash.today'), todaySlot),
      card(t('dash.trend'), trendSlot),
      card(t('dash.leaveCalendar', { month: time.monthLabel(month) }), leaveSlot),
      showChecks ? card(t('dash.checks'), checkSlot) : null)));

  const depts = await E.departments().then(items).catch(() => []);
  const people = await peopleIndex();
  const deptName = new Map(depts.map((d) => [String(d.id), d.name]));

  const from30 = time.addDays(today, -29);
  await Promise.all([
    load(todaySlot, () => E.days({ from: today, to: today }), (d) => {
      const rows = withPeople(items(d), people);
      const by = new Map();
      const totals = { present: 0, late: 0, absent: 0, leave: 0, missing: 0 };
      for (const r of rows) {
        const b = bucket(dayStatus(r));
        if (!b) continue;
        const dep = deptName.get(String(pick(r, 'departmentId', 'department_id'))) ?? pick(r, 'departmentName', 'department_name') ?? t('dash.noDept');
        if (!by.has(dep)) by.set(dep, { label: dep, values: {} });
        by.get(dep).values[b] = (by.get(dep).values[b] || 0) + 1;
        totals[b] += 1;
      }
      replace(kpis, ...[['present', 'ok'], ['late', 'warn'], ['absent', 'bad'], ['leave', 'info']].map(([k, cls]) =>
        h('div', { class: `kpi ${cls}` }, h('span', { class: 'n' }, String(totals[k])), h('span', { class: 'label' }, TODAY_SERIES().find((s) => s.key === k).label))));
      if (!by.size) return empty(t('dash.noToday'));
      return stackedBars({ title: t('dash.today'), rows: [...by.values()], series: TODAY_SERIES(), dataLabel: t('dash.showData') });
    }),
    load(trendSlot, () => E.days({ from: from30, to: today }), (d) => {
      const perDay = new Map();
      for (let i = 0; i < 30; i += 1) perDay.set(time.addDays(from30, i), { late: 0, people: 0 });
      for (const r of items(d)) {
        const slot = perDay.get(r.date);
        if (!slot) continue;
        slot.people += 1;
        if (['late', 'late_and_early'].includes(dayStatus(r))) slot.late += 1;
      }
      const points = [...perDay.entries()].map(([date, v]) => ({ label: date.slice(5), value: v.late }));
      return lineChart({ title: t('dash.trend'), points, unit: ` ${t('dash.people')}`, dataLabel: t('dash.showData') });
    }),
    load(leaveSlot, () => E.leaves({ scope: 'all', from: `${month}-01`, to: `${month}-${time.daysInMonth(month)}` }), (d) => {
      const days = time.monthDays(month).map((date) => ({ date, day: Number(date.slice(8)), label: time.date(date), value: 0, weekday: time.isoWeekday(date) }));
      const index = new Map(days.map((x) => [x.date, x]));
      for (const l of items(d).filter((x) => ['approved', 'reported back', 'reported_back'].includes(x.state))) {
        const s = l.start; const e = l.end ?? l.start;
        if (!s || !e) continue;
        for (let x = s; x <= e; x = time.addDays(x, 1)) if (index.has(x)) index.get(x).value += 1;
      }
      return heatStrip({ title: t('dash.leaveCalendar', { month: time.monthLabel(month) }), days, dataLabel: t('dash.showData') });
    }),
    // The list carries no tallies: the last twelve checks that have fired are read one by one.
    showChecks ? load(checkSlot, async () => {
      const fired = items(await E.checks({})).filter((c) => ['open', 'closed'].includes(c.state) || c.tally)
        .sort((a, b) => Number(a.id) - Number(b.id)).slice(-12);
      return Promise.all(fired.map((c) => (c.tally ? c : E.check(c.id).then((full) => ({ ...full, tally: full.report?.tally ?? full.tally })).catch(() => c))));
    }, (list) => {
      const checks = list.filter((c) => c.tally || c.counts);
      if (!checks.length) return empty(t('check.none'));
      const series = [
        { key: 'present', label: t('status.present'), cls: 's-present' },
        { key: 'excused', label: t('status.excused'), cls: 's-leave' },
        { key: 'findings', label: t('check.findings'), cls: 's-absent' },
      ];
      return stackedColumns({
        title: t('dash.checks'),
        columns: checks.map((c) => {
          const tl = c.tally ?? c.counts;
          const at = pick(c, 'openedAt', 'opened_at', 'opensAt', 'opens_at', 'firedAt', 'fired_at');
          return { label: at ? time.localDate(at).slice(5) : `#${c.id}`, values: { present: tl.present ?? 0, excused: tl.excused ?? 0, findings: (tl.absent ?? 0) + (tl.awayFromPost ?? tl.away_from_post ?? 0) + (tl.methodNotMet ?? tl.method_not_met ?? 0) } };
        }),
        series,
        dataLabel: t('dash.showData'),
      });
    }) : null,
  ]);
}
