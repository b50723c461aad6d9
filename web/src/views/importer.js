// CSV import: pick a kind and a file (or paste), check it first, then import. A file with bad
// lines is refused whole and every bad line is listed with its number.
import { h, replace, field, select } from '../dom.js';
import { t } from '../i18n.js';
import { E } from '../endpoints.js';
import { page, card, notify, busy, errorBox } from '../ui.js';
import { currentQuery } from '../router.js';

// The header line each import expects (docs/openapi.yaml and docs/calendar-format.md describe
// the columns) and an example line.
export const TEMPLATES = {
  employees: ['number,name,department,post,roles,department_head,leadership,verification,active'],
  departments: ['code,name,parent'],
  posts: ['code,name,department'],
  shifts: ['name,kind,start,end,late_grace,early_grace', 'Day,fixed,08:30,17:30,5,0', 'Night,night,22:00,06:00+1,5,0'],
  roster: ['employee,from,to,shift,week', 'E001,2026-01-01,,Day,', 'E002,2026-01-01,2026-06-30,,Day/Day/Day/Day/Day/-/-'],
  calendar: ['date,kind,name', '2026-10-01..2026-10-07,holiday,National Day', '2026-10-10,workday,National Day make-up'],
};

/**
 * The import form for one kind (or a kind chooser when `kind` is not fixed). `onDone` runs
 * after a successful import.
 */
export function importPanel({ kind = 'employees', fixed = false, onDone } = {}) {
  const kindSel = select('kind', Object.keys(TEMPLATES).map((k) => [k, t(`import.kind.${k}`)]), kind);
  const template = h('pre', { class: 'template' });
  const showTemplate = () => replace(template, TEMPLATES[kindSel.value].join('\n'));
  showTemplate();
  kindSel.addEventListener('change', showTemplate);
  const file = h('input', { type: 'file', name: 'file', accept: '.csv,text/csv' });
  const text = h('textarea', { name: 'csv', rows: 8, spellcheck: 'false', class: 'mono' });
  file.addEventListener('change', async () => { if (file.files[0]) text.value = await file.files[0].text(); });
  const result = h('div', { class: 'slot', 'aria-live': 'polite' });
  const check = h('button', { type: 'button', class: 'secondary' }, t('import.check'));
  const run = h('button', { type: 'button', class: 'primary' }, t('import.run'));
  const send = (dryRun, button) => busy(button, async () => {
    replace(result);
    if (!text.value.trim()) { replace(result, h('p', { class: 'alert error', role: 'alert' }, t('import.emptyFile'))); return; }
    try {
      const res = await E.importCsv(kindSel.value, text.value, dryRun);
      const n = res?.imported ?? res?.count ?? res?.rows ?? res?.created ?? '';
      replace(result, h('p', { class: 'alert ok', role: 'status' }, dryRun ? t('import.checked', { n }) : t('import.done', { n })));
      if (!dryRun) { notify(t('import.done', { n })); onDone?.(res); }
    } catch (err) {
      replace(result, h('div', {}, h('p', {}, t('import.nothingImported')), errorBox(err)));
    }
  });
  check.addEventListener('click', () => send(true, check));
  run.addEventListener('click', () => send(false, run));
  const textId = `csv-text-${kind}`;
  return h('div', {},
    h('div', { class: 'form-grid' },
      fixed ? null : field(t('import.what'), kindSel),
      field(t('import.file'), file),
      h('div', { class: 'field span-all' }, h('span', { class: 'label' }, t('import.header')), template),
      h('div', { class: 'field span-all' }, h('label', { for: textId }, t('import.paste')), Object.assign(text, { id: textId })),
      h('div', { class: 'actions span-all' }, check, run)),
    result);
}

export async function importView(root) {
  const asked = currentQuery().get('kind');
  const kind = asked in TEMPLATES ? asked : 'employees';
  replace(root, page(t('nav.import'), null, card(null, importPanel({ kind }))));
}
