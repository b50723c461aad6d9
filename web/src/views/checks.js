// Inspectors: plan a spot check (now or at a secret random moment), recurring plans, watch a
// check fill in live, rule on findings, follow cases, publish the warning list.
import { h, replace, field, select, formData } from '../dom.js';
import { t } from '../i18n.js';
import * as time from '../time.js';
import { items } from '../api.js';
import { E } from '../endpoints.js';
import { page, card, badge, table, notify, busy, load, askReason, empty, errorBox } from '../ui.js';
import { go, currentPath } from '../router.js';
import { personName, pick, peopleIndex, withPeople } from './common.js';
import { departmentOptions } from './sheets.js';
import { hasRole } from '../session.js';

async function postOptions() {
  try { return items(await E.posts()).map((p) => [p.id, p.name]); } catch { return []; }
}

function checkState(c) { return pick(c, 'state', 'status') ?? 'planned'; }

// An open check is shown as running: 'open' reads as a case word elsewhere.
function stateBadge(c) { const st = checkState(c); return badge(st === 'open' ? 'running' : st); }

// GET /spotchecks/{id} is the check with its report ({live, results, tally, offlineTerminals})
// once it has opened; older shapes carried the report's fields at the top level.
function reportOf(c) { return c.report ?? c; }

function tallyOf(c) {
  const tl = reportOf(c).tally ?? c.tally ?? c.counts ?? {};
  return {
    present: pick(tl, 'present') ?? 0,
    excused: pick(tl, 'excused') ?? 0,
    absent: (pick(tl, 'absent') ?? 0),
    away: (pick(tl, 'awayFromPost', 'away_from_post') ?? 0),
    method: (pick(tl, 'methodNotMet', 'method_not_met') ?? 0),
  };
}

function scopeText(c) {
  const s = c.scope;
  if (!s || s === 'everyone' || s.kind === 'everyone') return t('check.everyone');
  if (typeof s === 'string') return s;
  const ids = s.posts ?? s.departments ?? [];
  const known = s.kind === 'posts' ? scopeNames.posts : scopeNames.departments;
  return `${t(`check.scope.${s.kind}`, {}, s.kind)}: ${ids.map((x) => x.name ?? known.get(String(x)) ?? `#${x}`).join(', ')}`;
}

// Department and post names for scopes, which the server gives as ids.
const scopeNames = { departments: new Map(), posts: new Map() };
async function loadScopeNames() {
  const [depts, posts] = await Promise.all([departmentOptions(), postOptions()]);
  scopeNames.departments = new Map(depts.map(([id, name]) => [String(id), name]));
  scopeNames.posts = new Map(posts.map(([id, name]) => [String(id), name]));
  return [depts, posts];
}

