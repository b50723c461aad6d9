// Shared pieces of every page: headings, tables, status badges, messages, the reason dialog.
import { h, replace, field, uid } from './dom.js';
import { t } from './i18n.js';

/** A page: heading (focused on navigation for screen readers) + optional actions + body. */
export function page(title, actions, ...body) {
  return h('section', { class: 'page' },
    h('header', { class: 'page-head' }, h('h1', { tabindex: '-1', class: 'page-title' }, title),
      actions ? h('div', { class: 'page-actions' }, actions) : null),
    body);
}

export function card(title, ...body) {
  const id = uid('card');
  return h('section', { class: 'card', 'aria-labelledby': id }, title ? h('h2', { id }, title) : null, body);
}

export function loading() {
  return h('p', { class: 'loading', role: 'status' }, t('common.loading'));
}

export function empty(text) {
  return h('p', { class: 'empty' }, text || t('common.empty'));
}

/** The server's error in words, with its code for support. */
export function errorBox(err) {
  const lines = [];
  if (err?.details && Array.isArray(err.details)) {
    for (const d of err.details.slice(0, 200)) {
      lines.push(h('li', {}, d.line ? `${t('import.lineN', { n: d.line })}: ` : '', d.field ? `${d.field}: ` : '', d.message || String(d)));
    }
  }
  return h('div', { class: 'alert error', role: 'alert' },
    h('strong', {}, errorText(err)),
    err?.code ? h('span', { class: 'code' }, ` (${err.code})`) : null,
    lines.length ? h('ul', { class: 'errors' }, lines) : null);
}

export function errorText(err) {
  if (!err) return '';
  if (err.status === 403) return `${t('error.forbidden')}${err.message ? `: ${err.message}` : ''}`;
  if (err.status === 0 || err instanceof TypeError) return t('error.network');
  return err.message || t('error.generic');
}

/** A polite live message (toast) that screen readers announce. */
export function notify(text, kind = 'ok') {
  const region = document.getElementById('toasts');
  if (!region) return;
  const el = h('div', { class: `toast ${kind}` }, text);
  region.append(el);
  setTimeout(() => el.remove(), 5000);
}

/**
 * A table from column definitions: {label, value(row) -> string|Node, class}.
 * Cells are built with text nodes only.
 */
export function table(columns, rows, { caption, rowClass, empty: emptyText } = {}) {
  if (!rows.length) return empty(emptyText);
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'table' },
      caption ? h('caption', {}, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.class }, c.label)))),
      h('tbody', {}, rows.map((r) => h('tr', { class: rowClass ? rowClass(r) : null },
        columns.map((c) => h('td', { class: c.class, 'data-label': c.label }, c.value(r))))))));
}

const STATUS_CLASS = {
  present: 'ok', excused: 'info', absent: 'bad', late: 'warn', early_leave: 'warn', late_and_early: 'warn',
  half_day_absent: 'bad', missing_punch: 'warn', missing_in: 'warn', missing_out: 'warn', not_rostered: 'muted', leave: 'info', on_leave: 'info', business_trip: 'info',
  rest_day: 'muted', rest: 'muted', holiday: 'muted', pending: 'warn', approved: 'ok', rejected: 'bad',
  cancelled: 'muted', escalated: 'warn', reported_back: 'ok', overdue: 'bad', open: 'warn', closed: 'ok',
  confirmed: 'bad', planned: 'muted', running: 'warn', firing: 'warn', fired: 'warn', finished: 'ok',
  in_progress: 'warn', withdrawn: 'muted', online: 'ok', offline: 'bad', revoked: 'muted', awaiting_provisioning: 'info', active: 'ok', offboarded: 'muted', away: 'bad',
  away_from_post: 'bad', unruled: 'warn', future: 'muted', none: 'muted',
};

// The server's words may come as 'on leave' or 'half-day absent'; the UI keys are snake_case.
const ALIASES = { missing_in_punch: 'missing_in', missing_out_punch: 'missing_out', leave: 'on_leave', early: 'early_leave' };

export function normStatus(status) {
  const k = String(status ?? '').trim().toLowerCase().replace(/[\s-]+/g, '_');
  return ALIASES[k] ?? k;
}

export function statusClass(status) {
  return STATUS_CLASS[normStatus(status)] || 'muted';
}

/** A coloured badge that always carries its word too (colour is never the only signal). */
export function badge(status, text) {
  const s = normStatus(status);
  return h('span', { class: `badge ${statusClass(s)}` }, text ?? t(`status.${s}`, {}, String(status ?? '')));
}

/**
 * Asks for a reason (and confirmation) in a modal <dialog>; resolves to the reason or null.
 * The reason is required when `required` is set.
 */
export function askReason({ title, label, confirmLabel, required = true, danger = false }) {
  return new Promise((resolve) => {
    const input = h('textarea', { name: 'reason', rows: 3, required, maxlength: 500 });
    const error = h('p', { class: 'field-error', role: 'alert', id: 'dlg-error' });
    input.setAttribute('aria-describedby', 'dlg-error');
    input.addEventListener('input', () => { if (input.value.trim()) { replace(error); input.removeAttribute('aria-invalid'); } });
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'dlg-title' },
      h('form', { method: 'dialog', novalidate: true },
        h('h2', { id: 'dlg-title' }, title),
        field(label || t('common.reason'), input),
        error,
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'secondary', onClick: () => { dialog.close(); resolve(null); } }, t('common.cancel')),
          h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, confirmLabel || t('common.confirm')))));
    dialog.querySelector('form').addEventListener('submit', (ev) => {
      const reason = input.value.trim();
      if (required && !reason) {
        ev.preventDefault();
        replace(error, t('common.reasonRequired'));
        input.setAttribute('aria-invalid', 'true');
        input.focus();
        return;
      }
      dialog.close();
      resolve(reason);
    });
    dialog.addEventListener('cancel', () => resolve(null));
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}

/** Asks to confirm an action that needs no reason, in the same modal dialog; resolves to a boolean. */
export function confirmAction({ title, text, confirmLabel, danger = false }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'dlg-title' },
      h('form', { method: 'dialog' },
        h('h2', { id: 'dlg-title' }, title),
        text ? h('p', {}, text) : null,
        h('div', { class: 'actions' },
          h('button', { type: 'button', class: 'secondary', onClick: () => { dialog.close(); resolve(false); } }, t('common.cancel')),
          h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, confirmLabel || t('common.confirm')))));
    dialog.querySelector('form').addEventListener('submit', () => { dialog.close(); resolve(true); });
    dialog.addEventListener('cancel', () => resolve(false));
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
    dialog.querySelector('button').focus(); // Cancel: a stray Enter removes nothing
  });
}

/** Runs an action from a button: disables it meanwhile, shows the error next to it. */
export async function busy(button, fn, errorSlot) {
  button.disabled = true;
  if (errorSlot) replace(errorSlot);
  try {
    return await fn();
  } catch (err) {
    if (errorSlot) replace(errorSlot, errorBox(err));
    else notify(errorText(err), 'error');
    return undefined;
  } finally {
    button.disabled = false;
  }
}

/** Renders the result of an async loader into a slot, with loading and error states. */
export async function load(slot, loader, render) {
  replace(slot, loading());
  try {
    const data = await loader();
    replace(slot, render(data));
  } catch (err) {
    replace(slot, errorBox(err));
  }
}

export function tabs(items, current) {
  return h('nav', { class: 'tabs', 'aria-label': t('common.sections') },
    items.map(([href, label]) => h('a', { href, 'aria-current': href === current ? 'page' : null }, label)));
}
