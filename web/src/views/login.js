import { h, replace, field } from '../dom.js';
import { t, getLang, setLang } from '../i18n.js';
import { login } from '../session.js';
import { go } from '../router.js';
import { errorText } from '../ui.js';

export async function loginView(root, _params, ctx) {
  const user = h('input', { name: 'username', autocomplete: 'username', required: true, autocapitalize: 'none', spellcheck: 'false' });
  const pass = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('div', { class: 'login-error', role: 'alert', 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit', class: 'primary wide' }, t('login.submit'));
  const form = h('form', { class: 'login-form', novalidate: true }, field(t('login.username'), user), field(t('login.password'), pass), error, submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    replace(error);
    if (!user.value.trim() || !pass.value) {
      replace(error, h('p', { class: 'alert error' }, t('login.missing')));
      (user.value.trim() ? pass : user).focus();
      return;
    }
    submit.disabled = true;
    try {
      await login(user.value.trim(), pass.value);
      go(ctx.homePath());
    } catch (err) {
      const locked = err.code === 'auth.locked' || err.status === 429 || err.status === 423;
      const text = locked ? `${t('login.locked')} ${err.message || ''}`
        : err.status === 401 || err.code === 'auth.invalid' ? t('login.wrong') : errorText(err);
      replace(error, h('p', { class: 'alert error' }, text));
      pass.value = '';
      pass.focus();
    } finally {
      submit.disabled = false;
    }
  });
  const other = getLang() === 'zh' ? 'en' : 'zh';
  replace(root, h('div', { class: 'login-page' },
    h('div', { class: 'login-card' },
      h('div', { class: 'login-top' },
        h('span', { class: 'logo big', 'aria-hidden': 'true' }, '◉'),
        h('button', { type: 'button', class: 'secondary small', lang: other, onClick: () => setLang(other) }, other === 'en' ? 'English' : '中文')),
      h('h1', {}, t('app.name')),
      h('p', { class: 'muted' }, t('login.tagline')),
      form)));
  user.focus();
}