export async function checksView(root) {
  const [depts, posts] = await loadScopeNames();
  const listSlot = h('div', { class: 'slot' });
  const planSlot = h('div', { class: 'slot' });
  const reload = () => Promise.all([
    load(listSlot, () => E.checks({}), (d) => table([
      { label: '#', value: (c) => h('a', { href: `#/checks/${c.id}` }, `#${c.id}`) },
      { label: t('check.scopeLabel'), value: scopeText },
      { label: t('common.state'), value: stateBadge },
      { label: t('check.firedAt'), value: (c) => time.dateTime(pick(c, 'openedAt', 'opened_at', 'firedAt', 'fired_at', 'opensAt', 'opens_at')) || t('check.secret') },
      { label: t('check.window'), value: (c) => t('unit.minutes', { n: pick(c, 'windowMinutes', 'window_minutes') ?? '' }) },
      { label: t('check.outcome'), value: (c) => { const x = tallyOf(c); return `${x.present} / ${x.excused} / ${x.absent + x.away + x.method}`; } },
    ], items(d).sort((a, b) => Number(b.id) - Number(a.id)), { empty: t('check.none') })),
    load(planSlot, E.plans, (d) => table([
      { label: t('check.scopeLabel'), value: scopeText },
      { label: t('plan.frequency'), value: (p) => t('plan.freqText', { n: pick(p, 'count', 'checksPerPeriod', 'checks_per_period') ?? '', period: t(`plan.period.${p.period ?? 'week'}`) }) },
      { label: t('check.window'), value: (p) => t('unit.minutes', { n: pick(p, 'windowMinutes', 'window_minutes') ?? '' }) },
      { label: t('common.state'), value: (p) => badge(p.active === false ? 'closed' : 'active') },
    ], items(d), { empty: t('plan.none') })),
  ]);

  // The plan form: scope, window, method, and when.
  const scopeKind = select('scopeKind', [['everyone', t('check.everyone')], ['departments', t('check.scope.departments')], ['posts', t('check.scope.posts')]], 'everyone');
  const deptSel = select('departments', depts, '', { multiple: true, size: 4 });
  const postSel = select('posts', posts, '', { multiple: true, size: 4 });
  const deptField = field(t('check.scope.departments'), deptSel);
  const postField = field(t('check.scope.posts'), postSel);
  const when = select('when', [['now', t('check.now')], ['random', t('check.random')]], 'now');
  const now = Date.now();
  const fromIn = h('input', { type: 'datetime-local', name: 'from', value: time.instantToWall(now + 5 * 60000) });
  const toIn = h('input', { type: 'datetime-local', name: 'to', value: time.instantToWall(now + 125 * 60000) });
  const rangeFields = h('div', { class: 'span-all form-grid nested' },
    field(t('check.from'), fromIn, t('check.zoneHint', { zone: time.getZone() })), field(t('check.to'), toIn));
  const sync = () => {
    deptField.hidden = scopeKind.value !== 'departments';
    postField.hidden = scopeKind.value !== 'posts';
    rangeFields.hidden = when.value !== 'random';
  };
  scopeKind.addEventListener('change', sync);
  when.addEventListener('change', sync);
  sync();
  const err = h('div');
  const submit = h('button', { type: 'submit', class: 'primary' }, t('check.launch'));
  const form = h('form', { class: 'form-grid', novalidate: true },
    field(t('check.scopeLabel'), scopeKind), deptField, postField,
    field(t('check.windowMinutes'), h('input', { type: 'number', name: 'windowMinutes', value: '10', min: 1, max: 240, required: true })),
    field(t('check.method'), select('method', ['any', 'face', 'fingerprint', 'face+fingerprint'].map((m) => [m, t(`check.methodName.${m}`)]), 'any')),
    field(t('check.when'), when), rangeFields,
    field(t('check.recurring'), select('recurring', [['', t('plan.once')], ['week', t('plan.perWeek')], ['month', t('plan.perMonth')]], '')),
    field(t('plan.count'), h('input', { type: 'number', name: 'count', value: '2', min: 1, max: 50 }), t('plan.countHint')),
    err, h('div', { class: 'actions span-all' }, submit));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = formData(form);
    const scope = v.scopeKind === 'everyone' ? { kind: 'everyone' }
      : { kind: v.scopeKind, [v.scopeKind]: (v.scopeKind === 'posts' ? v.posts : v.departments).map(Number) };
    if (scope.kind !== 'everyone' && !scope[scope.kind].length) { replace(err, h('p', { class: 'alert error', role: 'alert' }, t('check.pickScope'))); return; }
    busy(submit, async () => {
      if (v.recurring) {
        await E.createPlan({ scope, windowMinutes: Number(v.windowMinutes), method: v.method, period: v.recurring, count: Number(v.count) });
        notify(t('plan.saved'));
        reload();
        return;
      }
      const body = { scope, windowMinutes: Number(v.windowMinutes), method: v.method };
      if (v.when === 'random') {
        body.randomFrom = time.wallToInstant(v.from);
        body.randomTo = time.wallToInstant(v.to);
        if (!body.randomFrom || !body.randomTo || body.randomTo <= body.randomFrom) { replace(err, h('p', { class: 'alert error', role: 'alert' }, t('check.badRange'))); return; }
      }
      const created = await E.createCheck(body);
      notify(v.when === 'now' ? t('check.launched') : t('check.planned'));
      if (created?.id && v.when === 'now') go(`/checks/${created.id}`); else reload();
    }, err);
  });
  replace(root, page(t('nav.checks'), null,
    h('div', { class: 'grid two' }, card(t('check.plan'), form), card(t('check.list'), listSlot)),
    card(t('plan.list'), planSlot)));
  await reload();
}

