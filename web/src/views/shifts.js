// HR and admin: shifts. A shift is fixed (one segment in the day), night (ends the next day;
// the day is the start's), split (two segments) or flexible (core hours and a required
// length). Times on the wire are "HH:MM", "HH:MM+1" (next day) or "HH:MM-1".
import { h, replace, field, select, formData } from '../dom.js';
import { t } from '../i18n.js';
import { items } from '../api.js';
import { E } from '../endpoints.js';
import { page, card, table, notify, busy, load } from '../ui.js';
import { minutesText } from './common.js';
import { importPanel } from './importer.js';

const KINDS = ['fixed', 'night', 'split', 'flexible'];

/** "06:00+1" -> "次日 06:00" */
export function clockText(c) {
  if (!c) return '';
  const m = /^(\d\d:\d\d)([+-]1)?$/.exec(String(c));
  if (!m) return String(c);
  if (m[2] === '+1') return t('shift.nextDay', { time: m[1] });
  if (m[2] === '-1') return t('shift.prevDay', { time: m[1] });
  return m[1];
}

const bare = (c) => String(c ?? '').slice(0, 5);

export function shiftTimes(s) {
  if (s.kind === 'flexible' && s.core) {
    return t('shift.coreText', { from: clockText(s.core.start), to: clockText(s.core.end), need: minutesText(s.core.requiredMinutes) });
  }
  const segs = s.segments ?? (s.start ? [{ start: s.start, end: s.end }] : []);
  return segs.map((g) => `${clockText(g.start)}–${clockText(g.end)}`).join(' · ');
}

/** The body of POST/PUT /shifts from the form's values; an Error names what is missing. */
function shiftBody(v) {
  const body = { name: v.name, kind: v.kind, lateGraceMinutes: Number(v.lateGraceMinutes || 0), earlyGraceMinutes: Number(v.earlyGraceMinutes || 0) };
  if (v.overtimeAfterMinutes !== '') body.overtimeAfterMinutes = Number(v.overtimeAfterMinutes);
  const need = (...keys) => { for (const k of keys) if (!v[k]) throw new Error(t('shift.timesRequired')); };
  if (v.kind === 'flexible') {
    need('coreStart', 'coreEnd');
    body.core = { start: v.coreStart, end: v.coreEnd, requiredMinutes: Number(v.requiredMinutes || 480) };
  } else if (v.kind === 'split') {
    need('s1Start', 's1End', 's2Start', 's2End');
    body.segments = [{ start: v.s1Start, end: v.s1End }, { start: v.s2Start, end: v.s2End }];
  } else {
    need('start', 'end');
    // A night shift ends the next day; so does any shift whose end is not after its start.
    const nextDay = v.kind === 'night' || v.end <= v.start;
    body.segments = [{ start: v.start, end: nextDay && v.end <= v.start ? `${v.end}+1` : v.end }];
  }
  return body;
}

export async function shiftsView(root) {
  const slot = h('div', { class: 'slot' });
  const editor = shiftEditor(() => reload());
  const reload = () => load(slot, E.shifts, (d) => table([
    { label: t('common.name'), value: (r) => r.name ?? '' },
    { label: t('shift.kind'), value: (r) => t(`shift.kindName.${r.kind ?? 'fixed'}`, {}, r.kind ?? '') },
    { label: t('shift.times'), value: shiftTimes },
    { label: t('shift.graceShort'), value: (r) => t('shift.graceText', { late: r.lateGraceMinutes ?? 0, early: r.earlyGraceMinutes ?? 0 }) },
    { label: t('shift.overtime'), value: (r) => (r.overtimeAfterMinutes == null ? '—' : t('shift.overtimeText', { n: r.overtimeAfterMinutes })) },
    { label: t('shift.scheduled'), value: (r) => minutesText(r.scheduledMinutes ?? 0), class: 'num' },
    { label: '', value: (r) => h('button', { type: 'button', class: 'secondary small', onClick: () => editor.edit(r), 'aria-label': `${t('common.edit')} ${r.name}` }, t('common.edit')) },
  ], items(d), { empty: t('shift.none') }));
  replace(root, page(t('nav.shifts'), [h('a', { class: 'button secondary', href: '#/roster' }, t('nav.roster'))],
    card(null, slot),
    editor.node,
    h('details', { class: 'card' }, h('summary', {}, t('shift.importTitle')), importPanel({ kind: 'shifts', fixed: true, onDone: () => reload() }))));
  await reload();
}

