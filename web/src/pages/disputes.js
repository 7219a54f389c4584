// Disputes: the queue of disputes (异议) with their answer deadlines, overdue ones highlighted.
// Reads GET /v1/disputes?status=open|all. A dispute past its deadline is closed in the subject's
// favour by the sweep (compliance/disputes.h), so overdue rows are the ones to chase first.

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
    status_closed: 'Closed',
    status_all: 'All',
    refresh: 'Refresh',
    loading: 'Loading…',
    id: 'Dispute',
    subject: 'Subject',
    item: 'Item',
    reason: 'Reason',
    opened_on: 'Opened',
    due_on: 'Due',
    days_left: 'Days left',
    state: 'State',
    outcome: 'Outcome',
    deadline: 'the profile gives {days} days to answer',
    overdue: 'overdue',
    due_today: 'due today',
    days: '{n} d',
    summary: '{count} dispute(s), {overdue} overdue, {soon} due within 5 days',
    empty: 'No dispute in this queue.',
    failure_forbidden: 'Your role may not read disputes.',
    failure_unavailable: 'The disputes queue is not available on this server yet.',
    failure_not_found: 'Nothing was found for this request.',
    failure_invalid: 'The server refused the request: check the filter.',
    failure_server: 'The server failed to answer. Try again; if it persists, give the request id to the bureau’s operations team.',
    failure_failed: 'The request failed.',
  },
  zh: {
    status: '状态',
    status_open: '处理中',
    status_closed: '已结案',
    status_all: '全部',
    refresh: '刷新',
    loading: '加载中…',
    id: '异议编号',
    subject: '主体',
    item: '异议事项',
    reason: '理由',
    opened_on: '受理日期',
    due_on: '答复期限',
    days_left: '剩余天数',
    state: '状态',
    outcome: '处理结果',
    deadline: '按适用规则须在 {days} 日内答复',
    overdue: '已逾期',
    due_today: '今日到期',
    days: '{n} 天',
    summary: '共 {count} 件异议，逾期 {overdue} 件，5 天内到期 {soon} 件',
    empty: '该队列中没有异议。',
    failure_forbidden: '您的角色无权查看异议。',
    failure_unavailable: '本服务器尚未提供异议队列。',
    failure_not_found: '未找到相关数据。',
    failure_invalid: '服务器拒绝了请求：请检查筛选条件。',
    failure_server: '服务器未能应答。请重试；如仍失败，请将请求编号提供给征信机构运维团队。',
    failure_failed: '请求失败。',
  },
};

function ensureStyle() {
  if (document.getElementById('credo-page-style-disputes')) return;
  document.head.append(h('style', { id: 'credo-page-style-disputes' }, `
.dp-page { display: flex; flex-direction: column; gap: 12px; }
.dp-toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; }
.dp-toolbar label { display: flex; flex-direction: column; font-size: 0.85em; gap: 2px; }
.dp-summary { font-weight: 600; }
.dp-table { overflow-x: auto; }
.dp-days { display: inline-block; min-width: 4.5em; padding: 1px 6px; border-radius: 10px; text-align: center; }
.dp-days-overdue { background: #cf222e; color: #fff; font-weight: 600; }
.dp-days-soon { background: #fff8c5; color: #7d4e00; }
.dp-days-ok { background: #dafbe1; color: #116329; }
.dp-table tr:has(.dp-days-overdue) { background: #ffebe9; }
.dp-table tr:has(.dp-days-overdue) td { border-left-color: #cf222e; }
.dp-muted { color: #57606a; font-size: 0.85em; }
.page-failure { border: 1px solid #cf222e; background: #fff5f5; border-radius: 6px; padding: 10px; }
.page-failure-text { margin: 0 0 6px; font-weight: 600; }
`));
}

// The days left until the answer is due: the server's figure when it gives one, else from due_on.
function daysLeft(dispute) {
  if (typeof dispute.days_left === 'number') return dispute.days_left;
  if (!dispute.due_on) return null;
  const due = Date.parse(`${String(dispute.due_on).slice(0, 10)}T00:00:00Z`);
  const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  return Math.round((due - today) / 86400000);
}

