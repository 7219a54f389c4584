// Audit: the tamper-evident audit log, page by page, filtered by action, with the state of its
// hash chain shown first (intact, or broken at the first entry whose hash does not verify).
// Reads GET /v1/audit?after_id=&limit=&action=.

import { h, append, clear } from '../shell/dom.js';
import { failureKind, showFailure } from '../shell/failure.js';

// Replaces el's content with children (strings, nodes, arrays; null and false are skipped).
function fill(el, ...children) {
  clear(el);
  return append(el, children);
}

const messages = {
  en: {
    chain_intact: 'Audit chain intact',
    chain_broken: 'Audit chain BROKEN',
    chain_unknown: 'Audit chain status unknown',
    chain_checked: '{checked} entries verified',
    chain_first_bad: 'first entry that fails verification: {id}',
    action: 'Action',
    action_hint: 'compliance.read or model.*',
    actor_hint: 'operator:ops or client:*',
    page_size: 'Per page',
    apply: 'Filter',
    first_page: 'First page',
    previous: 'Previous',
    next: 'Next',
    page: 'Page {n}',
    loading: 'Loading…',
    id: 'Entry',
    at: 'When',
    actor: 'Actor',
    object: 'Object',
    detail: 'Detail',
    empty: 'No audit entry matches.',
    failure_forbidden: 'Your role may not read the audit trail.',
    failure_unavailable: 'The audit log viewer is not available on this server yet.',
    failure_not_found: 'Nothing was found for this request.',
    failure_invalid: 'The server refused the filter: check the action name.',
    failure_server: 'The server failed to answer. Try again; if it persists, give the request id to the bureau’s operations team.',
    failure_failed: 'The request failed.',
  },
  zh: {
    chain_intact: '审计链完整',
    chain_broken: '审计链已损坏',
    chain_unknown: '审计链状态未知',
    chain_checked: '已校验 {checked} 条记录',
    chain_first_bad: '首条校验失败的记录：{id}',
    action: '操作',
    action_hint: 'compliance.read 或 model.*',
    actor_hint: 'operator:ops 或 client:*',
    page_size: '每页',
    apply: '筛选',
    first_page: '第一页',
    previous: '上一页',
    next: '下一页',
    page: '第 {n} 页',
    loading: '加载中…',
    id: '记录',
    at: '时间',
    actor: '操作人',
    object: '对象',
    detail: '详情',
    empty: '没有符合条件的审计记录。',
    failure_forbidden: '您的角色无权查看审计日志。',
    failure_unavailable: '本服务器尚未提供审计日志查看。',
    failure_not_found: '未找到相关数据。',
    failure_invalid: '服务器拒绝了筛选条件：请检查操作名称。',
    failure_server: '服务器未能应答。请重试；如仍失败，请将请求编号提供给征信机构运维团队。',
    failure_failed: '请求失败。',
  },
};

function ensureStyle() {
  if (document.getElementById('credo-page-style-audit')) return;
  document.head.append(h('style', { id: 'credo-page-style-audit' }, `
.au-page { display: flex; flex-direction: column; gap: 12px; }
.au-chain { border-radius: 8px; padding: 12px 16px; font-size: 1.1em; display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; }
.au-chain strong { font-size: 1.15em; }
.au-chain-intact { background: #dafbe1; border: 2px solid #2da44e; color: #116329; }
.au-chain-broken { background: #ffebe9; border: 2px solid #cf222e; color: #a40e26; }
.au-chain-unknown { background: #f6f8fa; border: 2px solid #8c959f; color: #57606a; }
.au-toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; }
.au-toolbar label { display: flex; flex-direction: column; font-size: 0.85em; gap: 2px; }
.au-table { overflow-x: auto; }
.au-detail { font-family: ui-monospace, monospace; font-size: 0.85em; white-space: pre-wrap; word-break: break-word; max-width: 40em; display: inline-block; }
.au-muted { color: #57606a; font-size: 0.85em; }
.page-failure { border: 1px solid #cf222e; background: #fff5f5; border-radius: 6px; padding: 10px; }
.page-failure-text { margin: 0 0 6px; font-weight: 600; }
`));
}

function chainBanner(ctx, chain) {
  const status = chain && (chain.status === 'intact' || chain.status === 'broken') ? chain.status : 'unknown';
  return h('div', { class: `au-chain au-chain-${status}`, role: status === 'broken' ? 'alert' : 'status',
                    'data-test': 'audit-chain-status', 'data-status': status },
    h('strong', {}, status === 'intact' ? `✔ ${ctx.t('chain_intact')}`
      : status === 'broken' ? `✖ ${ctx.t('chain_broken')}` : ctx.t('chain_unknown')),
    chain && typeof chain.checked === 'number'
      ? h('span', { 'data-test': 'audit-chain-checked', 'data-value': String(chain.checked) },
          ctx.t('chain_checked', { checked: chain.checked }))
      : null,
    status === 'broken' && chain.first_bad_id !== undefined && chain.first_bad_id !== null
      ? h('span', { 'data-test': 'audit-chain-first-bad' }, ctx.t('chain_first_bad', { id: chain.first_bad_id }))
      : null);
}

