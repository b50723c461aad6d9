// HR and admin: leave types (quota, unit, carry-over) and the leave policy (approval chains by
// type and length, the deadline each approver has, report-back grace, retroactive window).
import { h, replace, field, select, formData } from '../dom.js';
import { t } from '../i18n.js';
import { items } from '../api.js';
import { E } from '../endpoints.js';
import { page, card, table, notify, busy, load } from '../ui.js';
import { leaveTypeName, minutesText } from './common.js';

const UNITS = ['day', 'half_day', 'hour'];
const yesNo = (b) => (b ? t('common.yes') : t('common.no'));

export async function leaveTypesView(root) {
  let policy = null;
  const typesSlot = h('div', { class: 'slot' });
  const policySlot = h('div', { class: 'slot' });
  const workday = () => policy?.workdayMinutes ?? 480;
  const days = (m) => (m == null ? '' : String(Math.round((m / workday()) * 10) / 10));
  const editor = typeEditor(workday, () => reload());
  const reload = async () => {
    try { policy = await E.leavePolicy(); } catch { policy = null; }
    await Promise.all([
      load(typesSlot, async () => (policy?.types ? policy.types : items(await E.leaveTypes())), (list) => table([
        { label: t('common.code'), value: (r) => r.code },
        { label: t('common.name'), value: (r) => leaveTypeName(r.code, r.name) },
        { label: t('ltype.unit'), value: (r) => t(`ltype.unitName.${r.unit ?? 'half_day'}`, {}, r.unit ?? '') },
        { label: t('leave.quota'), value: (r) => (r.yearlyQuotaMinutes == null ? t('leave.noQuota') : minutesText(r.yearlyQuotaMinutes)), class: 'num' },
        { label: t('ltype.carryOver'), value: (r) => minutesText(r.carryOverCapMinutes ?? 0), class: 'num' },
        { label: t('ltype.businessTrip'), value: (r) => yesNo(r.businessTrip) },
        { label: t('ltype.calendarDays'), value: (r) => yesNo(r.countsCalendarDays) },
        { label: '', value: (r) => h('button', { type: 'button', class: 'secondary small', 'aria-label': `${t('common.edit')} ${r.code}`, onClick: () => editor.edit(r, days) }, t('common.edit')) },
      ], list, { empty: t('leave.noBalances') })),
      load(policySlot, async () => policy ?? E.leavePolicy(), (p) => policyView(p, () => reload())),
    ]);
  };
  replace(root, page(t('nav.leaveTypes'), null,
    card(t('ltype.types'), typesSlot, editor.node),
    card(t('ltype.policy'), policySlot)));
  await reload();
}

function typeEditor(workday, onSaved) {
  const err = h('div');
  const title = h('summary', {}, t('ltype.add'));
  const submit = h('button', { type: 'submit', class: 'primary' }, t('common.save'));
  const form = h('form', { class: 'form-grid', novalidate: true },
    field(t('common.code'), h('input', { name: 'code', required: true, pattern: '[a-z_]{1,32}', autocomplete: 'off' }), t('ltype.codeHint')),
    field(t('common.name'), h('input', { name: 'name', required: true })),
    field(t('ltype.unit'), select('unit', UNITS.map((u) => [u, t(`ltype.unitName.${u}`)]), 'half_day')),
    field(t('ltype.quotaDays'), h('input', { type: 'number', name: 'quotaDays', min: 0, step: 0.5 }), t('ltype.quotaHint')),
    field(t('ltype.carryOverDays'), h('input', { type: 'number', name: 'carryDays', min: 0, step: 0.5, value: '0' })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'businessTrip' }), t('ltype.businessTrip')),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'countsCalendarDays' }), t('ltype.calendarDays')),
    err, h('div', { class: 'actions span-all' }, submit));
  const node = h('details', {}, title, form);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = formData(form);
    replace(err);
    if (!/^[a-z_]{1,32}$/.test(v.code) || !v.name) { replace(err, h('p', { class: 'alert error', role: 'alert' }, t('ltype.codeHint'))); return; }
    const body = {
      code: v.code, name: v.name, unit: v.unit,
      yearlyQuotaMinutes: v.quotaDays === '' ? null : Math.round(Number(v.quotaDays) * workday()),
      carryOverCapMinutes: Math.round(Number(v.carryDays || 0) * workday()),
      businessTrip: v.businessTrip, countsCalendarDays: v.countsCalendarDays,
    };
    busy(submit, async () => { await E.saveLeaveType(body); notify(t('common.saved')); form.reset(); node.open = false; replace(title, t('ltype.add')); await onSaved(); }, err);
  });
  const set = (name, value) => { const el = form.elements.namedItem(name); if (el.type === 'checkbox') el.checked = Boolean(value); else el.value = value ?? ''; };
  return {
    node,
    edit(r, days) {
      set('code', r.code); set('name', r.name); set('unit', r.unit ?? 'half_day');
      set('quotaDays', days(r.yearlyQuotaMinutes)); set('carryDays', days(r.carryOverCapMinutes ?? 0));
      set('businessTrip', r.businessTrip); set('countsCalendarDays', r.countsCalendarDays);
      replace(title, t('ltype.editTitle', { code: r.code }));
      node.open = true;
      form.elements.namedItem('name').focus();
    },
  };
}

function policyView(p, onSaved) {
  const chain = (c) => (c ?? []).map((r) => t(`approver.${r}`, {}, r)).join(' → ');
  const range = (r) => (r.upToDays == null ? t('ltype.over', { n: r.overDays ?? 0 }) : t('ltype.range', { from: r.overDays ?? 0, to: r.upToDays }));
  const err = h('div');
  const submit = h('button', { type: 'submit', class: 'primary' }, t('common.save'));
  const num = (name, value, min, max) => h('input', { type: 'number', name, value: String(value ?? ''), min, max });
  const form = h('form', { class: 'form-grid', novalidate: true },
    field(t('ltype.deadlineHours'), num('stepDeadlineHours', p.stepDeadlineHours, 1, 720)),
    field(t('ltype.graceDays'), num('reportBackGraceDays', p.reportBackGraceDays, 0, 30)),
    field(t('ltype.retroDays'), num('retroactiveWindowDays', p.retroactiveWindowDays, 0, 366)),
    field(t('ltype.workdayMinutes'), num('workdayMinutes', p.workdayMinutes, 60, 1440)),
    err, h('div', { class: 'actions span-all' }, submit));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = formData(form);
    const body = Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '').map(([k, x]) => [k, Number(x)]));
    busy(submit, async () => { await E.updateLeavePolicy(body); notify(t('common.saved')); await onSaved(); }, err);
  });
  return [
    h('h3', {}, t('ltype.chains')),
    table([
      { label: t('leave.type'), value: (r) => ((r.types ?? []).length ? r.types.map((c) => leaveTypeName(c)).join('、') : t('ltype.anyType')) },
      { label: t('ltype.length'), value: range },
      { label: t('ltype.chain'), value: (r) => chain(r.chain) },
    ], p.approvalRules ?? [], { empty: t('common.empty') }),
    h('p', { class: 'muted' }, t('ltype.escalation', { role: t(`approver.${p.escalationRole}`, {}, p.escalationRole ?? '') })),
    h('h3', {}, t('ltype.settings')),
    form,
  ];
}
