// What a page shows in place of a section whose request failed, so that no failure leaves a blank
// page: the kind of failure (by HTTP status) in the page's own words (its messages
// failure_forbidden, failure_unavailable, failure_not_found, failure_invalid, failure_conflict,
// failure_server, failure_failed; a kind the page has no message for falls back to
// failure_failed), then the server's code, message and request id through ctx.ui.error.
import { h, append, clear } from './dom.js';

export function failureKind(error) {
  const status = error && typeof error.status === 'number' ? error.status : 0;
  if (status === 403) return 'forbidden';
  if (error && error.notAvailable) return 'unavailable';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 400 || status === 422) return 'invalid';
  if (status >= 500) return 'server';
  return 'failed';
}

export function showFailure(box, ctx, error, testId) {
  const kind = failureKind(error);
  const key = `failure_${kind}`;
  const text = ctx.t(key);
  const detail = h('div', { class: 'page-failure-detail' });
  clear(box);
  append(box, [
    h('div', { class: `page-failure page-failure-${kind}`, role: 'alert', 'data-test': testId,
               'data-kind': kind, 'data-status': String((error && error.status) || 0) },
      h('p', { class: 'page-failure-text' }, text === key ? ctx.t('failure_failed') : text),
      detail),
  ]);
  if (error && typeof error.status === 'number') {
    ctx.ui.error(detail, error);
  } else {
    detail.textContent = String((error && error.message) || error);
  }
}