function detailText(detail) {
  if (detail === null || detail === undefined) return '';
  return typeof detail === 'string' ? detail : JSON.stringify(detail);
}

function atText(at) {
  if (typeof at === 'number') {
    // seconds or milliseconds since the epoch
    const ms = at > 1e12 ? at : at * 1000;
    return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  }
  return at ?? '';
}

export default {
  id: 'audit',
  route: '/audit',
  nav: { order: 90 },
  permission: 'audit.read',
  title: { en: 'Audit log', zh: '审计日志' },
  messages,
  async render(root, ctx) {
    ensureStyle();
    const chain = h('div', { 'data-test': 'audit-chain' }, chainBanner(ctx, null));
    const action = h('input', { type: 'text', 'data-test': 'audit-action', placeholder: ctx.t('action_hint'),
                                value: (ctx.query && ctx.query.action) || '' });
    const actor = h('input', { type: 'text', 'data-test': 'audit-actor', placeholder: ctx.t('actor_hint'),
                               value: (ctx.query && ctx.query.actor) || '' });
    const limit = h('select', { 'data-test': 'audit-limit' },
      ['25', '50', '100', '200'].map((n) => h('option', { value: n }, n)));
    limit.value = '50';
    const pageLabel = h('span', { class: 'au-muted', 'data-test': 'audit-page-number' });
    const first = h('button', { type: 'button', 'data-test': 'audit-first' }, ctx.t('first_page'));
    const previous = h('button', { type: 'button', 'data-test': 'audit-previous' }, ctx.t('previous'));
    const next = h('button', { type: 'button', 'data-test': 'audit-next' }, ctx.t('next'));
    const body = h('div', { class: 'au-table', 'data-test': 'audit-entries' });
    let alive = true;
    // The after_id of each page seen so far: pages[0] is the first page (no after_id).
    let pages = [undefined];
    let nextAfterId = null;

    async function load() {
      const index = pages.length - 1;
      fill(body, h('p', { class: 'au-muted' }, ctx.t('loading')));
      try {
        const data = await ctx.api.get('/v1/audit', {
          after_id: pages[index], limit: Number(limit.value), action: action.value.trim() || undefined,
          actor: actor.value.trim() || undefined });
        if (!alive) return;
        fill(chain, chainBanner(ctx, data.chain));
        const entries = data.entries || [];
        nextAfterId = data.next_after_id ?? (entries.length === Number(limit.value) && entries.length
          ? entries[entries.length - 1].id : null);
        pageLabel.textContent = ctx.t('page', { n: index + 1 });
        previous.disabled = index === 0;
        first.disabled = index === 0;
        next.disabled = !nextAfterId;
        if (entries.length === 0) {
          fill(body, h('p', { class: 'au-muted', 'data-test': 'audit-empty' }, ctx.t('empty')));
          return;
        }
        ctx.ui.table(body, {
          columns: [
            { key: 'id', label: ctx.t('id') },
            { key: 'at', label: ctx.t('at'), format: (v) => atText(v) },
            { key: 'actor', label: ctx.t('actor') },
            { key: 'action', label: ctx.t('action') },
            { key: 'object', label: ctx.t('object'),
              format: (v) => (v && typeof v === 'object' ? JSON.stringify(v) : v ?? '') },
            { key: 'detail', label: ctx.t('detail'),
              format: (v) => h('span', { class: 'au-detail' }, detailText(v)) },
          ],
          rows: entries.map((e) => {
            const object = e.object ?? e.entity ?? '';
            const objectId = e.object_id ?? e.entity_id;
            return { ...e, id: e.id ?? e.sequence, at: e.at ?? e.recorded_at,
                     object: objectId ? `${object}:${objectId}` : object };
          }),
          exportName: 'audit-log',
        });
      } catch (error) {
        if (alive) {
          next.disabled = true;
          showFailure(body, ctx, error, 'audit-error');
        }
      }
    }

    function restart() {
      pages = [undefined];
      load();
    }
    first.addEventListener('click', restart);
    previous.addEventListener('click', () => {
      if (pages.length > 1) pages.pop();
      load();
    });
    next.addEventListener('click', () => {
      if (!nextAfterId) return;
      pages.push(nextAfterId);
      load();
    });
    limit.addEventListener('change', restart);

    fill(root, h('div', { class: 'au-page', 'data-test': 'audit-page' },
      chain,
      h('form', { class: 'au-toolbar', onsubmit: (event) => { event.preventDefault(); restart(); } },
        h('label', {}, ctx.t('action'), action),
        h('label', {}, ctx.t('actor'), actor),
        h('label', {}, ctx.t('page_size'), limit),
        h('button', { type: 'submit', 'data-test': 'audit-apply' }, ctx.t('apply')),
        first, previous, next, pageLabel),
      body));
    await load();
    return () => { alive = false; };
  },
};
