// CSV import: pick a kind and a file (or paste), check it first, then import. A file with bad
// lines is refused whole and every bad line is listed with its number.
import { h, replace, field, select } from '../dom.js';
import { t } from '../i18n.js';
import { E } from '../endpoints.js';
import { page, card, notify, busy, errorBox } from '../ui.js';
import { currentQuery } from '../router.js';

// The header line each import expects (docs/openapi.yaml describes the columns).
export const TEMPLATES = {
  employees: 'number,name,department,post,roles,department_head,leadership,verification,active',
  departments: 'code,name,parent',
  posts: 'code,name,department',
  calendar: 'date,kind,name',
};

export async function importView(root) {
  const asked = currentQuery().get('kind');
  const kind = asked in TEMPLATES ? asked : 'employees';
  const kindSel = select('kind', Object.keys(TEMPLATES).map((k) => [k, t(`import.kind.${k}`)]), kind);
  const template = h('code', { class: 'template' }, TEMPLATES[kind]);
  kindSel.addEventListener('change', () => replace(template, TEMPLATES[kindSel.value]));
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
      if (!dryRun) notify(t('import.done', { n }));
    } catch (err) {
      replace(result, h('div', {}, h('p', {}, t('import.nothingImported')), errorBox(err)));
    }
  });
  check.addEventListener('click', () => send(true, check));
  run.addEventListener('click', () => send(false, run));
  replace(root, page(t('nav.import'), null,
    card(null,
      h('div', { class: 'form-grid' },
        field(t('import.what'), kindSel),
        field(t('import.file'), file),
        h('div', { class: 'field span-all' }, h('span', { class: 'label' }, t('import.header')), template),
        h('div', { class: 'field span-all' }, h('label', { for: 'csv-text' }, t('import.paste')), Object.assign(text, { id: 'csv-text' })),
        h('div', { class: 'actions span-all' }, check, run)),
      result)));
}
