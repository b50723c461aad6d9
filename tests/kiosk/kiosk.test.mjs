// The terminal's kiosk page in headless Chromium (playwright-core from web/node_modules):
// rollcall-terminal runs as a real process, offline (its server never answers), with an image
// folder as the camera and a local enrolment. The page must show the idle prompt, then the
// recognised person's name and time pushed by server-sent events, switch to English, carry a
// strict CSP with no violation, and show the camera preview. A screenshot is kept.
//
//   node tests/kiosk/kiosk.test.mjs        (ctest -R kiosk.browser runs it)
// Env: ROLLCALL_TERMINAL_BIN, ROLLCALL_IDENTITY_TOOL (set by ctest), ROLLCALL_DATA_DIR (faces),
//      ROLLCALL_SOURCE_DIR (models/cache), ROLLCALL_CHROMIUM, ROLLCALL_ARTIFACTS (screenshots).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const SKIP = 77;
const here = dirname(fileURLToPath(import.meta.url));
const sourceDir = process.env.ROLLCALL_SOURCE_DIR ? resolve(process.env.ROLLCALL_SOURCE_DIR) : resolve(here, '../..');

function skip(reason) {
  console.log(`SKIPPED: ${reason}`);
  process.exit(SKIP);
}

const chromium = [process.env.ROLLCALL_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean).find((p) => existsSync(p));
if (!chromium) skip('no Chromium found; install Debian\'s chromium or set ROLLCALL_CHROMIUM');
let pw;
try {
  pw = createRequire(join(sourceDir, 'web', 'package.json'))('playwright-core');
} catch {
  skip('playwright-core is not installed: run `npm ci` in web/');
}
const terminalBin = process.env.ROLLCALL_TERMINAL_BIN;
const identityTool = process.env.ROLLCALL_IDENTITY_TOOL;
if (!terminalBin || !existsSync(terminalBin)) skip('ROLLCALL_TERMINAL_BIN is not set or not built (build rollcall-terminal)');
if (!identityTool || !existsSync(identityTool)) skip('ROLLCALL_IDENTITY_TOOL is not set or not built (build rollcall-test-offline-identity)');
const models = join(sourceDir, 'models', 'cache');
if (!existsSync(join(models, 'fr_feature.onnx'))) skip('the face models are missing: run models/fetch.sh');
const data = process.env.ROLLCALL_DATA_DIR;
const people = data ? join(data, 'faces', 'people') : '';
if (!people || !existsSync(people)) skip('ROLLCALL_DATA_DIR with faces/people is not set');
const artifacts = process.env.ROLLCALL_ARTIFACTS || join(process.env.ROLLCALL_BINARY_DIR || tmpdir(), 'kiosk-artifacts');
mkdirSync(artifacts, { recursive: true });

const results = [];
async function step(name, fn) {
  const t0 = performance.now();
  try {
    await fn();
    results.push(true);
    console.log(`ok      ${name} (${Math.round(performance.now() - t0)} ms)`);
  } catch (err) {
    results.push(false);
    console.log(`FAILED  ${name}\n        ${String(err?.stack || err).split('\n').slice(0, 5).join('\n        ')}`);
  }
}
function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