function itemText(item) {
  if (item === null || item === undefined) return '';
  if (typeof item === 'string') return item;
  if (item.kind && item.id !== undefined) {
    return [item.kind, item.id, item.month].filter((x) => x !== undefined && x !== '').join(':');
  }
  if (item.kind && item.field) return `${item.kind}:${item.field}`;
  return JSON.stringify(item);
}

function daysBadge(ctx, days, open) {
  if (days === null || !open) return h('span', { class: 'dp-muted' }, '—');
  const kind = days < 0 ? 'overdue' : days <= 5 ? 'soon' : 'ok';
  const text = days < 0 ? `${ctx.t('overdue')} (${-days})`
    : days === 0 ? ctx.t('due_today') : ctx.t('days', { n: days });
  return h('span', { class: `dp-days dp-days-${kind}`, 'data-test': 'dispute-days',
                     'data-days': String(days) }, text);
}

export default {
  id: 'disputes',
  route: '/disputes',
  nav: { order: 50 },
  permission: 'disputes.read',
  title: { en: 'Disputes', zh: '异议处理' },
  messages,
  async render(root, ctx) {
    ensureStyle();
    const status = h('select', { 'data-test': 'disputes-status' },
      h('option', { value: 'open' }, ctx.t('status_open')),
      h('option', { value: 'closed' }, ctx.t('status_closed')),
      h('option', { value: 'all' }, ctx.t('status_all')));
    if (ctx.query && ['closed', 'all'].includes(ctx.query.status)) status.value = ctx.query.status;
    const summary = h('p', { class: 'dp-summary', 'data-test': 'disputes-summary' });
    const body = h('div', { class: 'dp-table', 'data-test': 'disputes-body' });
    let alive = true;

    async function load() {
      fill(body, h('p', { class: 'dp-muted' }, ctx.t('loading')));
      summary.textContent = '';
      try {
        const data = await ctx.api.get('/v1/disputes', { status: status.value });
        if (!alive) return;
        const rows = (data.disputes || []).map((d) => {
          const open = d.status ? d.status === 'open' : true;
          return { ...d, item_text: itemText(d.item), days: open ? daysLeft(d) : null, open };
        });
        // Most urgent first: overdue, then fewest days left; closed ones last.
        rows.sort((a, b) => (a.days ?? Infinity) - (b.days ?? Infinity) || a.id - b.id);
        const overdue = rows.filter((r) => r.days !== null && r.days < 0).length;
        const soon = rows.filter((r) => r.days !== null && r.days >= 0 && r.days <= 5).length;
        summary.textContent = ctx.t('summary', { count: rows.length, overdue, soon }) +
          (data.deadline_days ? ` · ${ctx.t('deadline', { days: data.deadline_days })}` : '');
        summary.setAttribute('data-count', String(rows.length));
        summary.setAttribute('data-overdue', String(overdue));
        if (rows.length === 0) {
          fill(body, h('p', { class: 'dp-muted', 'data-test': 'disputes-empty' },
                                 ctx.t('empty')));
          return;
        }
        ctx.ui.table(body, {
          columns: [
            { key: 'id', label: ctx.t('id') },
            { key: 'subject_id', label: ctx.t('subject'),
              format: (v) => h('a', { href: `#/subjects/${v}` }, String(v)) },
            { key: 'item_text', label: ctx.t('item') },
            { key: 'reason', label: ctx.t('reason') },
            { key: 'opened_on', label: ctx.t('opened_on') },
            { key: 'due_on', label: ctx.t('due_on') },
            { key: 'days', label: ctx.t('days_left'), align: 'right',
              format: (v, row) => daysBadge(ctx, v, row ? row.open : true) },
            { key: 'status', label: ctx.t('state') },
            { key: 'outcome', label: ctx.t('outcome'), format: (v) => (v && v !== 'none' ? v : '') },
          ],
          rows,
          exportName: 'disputes',
        });
      } catch (error) {
        if (alive) showFailure(body, ctx, error, 'disputes-error');
      }
    }

    status.addEventListener('change', load);
    fill(root, h('div', { class: 'dp-page', 'data-test': 'disputes-page' },
      h('div', { class: 'dp-toolbar' },
        h('label', {}, ctx.t('status'), status),
        h('button', { type: 'button', 'data-test': 'disputes-refresh', onclick: load },
          ctx.t('refresh'))),
      summary,
      body));
    await load();
    return () => { alive = false; };
  },
};
