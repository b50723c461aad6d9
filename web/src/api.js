// The only way the UI talks to the server: JSON over /api/v1 with the session cookie
// (HttpOnly, set by the server) and the CSRF token on every state-changing call.
import { t } from './i18n.js';

const BASE = '/api/v1';
const CSRF_KEY = 'rollcall.csrf';

let csrfToken = sessionStorage.getItem(CSRF_KEY) || '';
let onUnauthorized = () => {};

export function setCsrf(token) {
  csrfToken = token || '';
  if (csrfToken) sessionStorage.setItem(CSRF_KEY, csrfToken);
  else sessionStorage.removeItem(CSRF_KEY);
}

export function whenUnauthorized(fn) { onUnauthorized = fn; }

/** An API failure: the server's {error, message, field} with the HTTP status. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `HTTP ${status}`);
    this.status = status;
    this.code = body?.error || `http.${status}`;
    this.field = body?.field ?? null;
    this.details = body?.errors ?? body?.details ?? null;
  }
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export async function request(method, path, body, { raw = false, contentType, quiet401 = false } = {}) {
  const headers = { Accept: raw ? '*/*' : 'application/json' };
  const init = { method, headers, credentials: 'same-origin' };
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrfToken;
  if (body !== undefined) {
    if (typeof body === 'string') {
      headers['Content-Type'] = contentType || 'text/csv; charset=utf-8';
      init.body = body;
    } else {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
  }
  const res = await fetch(BASE + path, init);
  if (!res.ok) {
    let payload = null;
    try { payload = await res.json(); } catch { /* not JSON */ }
    const err = new ApiError(res.status, payload);
    if (res.status === 401 && !quiet401) onUnauthorized(err);
    throw err;
  }
  const type = res.headers.get('Content-Type') || '';
  // The server answers unknown extension-less paths with the UI's index.html: for an API call
  // that means the route does not exist (yet) on this server.
  if (type.includes('text/html')) {
    throw new ApiError(404, { error: 'api.missing', message: `${t('error.noRoute')}: ${method} ${BASE}${path.split('?')[0]}` });
  }
  if (raw) return res;
  if (res.status === 204) return null;
  return type.includes('json') ? res.json() : res.text();
}

export const get = (path, params, opts) => request('GET', path + query(params), undefined, opts);
export const post = (path, body, opts) => request('POST', path, body ?? {}, opts);
export const put = (path, body, opts) => request('PUT', path, body ?? {}, opts);
export const patch = (path, body, opts) => request('PATCH', path, body ?? {}, opts);
export const del = (path, opts) => request('DELETE', path, undefined, opts);

/** Lists come either as a bare array or wrapped as {items: [...]}. */
export function items(result, key = 'items') {
  if (Array.isArray(result)) return result;
  if (result && Array.isArray(result[key])) return result[key];
  if (result && typeof result === 'object') {
    const arr = Object.values(result).find(Array.isArray);
    if (arr) return arr;
  }
  return [];
}

/** Downloads a file from the API (CSV exports) through a blob link. */
export async function download(path, params, filename) {
  const res = await request('GET', path + query(params), undefined, { raw: true });
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const API_BASE = BASE;