function freePort() {
  return new Promise((ok, ko) => {
    const s = createServer();
    s.on('error', ko);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

// --- a terminal with one enrolled person; the camera shows an empty scene, then that person --
const work = mkdtempSync(join(tmpdir(), 'rollcall-kiosk-'));
const images = (dir) => readdirSync(dir).filter((f) => /\.(png|jpe?g)$/i.test(f)).sort();
const person = readdirSync(people).sort().map((d) => join(people, d)).find((d) => statSync(d).isDirectory() && images(d).length >= 3);
if (!person) skip('faces/people holds no person with 3 images');
const faces = images(person);
mkdirSync(join(work, 'enrol', '1-张三'), { recursive: true });
mkdirSync(join(work, 'camera'));
for (const f of faces.slice(0, Math.min(4, faces.length - 1))) copyFileSync(join(person, f), join(work, 'enrol', '1-张三', f));
// A fingerprint image has no face in it: a few seconds of "nobody there" before the person.
const empty = data && join(data, 'fingerprints', 'fvc2000_DB1_B', '101_1.png');
let frame = 0;
if (empty && existsSync(empty)) for (; frame < 4; ++frame) copyFileSync(empty, join(work, 'camera', `${frame}0.png`));
const probe = faces[faces.length - 1];
copyFileSync(join(person, probe), join(work, 'camera', `${frame}0${probe.slice(probe.lastIndexOf('.'))}`));

const port = await freePort();
const id = spawnSync(identityTool, [join(work, 'data', 'identity')], { encoding: 'utf8' });
if (id.status !== 0) throw new Error(`identity tool failed: ${id.stderr}`);
writeFileSync(join(work, 'terminal.toml'), `[terminal]
data_dir = "data"
[face]
source = "folder:camera"
models_dir = "${models}"
liveness = false
frame_interval_ms = 2500
[enrolment]
folder = "enrol"
[kiosk]
port = ${port}
[behaviour]
success_hold_ms = 60000
`);

// Chromium first: its start-up under load must not eat the empty scene the page should see.
const browser = await pw.chromium.launch({
  executablePath: chromium, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
});
const log = [];
const terminal = spawn(terminalBin, ['--config', join(work, 'terminal.toml')], { stdio: ['ignore', 'pipe', 'pipe'] });
terminal.stdout.on('data', (d) => log.push(...String(d).split('\n').filter(Boolean)));
terminal.stderr.on('data', (d) => log.push(...String(d).split('\n').filter(Boolean)));
const exited = new Promise((ok) => terminal.on('exit', (code, signal) => ok({ code, signal })));

async function waitForLog(re, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const line = log.find((l) => re.test(l));
    if (line) return line;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no line matching ${re} in ${ms} ms:\n${log.join('\n')}`);
}

const base = `http://127.0.0.1:${port}`;
const violations = [];
let page;
let mainResponse;
try {
  await step('the terminal starts offline and serves the kiosk page', async () => {
    const line = await waitForLog(/^KIOSK /, 60000);
    assert(line.includes(base), line);
  });
  if (!results[0]) throw new Error('the terminal did not start; nothing else to check');

  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.setDefaultTimeout(15000);
  page.on('console', (msg) => {
    if (/Content.Security.Policy|Refused to/i.test(msg.text())) violations.push(msg.text());
  });
  page.on('pageerror', (err) => violations.push(`page error: ${err.message}`));

  await step('the page loads with a strict Content-Security-Policy', async () => {
    mainResponse = await page.goto(`${base}/`);
    assert(mainResponse.status() === 200, `status ${mainResponse.status()}`);
    const csp = mainResponse.headers()['content-security-policy'] || '';
    assert(/default-src 'none'/.test(csp), csp);
    assert(/script-src 'self'(;|$)/.test(csp), csp);
    assert(/style-src 'self'(;|$)/.test(csp), csp);
    assert(!/unsafe-inline|unsafe-eval/.test(csp), csp);
    assert(/frame-ancestors 'none'/.test(csp), csp);
    assert(mainResponse.headers()['x-content-type-options'] === 'nosniff', 'nosniff');
    await page.waitForSelector('body[data-ready="1"]');
  });

  await step('Chinese by default, the idle prompt and the terminal offline', async () => {
    assert((await page.getAttribute('html', 'lang')) === 'zh-CN', 'html lang');
    const prompt = await page.textContent('#prompt');
    // With the empty scene first (10 s) the page is open before the person is seen, so the
    // name below arrives as a live update; without it the person may already be there.
    assert(prompt === '请看摄像头' || (frame === 0 && prompt === '打卡成功'), `prompt ${prompt}`);
    assert((await page.textContent('#person')) === '' || frame === 0, 'no name before the person is seen');
    assert((await page.textContent('#online')) === '离线', 'offline badge');
  });

  await step('the recognised person\'s name and time appear, pushed by server-sent events', async () => {
    await page.waitForFunction(() => document.getElementById('person').textContent === '张三', null, { timeout: 60000 });
    assert((await page.textContent('#prompt')) === '打卡成功', 'success prompt');
    assert(/^\d{2}:\d{2}:\d{2}$/.test(await page.textContent('#time')), `time ${await page.textContent('#time')}`);
    assert((await page.getAttribute('body', 'data-phase')) === 'success', 'phase');
    await waitForLog(/^OK 张三 /, 1000);
  });

  await step('the camera preview is a JPEG with the face box', async () => {
    const r = await page.request.get(`${base}/snapshot.jpg`);
    assert(r.status() === 200, `snapshot status ${r.status()}`);
    assert(r.headers()['content-type'] === 'image/jpeg', r.headers()['content-type']);
    const body = await r.body();
    assert(body[0] === 0xff && body[1] === 0xd8, 'JPEG magic');
    await page.waitForFunction(() => document.getElementById('preview').naturalWidth > 0, null, { timeout: 10000 });
  });

  await step('screenshot (Chinese)', async () => {
    // The preview refreshes on its own clock: wait for a picture fetched after the success.
    const before = await page.getAttribute('#preview', 'src');
    await page.waitForFunction((prev) => {
      const img = document.getElementById('preview');
      return img.src !== prev && img.complete && img.naturalWidth > 0;
    }, before, { timeout: 10000 });
    await page.screenshot({ path: join(artifacts, 'kiosk-zh.png') });
  });

  await step('switching to English translates the page and is remembered', async () => {
    await page.click('button[data-lang="en"]');
    assert((await page.textContent('#prompt')) === 'Recorded', `prompt ${await page.textContent('#prompt')}`);
    assert((await page.textContent('#method')) === 'Face', 'method');
    assert((await page.getAttribute('html', 'lang')) === 'en', 'html lang en');
    assert((await page.getAttribute('button[data-lang="en"]', 'aria-pressed')) === 'true', 'pressed');
    await page.reload();
    await page.waitForSelector('body[data-ready="1"]');
    assert((await page.textContent('#prompt')) === 'Recorded', 'English after reload');
    assert((await page.textContent('#person')) === '张三', 'name after reload');
    await page.waitForFunction(() => document.getElementById('preview').naturalWidth > 0, null, { timeout: 10000 });
    await page.screenshot({ path: join(artifacts, 'kiosk-en.png') });
  });

  await step('the state endpoint and unknown paths', async () => {
    const state = await (await page.request.get(`${base}/state`)).json();
    assert(state.phase === 'success' && state.person?.name === '张三' && state.punch?.method === 'face', JSON.stringify(state));
    assert(state.online === false, 'offline');
    const missing = await page.request.get(`${base}/nothing-here`);
    assert(missing.status() === 404, `status ${missing.status()}`);
    const post = await page.request.post(`${base}/state`, { data: '{}' });
    assert(post.status() === 405, `POST status ${post.status()}`);
  });

  await step('no Content-Security-Policy violation or page error', async () => {
    assert(violations.length === 0, violations.join('\n'));
  });
} finally {
  await browser.close();
  terminal.kill('SIGTERM');
  const end = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 15000))]);
  if (!end) terminal.kill('SIGKILL');
  await step('the terminal stops cleanly on SIGTERM', async () => {
    assert(end && end.code === 0, `exit ${JSON.stringify(end)}`);
    assert(log.some((l) => l === 'STOPPED'), 'STOPPED line');
  });
  rmSync(work, { recursive: true, force: true });
}

