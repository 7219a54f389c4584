// Review: the entity-resolution review queue. Pairs of records the resolver could neither link
// nor keep apart wait here; an operator opens one, reads the field-by-field explanation (both
// values side by side, the comparison level and its weight), and accepts (the subjects are
// merged) or rejects (kept apart) with a note. Reads GET /v1/review, GET /v1/review/{id},
// POST /v1/review/{id}/accept|reject. Deciding needs review.write; reading review.read.

import { h, append, clear } from '../shell/dom.js';
import { failureKind, showFailure } from '../shell/failure.js';

// Replaces el's content with children (strings, nodes, arrays; null and false are skipped).
function fill(el, ...children) {
  clear(el);
  return append(el, children);
}

const messages = {
  en: {
    status: 'Status',
    status_open: 'Open',
    status_accepted: 'Accepted',
    status_rejected: 'Rejected',
    status_all: 'All',
    refresh: 'Refresh',
    more: 'More',
    loading: 'Loading…',
    id: 'Item',
    left: 'Left subject',
    right: 'Right subject',
    probability: 'Match probability',
    match_weight: 'Match weight',
    reason: 'Why it is here',
    created_at: 'Queued',
    state: 'Status',
    open_item: 'Open',
    empty: 'The queue is empty.',
    count: '{count} item(s) shown',
    detail_title: 'Item {id}: subject {left} and subject {right}',
    field: 'Field',
    left_value: 'Subject {id}',
    right_value: 'Subject {id}',
    level: 'Agreement',
    weight: 'Weight',
    total_weight: 'Total match weight {weight}, probability {probability}',
    note: 'Note (why you decide so)',
    note_required: 'Write a note before deciding.',
    accept: 'Accept: same subject',
    reject: 'Reject: different subjects',
    deciding: 'Saving…',
    accepted: 'Accepted: the subjects were merged; subject {id} survives.',
    rejected: 'Rejected: the subjects stay apart.',
    read_only: 'Your role may read the queue but not decide items.',
    close: 'Close',
    no_comparisons: 'The server gave no field comparison for this item.',
    failure_forbidden: 'Your role may not open the review queue.',
    failure_unavailable: 'The review queue is not available on this server yet.',
    failure_not_found: 'This review item does not exist (any more).',
    failure_invalid: 'The server refused the request: check the note and the item.',
    failure_conflict: 'This item was already decided by someone else; refresh the queue.',
    failure_server: 'The server failed to answer. Try again; if it persists, give the request id to the bureau’s operations team.',
    failure_failed: 'The request failed.',
  },
  zh: {
    status: '状态',
    status_open: '待处理',
    status_accepted: '已确认',
    status_rejected: '已驳回',
    status_all: '全部',
    refresh: '刷新',
    more: '更多',
    loading: '加载中…',
    id: '编号',
    left: '主体 A',
    right: '主体 B',
    probability: '匹配概率',
    match_weight: '匹配权重',
    reason: '进入复核的原因',
    created_at: '入队时间',
    state: '状态',
    open_item: '打开',
    empty: '复核队列为空。',
    count: '显示 {count} 条',
    detail_title: '复核项 {id}：主体 {left} 与主体 {right}',
    field: '字段',
    left_value: '主体 {id}',
    right_value: '主体 {id}',
    level: '一致程度',
    weight: '权重',
    total_weight: '总匹配权重 {weight}，概率 {probability}',
    note: '备注（决定理由）',
    note_required: '请先填写备注再做决定。',
    accept: '确认：同一主体',
    reject: '驳回：不同主体',
    deciding: '保存中…',
    accepted: '已确认：两个主体已合并，保留主体 {id}。',
    rejected: '已驳回：两个主体保持独立。',
    read_only: '您的角色可以查看复核队列，但不能做出决定。',
    close: '关闭',
    no_comparisons: '服务器未提供该复核项的字段比对。',
    failure_forbidden: '您的角色无权打开复核队列。',
    failure_unavailable: '本服务器尚未提供复核队列。',
    failure_not_found: '该复核项不存在（或已被删除）。',
    failure_invalid: '服务器拒绝了请求：请检查备注和复核项。',
    failure_conflict: '该复核项已由他人处理，请刷新队列。',
    failure_server: '服务器未能应答。请重试；如仍失败，请将请求编号提供给征信机构运维团队。',
    failure_failed: '请求失败。',
  },
};

