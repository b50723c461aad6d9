import { h, replace } from '../dom.js';
import { t } from '../i18n.js';
import { page } from '../ui.js';

export async function forbiddenView(root, _params, ctx) {
  replace(root, page(t('error.forbiddenTitle'), null,
    h('div', { class: 'alert error', role: 'alert' }, t('error.forbiddenPage')),
    h('p', {}, h('a', { href: `#${ctx.homePath()}` }, t('error.backHome')))));
}

export async function notFoundView(root, _params, ctx) {
  replace(root, page(t('error.notFoundTitle'), null,
    h('p', {}, t('error.notFoundPage')),
    h('p', {}, h('a', { href: `#${ctx.homePath()}` }, t('error.backHome')))));
}