/**
 * The live view: counts and names fill in as verifications arrive. While the window is open
 * nobody is absent yet: those who have not answered are "waiting" and become findings only
 * when the window closes.
 */
export async function liveCheckView(root, params) {
  const id = params.id;
  const head = h('div', { class: 'slot' });
  const counts = h('div', { class: 'counts', 'aria-live': 'polite' });
  const lists = h('div', { class: 'grid four' });
  const offline = h('div', { class: 'slot' });
  const status = h('p', { class: 'live-status muted', role: 'status' });
  replace(root, page(`${t('check.live')} #${id}`, [h('a', { class: 'button secondary', href: '#/checks' }, t('common.back'))],
    head, counts, status, lists, offline));
  const myPath = currentPath();
  const [people] = await Promise.all([peopleIndex(), loadScopeNames()]);
  let stopped = false;
  let source = null;
  const stillHere = () => !stopped && currentPath() === myPath;

  const draw = (c) => {
    const st = checkState(c);
    const rep = reportOf(c);
    const live = rep.live ?? ['open', 'running', 'firing', 'fired'].includes(st);
    const opens = pick(c, 'openedAt', 'opened_at', 'opensAt', 'opens_at', 'firedAt', 'fired_at');
    const closes = pick(c, 'closesAt', 'closes_at');
    replace(head, h('dl', { class: 'facts inline' },
      h('dt', {}, t('common.state')), h('dd', {}, stateBadge(c)),
      h('dt', {}, t('check.scopeLabel')), h('dd', {}, scopeText(c)),
      h('dt', {}, t('check.opens')), h('dd', {}, opens ? time.time(opens) : t('check.secret')),
      h('dt', {}, t('check.closes')), h('dd', {}, closes ? time.time(closes) : '—')));
    const results = withPeople(rep.results ?? c.people ?? [], people);
    const waiting = (r) => !r.outcome || r.outcome === 'pending' || (live && r.outcome === 'absent');
    const group = (pred) => results.filter(pred);
    const present = group((r) => r.outcome === 'present');
    const excused = group((r) => r.outcome === 'excused');
    const pending = group(waiting);
    const findings = group((r) => !waiting(r) && ['absent', 'away_from_post', 'method_not_met'].includes(r.outcome));
    replace(counts,
      countBox('present', t('status.present'), present.length),
      countBox('excused', t('status.excused'), excused.length),
      countBox('absent', t('check.findings'), findings.length),
      countBox('pending', t('check.waiting'), pending.length));
    replace(lists,
      card(t('status.present'), nameList(present, (r) => {
        const a = r.answer ?? {};
        return [time.time(a.at), a.method ? ` · ${t(`method.${a.method}`, {}, a.method)}` : '', a.deliveredLate || a.delivered_late ? ` · ${t('check.deliveredLate')}` : ''];
      }, 'present')),
      card(t('status.excused'), nameList(excused, (r) => pick(r, 'excuseRecord', 'excuse_record', 'excuse') || t(`duty.${r.duty}`, {}, r.duty ?? ''), 'excused')),
      card(t('check.waiting'), nameList(pending, () => (live ? t('check.notAnswered') : ''), 'waiting')),
      card(t('check.findings'), nameList(findings, (r) => [
        t(`status.${r.outcome}`, {}, r.outcome),
        r.lateAnswer || r.late_answer ? ` · ${t('check.lateAnswer')} ${time.time((r.lateAnswer ?? r.late_answer).at)}` : '',
      ], 'findings')));
    const off = rep.offlineTerminals ?? c.offline ?? c.offlineTerminals ?? [];
    replace(offline, off.length ? card(t('check.offline'), h('ul', { class: 'plain' }, off.map((o) => h('li', {},
      `${t('term.terminal')} ${o.name ?? `#${o.terminal ?? o.terminalId ?? ''}`}`,
      o.latePunches || o.late_punches ? ` · ${t('check.latePunches', { n: o.latePunches ?? o.late_punches })}` : '')))) : '');
    replace(status, live ? t('check.liveNow') : st === 'planned' ? t('check.notYet') : t('check.closed'));
    lists.dataset.live = String(Boolean(live));
    return st;
  };

  const refresh = async () => {
    try { return draw(await E.check(id)); } catch (err) { replace(head, errorBox(err)); return 'error'; }
  };
  const state = await refresh();
  if (['closed', 'finished', 'evaluated', 'cancelled', 'error'].includes(state)) return;

  // Server-sent events when the server offers them, polling otherwise.
  if ('EventSource' in window) {
    source = new EventSource(E.checkEventsUrl(id));
    source.onmessage = (ev) => {
      if (!stillHere()) { source.close(); return; }
      try { draw(JSON.parse(ev.data)); } catch { refresh(); }
    };
    source.onerror = () => { source.close(); source = null; };
  }
  const poll = async () => {
    if (!stillHere()) { stopped = true; source?.close(); return; }
    if (!source) {
      const st = await refresh();
      if (['closed', 'finished', 'evaluated', 'cancelled', 'error'].includes(st)) { stopped = true; return; }
    }
    setTimeout(poll, 1500);
  };
  setTimeout(poll, 1500);
}

