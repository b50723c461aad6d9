// Approvers and HR: what waits for me, oldest deadline first, overdue marked; approve or
// reject with a reason in one step.
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import * as time from '../time.js';
import { items } from '../api.js';
import { E } from '../endpoints.js';
import { page, card, badge, table, notify, busy, load, askReason } from '../ui.js';
import { leaveTypeName, minutesText, periodText, personName, pick, peopleIndex, withPeople } from './common.js';

function deadlineOf(r) {
  const step = (r.steps ?? []).find((s) => (s.outcome ?? 'pending') === 'pending');
  return pick(r, 'deadline') ?? step?.deadline ?? null;
}

function deadlineCell(r) {
  const d = deadlineOf(r);
  if (!d) return '';
  const overdue = new Date(d).getTime() < Date.now();
  return h('span', { class: overdue ? 'overdue' : '' }, time.dateTime(d), overdue ? [' ', badge('overdue')] : null);
}

// After a decision the row is gone: keyboard users land on the next request's first button,
// or on the list's heading when nothing is left.
function focusNext(slot) {
  const next = slot.querySelector('tbody button');
  if (next) { next.focus(); return; }
  const heading = slot.closest('section.card')?.querySelector('h2');
  if (heading) { heading.tabIndex = -1; heading.focus(); }
}

function decisionButtons(kind, r, reload) {
  const approve = h('button', { type: 'button', class: 'primary small' }, t('approvals.approve'));
  const reject = h('button', { type: 'button', class: 'danger small' }, t('approvals.reject'));
  const who = `${personName(r)} · ${kind === 'leave' ? `${leaveTypeName(r.type)} ${periodText(r)}` : time.date(r.day ?? r.date)}`;
  approve.addEventListener('click', async () => {
    const reason = await askReason({ title: `${t('approvals.approve')}: ${who}`, label: t('approvals.comment'), confirmLabel: t('approvals.approve'), required: false });
    if (reason === null) return;
    await busy(approve, async () => {
      if (kind === 'leave') await E.approveLeave(r.id, reason); else await E.approveCorrection(r.id, reason);
      notify(t('approvals.approved'));
      await reload();
    });
  });
  reject.addEventListener('click', async () => {
    const reason = await askReason({ title: `${t('approvals.reject')}: ${who}`, confirmLabel: t('approvals.reject'), danger: true });
    if (reason === null) return;
    await busy(reject, async () => {
      if (kind === 'leave') await E.rejectLeave(r.id, reason); else await E.rejectCorrection(r.id, reason);
      notify(t('approvals.rejected'));
      await reload();
    });
  });
  return h('div', { class: 'row-actions' }, approve, reject);
}

export async function approvalsView(root) {
  const leaveSlot = h('div', { class: 'slot' });
  const corrSlot = h('div', { class: 'slot' });
  replace(root, page(t('nav.approvals'), null,
    card(t('approvals.leave'), leaveSlot), card(t('approvals.corrections'), corrSlot)));
  const byDeadline = (a, b) => String(deadlineOf(a) ?? '9').localeCompare(String(deadlineOf(b) ?? '9'));
  const reload = () => Promise.all([
    load(leaveSlot, async () => withPeople(items(await E.leaves({ scope: 'approve' })), await peopleIndex()), (rows) => table([
      { label: t('common.person'), value: (r) => personName(r) },
      { label: t('leave.type'), value: (r) => leaveTypeName(r.type) },
      { label: t('leave.period'), value: (r) => periodText(r) },
      { label: t('leave.amount'), value: (r) => minutesText(pick(r, 'amountMinutes', 'amount_minutes', 'amount')), class: 'num' },
      { label: t('common.reason'), value: (r) => r.reason ?? '' },
      { label: t('approvals.deadline'), value: deadlineCell },
      { label: '', value: (r) => decisionButtons('leave', r, () => reload().then(() => focusNext(leaveSlot))) },
    ], rows.sort(byDeadline), { empty: t('approvals.noneLeave'), rowClass: (r) => (deadlineOf(r) && new Date(deadlineOf(r)) < Date.now() ? 'row-overdue' : null) })),
    load(corrSlot, async () => withPeople(items(await E.corrections({ scope: 'approve', state: 'pending' })), await peopleIndex()), (rows) => table([
      { label: t('common.person'), value: (r) => personName(r) },
      { label: t('corr.day'), value: (r) => time.date(r.day ?? r.date) },
      { label: t('corr.kind'), value: (r) => t(`corr.kindName.${r.kind}`, {}, r.kind ?? '') },
      { label: t('corr.time'), value: (r) => String(r.at ?? '').replace('T', ' ').slice(0, 16) },
      { label: t('common.reason'), value: (r) => r.reason ?? '' },
      { label: '', value: (r) => decisionButtons('correction', r, () => reload().then(() => focusNext(corrSlot))) },
    ], rows, { empty: t('approvals.noneCorr') })),
  ]);
  await reload();
}
