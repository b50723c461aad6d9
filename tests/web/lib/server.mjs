// Starts a real rollcall-server on a free loopback port with a temporary data folder, and a
// small JSON client (cookie + CSRF, like the browser) to set up the organisation through the API.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

export async function startServer({ binary, webRoot, adminPassword, extraConfig = '' }) {
  const dataDir = mkdtempSync(join(tmpdir(), 'rollcall-web-'));
  const port = await freePort();
  const config = join(dataDir, 'server.toml');
  writeFileSync(config, serverConfig({ dataDir, port, webRoot }) + extraConfig);
  const logs = [];
  const child = spawn(binary, ['--config', config], {
    cwd: dataDir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ROLLCALL_ADMIN_PASSWORD: adminPassword },
  });
  child.stdout.on('data', (d) => logs.push(String(d)));
  child.stderr.on('data', (d) => logs.push(String(d)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`rollcall-server exited with ${child.exitCode}:\n${logs.join('')}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) {
      // Leave nothing behind: the server and its throw-away data folder go with the failure.
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
      throw new Error(`rollcall-server did not answer /healthz in 15 s:\n${logs.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base, port, dataDir, logs,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => { const t = setTimeout(() => { child.kill('SIGKILL'); r(); }, 5000); child.once('exit', () => { clearTimeout(t); r(); }); });
      }
      if (!process.env.ROLLCALL_KEEP_DATA) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// The server's config file (server/app Config): loopback, a free port, the built UI, a
// throw-away data folder; the terminal gateway on a free port too.
function serverConfig({ dataDir, port, webRoot }) {
  return [
    '[server]',
    'address = "127.0.0.1"',
    `port = ${port}`,
    `web_root = ${JSON.stringify(webRoot)}`,
    '',
    '[storage]',
    `data_dir = ${JSON.stringify(dataDir)}`,
    `database = ${JSON.stringify(join(dataDir, 'rollcall.db'))}`,
    '',
    '[log]',
    'level = "warn"',
    '',
    '[gateway]',
    'address = "127.0.0.1"',
    'port = 0',
    '',
  ].join('\n');
}

/** A JSON client that keeps the session cookie and sends the CSRF token, as the browser does. */
export class ApiClient {
  constructor(base) { this.base = base; this.cookie = ''; this.csrf = ''; }

  async call(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (this.cookie) headers.Cookie = this.cookie;
    if (method !== 'GET') headers['X-CSRF-Token'] = this.csrf;
    let payload;
    if (body !== undefined) {
      if (typeof body === 'string') { headers['Content-Type'] = 'text/csv'; payload = body; } else { headers['Content-Type'] = 'application/json'; payload = JSON.stringify(body); }
    }
    const res = await fetch(this.base + '/api/v1' + path, { method, headers, body: payload });
    const setCookie = res.headers.getSetCookie?.() ?? [];
    if (setCookie.length) this.cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
    const text = await res.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = text; }
    // An unknown /api path may fall through to the UI's index.html: that is "no such route".
    if (res.ok && /text\/html/.test(res.headers.get('content-type') || '')) {
      const err = new Error(`${method} ${path} -> no such API route (got the web page)`);
      err.status = 404;
      err.notJson = true;
      throw err;
    }
    if (!res.ok) {
      const err = new Error(`${method} ${path} -> ${res.status}: ${text.slice(0, 500)}`);
      err.status = res.status;
      err.body = json;
      throw err;
    }
    return json;
  }

  get(p) { return this.call('GET', p); }
  post(p, b) { return this.call('POST', p, b ?? {}); }
  patch(p, b) { return this.call('PATCH', p, b ?? {}); }
  put(p, b) { return this.call('PUT', p, b ?? {}); }
}
