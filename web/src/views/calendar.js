// HR and admin: the organisation's working calendar for a year - public holidays, make-up
// workdays on weekends (调休) and extra rest days - and its CSV import (every bad line listed).
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as time from '../time.js';
import { E } from '../endpoints.js';
import { page, card, table, badge, load, empty } from '../ui.js';
import { currentQuery } from '../router.js';
import { importPanel } from './importer.js';

// The CSV's kinds: holiday, workday (a make-up workday on a weekend), rest (a weekday off).
const MARK = { holiday: 'cal.mark.holiday', workday: 'cal.mark.workday', rest: 'cal.mark.rest' };

function entriesOf(d) { return (d?.entries ?? d?.items ?? []).slice().sort((a, b) => String(a.date).localeCompare(String(b.date))); }

/** One month as a small grid, Monday first; marked days carry a sign and their name. */
function monthGrid(ym, byDate) {
  const days = time.monthDays(ym);
  const lead = time.isoWeekday(days[0]); // 0 = Monday
  const cells = [...Array(lead).fill(null), ...days];
  while (cells.length % 7) cells.push(null);
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return h('table', { class: 'mini-month' },
    h('caption', {}, time.monthLabel(ym)),
    h('thead', {}, h('tr', {}, [1, 2, 3, 4, 5, 6, 7].map((d) => h('th', { scope: 'col', abbr: t(`weekday.${d}`) }, t(`weekday.${d}`).slice(-1))))),
    h('tbody', {}, weeks.map((w) => h('tr', {}, w.map((d) => {
      if (!d) return h('td', {});
      const e = byDate.get(d);
      const weekend = time.isoWeekday(d) >= 5;
      const cls = e ? `mark-${e.kind}` : weekend ? 'weekend' : '';
      return h('td', { class: cls, title: e ? `${time.date(d)} ${t(`cal.kindName.${e.kind}`, {}, e.kind)}${e.name ? ` · ${e.name}` : ''}` : null },
        String(Number(d.slice(8))), e ? h('span', { class: 'mark' }, t(MARK[e.kind] ?? 'cal.mark.holiday')) : null);
    })))));
}

export async function calendarView(root) {
  const year = Number(currentQuery().get('year') || time.today().slice(0, 4));
  const summary = h('p', { class: 'summary-line' });
  const yearSlot = h('div', { class: 'slot' });
  const listSlot = h('div', { class: 'slot' });
  const reload = () => load(yearSlot, () => E.calendar({ year }), (d) => {
    const entries = entriesOf(d);
    const byDate = new Map(entries.map((e) => [e.date, e]));
    const count = (k) => entries.filter((e) => e.kind === k).length;
    replace(summary, t('cal.summary', { workdays: d?.workdays ?? '—', holidays: d?.holidays ?? count('holiday'), makeup: count('workday'), rest: count('rest') }));
    replace(listSlot, table([
      { label: t('common.date'), value: (r) => `${time.date(r.date)} ${time.weekdayShort(r.date)}` },
      { label: t('cal.kind'), value: (r) => badge(r.kind === 'holiday' ? 'holiday' : r.kind === 'workday' ? 'present' : 'rest_day', t(`cal.kindName.${r.kind}`, {}, r.kind)) },
      { label: t('common.name'), value: (r) => r.name ?? '' },
    ], entries, { empty: t('cal.none') }));
    return [
      h('p', { class: 'legend-line' },
        h('span', { class: 'legend-item' }, h('span', { class: 'key mark-holiday' }, t('cal.mark.holiday')), ` ${t('cal.kindName.holiday')}`),
        h('span', { class: 'legend-item' }, h('span', { class: 'key mark-workday' }, t('cal.mark.workday')), ` ${t('cal.kindName.workday')}`),
        h('span', { class: 'legend-item' }, h('span', { class: 'key mark-rest' }, t('cal.mark.rest')), ` ${t('cal.kindName.rest')}`),
        h('span', { class: 'legend-item' }, h('span', { class: 'key weekend' }, '6'), ` ${t('cal.kindName.weekend')}`)),
      entries.length ? null : empty(t('cal.none')),
      h('div', { class: 'year-grid' }, Array.from({ length: 12 }, (_, i) => monthGrid(`${year}-${String(i + 1).padStart(2, '0')}`, byDate))),
    ];
  });
  replace(root, page(`${t('nav.calendar')} ${year}`,
    [h('a', { class: 'button secondary', href: `#/calendar?year=${year - 1}`, 'aria-label': t('cal.yearN', { n: year - 1 }) }, `‹ ${year - 1}`),
      h('a', { class: 'button secondary', href: `#/calendar?year=${year + 1}`, 'aria-label': t('cal.yearN', { n: year + 1 }) }, `${year + 1} ›`)],
    h('p', { class: 'muted' }, t('cal.explain')),
    summary,
    card(null, yearSlot),
    h('div', { class: 'grid two' },
      card(t('cal.entries'), listSlot),
      card(t('cal.importTitle'), h('p', { class: 'muted' }, t('cal.importHint')), importPanel({ kind: 'calendar', fixed: true, onDone: () => reload() })))));
  await reload();
}
