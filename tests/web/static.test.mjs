// Checks on the UI's source that need no browser: both languages have every key the code
// uses, and the code keeps to the security rules (no HTML parsing of data, no eval, no inline
// styles or scripts that a strict Content-Security-Policy would refuse).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { webDir } from './lib/env.mjs';
import { step, summary, assert } from './lib/runner.mjs';

function files(dir, ext) {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

const src = join(webDir, 'src');
const sources = files(src, '.js').map((p) => ({ path: relative(webDir, p), text: readFileSync(p, 'utf8') }));
const { zh } = await import(pathToFileURL(join(src, 'lang', 'zh.js')));
const { en } = await import(pathToFileURL(join(src, 'lang', 'en.js')));

await step('Chinese and English have the same keys', () => {
  const onlyZh = Object.keys(zh).filter((k) => !(k in en));
  const onlyEn = Object.keys(en).filter((k) => !(k in zh));
  assert(!onlyZh.length && !onlyEn.length, `only zh: ${onlyZh.join(', ')}; only en: ${onlyEn.join(', ')}`);
});

await step('every literal key passed to t() exists in both languages', () => {
  const missing = new Set();
  for (const { path, text } of sources) {
    for (const m of text.matchAll(/\bt\('([a-zA-Z][\w.]*)'/g)) {
      if (!(m[1] in zh) || !(m[1] in en)) missing.add(`${m[1]} (${path})`);
    }
  }
  assert(!missing.size, `missing: ${[...missing].join(', ')}`);
});

await step('no HTML parsing, eval or inline style in the UI code', () => {
  const bad = [];
  const rules = [
    [/\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write/, 'parses HTML'],
    [/\beval\s*\(|new Function\s*\(|setTimeout\(\s*['"`]/, 'evaluates strings as code'],
    [/setAttribute\(\s*['"]style['"]|\.style\.|\bstyle:\s/, 'sets an inline style'],
    [/setAttribute\(\s*['"]on\w+['"]/, 'sets an inline event handler'],
  ];
  for (const { path, text } of sources) {
    for (const [re, why] of rules) if (re.test(text)) bad.push(`${path}: ${why}`);
  }
  assert(!bad.length, bad.join('\n'));
});

await step('index.html has no inline script or style', () => {
  const html = readFileSync(join(webDir, 'index.html'), 'utf8');
  assert(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), 'inline <script>');
  assert(!/<style\b|\sstyle=/i.test(html), 'inline style');
});

process.exit(summary() ? 0 : 1);
