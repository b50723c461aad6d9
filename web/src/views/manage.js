// HR and admin: people, departments and posts (shifts, roster and calendar have files of their own).
import { h, replace, field, select, formData } from '../dom.js';
import { t } from '../i18n.js';
import * as time from '../time.js';
import { items } from '../api.js';
import { E } from '../endpoints.js';
import { page, card, badge, table, notify, busy, load } from '../ui.js';
import { currentQuery, go } from '../router.js';
import { pick } from './common.js';

async function safeItems(fn) {
  try { return items(await fn()); } catch { return []; }
}

function simpleForm(fields, submitLabel, onSubmit) {
  const err = h('div');
  const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const form = h('form', { class: 'form-grid', novalidate: true }, fields, err, h('div', { class: 'actions span-all' }, submit));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    busy(submit, async () => { await onSubmit(formData(form)); form.reset(); }, err);
  });
  return form;
}

function csvList(text) {
  return String(text || '').split(/[,，\s]+/).map((s) => s.trim()).filter(Boolean);
}

export async function peopleView(root) {
  const q = currentQuery();
  const [depts, posts] = await Promise.all([safeItems(E.departments), safeItems(E.posts)]);
  const deptName = new Map(depts.map((d) => [String(d.id), d.name]));
  const postName = new Map(posts.map((p) => [String(p.id), p.name]));
  const slot = h('div', { class: 'slot' });
  const search = h('input', { type: 'search', name: 'q', value: q.get('q') || '', 'aria-label': t('common.search'), placeholder: t('common.search') });
  const searchForm = h('form', { class: 'filters', role: 'search' }, search, h('button', { type: 'submit', class: 'secondary' }, t('common.search')));
  searchForm.addEventListener('submit', (ev) => { ev.preventDefault(); go(`/people?q=${encodeURIComponent(search.value)}`); });
  const roleOptions = ['staff', 'approver', 'hr', 'inspector', 'admin'];
  const reload = () => load(slot, () => E.employees({ search: q.get('q') || '' }), (d) => table([
    { label: t('people.number'), value: (r) => r.number ?? '' },
    { label: t('common.name'), value: (r) => r.name },
    { label: t('common.department'), value: (r) => deptName.get(String(pick(r, 'departmentId', 'department_id', 'department'))) ?? '' },
    { label: t('people.post'), value: (r) => postName.get(String(pick(r, 'postId', 'post_id', 'post'))) ?? '' },
    { label: t('people.roles'), value: (r) => (Array.isArray(r.roles) ? r.roles : csvList(r.roles)).map((x) => t(`role.${x}`, {}, x)).join(' · ') },
    { label: t('common.state'), value: (r) => badge(r.active === false || r.active === 0 ? 'offboarded' : 'active') },
    { label: '', value: (r) => (r.active === false || r.active === 0 ? '' : offboardButton(r, reload)) },
  ], items(d), { empty: t('people.none') }));
  const form = simpleForm([
    field(t('people.number'), h('input', { name: 'number', required: true })),
    field(t('common.name'), h('input', { name: 'name', required: true })),
    field(t('common.department'), select('departmentId', [['', '—'], ...depts.map((d) => [d.id, d.name])], '')),
    field(t('people.post'), select('postId', [['', '—'], ...posts.map((p) => [p.id, p.name])], '')),
    field(t('people.roles'), select('roles', roleOptions.map((r) => [r, t(`role.${r}`)]), 'staff', { multiple: true, size: 3 })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'departmentHead' }), t('people.departmentHead')),
  ], t('people.add'), async (v) => {
    await E.createEmployee({ number: v.number, name: v.name, departmentId: v.departmentId ? Number(v.departmentId) : null, postId: v.postId ? Number(v.postId) : null, roles: v.roles.length ? v.roles : ['staff'], departmentHead: v.departmentHead });
    notify(t('common.saved'));
    reload();
  });
  const exportBtn = h('button', { type: 'button', class: 'secondary' }, t('sheet.exportCsv'));
  exportBtn.addEventListener('click', () => busy(exportBtn, () => E.exportCsv('employees')));
  replace(root, page(t('nav.people'), [exportBtn, h('a', { class: 'button secondary', href: '#/import?kind=employees' }, t('nav.import'))],
    searchForm, card(null, slot), h('details', { class: 'card' }, h('summary', {}, t('people.add')), form)));
  await reload();
}

function offboardButton(r, reload) {
  const b = h('button', { type: 'button', class: 'secondary small' }, t('people.offboard'));
  b.addEventListener('click', () => busy(b, async () => {
    await E.offboardEmployee(r.id, { on: time.today() });
    notify(t('common.saved'));
    reload();
  }));
  return b;
}

export async function departmentsView(root) {
  const deptSlot = h('div', { class: 'slot' });
  const postSlot = h('div', { class: 'slot' });
  let depts = await safeItems(E.departments);
  const reload = async () => {
    depts = await safeItems(E.departments);
    const names = new Map(depts.map((d) => [String(d.id), d.name]));
    await Promise.all([
      load(deptSlot, async () => depts, (rows) => tree(rows)),
      load(postSlot, E.posts, (d) => table([
        { label: t('common.code'), value: (r) => r.code ?? '' },
        { label: t('common.name'), value: (r) => r.name },
        { label: t('common.department'), value: (r) => names.get(String(pick(r, 'departmentId', 'department_id'))) ?? '' },
      ], items(d))),
    ]);
  };
  const deptOpts = () => [['', '—'], ...depts.map((d) => [d.id, d.name])];
  replace(root, page(t('nav.departments'), null,
    h('div', { class: 'grid two' },
      card(t('dept.tree'), deptSlot, h('details', {}, h('summary', {}, t('dept.add')), simpleForm([
        field(t('common.code'), h('input', { name: 'code', required: true })),
        field(t('common.name'), h('input', { name: 'name', required: true })),
        field(t('dept.parent'), select('parentId', deptOpts(), '')),
      ], t('common.add'), async (v) => { await E.createDepartment({ code: v.code, name: v.name, parentId: v.parentId ? Number(v.parentId) : null }); notify(t('common.saved')); reload(); }))),
      card(t('dept.posts'), postSlot, h('details', {}, h('summary', {}, t('dept.addPost')), simpleForm([
        field(t('common.code'), h('input', { name: 'code', required: true })),
        field(t('common.name'), h('input', { name: 'name', required: true })),
        field(t('common.department'), select('departmentId', deptOpts(), '')),
      ], t('common.add'), async (v) => { await E.createPost({ code: v.code, name: v.name, departmentId: Number(v.departmentId) }); notify(t('common.saved')); reload(); }))))));
  await reload();
}

function tree(depts) {
  const children = new Map();
  for (const d of depts) {
    const p = String(pick(d, 'parentId', 'parent_id') ?? '');
    if (!children.has(p)) children.set(p, []);
    children.get(p).push(d);
  }
  const ids = new Set(depts.map((d) => String(d.id)));
  const branch = (list) => h('ul', { class: 'tree' }, list.map((d) => h('li', {}, `${d.name} (${d.code ?? d.id})`,
    children.has(String(d.id)) ? branch(children.get(String(d.id))) : null)));
  const roots = depts.filter((d) => !ids.has(String(pick(d, 'parentId', 'parent_id') ?? '')));
  return roots.length ? branch(roots) : h('p', { class: 'empty' }, t('common.empty'));
}