// --- the page's other states, published by the kiosk server alone ----------------------------
// A running spot check needs a server and a second factor needs a person at the reader: the
// fixture publishes those states so the page's rendering of them is seen in Chromium too.
const fixtureBin = process.env.ROLLCALL_KIOSK_FIXTURE;
if (!fixtureBin || !existsSync(fixtureBin)) {
  console.log('skipped the spot-check banner and second-factor views: ROLLCALL_KIOSK_FIXTURE is not built');
} else {
  const fixture = spawn(fixtureBin, [], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = [];
  fixture.stdout.on('data', (d) => lines.push(...String(d).split('\n').filter(Boolean)));
  let fixtureBrowser;
  try {
    const until = Date.now() + 10000;
    while (!lines.some((l) => l.startsWith('PORT ')) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    const fixturePort = Number(lines.find((l) => l.startsWith('PORT '))?.slice(5));
    const fbase = `http://127.0.0.1:${fixturePort}`;
    const endsAt = new Date(Date.UTC(2026, 10, 27, 2, 27, 0)).toISOString();  // 10:27 in Asia/Shanghai
    const common = { revision: 1, language: 'zh', timeZone: 'Asia/Shanghai', terminal: { id: 3, name: 'Service hall' },
      policy: 'face+fingerprint', online: true, camera: false, punch: null, attempts: 0, secondsLeft: null, detail: '' };
    const publish = (state) => fixture.stdin.write(`${JSON.stringify({ ...common, ...state })}\n`);
    publish({ revision: 1, phase: 'second_factor', prompt: 'place_finger', person: { id: 12, name: '李四' }, secondsLeft: 8, attempts: 1,
      spotCheck: { id: 5, message: '窗口岗位查岗', endsAt } });

    fixtureBrowser = await pw.chromium.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
    const fpage = await (await fixtureBrowser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    fpage.setDefaultTimeout(10000);
    const fviolations = [];
    fpage.on('console', (msg) => { if (/Content.Security.Policy|Refused to/i.test(msg.text())) fviolations.push(msg.text()); });
    fpage.on('pageerror', (err) => fviolations.push(`page error: ${err.message}`));

    await step('a running spot check shows the banner with its message and end time', async () => {
      await fpage.goto(`${fbase}/`);
      await fpage.waitForSelector('body[data-ready="1"]');
      assert(await fpage.isVisible('#spotcheck'), 'banner visible');
      assert((await fpage.textContent('#spotcheck strong')) === '查岗', 'banner title');
      assert((await fpage.textContent('#spotcheck-message')) === '窗口岗位查岗', 'banner message');
      assert((await fpage.textContent('#spotcheck-until')) === '截止 10:27', `until ${await fpage.textContent('#spotcheck-until')}`);
      assert((await fpage.textContent('#online')) === '在线', 'online badge');
    });

    await step('the second factor asks for the finger with a countdown and the attempts so far', async () => {
      assert((await fpage.textContent('#prompt')) === '请按手指', 'prompt');
      assert((await fpage.textContent('#person')) === '李四', 'person');
      assert(/^剩余 \d+ 秒 · 已失败 1 次$/.test(await fpage.textContent('#countdown')), `countdown ${await fpage.textContent('#countdown')}`);
      assert(await fpage.isVisible('#no-camera'), 'no camera caption');
      await fpage.screenshot({ path: join(artifacts, 'kiosk-spotcheck-second-factor.png') });
    });

    await step('a failure shows its reason, live, and the banner goes when the check ends', async () => {
      publish({ revision: 2, phase: 'failure', prompt: 'face_not_live', detail: 'spoof', person: { id: 12, name: '李四' },
        spotCheck: { id: 5, message: '窗口岗位查岗', endsAt } });
      await fpage.waitForFunction(() => document.getElementById('prompt').textContent === '未通过活体检测');
      assert((await fpage.textContent('#detail')) === 'spoof', 'detail');
      assert((await fpage.getAttribute('body', 'data-phase')) === 'failure', 'phase');
      await fpage.click('button[data-lang="en"]');
      assert((await fpage.textContent('#prompt')) === 'Face not live', 'English prompt');
      publish({ revision: 3, phase: 'idle', prompt: 'look_at_camera', person: null, spotCheck: null });
      await fpage.waitForFunction(() => document.getElementById('spotcheck').hidden);
      assert((await fpage.textContent('#prompt')) === 'Look at the camera', 'idle prompt');
      assert((await fpage.textContent('#person')) === '', 'no name when idle');
      assert(fviolations.length === 0, fviolations.join('\n'));
    });
  } finally {
    if (fixtureBrowser) await fixtureBrowser.close();
    fixture.stdin.end();
    fixture.kill('SIGTERM');
  }
}

const failed = results.filter((r) => !r).length;
console.log(`\n${results.length - failed} passed, ${failed} failed; screenshots in ${artifacts}`);
process.exit(failed ? 1 : 0);
