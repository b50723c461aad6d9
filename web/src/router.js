// Hash routes ('#/checks/12') so the server only ever serves index.html and the assets.
const routes = [];
let notFound = null;

/** route('/checks/:id', {roles: ['inspector'], view}) */
export function route(pattern, def) {
  const names = [];
  const re = new RegExp(`^${pattern.replace(/:([a-zA-Z]+)/g, (_, n) => { names.push(n); return '([^/]+)'; })}$`);
  routes.push({ pattern, re, names, ...def });
}

export function fallback(def) { notFound = def; }

export function currentPath() {
  const hash = window.location.hash.replace(/^#/, '');
  return hash.split('?')[0] || '/';
}

export function currentQuery() {
  const hash = window.location.hash.replace(/^#/, '');
  return new URLSearchParams(hash.split('?')[1] || '');
}

export function resolve(path = currentPath()) {
  for (const r of routes) {
    const m = r.re.exec(path);
    if (m) {
      const params = Object.fromEntries(r.names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      return { ...r, params };
    }
  }
  return notFound ? { ...notFound, params: {} } : null;
}

export function go(path) {
  if (window.location.hash === `#${path}`) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.hash = path;
}

export function allRoutes() { return routes; }