function shiftEditor(onSaved) {
  let editing = null;
  const time = (name, value = '') => h('input', { type: 'time', name, value });
  const kind = select('kind', KINDS.map((k) => [k, t(`shift.kindName.${k}`)]), 'fixed');
  const groups = {
    single: h('div', { class: 'span-all form-grid nested' },
      field(t('shift.startTime'), time('start', '08:30')), field(t('shift.endTime'), time('end', '17:30'), t('shift.endHint'))),
    split: h('div', { class: 'span-all form-grid nested' },
      field(t('shift.s1Start'), time('s1Start', '08:30')), field(t('shift.s1End'), time('s1End', '12:00')),
      field(t('shift.s2Start'), time('s2Start', '14:00')), field(t('shift.s2End'), time('s2End', '18:00'))),
    flexible: h('div', { class: 'span-all form-grid nested' },
      field(t('shift.coreStart'), time('coreStart', '10:00')), field(t('shift.coreEnd'), time('coreEnd', '15:00')),
      field(t('shift.required'), h('input', { type: 'number', name: 'requiredMinutes', value: '480', min: 0, max: 1440 }))),
  };
  const sync = () => {
    groups.single.hidden = !['fixed', 'night'].includes(kind.value);
    groups.split.hidden = kind.value !== 'split';
    groups.flexible.hidden = kind.value !== 'flexible';
  };
  kind.addEventListener('change', sync);
  const err = h('div');
  const title = h('summary', {}, t('shift.add'));
  const submit = h('button', { type: 'submit', class: 'primary' }, t('shift.add'));
  const cancel = h('button', { type: 'button', class: 'secondary', hidden: true }, t('common.cancel'));
  const form = h('form', { class: 'form-grid', novalidate: true },
    field(t('shift.name'), h('input', { name: 'name', required: true, autocomplete: 'off' })),
    field(t('shift.kind'), kind),
    groups.single, groups.split, groups.flexible,
    field(t('shift.grace'), h('input', { type: 'number', name: 'lateGraceMinutes', value: '5', min: 0, max: 120 })),
    field(t('shift.earlyGrace'), h('input', { type: 'number', name: 'earlyGraceMinutes', value: '0', min: 0, max: 120 })),
    field(t('shift.overtimeAfter'), h('input', { type: 'number', name: 'overtimeAfterMinutes', value: '', min: 0, max: 1440 }), t('shift.overtimeHint')),
    err, h('div', { class: 'actions span-all' }, cancel, submit));
  const node = h('details', { class: 'card shift-editor' }, title, form);
  const reset = () => {
    editing = null;
    form.reset();
    sync();
    replace(title, t('shift.add'));
    replace(submit, t('shift.add'));
    cancel.hidden = true;
  };
  cancel.addEventListener('click', reset);
  sync();
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const v = formData(form);
    replace(err);
    if (!v.name) { replace(err, h('p', { class: 'alert error', role: 'alert' }, t('shift.nameRequired'))); return; }
    let body;
    try { body = shiftBody(v); } catch (e) { replace(err, h('p', { class: 'alert error', role: 'alert' }, e.message)); return; }
    busy(submit, async () => {
      if (editing) await E.updateShift(editing.id, body); else await E.createShift(body);
      notify(editing ? t('shift.updated', { name: body.name }) : t('shift.created', { name: body.name }));
      reset();
      node.open = false;
      await onSaved();
    }, err);
  });
  const set = (name, value) => { const el = form.elements.namedItem(name); if (el) el.value = value ?? ''; };
  return {
    node,
    edit(s) {
      reset();
      editing = s;
      set('name', s.name);
      kind.value = s.kind ?? 'fixed';
      const segs = s.segments ?? [];
      if (s.kind === 'split') {
        set('s1Start', bare(segs[0]?.start)); set('s1End', bare(segs[0]?.end));
        set('s2Start', bare(segs[1]?.start)); set('s2End', bare(segs[1]?.end));
      } else if (s.kind === 'flexible' && s.core) {
        set('coreStart', bare(s.core.start)); set('coreEnd', bare(s.core.end)); set('requiredMinutes', s.core.requiredMinutes);
      } else {
        set('start', bare(segs[0]?.start)); set('end', bare(segs[0]?.end));
      }
      set('lateGraceMinutes', s.lateGraceMinutes ?? 0);
      set('earlyGraceMinutes', s.earlyGraceMinutes ?? 0);
      set('overtimeAfterMinutes', s.overtimeAfterMinutes ?? '');
      sync();
      replace(title, t('shift.editTitle', { name: s.name }));
      replace(submit, t('common.save'));
      cancel.hidden = false;
      node.open = true;
      form.elements.namedItem('name').focus();
    },
  };
}
