// Who is logged in, and what they may see. The server decides every permission; the UI only
// hides what would be refused anyway.
import * as api from './api.js';
import { setZone } from './time.js';

export const session = { user: null, org: null };

export const ROLES = ['admin', 'hr', 'approver', 'inspector', 'staff'];

function normalise(user) {
  if (!user) return null;
  const roles = Array.isArray(user.roles) ? user.roles : (user.role ? [user.role] : []);
  return { ...user, roles };
}

export function hasRole(...roles) {
  const mine = session.user?.roles ?? [];
  return roles.some((r) => mine.includes(r));
}

export function isEmployee() {
  return Boolean(session.user?.employeeId ?? session.user?.employee_id ?? session.user?.employee);
}

export function employeeId() {
  const u = session.user;
  return u?.employeeId ?? u?.employee_id ?? u?.employee?.id ?? null;
}

function adopt(payload) {
  const user = payload?.user ?? payload?.account ?? payload;
  session.user = normalise(user);
  const token = payload?.csrfToken ?? payload?.csrf_token ?? payload?.csrf;
  if (token) api.setCsrf(token);
  const zone = payload?.timeZone ?? payload?.time_zone ?? payload?.organisation?.timeZone ?? user?.timeZone;
  if (zone) setZone(zone);
  session.org = payload?.organisation ?? payload?.organization ?? session.org;
}

/** Restores a session from the cookie; false when there is none. */
export async function restore() {
  try {
    adopt(await api.get('/session', undefined, { quiet401: true }));
    return Boolean(session.user);
  } catch (err) {
    if (err.status === 401 || err.status === 404) return false;
    throw err;
  }
}

export async function login(username, password) {
  adopt(await api.post('/session', { username, password }, { quiet401: true }));
}

export async function logout() {
  try { await api.del('/session', { quiet401: true }); } catch { /* already gone */ }
  session.user = null;
  api.setCsrf('');
}

/** The organisation's settings (time zone) when the server offers them. */
export async function loadOrganisation() {
  try {
    const org = await api.get('/organisation', undefined, { quiet401: true });
    session.org = org;
    if (org?.timeZone || org?.time_zone) setZone(org.timeZone || org.time_zone);
  } catch { /* optional */ }
}
