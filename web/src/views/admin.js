// Administrators: terminals (provision, revoke, online, backlog, clock offset), accounts and
// roles, and the audit log with chain verification.
import { h, replace, field, select, formData } from '../dom.js';
import { t } from '../i18n.js';
import * as time from '../time.js';
import { items } from '../api.js';
import { E } from '../endpoints.js';
import { page, card, badge, table, notify, busy, load, askReason } from '../ui.js';
import { currentQuery, go } from '../router.js';
import { pick } from './common.js';

// A terminal is awaiting provisioning until it has used its one-time token; only an active
// terminal can be online.
function terminalState(r) {
  if (r.revoked || r.state === 'revoked') return 'revoked';
  if (r.state === 'awaiting_provisioning') return 'awaiting_provisioning';
  return r.online ? 'online' : 'offline';
}

function offsetText(r) {
  const us = pick(r, 'clockOffsetUs', 'clock_offset_us');
  const ms = pick(r, 'clockOffsetMs', 'clock_offset_ms') ?? (us != null ? us / 1000 : null);
  if (ms == null) return '—';
  const text = `${ms > 0 ? '+' : ''}${Math.round(ms)} ms`;
  return Math.abs(ms) > 2000 ? h('span', { class: 'overdue' }, text, ' ', badge('overdue', t('term.offsetLarge'))) : text;
}

function tokenBox(name, res) {
  const token = pick(res, 'token', 'provisioningToken', 'provisioning_token');
  const expires = pick(res, 'tokenExpiresAt', 'expiresAt');
  return h('div', { class: 'alert ok', role: 'status' },
    h('p', {}, `${name ? `${name} · ` : ''}${t('term.tokenOnce')}`), h('code', { class: 'token' }, token ?? ''),
    expires ? h('p', {}, `${t('term.expires')} ${time.dateTime(expires)}`) : null);
}

export async function terminalsView(root) {
  const slot = h('div', { class: 'slot' });
  const tokenSlot = h('div', { class: 'slot', 'aria-live': 'polite' });
  let posts = [];
  try { posts = items(await E.posts()); } catch { /* none yet */ }
  const postName = new Map(posts.map((p) => [String(p.id), p.name]));
  const showToken = (name, res) => { replace(tokenSlot, tokenBox(name, res)); tokenSlot.scrollIntoView?.({ block: 'nearest' }); };
  const reload = () => load(slot, E.terminals, (d) => table([
    { label: t('common.name'), value: (r) => r.name ?? `#${r.id}` },
    { label: t('people.post'), value: (r) => postName.get(String(pick(r, 'postId', 'post_id'))) ?? '' },
    { label: t('term.status'), value: (r) => badge(terminalState(r)) },
    { label: t('term.lastSeen'), value: (r) => time.dateTime(pick(r, 'lastSeenAt', 'last_seen_at', 'lastSeen')) || '—' },
    { label: t('term.backlog'), value: (r) => String(pick(r, 'backlog', 'pendingPunches', 'pending_punches') ?? '—'), class: 'num' },
    { label: t('term.offset'), value: offsetText, class: 'num' },
    { label: t('term.version'), value: (r) => pick(r, 'softwareVersion', 'software_version') || '—' },
    { label: '', value: (r) => terminalActions(r, reload, showToken) },
  ], items(d).sort((a, b) => Number(a.id) - Number(b.id)), { empty: t('term.none') }));
  const err = h('div');
  const submit = h('button', { type: 'submit', class: 'primary' }, t('term.provision'));
  const form = h('form', { class: 'form-grid', novalidate: true },
    field(t('common.name'), h('input', { name: 'name', required: true })),
    field(t('people.post'), select('postId', [['', '—'], ...posts.map((p) => [p.id, p.name])], posts[0]?.id ?? '')),
    err, h('div', { class: 'actions span-all' }, submit));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = formData(form);
    if (!v.name.trim()) { replace(err, h('p', { class: 'alert error', role: 'alert' }, t('term.nameRequired'))); return; }
    busy(submit, async () => {
      const res = await E.provisionTerminal({ name: v.name.trim(), postId: v.postId ? Number(v.postId) : null });
      showToken(v.name.trim(), res);
      form.reset();
      reload();
    }, err);
  });
  replace(root, page(t('nav.terminals'), null, card(null, slot), card(t('term.provision'), h('p', { class: 'muted' }, t('term.provisionHint')), form, tokenSlot)));
  await reload();
}

