// Builds the web UI into dist/: one bundled, minified ES module (app.js), one stylesheet
// (app.css), index.html and the static files in public/. Asset names carry a content hash
// in the query string so the server's hour-long cache never serves a stale file.
import { build, context } from 'esbuild';
import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');
const watch = process.argv.includes('--watch');

const options = {
  entryPoints: { app: join(here, 'src/main.js'), 'app-style': join(here, 'styles/app.css') },
  outdir: dist,
  bundle: true,
  minify: true,
  format: 'esm',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  target: ['chrome110', 'firefox110', 'safari16'],
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
};

async function finish() {
  // esbuild names the CSS entry app-style.css; the page links /app.css.
  const css = await readFile(join(dist, 'app-style.css'));
  await writeFile(join(dist, 'app.css'), css);
  await rm(join(dist, 'app-style.css'), { force: true });
  await rm(join(dist, 'app-style.js'), { force: true });
  const js = await readFile(join(dist, 'app.js'));
  const tag = (buf) => createHash('sha256').update(buf).digest('hex').slice(0, 10);
  let html = await readFile(join(here, 'index.html'), 'utf8');
  html = html.replace('/app.css"', `/app.css?v=${tag(css)}"`).replace('/app.js"', `/app.js?v=${tag(js)}"`);
  await writeFile(join(dist, 'index.html'), html);
  await cp(join(here, 'public'), dist, { recursive: true });
  console.log(`web: built dist/ (app.js ${js.length} B, app.css ${css.length} B)`);
}

await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });
if (watch) {
  const ctx = await context({ ...options, plugins: [{ name: 'finish', setup(b) { b.onEnd(() => finish().catch(console.error)); } }] });
  await ctx.watch();
} else {
  await build(options);
  await finish();
}