function countBox(kind, label, n) {
  return h('div', { class: `count ${kind}` }, h('span', { class: 'n' }, String(n)), h('span', { class: 'label' }, label));
}

function nameList(rows, extra, kind) {
  if (!rows.length) return empty('—');
  return h('ul', { class: 'names', dataset: kind ? { list: kind } : undefined }, rows.map((r) => h('li', {}, h('strong', {}, personName(r)), h('span', { class: 'muted' }, ' ', extra(r)))));
}

export async function findingsView(root) {
  const slot = h('div', { class: 'slot' });
  const reload = () => load(slot, async () => withPeople(items(await E.findings({})), await peopleIndex()), (rows) => table([
    { label: t('common.person'), value: personName },
    { label: t('check.check'), value: (f) => h('a', { href: `#/checks/${pick(f, 'checkId', 'check_id', 'check')}` }, `#${pick(f, 'checkId', 'check_id', 'check') ?? ''}`) },
    { label: t('check.outcome'), value: (f) => badge(f.outcome ?? f.kind ?? 'absent') },
    { label: t('common.time'), value: (f) => time.dateTime(pick(f, 'checkOpenedAt', 'at', 'openedAt', 'createdAt')) },
    { label: t('common.state'), value: (f) => badge(pick(f, 'ruling', 'state') ?? 'unruled') },
    { label: t('common.reason'), value: (f) => pick(f, 'reason', 'rulingReason', 'ruling_reason') ?? '' },
    { label: '', value: (f) => ruleButtons(f, reload) },
  ], rows, { empty: t('finding.none') }));
  replace(root, page(t('nav.findings'), null, card(null, slot)));
  await reload();
}

function ruleButtons(f, reload) {
  const ruled = pick(f, 'ruling', 'state');
  if (ruled && ruled !== 'unruled' && ruled !== 'pending' && ruled !== 'open') return '';
  const confirm = h('button', { type: 'button', class: 'danger small' }, t('finding.confirm'));
  const excuse = h('button', { type: 'button', class: 'secondary small' }, t('finding.excuse'));
  const rule = (ruling, button) => async () => {
    const reason = await askReason({ title: `${t(`finding.${ruling}`)}: ${personName(f)}`, confirmLabel: t(`finding.${ruling}`), danger: ruling === 'confirm' });
    if (reason === null) return;
    await busy(button, async () => { await E.ruleFinding(f.id, { ruling: ruling === 'confirm' ? 'confirmed' : 'excused', reason }); notify(t('finding.ruled')); reload(); });
  };
  confirm.addEventListener('click', rule('confirm', confirm));
  excuse.addEventListener('click', rule('excuse', excuse));
  return h('div', { class: 'row-actions' }, confirm, excuse);
}

