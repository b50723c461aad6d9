// Boots the UI: restores the session, draws the shell (header, role-filtered navigation,
// language switch) and renders the page named by the URL hash.
import { h, replace } from './dom.js';
import * as api from './api.js';
import { t, getLang, setLang, onLangChange } from './i18n.js';
import { route, fallback, resolve, go, currentPath } from './router.js';
import { session, hasRole, restore, logout } from './session.js';
import { errorBox } from './ui.js';
import { loginView } from './views/login.js';
import { forbiddenView, notFoundView } from './views/errors.js';

// Each area's code is loaded the first time one of its pages is shown, so the log-in page and a
// role's home fetch and parse only what they use.
const lazy = (load, name) => async (...args) => (await load())[name](...args);
const staff = () => import('./views/staff.js');
const sheets = () => import('./views/sheets.js');
const manage = () => import('./views/manage.js');
const checks = () => import('./views/checks.js');
const admin = () => import('./views/admin.js');
const myMonthView = lazy(staff, 'myMonthView');
const myRequestsView = lazy(staff, 'myRequestsView');
const approvalsView = lazy(() => import('./views/approvals.js'), 'approvalsView');
const daySheetView = lazy(sheets, 'daySheetView');
const monthSheetView = lazy(sheets, 'monthSheetView');
const printMonthView = lazy(sheets, 'printMonthView');
const peopleView = lazy(manage, 'peopleView');
const departmentsView = lazy(manage, 'departmentsView');
const shiftsView = lazy(() => import('./views/shifts.js'), 'shiftsView');
const rosterView = lazy(() => import('./views/roster.js'), 'rosterView');
const calendarView = lazy(() => import('./views/calendar.js'), 'calendarView');
const leaveTypesView = lazy(() => import('./views/leaveTypes.js'), 'leaveTypesView');
const importView = lazy(() => import('./views/importer.js'), 'importView');
const checksView = lazy(checks, 'checksView');
const liveCheckView = lazy(checks, 'liveCheckView');
const findingsView = lazy(checks, 'findingsView');
const casesView = lazy(checks, 'casesView');
const warningsView = lazy(checks, 'warningsView');
const terminalsView = lazy(admin, 'terminalsView');
const accountsView = lazy(admin, 'accountsView');
const auditView = lazy(admin, 'auditView');
const dashboardView = lazy(() => import('./views/dashboard.js'), 'dashboardView');

const ALL = ['admin', 'hr', 'approver', 'inspector', 'staff'];
const MANAGERS = ['hr', 'admin'];

// Navigation in the order people use it; `roles` decides who sees the link and the page.
const NAV = [
  { path: '/dashboard', key: 'nav.dashboard', roles: ['hr', 'admin', 'approver', 'inspector'], view: dashboardView },
  { path: '/my', key: 'nav.myMonth', roles: ALL, needsEmployee: true, view: myMonthView },
  { path: '/my/requests', key: 'nav.myRequests', roles: ALL, needsEmployee: true, view: myRequestsView },
  { path: '/approvals', key: 'nav.approvals', roles: ['approver', 'hr'], view: approvalsView },
  { path: '/sheets/day', key: 'nav.daySheet', roles: ['approver', 'hr', 'admin'], view: daySheetView },
  { path: '/sheets/month', key: 'nav.monthSheet', roles: ['approver', 'hr', 'admin'], view: monthSheetView },
  { path: '/people', key: 'nav.people', roles: MANAGERS, view: peopleView },
  { path: '/departments', key: 'nav.departments', roles: MANAGERS, view: departmentsView },
  { path: '/shifts', key: 'nav.shifts', roles: MANAGERS, view: shiftsView },
  { path: '/roster', key: 'nav.roster', roles: MANAGERS, view: rosterView },
  { path: '/calendar', key: 'nav.calendar', roles: MANAGERS, view: calendarView },
  { path: '/leave-types', key: 'nav.leaveTypes', roles: MANAGERS, view: leaveTypesView },
  { path: '/import', key: 'nav.import', roles: MANAGERS, view: importView },
  { path: '/checks', key: 'nav.checks', roles: ['inspector', 'hr', 'admin'], view: checksView },
  { path: '/findings', key: 'nav.findings', roles: ['inspector', 'hr', 'admin'], view: findingsView },
  { path: '/cases', key: 'nav.cases', roles: ['inspector', 'hr', 'admin'], view: casesView },
  { path: '/warnings', key: 'nav.warnings', roles: ALL, view: warningsView },
  { path: '/terminals', key: 'nav.terminals', roles: ['admin'], view: terminalsView },
  { path: '/accounts', key: 'nav.accounts', roles: ['admin'], view: accountsView },
  { path: '/audit', key: 'nav.audit', roles: ['admin'], view: auditView },
];

