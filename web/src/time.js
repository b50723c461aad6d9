// Dates and times are shown in the organisation's zone, whatever the browser's own zone is.
// Instants travel as ISO-8601 UTC strings; local dates as 'YYYY-MM-DD'.
let zone = 'Asia/Shanghai';
let locale = 'zh-CN';

export function setZone(tz) { if (tz) zone = tz; }
export function getZone() { return zone; }
export function setLocale(l) { locale = l; }

const cache = new Map();
function fmt(options) {
  const key = `${locale}|${zone}|${JSON.stringify(options)}`;
  if (!cache.has(key)) cache.set(key, new Intl.DateTimeFormat(locale, { timeZone: zone, ...options }));
  return cache.get(key);
}

function toDate(instant) {
  if (instant === null || instant === undefined || instant === '') return null;
  const d = typeof instant === 'number' ? new Date(instant) : new Date(instant);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function dateTime(instant) {
  const d = toDate(instant);
  return d ? fmt({ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d) : '';
}

export function time(instant) {
  const d = toDate(instant);
  return d ? fmt({ hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(d) : '';
}

export function hm(instant) {
  const d = toDate(instant);
  return d ? fmt({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d) : '';
}

/** The local date 'YYYY-MM-DD' of an instant in the organisation's zone. */
export function localDate(instant = Date.now()) {
  const d = toDate(instant);
  const parts = Object.fromEntries(fmt({ year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(d).map((p) => [p.type, p.value]));
  // formatToParts in zh-CN gives the same numeric parts as en.
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function today() { return localDate(Date.now()); }
export function thisMonth() { return today().slice(0, 7); }

/** A calendar date (no zone involved) shown in the current locale. */
export function date(ymd) {
  if (!ymd) return '';
  const [y, m, d] = ymd.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(Date.UTC(y, m - 1, d)));
}

export function monthLabel(ym) {
  const [y, m] = ym.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'long' })
    .format(new Date(Date.UTC(y, m - 1, 1)));
}

export function weekdayShort(ymd) {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** Day of week of a calendar date, 0 = Monday. */
export function isoWeekday(ymd) {
  const [y, m, d] = ymd.split('-').map(Number);
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}

export function daysInMonth(ym) {
  const [y, m] = ym.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function monthDays(ym) {
  const n = daysInMonth(ym);
  return Array.from({ length: n }, (_, i) => `${ym}-${String(i + 1).padStart(2, '0')}`);
}

export function addMonths(ym, k) {
  const [y, m] = ym.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + k, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

export function addDays(ymd, k) {
  const [y, m, d] = ymd.split('-').map(Number);
  const x = new Date(Date.UTC(y, m - 1, d + k));
  return x.toISOString().slice(0, 10);
}

/** Offset in minutes of the organisation's zone at an instant (for datetime-local inputs). */
function zoneOffsetMinutes(at) {
  const parts = Object.fromEntries(fmt({ year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
    .formatToParts(at).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute, +parts.second);
  return Math.round((asUtc - at.getTime()) / 60000);
}

/** 'YYYY-MM-DDTHH:MM' read as wall-clock time in the organisation's zone -> ISO UTC instant. */
export function wallToInstant(local) {
  if (!local) return null;
  const [d, t] = local.split('T');
  const [y, m, day] = d.split('-').map(Number);
  const [hh, mm] = t.split(':').map(Number);
  const guess = Date.UTC(y, m - 1, day, hh, mm);
  const off = zoneOffsetMinutes(new Date(guess));
  const refined = guess - off * 60000;
  const off2 = zoneOffsetMinutes(new Date(refined));
  return new Date(guess - off2 * 60000).toISOString();
}

/** ISO instant -> 'YYYY-MM-DDTHH:MM' wall-clock in the organisation's zone. */
export function instantToWall(instant) {
  const d = toDate(instant);
  if (!d) return '';
  return `${localDate(d)}T${hm(d)}`;
}