function terminalActions(r, reload, showToken) {
  const state = terminalState(r);
  if (state === 'revoked') return '';
  const out = [];
  if (state === 'awaiting_provisioning') {
    const again = h('button', { type: 'button', class: 'secondary small' }, t('term.newToken'));
    again.addEventListener('click', () => busy(again, async () => { showToken(r.name, await E.newTerminalToken(r.id)); reload(); }));
    out.push(again);
  }
  out.push(revokeButton(r, reload));
  return h('div', { class: 'row-actions' }, out);
}

function revokeButton(r, reload) {
  const b = h('button', { type: 'button', class: 'danger small' }, t('term.revoke'));
  b.addEventListener('click', async () => {
    const reason = await askReason({ title: `${t('term.revoke')}: ${r.name ?? r.id}`, confirmLabel: t('term.revoke'), danger: true });
    if (reason === null) return;
    await busy(b, async () => { await E.revokeTerminal(r.id, reason); notify(t('term.revoked')); reload(); });
  });
  return b;
}

const ROLE_LIST = ['staff', 'approver', 'hr', 'inspector', 'admin'];

export async function accountsView(root) {
  const slot = h('div', { class: 'slot' });
  let people = [];
  try { people = items(await E.employees({})); } catch { /* shown as numbers */ }
  const personOf = new Map(people.map((p) => [String(p.id), p]));
  const reload = () => load(slot, E.accounts, (d) => table([
    { label: t('login.username'), value: (a) => a.username ?? a.name },
    { label: t('common.person'), value: (a) => { const p = personOf.get(String(a.employeeId)); return p ? `${p.name} (${p.number})` : (a.employeeId ? `#${a.employeeId}` : ''); } },
    { label: t('people.roles'), value: (a) => roleEditor(a, reload) },
    { label: t('common.state'), value: (a) => badge(a.active === false ? 'revoked' : 'active', a.active === false ? t('account.disabled') : t('account.enabled')) },
    { label: '', value: (a) => toggleButton(a, reload) },
  ], items(d), { empty: t('common.empty') }));
  const err = h('div');
  const submit = h('button', { type: 'submit', class: 'primary' }, t('account.add'));
  const form = h('form', { class: 'form-grid', novalidate: true },
    field(t('login.username'), h('input', { name: 'username', required: true, autocomplete: 'off' })),
    field(t('login.password'), h('input', { name: 'password', type: 'password', required: true, autocomplete: 'new-password', minlength: 10 }), t('account.passwordHint')),
    field(t('account.employee'), select('employeeId', [['', '—'], ...people.map((p) => [p.id, `${p.name} (${p.number})`])], ''), t('account.employeeHint')),
    field(t('people.roles'), select('roles', ROLE_LIST.map((r) => [r, t(`role.${r}`)]), 'staff', { multiple: true, size: 5 })),
    err, h('div', { class: 'actions span-all' }, submit));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = formData(form);
    busy(submit, async () => {
      await E.createAccount({ username: v.username, password: v.password, employeeId: v.employeeId ? Number(v.employeeId) : null, roles: v.roles.length ? v.roles : ['staff'] });
      notify(t('common.saved'));
      form.reset();
      reload();
    }, err);
  });
  replace(root, page(t('nav.accounts'), null, card(null, slot), h('details', { class: 'card' }, h('summary', {}, t('account.add')), form)));
  await reload();
}

