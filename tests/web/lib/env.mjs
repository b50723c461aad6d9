// Finds what the browser suite needs (Chromium, playwright-core, the built UI, the server
// binary) and explains clearly when something is missing, so ctest can mark the suite skipped.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

export const SKIP = 77;
const here = dirname(fileURLToPath(import.meta.url));
export const sourceDir = process.env.ROLLCALL_SOURCE_DIR ? resolve(process.env.ROLLCALL_SOURCE_DIR) : resolve(here, '../../..');
export const webDir = join(sourceDir, 'web');

export function skip(reason) {
  console.log(`SKIPPED: ${reason}`);
  process.exit(SKIP);
}

export function chromiumPath() {
  const candidates = [process.env.ROLLCALL_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((p) => existsSync(p));
  if (!found) skip(`no Chromium found (looked at ${candidates.join(', ')}); install Debian's chromium or set ROLLCALL_CHROMIUM`);
  return found;
}

export function playwright() {
  const require = createRequire(join(webDir, 'package.json'));
  try {
    return require('playwright-core');
  } catch {
    return skip('playwright-core is not installed: run `npm ci` in web/ (scripts/setup.sh does it)');
  }
}

function newestSource() {
  const walk = (d) => readdirSync(d).reduce((m, e) => {
    const p = join(d, e);
    const st = statSync(p);
    return Math.max(m, st.isDirectory() ? walk(p) : st.mtimeMs);
  }, 0);
  return Math.max(walk(join(webDir, 'src')), walk(join(webDir, 'styles')), statSync(join(webDir, 'index.html')).mtimeMs);
}

/** The built UI; (re)builds it when web/dist is missing or older than the sources. */
export function distDir() {
  const dist = join(webDir, 'dist');
  const built = join(dist, 'index.html');
  if (!existsSync(built) || statSync(built).mtimeMs < newestSource()) {
    if (!existsSync(join(webDir, 'node_modules', 'esbuild'))) skip('web/node_modules is missing: run `npm ci` in web/');
    const r = spawnSync(process.execPath, [join(webDir, 'build.mjs')], { cwd: webDir, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('building the web UI failed');
  }
  return dist;
}

function findFile(dir, name, depth = 4) {
  if (depth < 0 || !existsSync(dir)) return null;
  for (const entry of readdirSync(dir)) {
    if (entry === 'CMakeFiles' || entry.startsWith('.')) continue;
    const p = join(dir, entry);
    let st;
    try { st = statSync(p); } catch { continue; }
    if (st.isFile() && entry === name && (st.mode & 0o111)) return p;
    if (st.isDirectory()) {
      const f = findFile(p, name, depth - 1);
      if (f) return f;
    }
  }
  return null;
}

export function serverBinary() {
  if (process.env.ROLLCALL_SERVER_BIN) {
    if (!existsSync(process.env.ROLLCALL_SERVER_BIN)) skip(`ROLLCALL_SERVER_BIN=${process.env.ROLLCALL_SERVER_BIN} does not exist`);
    return process.env.ROLLCALL_SERVER_BIN;
  }
  const dirs = [process.env.ROLLCALL_BINARY_DIR, join(sourceDir, 'build')].filter(Boolean);
  for (const d of dirs) {
    const direct = join(d, 'server', 'app', 'rollcall-server');
    if (existsSync(direct)) return direct;
    const f = findFile(d, 'rollcall-server');
    if (f) return f;
  }
  return skip(`rollcall-server not built (looked under ${dirs.join(', ')}); build the target or set ROLLCALL_SERVER_BIN`);
}
