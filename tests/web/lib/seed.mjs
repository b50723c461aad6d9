// Sets up a small organisation through the public API, as HR and an administrator would:
// two departments, posts, a shift, people with accounts for every role, a roster.
import { ApiClient } from './server.mjs';

export const PASSWORD = 'correct horse battery 9';
export const ADMIN = { username: 'admin', password: 'rollcall-admin-pw-1' };

function localToday(zone = 'Asia/Shanghai') {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date()).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

function nextWorkday(ymd) {
  const d = new Date(`${ymd}T00:00:00Z`);
  do d.setUTCDate(d.getUTCDate() + 1); while ([0, 6].includes(d.getUTCDay()));
  return d.toISOString().slice(0, 10);
}

export async function seed(base) {
  const admin = new ApiClient(base);
  const login = await admin.post('/session', { username: ADMIN.username, password: ADMIN.password });
  admin.csrf = login.csrfToken;

  const office = await admin.post('/departments', { code: 'OFF', name: '办公室' });
  const field = await admin.post('/departments', { code: 'FLD', name: '执法大队' });
  const desk = await admin.post('/posts', { code: 'DESK', name: '前台', departmentId: office.id });
  const gate = await admin.post('/posts', { code: 'GATE', name: '门岗', departmentId: field.id });

  const people = [
    { key: 'staff', number: 'E001', name: '张伟', departmentId: office.id, postId: desk.id, roles: ['staff'] },
    { key: 'staff2', number: 'E002', name: '李娜', departmentId: office.id, postId: desk.id, roles: ['staff'] },
    { key: 'staff3', number: 'E003', name: '王强', departmentId: field.id, postId: gate.id, roles: ['staff'] },
    { key: 'approver', number: 'E010', name: '刘主任', departmentId: office.id, postId: desk.id, roles: ['staff', 'approver'], departmentHead: true },
    { key: 'hr', number: 'E020', name: '陈人事', departmentId: office.id, postId: desk.id, roles: ['staff', 'hr'] },
    { key: 'inspector', number: 'E030', name: '赵督查', departmentId: field.id, postId: gate.id, roles: ['inspector'] },
  ];
  const org = { admin: { username: ADMIN.username }, office, field, desk, gate };
  for (const p of people) {
    const e = await admin.post('/employees', { number: p.number, name: p.name, departmentId: p.departmentId, postId: p.postId, roles: p.roles, departmentHead: Boolean(p.departmentHead) });
    const username = p.key === 'staff' ? 'zhangwei' : p.key;
    await admin.post('/accounts', { username, password: PASSWORD, employeeId: e.id, roles: p.roles });
    org[p.key] = { id: e.id, name: p.name, username };
  }

  // Schedules and leave types: set up when the API offers them; what is missing is listed.
  org.missing = [];
  const optional = async (what, fn) => {
    try { return await fn(); } catch (err) {
      if (err.status === 404 || err.status === 405 || err.notJson) { org.missing.push(what); return null; }
      throw err;
    }
  };
  const today = localToday();
  org.today = today;
  // Shifts and the roster are made by HR in the browser (the suite's schedule journeys).
  await optional('POST /api/v1/leave/types', () => admin.post('/leave/types', { code: 'annual', name: '年休假', unit: 'half_day', yearlyQuotaMinutes: 5 * 480 }));
  // Routes the journeys use, probed so that a journey can say which one is missing.
  for (const route of ['/leave', '/corrections', '/attendance/days', '/attendance/month', '/spotchecks', '/findings', '/cases', '/warnings', '/leave/types', '/leave/policy', '/leave/balances', '/shifts', '/roster', '/calendar']) {
    await optional(`GET /api/v1${route}`, () => admin.get(route).catch((err) => { if (err.status === 403 || err.status === 400) return null; throw err; }));
  }
  // A calendar for this year: two bad lines (a weekday make-up day, an unknown kind), then a good
  // file with National Day and the Saturday after it as a make-up workday (调休).
  const year = Number(today.slice(0, 4));
  let makeup = `${year}-10-08`;
  while (new Date(`${makeup}T00:00:00Z`).getUTCDay() !== 6) makeup = new Date(Date.parse(`${makeup}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);
  org.calendar = {
    year, makeup,
    bad: ['date,kind,name', `${year}-10-01..${year}-10-07,holiday,国庆节`, `${year}-10-08,workday,国庆调休`, `${year}-10-09,feast,节日`].join('\n'),
    good: ['date,kind,name', `${year}-10-01..${year}-10-07,holiday,国庆节`, `${makeup},workday,国庆调休`].join('\n'),
  };
  org.officePeople = people.filter((p) => p.departmentId === office.id).map((p) => p.name);
  org.leaveType = 'annual';
  org.leaveDay = nextWorkday(today);
  // A second request, from 李娜, for the approver to reject from the keyboard.
  const staff2 = new ApiClient(base);
  staff2.csrf = (await staff2.post('/session', { username: org.staff2.username, password: PASSWORD })).csrfToken;
  org.staff2.leave = await optional('POST /api/v1/leave', () => staff2.post('/leave', { type: org.leaveType, start: org.leaveDay, end: org.leaveDay, reason: '孩子生病' }));
  org.badEmployeesCsv = ['number,name,department,post,roles', 'E100,孙丽,OFF,DESK,staff', ',无工号,OFF,DESK,staff', 'E101,周杰,NOPE,DESK,staff', 'E102,吴敏,OFF,DESK,wizard'].join('\n');
  return org;
}
