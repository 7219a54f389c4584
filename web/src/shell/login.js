// The login form: user name, password, TOTP code -> POST /v1/sessions. Refusals (wrong password,
// forged or replayed code, locked account) show the server's message, which says which.
import { h, clear } from './dom.js';

export function renderLogin(root, { t, notice, login }) {
  const user = h('input', { name: 'user', autocomplete: 'username', dataTest: 'login-user', required: true });
  const password = h('input', {
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    dataTest: 'login-password',
    required: true,
  });
  const totp = h('input', {
    name: 'totp',
    inputmode: 'numeric',
    autocomplete: 'one-time-code',
    maxlength: 6,
    pattern: '[0-9]{6}',
    dataTest: 'login-totp',
    required: true,
  });
  const submit = h('button', { type: 'submit', class: 'primary', dataTest: 'login-submit' }, t('login.submit'));
  const feedback = h('div', { class: 'login-feedback', 'aria-live': 'polite' });
  if (notice) {
    feedback.append(
      h(
        'div',
        { class: `message ${notice.kind}`, dataTest: notice.dataTest },
        t(notice.key),
        notice.detail ? h('div', { class: 'muted small' }, notice.detail) : null,
      ),
    );
  }
  const form = h(
    'form',
    {
      class: 'login',
      dataTest: 'login-form',
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        clear(feedback);
        const code = totp.value.trim();
        if (!user.value.trim() || !password.value || !code) {
          feedback.append(h('div', { class: 'message error', dataTest: 'login-error' }, t('login.missing')));
          return;
        }
        if (!/^\d{6}$/.test(code)) {
          feedback.append(h('div', { class: 'message error', dataTest: 'login-error' }, t('login.totp_format')));
          return;
        }
        submit.disabled = true;
        submit.textContent = t('login.working');
        try {
          await login(user.value.trim(), password.value, code);
        } catch (error) {
          password.value = '';
          totp.value = '';
          feedback.append(
            h(
              'div',
              { class: 'message error', role: 'alert', dataTest: 'login-error' },
              t('login.failed', { message: error.message }),
              error.request_id ? h('div', { class: 'muted small' }, `${t('error.request_id')}: ${error.request_id}`) : null,
            ),
          );
          submit.disabled = false;
          submit.textContent = t('login.submit');
        }
      },
    },
    h('h1', {}, t('login.title')),
    h('p', { class: 'muted' }, t('login.intro')),
    feedback,
    h('label', {}, t('login.user'), user),
    h('label', {}, t('login.password'), password),
    h('label', {}, t('login.totp'), totp),
    submit,
  );
  root.append(h('main', { class: 'login-page', dataTest: 'page-login' }, form));
  user.focus();
  // The first screen is drawn: what bench/console_bench.mjs reads as the first load.
  if (performance.getEntriesByName('credo:login-drawn').length === 0) performance.mark('credo:login-drawn');
}