for (const item of NAV) route(item.path, item);
route('/checks/:id', { roles: ['inspector', 'hr', 'admin'], view: liveCheckView, navPath: '/checks' });
route('/print/month', { roles: ['approver', 'hr', 'admin'], view: printMonthView, bare: true });
route('/login', { public: true, view: loginView, bare: true });
route('/forbidden', { roles: ALL, view: forbiddenView });
fallback({ roles: ALL, view: notFoundView });

function allowed(def) {
  if (def.public) return true;
  if (!session.user) return false;
  if (def.roles && !hasRole(...def.roles)) return false;
  return true;
}

/** Where each role starts. */
export function homePath() {
  if (hasRole('hr', 'admin')) return '/dashboard';
  if (hasRole('approver')) return '/approvals';
  if (hasRole('inspector')) return '/checks';
  return '/my';
}

const root = document.getElementById('app');
let renderToken = 0;

function navLinks(active) {
  return NAV.filter((n) => allowed(n) && (!n.needsEmployee || session.user?.employeeId))
    .map((n) => h('li', {}, h('a', { href: `#${n.path}`, 'aria-current': n.path === active ? 'page' : null }, t(n.key))));
}

function shell(active, content) {
  const nav = h('nav', { id: 'nav', class: 'nav', 'aria-label': t('nav.label') }, h('ul', {}, navLinks(active)));
  const toggle = h('button', {
    type: 'button', class: 'nav-toggle', 'aria-controls': 'nav', 'aria-expanded': 'false',
    onClick: () => {
      const open = document.body.classList.toggle('nav-open');
      toggle.setAttribute('aria-expanded', String(open));
    },
  }, t('nav.menu'));
  const user = session.user;
  return [
    h('a', { class: 'skip', href: '#main-content', onClick: (e) => { e.preventDefault(); document.getElementById('main-content')?.focus(); } }, t('nav.skip')),
    h('header', { class: 'topbar' },
      toggle,
      h('a', { class: 'brand', href: `#${homePath()}` }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '◉'), t('app.name')),
      h('div', { class: 'topbar-right' },
        langButton(),
        h('span', { class: 'who' }, user?.employeeName || user?.name || user?.username || '', ' ',
          h('span', { class: 'roles' }, (user?.roles || []).map((r) => t(`role.${r}`)).join(' · '))),
        h('button', { type: 'button', class: 'secondary small', onClick: async () => { await logout(); go('/login'); } }, t('nav.logout')))),
    h('div', { class: 'layout' }, nav, h('main', { id: 'main-content', tabindex: '-1' }, content)),
  ];
}

function langButton() {
  const other = getLang() === 'zh' ? 'en' : 'zh';
  return h('button', {
    type: 'button', class: 'secondary small lang', lang: other,
    'aria-label': t('nav.switchLanguage'),
    onClick: () => setLang(other),
  }, other === 'en' ? 'English' : '中文');
}

export { langButton };

async function render() {
  const token = ++renderToken;
  const path = currentPath();
  if (path === '/' || path === '') { go(session.user ? homePath() : '/login'); return; }
  const def = resolve(path);
  if (!def.public && !session.user) { go('/login'); return; }
  if (path === '/login' && session.user) { go(homePath()); return; }
  document.body.classList.remove('nav-open');
  const content = h('div', { class: 'content' });
  const view = allowed(def) ? def.view : forbiddenView;
  document.body.classList.toggle('bare', Boolean(def.bare));
  if (def.bare) replace(root, content);
  else replace(root, ...shell(def.navPath || def.path || path, content));
  try {
    await view(content, def.params, { isCurrent: () => token === renderToken, homePath });
  } catch (err) {
    if (token === renderToken) replace(content, errorBox(err));
  }
  if (token !== renderToken) return;
  const title = content.querySelector('h1');
  document.title = `${title ? `${title.textContent} · ` : ''}${t('app.name')}`;
  if (title && !def.public) title.focus({ preventScroll: true });
  document.body.dataset.readyAt = String(Math.round(performance.now()));
  document.body.dataset.ready = path;
}

api.whenUnauthorized(() => {
  session.user = null;
  if (currentPath() !== '/login') go('/login');
});

window.addEventListener('hashchange', () => { render(); });
onLangChange(() => { document.documentElement.lang = getLang() === 'zh' ? 'zh-CN' : 'en'; render(); });

async function boot() {
  document.documentElement.lang = getLang() === 'zh' ? 'zh-CN' : 'en';
  try {
    await restore();
  } catch (err) {
    replace(root, errorBox(err));
    return;
  }
  await render();
}

boot();
