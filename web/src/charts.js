// Small SVG charts drawn by hand: no chart library, no inline styles (colours come from CSS
// classes), and every chart has a text summary for screen readers plus a data table.
import { h, svg } from './dom.js';

const W = 640;

function tick(v) {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

function niceMax(v) {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function frame(title, height, children) {
  return svg('svg', { viewBox: `0 0 ${W} ${height}`, role: 'img', 'aria-label': title, class: 'chart', preserveAspectRatio: 'xMidYMid meet' },
    svg('title', {}, title), children);
}

function dataTable(caption, headers, rows) {
  return h('details', { class: 'chart-data' },
    h('summary', {}, caption),
    h('table', { class: 'table compact' },
      h('thead', {}, h('tr', {}, headers.map((x) => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => (i === 0 ? h('th', { scope: 'row' }, c) : h('td', {}, c))))))));
}

function legend(series) {
  return h('ul', { class: 'legend' }, series.map((s) => h('li', {}, h('span', { class: `swatch ${s.cls}`, 'aria-hidden': 'true' }), s.label)));
}

/**
 * Horizontal stacked bars, one per category.
 * rows: [{label, values: {key: n}}], series: [{key, label, cls}]
 */
export function stackedBars({ title, rows, series, dataLabel }) {
  const barH = 22; const gap = 10; const left = 150; const right = 40;
  const height = Math.max(40, rows.length * (barH + gap) + 24);
  const max = Math.max(1, ...rows.map((r) => series.reduce((s, x) => s + (r.values[x.key] || 0), 0)));
  const scale = (W - left - right) / max;
  const bars = rows.map((r, i) => {
    const y = 8 + i * (barH + gap);
    let x = left;
    const total = series.reduce((s, k) => s + (r.values[k.key] || 0), 0);
    const segs = series.map((s) => {
      const v = r.values[s.key] || 0;
      const w = v * scale;
      const rect = v > 0 ? svg('rect', { x: x.toFixed(1), y, width: Math.max(w, 1).toFixed(1), height: barH, class: s.cls },
        svg('title', {}, `${r.label} · ${s.label}: ${v}`)) : null;
      x += w;
      return rect;
    });
    return svg('g', {},
      svg('text', { x: left - 8, y: y + barH * 0.7, class: 'axis-label', 'text-anchor': 'end' }, truncate(r.label, 14)),
      segs,
      svg('text', { x: x + 6, y: y + barH * 0.7, class: 'value-label' }, String(total)));
  });
  return h('figure', { class: 'chart-box' },
    frame(title, height, bars),
    legend(series),
    dataTable(dataLabel || title, ['', ...series.map((s) => s.label)], rows.map((r) => [r.label, ...series.map((s) => String(r.values[s.key] || 0))])));
}

/** A line chart over a sequence of points [{label, value}] (e.g. minutes late per day). */
export function lineChart({ title, points, unit = '', cls = 'line-a', dataLabel }) {
  const height = 220; const left = 44; const bottom = 28; const top = 14; const right = 12;
  const max = niceMax(Math.max(0, ...points.map((p) => p.value)));
  const n = Math.max(1, points.length - 1);
  const px = (i) => left + (i * (W - left - right)) / n;
  const py = (v) => top + (height - top - bottom) * (1 - v / max);
  const grid = [0, 0.5, 1].map((f) => svg('g', {},
    svg('line', { x1: left, x2: W - right, y1: py(max * f), y2: py(max * f), class: 'grid' }),
    svg('text', { x: left - 6, y: py(max * f) + 4, class: 'axis-label', 'text-anchor': 'end' }, tick(max * f))));
  const path = points.map((p, i) => `${i ? 'L' : 'M'}${px(i).toFixed(1)},${py(p.value).toFixed(1)}`).join(' ');
  const step = Math.ceil(points.length / 8);
  const last = points.length - 1;
  const labels = points.map((p, i) => ((i % step === 0 && last - i >= step / 2) || i === last
    ? svg('text', { x: px(i), y: height - 8, class: 'axis-label', 'text-anchor': 'middle' }, p.label) : null));
  const dots = points.map((p, i) => svg('circle', { cx: px(i), cy: py(p.value), r: 3, class: `dot ${cls}` },
    svg('title', {}, `${p.label}: ${p.value}${unit}`)));
  return h('figure', { class: 'chart-box' },
    frame(title, height, [grid, points.length ? svg('path', { d: path, class: `line ${cls}` }) : null, dots, labels]),
    dataTable(dataLabel || title, ['', title], points.map((p) => [p.label, `${p.value}${unit}`])));
}

/** Vertical stacked columns over time (spot-check outcomes per check or per week). */
export function stackedColumns({ title, columns, series, dataLabel }) {
  const height = 220; const left = 36; const bottom = 28; const top = 10; const right = 8;
  const max = niceMax(Math.max(1, ...columns.map((c) => series.reduce((s, x) => s + (c.values[x.key] || 0), 0))));
  const slot = (W - left - right) / Math.max(1, columns.length);
  const colW = Math.min(36, slot * 0.7);
  const py = (v) => (height - top - bottom) * (v / max);
  const cols = columns.map((c, i) => {
    const x = left + i * slot + (slot - colW) / 2;
    let y = height - bottom;
    const segs = series.map((s) => {
      const v = c.values[s.key] || 0;
      const hgt = py(v);
      y -= hgt;
      return v > 0 ? svg('rect', { x: x.toFixed(1), y: y.toFixed(1), width: colW.toFixed(1), height: Math.max(hgt, 1).toFixed(1), class: s.cls },
        svg('title', {}, `${c.label} · ${s.label}: ${v}`)) : null;
    });
    const step = Math.ceil(columns.length / 10);
    return svg('g', {}, segs, i % step === 0
      ? svg('text', { x: x + colW / 2, y: height - 8, class: 'axis-label', 'text-anchor': 'middle' }, c.label) : null);
  });
  const axis = [0, 0.5, 1].map((f) => svg('g', {},
    svg('line', { x1: left, x2: W - right, y1: height - bottom - py(max * f), y2: height - bottom - py(max * f), class: 'grid' }),
    svg('text', { x: left - 6, y: height - bottom - py(max * f) + 4, class: 'axis-label', 'text-anchor': 'end' }, tick(max * f))));
  return h('figure', { class: 'chart-box' },
    frame(title, height, [axis, cols]),
    legend(series),
    dataTable(dataLabel || title, ['', ...series.map((s) => s.label)], columns.map((c) => [c.label, ...series.map((s) => String(c.values[s.key] || 0))])));
}

/** A month strip: one cell per day, shaded by a count (people on leave that day). */
export function heatStrip({ title, days, dataLabel }) {
  const cols = 7; const cell = 30; const gap = 4; const top = 4;
  const first = days.length ? days[0].weekday : 0;
  const rows = Math.ceil((first + days.length) / cols);
  const width = cols * (cell + gap);
  const height = rows * (cell + gap) + top;
  const max = Math.max(1, ...days.map((d) => d.value));
  const cells = days.map((d, i) => {
    const slot = first + i;
    const x = (slot % cols) * (cell + gap);
    const y = top + Math.floor(slot / cols) * (cell + gap);
    const level = d.value === 0 ? 0 : Math.min(4, 1 + Math.floor((3 * d.value) / max));
    return svg('g', {},
      svg('rect', { x, y, width: cell, height: cell, rx: 4, class: `heat heat-${level}` }, svg('title', {}, `${d.label}: ${d.value}`)),
      svg('text', { x: x + cell / 2, y: y + cell / 2 + 4, 'text-anchor': 'middle', class: `heat-text heat-text-${level}` }, String(d.day)));
  });
  return h('figure', { class: 'chart-box heat-box' },
    svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart heat-chart' }, svg('title', {}, title), cells),
    dataTable(dataLabel || title, ['', title], days.filter((d) => d.value > 0).map((d) => [d.label, String(d.value)])));
}

function truncate(s, n) {
  const str = String(s ?? '');
  return str.length > n ? `${str.slice(0, n - 1)}…` : str;
}