export async function casesView(root) {
  const slot = h('div', { class: 'slot' });
  const reload = () => load(slot, async () => withPeople(items(await E.cases({})), await peopleIndex()), (rows) => table([
    { label: '#', value: (c) => `#${c.id}` },
    { label: t('common.person'), value: personName },
    { label: t('case.owner'), value: (c) => pick(c, 'ownerName', 'owner_name', 'owner') ?? '' },
    { label: t('case.deadline'), value: (c) => { const dl = pick(c, 'deadline', 'due'); const late = dl && (c.state ?? 'open') === 'open' && String(dl) < time.today(); return h('span', {}, dl ? time.date(String(dl).slice(0, 10)) : '', late ? [' ', badge('overdue')] : null); } },
    { label: t('common.state'), value: (c) => badge(c.state ?? c.status ?? 'open') },
    { label: t('case.note'), value: (c) => pick(c, 'note', 'resolution', 'summary') ?? '' },
    { label: '', value: (c) => ((c.state ?? c.status ?? 'open') !== 'closed' ? closeButton(c, reload) : '') },
  ], rows, { empty: t('case.none') }));
  replace(root, page(t('nav.cases'), null, card(null, slot)));
  await reload();
}

function closeButton(c, reload) {
  const b = h('button', { type: 'button', class: 'primary small' }, t('case.close'));
  b.addEventListener('click', async () => {
    const note = await askReason({ title: `${t('case.close')} #${c.id}`, label: t('case.resolution'), confirmLabel: t('case.close') });
    if (note === null) return;
    await busy(b, async () => { await E.closeCase(c.id, { resolution: note }); notify(t('common.saved')); reload(); });
  });
  return b;
}

export async function warningsView(root) {
  const slot = h('div', { class: 'slot' });
  const month = time.thisMonth();
  const err = h('div');
  const publish = h('button', { type: 'submit', class: 'primary' }, t('warning.publish'));
  const monthIn = h('input', { type: 'month', name: 'period', value: month });
  const form = h('form', { class: 'filters' }, field(t('common.month'), monthIn), publish, err);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(publish, async () => { await E.publishWarnings({ period: monthIn.value }); notify(t('warning.published')); reload(); }, err);
  });
  const reload = () => load(slot, async () => ({ lists: items(await E.warnings({})), people: await peopleIndex() }), ({ lists, people }) => {
    if (!lists.length) return empty(t('warning.none'));
    return lists.map((w) => card(w.title || `${t('warning.title')} ${w.period ?? `${time.date(w.from)} – ${time.date(w.to)}`}`,
      h('p', { class: 'muted' }, `${t('warning.publishedAt')} ${time.dateTime(pick(w, 'publishedAt', 'published_at'))}`),
      table([
        { label: t('common.person'), value: personName },
        { label: t('common.department'), value: (e) => pick(e, 'departmentName', 'department_name', 'department') ?? '' },
        { label: t('common.date'), value: (e) => time.dateTime(pick(e, 'checkOpenedAt', 'at', 'checkAt', 'opensAt')) },
        { label: t('check.outcome'), value: (e) => t(`status.${e.outcome ?? e.kind}`, {}, e.outcome ?? e.kind ?? '') },
      ], withPeople(w.entries ?? w.items ?? [], people))));
  });
  replace(root, page(t('nav.warnings'), null, hasRole('inspector') ? card(t('warning.publish'), form) : null, h('div', {}, slot)));
  await reload();
}
