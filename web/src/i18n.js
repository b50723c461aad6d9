// Chinese (default) and English. t(key, vars, fallback): a missing key shows the fallback or
// the key itself, and a test checks that both languages have every key the code uses.
import { setLocale } from './time.js';
import { zh } from './lang/zh.js';
import { en } from './lang/en.js';

const DICTS = { zh, en };
const KEY = 'rollcall.lang';
let lang = (() => {
  try { return localStorage.getItem(KEY) === 'en' ? 'en' : 'zh'; } catch { return 'zh'; }
})();
const listeners = [];
setLocale(lang === 'zh' ? 'zh-CN' : 'en-GB');

export function getLang() { return lang; }

export function setLang(next) {
  lang = next === 'en' ? 'en' : 'zh';
  try { localStorage.setItem(KEY, lang); } catch { /* private mode */ }
  setLocale(lang === 'zh' ? 'zh-CN' : 'en-GB');
  for (const fn of listeners) fn(lang);
}

export function onLangChange(fn) { listeners.push(fn); }

export function t(key, vars, fallback) {
  let s = DICTS[lang][key] ?? DICTS.zh[key] ?? fallback ?? key;
  if (vars) for (const [k, v] of Object.entries(vars)) s = s.split(`{${k}}`).join(String(v));
  return s;
}

export const dictionaries = DICTS;