function ensureStyle() {
  if (document.getElementById('credo-page-style-review')) return;
  document.head.append(h('style', { id: 'credo-page-style-review' }, `
.rv-page { display: grid; grid-template-columns: minmax(0, 1fr); gap: 16px; }
@media (min-width: 1100px) { .rv-page.rv-with-detail { grid-template-columns: minmax(0, 5fr) minmax(0, 6fr); } }
.rv-toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin-bottom: 8px; }
.rv-toolbar label { display: flex; flex-direction: column; font-size: 0.85em; gap: 2px; }
.rv-table, .rv-compare { overflow-x: auto; }
.rv-detail { border: 1px solid #d0d7de; border-radius: 6px; padding: 12px; background: #fff; min-width: 0; }
.rv-detail h2 { font-size: 1.05em; margin: 0 0 8px; }
.rv-compare table { border-collapse: collapse; width: 100%; }
.rv-compare th, .rv-compare td { border-bottom: 1px solid #d8dee4; padding: 4px 6px; text-align: left; vertical-align: top; }
.rv-compare td.rv-num { text-align: right; font-variant-numeric: tabular-nums; }
.rv-agree { background: #dafbe1; }
.rv-disagree { background: #ffebe9; }
.rv-decide { display: flex; flex-direction: column; gap: 8px; margin-top: 12px; }
.rv-decide textarea { width: 100%; min-height: 4em; box-sizing: border-box; }
.rv-buttons { display: flex; flex-wrap: wrap; gap: 8px; }
.rv-outcome { font-weight: 600; }
.rv-muted { color: #57606a; font-size: 0.85em; }
.page-failure { border: 1px solid #cf222e; background: #fff5f5; border-radius: 6px; padding: 10px; }
.page-failure-text { margin: 0 0 6px; font-weight: 600; }
`));
}

function fixed(value, digits) {
  return typeof value === 'number' ? value.toFixed(digits) : value ?? '';
}

