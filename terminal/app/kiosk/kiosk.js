// The terminal's kiosk page: shows the interaction state the daemon pushes as server-sent
// events (/events), the camera preview (/snapshot.jpg) and switches between Chinese and English.
'use strict';

const TEXT = {
  zh: {
    look_at_camera: '请看摄像头', place_finger: '请按手指', look_or_place_finger: '请看摄像头或按手指',
    finger_again: '请重新按手指', finger_no_match: '指纹不匹配，请重试', not_recognised: '未识别，请重试',
    face_not_live: '未通过活体检测', timed_out: '超时，请重新开始', no_finger_enrolled: '未登记指纹，请联系管理员',
    reader_failed: '指纹仪故障', record_failed: '记录失败，请重试', already_recorded: '已记录', recorded: '打卡成功',
    spot_check: '查岗', spot_check_until: '截止', offline: '离线', online: '在线', no_camera: '无摄像头画面',
    method_face: '人脸', method_fingerprint: '指纹', 'method_face+fingerprint': '人脸 + 指纹',
    seconds_left: (n) => `剩余 ${n} 秒`, attempts: (n) => `已失败 ${n} 次`,
  },
  en: {
    look_at_camera: 'Look at the camera', place_finger: 'Place your finger', look_or_place_finger: 'Look at the camera or place your finger',
    finger_again: 'Place your finger again', finger_no_match: 'Fingerprint does not match, try again', not_recognised: 'Not recognised, try again',
    face_not_live: 'Face not live', timed_out: 'Timed out, start again', no_finger_enrolled: 'No fingerprint enrolled, ask an administrator',
    reader_failed: 'Fingerprint reader failed', record_failed: 'Could not record, try again', already_recorded: 'Already recorded', recorded: 'Recorded',
    spot_check: 'Spot check', spot_check_until: 'until', offline: 'Offline', online: 'Online', no_camera: 'No camera picture',
    method_face: 'Face', method_fingerprint: 'Fingerprint', 'method_face+fingerprint': 'Face + fingerprint',
    seconds_left: (n) => `${n} s left`, attempts: (n) => `${n} failed attempt${n === 1 ? '' : 's'}`,
  },
};

let state = null;
let lang = null;
let receivedAt = 0;
const $ = (id) => document.getElementById(id);

function t(key, ...args) {
  const v = TEXT[lang][key] ?? TEXT.en[key] ?? key;
  return typeof v === 'function' ? v(...args) : v;
}

function localTime(iso, withSeconds = true) {
  if (!iso) return '';
  const opts = { hour: '2-digit', minute: '2-digit', hour12: false };
  if (withSeconds) opts.second = '2-digit';
  try {
    return new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { ...opts, timeZone: state?.timeZone }).format(new Date(iso));
  } catch {
    return new Date(iso).toLocaleTimeString();
  }
}

function setLanguage(next, remember) {
  lang = TEXT[next] ? next : 'zh';
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.body.dataset.lang = lang;
  if (remember) localStorage.setItem('rollcall.kiosk.lang', lang);
  for (const b of document.querySelectorAll('button[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  render();
}

function render() {
  if (!lang) return;
  for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  $('clock').textContent = localTime(new Date().toISOString(), false);
  if (!state) return;
  document.body.dataset.phase = state.phase;
  $('terminal').textContent = state.terminal?.name ?? '';
  const online = $('online');
  online.textContent = t(state.online ? 'online' : 'offline');
  online.classList.toggle('up', !!state.online);
  $('prompt').textContent = t(state.prompt);
  $('person').textContent = state.person?.name ?? '';
  const punch = state.phase === 'success' ? state.punch : null;
  $('time').textContent = punch ? localTime(punch.at) : '';
  $('method').textContent = punch ? t(`method_${punch.method}`) : '';
  $('detail').textContent = state.phase === 'failure' || state.phase === 'second_factor' ? (state.detail ?? '') : '';
  let countdown = '';
  if (state.phase === 'second_factor' && state.secondsLeft != null) {
    const left = Math.max(0, Math.ceil(state.secondsLeft - (Date.now() - receivedAt) / 1000));
    countdown = t('seconds_left', left) + (state.attempts ? ` · ${t('attempts', state.attempts)}` : '');
  }
  $('countdown').textContent = countdown;
  const banner = $('spotcheck');
  banner.hidden = !state.spotCheck;
  $('spotcheck-message').textContent = state.spotCheck?.message ?? '';
  $('spotcheck-until').textContent = state.spotCheck ? `${t('spot_check_until')} ${localTime(state.spotCheck.endsAt, false)}` : '';
  $('no-camera').hidden = !!state.camera;
  $('preview').hidden = !state.camera;
  document.body.dataset.revision = String(state.revision);
}

function refreshPreview() {
  if (state?.camera) {
    const img = $('preview');
    const next = new Image();
    next.onload = () => { img.src = next.src; };
    next.src = `/snapshot.jpg?t=${Date.now()}`;
  }
}

function connect() {
  const events = new EventSource('/events');
  events.addEventListener('state', (e) => {
    state = JSON.parse(e.data);
    receivedAt = Date.now();
    const first = !lang;
    if (first) setLanguage(localStorage.getItem('rollcall.kiosk.lang') || state.language || 'zh', false);
    render();
    if (first) refreshPreview();
    document.body.dataset.ready = '1';
  });
}

document.addEventListener('DOMContentLoaded', () => {
  for (const b of document.querySelectorAll('button[data-lang]')) b.addEventListener('click', () => setLanguage(b.dataset.lang, true));
  lang = null;
  connect();
  setInterval(render, 1000);
  setInterval(refreshPreview, 700);
});