function roleEditor(a, reload) {
  const roles = Array.isArray(a.roles) ? a.roles : String(a.roles ?? '').split(',').filter(Boolean);
  const group = h('fieldset', { class: 'roles-edit' }, h('legend', { class: 'sr-only' }, `${t('people.roles')} ${a.username}`),
    ROLE_LIST.map((r) => h('label', { class: 'check' }, h('input', { type: 'checkbox', value: r, checked: roles.includes(r) }), t(`role.${r}`))));
  const save = h('button', { type: 'button', class: 'secondary small' }, t('common.save'));
  save.addEventListener('click', () => busy(save, async () => {
    const chosen = [...group.querySelectorAll('input:checked')].map((x) => x.value);
    await E.updateAccount(a.id, { roles: chosen });
    notify(t('common.saved'));
    reload();
  }));
  return h('div', { class: 'role-cell' }, group, save);
}

function toggleButton(a, reload) {
  const disabled = a.active === false;
  const b = h('button', { type: 'button', class: disabled ? 'secondary small' : 'danger small' }, disabled ? t('account.enable') : t('account.disable'));
  b.addEventListener('click', () => busy(b, async () => { await E.updateAccount(a.id, { active: disabled }); notify(t('common.saved')); reload(); }));
  return b;
}

export async function auditView(root) {
  const q = currentQuery();
  const slot = h('div', { class: 'slot' });
  const verifySlot = h('div', { class: 'slot', 'aria-live': 'polite' });
  const verify = h('button', { type: 'button', class: 'primary' }, t('audit.verify'));
  verify.addEventListener('click', () => busy(verify, async () => {
    const res = await E.verifyAudit();
    const ok = res?.ok === true;
    const n = pick(res, 'entriesChecked', 'entries') ?? '';
    replace(verifySlot, ok
      ? h('p', { class: 'alert ok', role: 'status' }, t('audit.chainOk', { n }))
      : h('p', { class: 'alert error', role: 'alert' }, t('audit.chainBroken', { id: pick(res, 'firstBroken', 'first_broken', 'brokenAt') ?? '?' }), ' ', res?.reason ?? ''));
  }, verifySlot));
  const actor = h('input', { name: 'actor', value: q.get('actor') || '', 'aria-label': t('audit.actor'), placeholder: t('audit.actor') });
  const action = h('input', { name: 'action', value: q.get('action') || '', 'aria-label': t('audit.action'), placeholder: t('audit.action') });
  const filters = h('form', { class: 'filters', role: 'search' }, actor, action, h('button', { type: 'submit', class: 'secondary' }, t('common.show')));
  filters.addEventListener('submit', (ev) => { ev.preventDefault(); go(`/audit?actor=${encodeURIComponent(actor.value)}&action=${encodeURIComponent(action.value)}`); });
  replace(root, page(t('nav.audit'), [verify], verifySlot, filters, card(null, slot)));
  await load(slot, () => E.audit({ actor: q.get('actor'), action: q.get('action'), limit: 200 }), (d) => table([
    { label: '#', value: (e) => String(pick(e, 'seq', 'id') ?? ''), class: 'num' },
    { label: t('common.time'), value: (e) => time.dateTime(pick(e, 'at', 'time', 'atUs')) },
    { label: t('audit.actor'), value: (e) => pick(e, 'actorName', 'actor_name', 'actor', 'user') ?? '' },
    { label: t('audit.action'), value: (e) => pick(e, 'action', 'what') ?? '' },
    { label: t('audit.target'), value: (e) => pick(e, 'target', 'subject', 'entity') ?? '' },
    { label: t('audit.change'), value: (e) => changeCell(e) },
    { label: t('audit.hash'), value: (e) => h('code', { class: 'hash' }, String(pick(e, 'hash') ?? '').slice(0, 12)) },
  ], items(d), { empty: t('common.empty') }));
}

function changeCell(e) {
  const before = e.before ?? null;
  const after = e.after ?? e.details ?? null;
  if (before == null && after == null) return '';
  const show = (v) => (typeof v === 'string' ? v : JSON.stringify(v));
  return h('details', {}, h('summary', {}, t('audit.show')),
    before != null ? h('pre', { class: 'json' }, `- ${show(before)}`) : null,
    after != null ? h('pre', { class: 'json' }, `+ ${show(after)}`) : null);
}