function valueText(value) {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

// The side-by-side comparison: one row per field, weights signed (green agrees, red disagrees).
function comparisonTable(ctx, comparisons, item) {
  return h('table', { 'data-test': 'review-comparisons' },
    h('thead', {}, h('tr', {},
      h('th', {}, ctx.t('field')), h('th', {}, ctx.t('left_value', { id: item.left_subject_id })),
      h('th', {}, ctx.t('right_value', { id: item.right_subject_id })), h('th', {}, ctx.t('level')),
      h('th', {}, ctx.t('weight')))),
    h('tbody', {}, comparisons.map((c) => {
      const weight = typeof c.weight === 'number' ? c.weight : null;
      const rowClass = weight === null ? '' : weight >= 0 ? 'rv-agree' : 'rv-disagree';
      return h('tr', { class: rowClass, 'data-test': 'review-comparison', 'data-field': c.field },
        h('th', { scope: 'row' }, c.field),
        h('td', { 'data-test': 'review-left-value' }, valueText(c.left)),
        h('td', { 'data-test': 'review-right-value' }, valueText(c.right)),
        h('td', {}, valueText(c.label ?? c.level_label ?? c.level)),
        h('td', { class: 'rv-num' }, weight === null ? '—' : (weight >= 0 ? '+' : '') + weight.toFixed(2)));
    })));
}

export default {
  id: 'review',
  route: '/review',
  nav: { order: 60 },
  permission: 'review.read',
  title: { en: 'Review queue', zh: '实体复核' },
  messages,
  async render(root, ctx) {
    ensureStyle();
    const status = h('select', { 'data-test': 'review-status' },
      h('option', { value: 'open' }, ctx.t('status_open')),
      h('option', { value: 'accepted' }, ctx.t('status_accepted')),
      h('option', { value: 'rejected' }, ctx.t('status_rejected')),
      h('option', { value: 'all' }, ctx.t('status_all')));
    const count = h('span', { class: 'rv-muted', 'data-test': 'review-count' });
    const more = h('button', { type: 'button', 'data-test': 'review-more', hidden: true },
                   ctx.t('more'));
    const list = h('div', { class: 'rv-table', 'data-test': 'review-list' });
    const detail = h('section', { class: 'rv-detail', 'data-test': 'review-detail', hidden: true });
    const page = h('div', { class: 'rv-page', 'data-test': 'review-page' },
      h('div', {},
        h('div', { class: 'rv-toolbar' },
          h('label', {}, ctx.t('status'), status),
          h('button', { type: 'button', 'data-test': 'review-refresh', onclick: () => load(true) },
            ctx.t('refresh')),
          count),
        list, more),
      detail);
    let alive = true;
    let items = [];
    let nextAfterId = null;

    function drawList() {
      count.textContent = ctx.t('count', { count: items.length });
      more.hidden = !nextAfterId;
      if (items.length === 0) {
        fill(list, h('p', { class: 'rv-muted', 'data-test': 'review-empty' },
                               ctx.t('empty')));
        return;
      }
      ctx.ui.table(list, {
        columns: [
          { key: 'id', label: ctx.t('id'),
            format: (v) => h('button', { type: 'button', class: 'rv-open',
                                         'data-test': 'review-open', 'data-id': String(v),
                                         onclick: () => openItem(v) }, `${ctx.t('open_item')} #${v}`) },
          { key: 'left_subject_id', label: ctx.t('left') },
          { key: 'right_subject_id', label: ctx.t('right') },
          { key: 'probability', label: ctx.t('probability'), format: (v) => fixed(v, 3) },
          { key: 'match_weight', label: ctx.t('match_weight'), format: (v) => fixed(v, 2) },
          { key: 'reason', label: ctx.t('reason') },
          { key: 'created_at', label: ctx.t('created_at') },
          { key: 'status', label: ctx.t('state') },
        ],
        rows: items,
        exportName: 'review-queue',
      });
    }

    async function load(reset) {
      if (reset) {
        items = [];
        nextAfterId = null;
        fill(list, h('p', { class: 'rv-muted' }, ctx.t('loading')));
      }
      try {
        const data = await ctx.api.get('/v1/review', {
          status: status.value, after_id: reset ? undefined : nextAfterId, limit: 50 });
        if (!alive) return;
        items = items.concat(data.items || []);
        nextAfterId = data.next_after_id || null;
        drawList();
      } catch (error) {
        if (alive) {
          more.hidden = true;
          showFailure(list, ctx, error, 'review-error');
        }
      }
    }

    function closeDetail() {
      detail.hidden = true;
      clear(detail);
      page.classList.remove('rv-with-detail');
    }

    async function decide(id, verdict, note, outcome, buttons) {
      if (!note.value.trim()) {
        outcome.textContent = ctx.t('note_required');
        outcome.setAttribute('data-state', 'note-required');
        note.focus();
        return;
      }
      buttons.forEach((b) => { b.disabled = true; });
      outcome.textContent = ctx.t('deciding');
      outcome.removeAttribute('data-state');
      try {
        const result = await ctx.api.post(`/v1/review/${id}/${verdict}`, { note: note.value.trim() });
        if (!alive) return;
        outcome.textContent = verdict === 'accept'
          ? ctx.t('accepted', { id: result && result.surviving_subject_id })
          : ctx.t('rejected');
        outcome.setAttribute('data-state', verdict === 'accept' ? 'accepted' : 'rejected');
        items = items.filter((item) => item.id !== id || status.value !== 'open');
        drawList();
      } catch (error) {
        buttons.forEach((b) => { b.disabled = false; });
        if (alive) showFailure(outcome, ctx, error, 'review-decide-error');
      }
    }

    async function openItem(id) {
      page.classList.add('rv-with-detail');
      detail.hidden = false;
      detail.setAttribute('data-id', String(id));
      fill(detail, h('p', { class: 'rv-muted' }, ctx.t('loading')));
      try {
        const item = await ctx.api.get(`/v1/review/${id}`);
        if (!alive || detail.getAttribute('data-id') !== String(id)) return;
        const comparisons = item.comparisons || [];
        const note = h('textarea', { 'data-test': 'review-note', maxlength: '1000' });
        const outcome = h('p', { class: 'rv-outcome', 'data-test': 'review-outcome',
                                 'aria-live': 'polite' });
        const accept = h('button', { type: 'button', class: 'primary', 'data-test': 'review-accept' },
                         ctx.t('accept'));
        const reject = h('button', { type: 'button', 'data-test': 'review-reject' }, ctx.t('reject'));
        accept.addEventListener('click', () => decide(id, 'accept', note, outcome, [accept, reject]));
        reject.addEventListener('click', () => decide(id, 'reject', note, outcome, [accept, reject]));
        const canDecide = ctx.can('review.write') && (item.status || 'open') === 'open';
        fill(detail,
          h('div', { class: 'rv-toolbar' },
            h('h2', { 'data-test': 'review-detail-title' },
              ctx.t('detail_title', { id, left: item.left_subject_id, right: item.right_subject_id })),
            h('button', { type: 'button', 'data-test': 'review-close', onclick: closeDetail },
              ctx.t('close'))),
          h('p', { class: 'rv-muted' },
            ctx.t('total_weight', { weight: fixed(item.match_weight, 2),
                                    probability: fixed(item.probability, 3) }),
            item.reason ? ` — ${item.reason}` : ''),
          comparisons.length
            ? h('div', { class: 'rv-compare' }, comparisonTable(ctx, comparisons, item))
            : h('p', { class: 'rv-muted' }, ctx.t('no_comparisons')),
          canDecide
            ? h('div', { class: 'rv-decide' },
                h('label', {}, ctx.t('note'), note),
                h('div', { class: 'rv-buttons' }, accept, reject),
                outcome)
            : h('p', { class: 'rv-muted', 'data-test': 'review-read-only' },
                ctx.can('review.write') ? `${ctx.t('state')}: ${item.status}` : ctx.t('read_only')));
        // On a narrow screen the explanation is below the list: bring it into view.
        if (window.innerWidth < 1100) detail.scrollIntoView({ block: 'start' });
      } catch (error) {
        if (alive) showFailure(detail, ctx, error, 'review-detail-error');
      }
    }

    status.addEventListener('change', () => { closeDetail(); load(true); });
    more.addEventListener('click', () => load(false));
    fill(root, page);
    await load(true);
    const wanted = ctx.query && Number(ctx.query.item);
    if (wanted) await openItem(wanted);
    return () => { alive = false; };
  },
};
