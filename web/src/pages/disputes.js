// Disputes: the queue of disputes (异议) with their answer deadlines, overdue ones highlighted.
// Reads GET /v1/disputes?status=open|all. A dispute past its deadline is closed in the subject's
// favour by the sweep (compliance/disputes.h), so overdue rows are the ones to chase first.
// A role with disputes.write closes an open case with the furnisher's answer
// (POST /v1/disputes/{id}/resolve): the outcome, the answer or findings, and for a correction the
// corrected values the item's kind takes; a refusal shows the server's rule and changes nothing.

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
    failure_conflict: 'The dispute is no longer open: refresh the queue.',
    actions: 'Action',
    resolve: 'Resolve…',
    resolve_title: 'Resolve dispute {id} ({item})',
    outcome_corrected: 'Corrected by the furnisher',
    outcome_deleted: 'Deleted (inaccurate or unverifiable)',
    outcome_verified: 'Verified as accurate',
    outcome_undeterminable: 'Could not be determined',
    note: 'The furnisher’s answer or the findings',
    note_required: 'Write the furnisher’s answer or the findings first.',
    subject_disagrees: 'The subject still disagrees (reported as XC)',
    correction: 'Corrected values',
    correction_required: 'Give at least one corrected value.',
    account_status: 'Account status (Metro 2 code, e.g. 11)',
    month_status: 'Payment status of the month (0, 1 … 6, B, D, E, G, H, J, K, L)',
    balance: 'Balance (e.g. 1234.56)',
    past_due: 'Amount past due (e.g. 0.00)',
    record_status: 'Record status (e.g. satisfied)',
    resolved_on: 'Resolved on',
    identity_value: 'Corrected value',
    amount_invalid: '{field}: write an amount such as 1234.56',
    submit: 'Close the dispute',
    cancel: 'Cancel',
    resolving: 'Closing…',
    resolved: 'Dispute {id} closed: {outcome}.',
    resolve_invalid: 'The server refused this answer; the dispute stays open. Correct what it names and try again.',
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
    failure_conflict: '该异议已不在处理中：请刷新队列。',
    actions: '操作',
    resolve: '答复…',
    resolve_title: '答复异议 {id}（{item}）',
    outcome_corrected: '数据提供者已更正',
    outcome_deleted: '删除（不准确或无法核实）',
    outcome_verified: '核实无误',
    outcome_undeterminable: '无法确定',
    note: '数据提供者的答复或核查结论',
    note_required: '请先填写数据提供者的答复或核查结论。',
    subject_disagrees: '信息主体仍有异议（报送为 XC）',
    correction: '更正后的数据',
    correction_required: '请至少填写一项更正后的数据。',
    account_status: '账户状态（Metro 2 代码，如 11）',
    month_status: '该月还款状态（0、1 … 6、B、D、E、G、H、J、K、L）',
    balance: '余额（如 1234.56）',
    past_due: '逾期金额（如 0.00）',
    record_status: '记录状态（如 已履行）',
    resolved_on: '了结日期',
    identity_value: '更正后的值',
    amount_invalid: '{field}：请填写金额，如 1234.56',
    submit: '结案',
    cancel: '取消',
    resolving: '正在结案…',
    resolved: '异议 {id} 已结案：{outcome}。',
    resolve_invalid: '服务器拒绝了此答复，异议仍在处理中。请按提示更正后重试。',
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
.dp-resolve { border: 1px solid #d0d7de; border-radius: 6px; padding: 12px; display: flex; flex-direction: column; gap: 8px; max-width: 640px; }
.dp-resolve h2 { font-size: 1.05em; margin: 0; }
.dp-resolve label { display: flex; flex-direction: column; gap: 2px; font-size: 0.9em; }
.dp-resolve label.dp-check { flex-direction: row; align-items: center; gap: 6px; }
.dp-resolve textarea { min-height: 4em; }
.dp-resolve fieldset { border: 1px solid #d0d7de; border-radius: 6px; display: flex; flex-direction: column; gap: 6px; }
.dp-resolve [hidden] { display: none; }
.dp-buttons { display: flex; gap: 8px; }
.dp-outcome[data-state="resolved"] { color: #116329; font-weight: 600; }
.dp-outcome[data-state="note-required"], .dp-outcome[data-state="correction-required"], .dp-outcome[data-state="amount-invalid"] { color: #cf222e; }
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

// '1234.56' -> 123456 (amounts in the console are in the currency's units with up to two
// decimals); null when the text is not such an amount.
export function minorUnits(text) {
  const match = /^\s*(\d{1,15})(?:\.(\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] || '').padEnd(2, '0'));
}

// The corrected values an item of this kind takes (compliance::Correction refuses the others).
const correctionFields = {
  tradeline: [
    { key: 'account_status', label: 'account_status', maxlength: 2 },
    { key: 'balance_minor', label: 'balance', amount: true },
    { key: 'past_due_minor', label: 'past_due', amount: true },
  ],
  tradeline_month: [{ key: 'month_status', label: 'month_status', maxlength: 1 }],
  public_record: [
    { key: 'record_status', label: 'record_status', maxlength: 64 },
    { key: 'resolved_on', label: 'resolved_on', type: 'date' },
  ],
  identity: [{ key: 'identity_value', label: 'identity_value', maxlength: 256 }],
};

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
    const panel = h('div', { 'data-test': 'dispute-resolve-panel', hidden: true });
    const canResolve = ctx.can('disputes.write');
    let alive = true;

    function closePanel() {
      panel.hidden = true;
      clear(panel);
    }

    // The form that closes one open dispute with the furnisher's answer.
    function openResolve(dispute) {
      // identity:<field>: the corrected value is for that field.
      const identityField = dispute.item_kind === 'identity'
        ? String(dispute.item_text).split(':')[1] || '' : '';
      // A refusal here is about the answer, not the queue's filter.
      const formCtx = { ...ctx, t: (key, params) =>
        ctx.t(key === 'failure_invalid' ? 'resolve_invalid' : key, params) };
      const outcome = h('select', { 'data-test': 'dispute-outcome' },
        ['corrected', 'deleted', 'verified', 'undeterminable'].map((name) =>
          h('option', { value: name }, ctx.t(`outcome_${name}`))));
      const note = h('textarea', { 'data-test': 'dispute-note', maxlength: '2000' });
      const disagrees = h('input', { type: 'checkbox', 'data-test': 'dispute-disagrees' });
      const disagreesLabel = h('label', { class: 'dp-check' }, disagrees, ctx.t('subject_disagrees'));
      const fields = (correctionFields[dispute.item_kind] || []).map((field) => ({
        ...field,
        input: h('input', { type: field.type || 'text', 'data-test': `dispute-correction-${field.key}`,
                            ...(field.maxlength ? { maxlength: String(field.maxlength) } : {}),
                            ...(identityField === 'birth_date' ? { placeholder: 'YYYY-MM-DD' } : {}) }),
      }));
      const correction = h('fieldset', { 'data-test': 'dispute-correction' },
        h('legend', {}, ctx.t('correction')),
        fields.map((field) => h('label', {},
          ctx.t(field.label) + (field.key === 'identity_value' && identityField
            ? ` (${identityField})` : ''), field.input)));
      const said = h('p', { class: 'dp-outcome', 'data-test': 'dispute-resolve-outcome',
                            'aria-live': 'polite' });
      const submit = h('button', { type: 'button', class: 'primary', 'data-test': 'dispute-submit' },
                       ctx.t('submit'));
      const cancel = h('button', { type: 'button', 'data-test': 'dispute-cancel', onclick: closePanel },
                       ctx.t('cancel'));
      const showFor = () => {
        correction.hidden = outcome.value !== 'corrected' || fields.length === 0;
        disagreesLabel.hidden = outcome.value !== 'verified';
      };
      outcome.addEventListener('change', showFor);
      showFor();
      const refuse = (state, text) => {
        said.textContent = text;
        said.setAttribute('data-state', state);
      };
      submit.addEventListener('click', async () => {
        if (!note.value.trim()) {
          refuse('note-required', ctx.t('note_required'));
          note.focus();
          return;
        }
        const request = { outcome: outcome.value, note: note.value.trim() };
        if (outcome.value === 'verified' && disagrees.checked) request.subject_disagrees = true;
        if (outcome.value === 'corrected' && fields.length) {
          const corrected = {};
          for (const field of fields) {
            const text = field.input.value.trim();
            if (!text) continue;
            if (field.amount) {
              const minor = minorUnits(text);
              if (minor === null) {
                refuse('amount-invalid', ctx.t('amount_invalid', { field: ctx.t(field.label) }));
                field.input.focus();
                return;
              }
              corrected[field.key] = minor;
            } else {
              corrected[field.key] = text;
            }
          }
          if (Object.keys(corrected).length === 0) {
            refuse('correction-required', ctx.t('correction_required'));
            return;
          }
          request.correction = corrected;
        }
        submit.disabled = true;
        said.textContent = ctx.t('resolving');
        said.removeAttribute('data-state');
        try {
          const closed = await ctx.api.post(`/v1/disputes/${dispute.id}/resolve`, request);
          if (!alive) return;
          refuse('resolved', ctx.t('resolved', {
            id: dispute.id, outcome: ctx.t(`outcome_${(closed && closed.outcome) || outcome.value}`) }));
          submit.hidden = true;
          await load();
        } catch (error) {
          submit.disabled = false;
          if (alive) showFailure(said, formCtx, error, 'dispute-resolve-error');
        }
      });
      panel.hidden = false;
      panel.setAttribute('data-id', String(dispute.id));
      fill(panel, h('div', { class: 'dp-resolve' },
        h('h2', { 'data-test': 'dispute-resolve-title' },
          ctx.t('resolve_title', { id: dispute.id, item: dispute.item_text })),
        h('p', { class: 'dp-muted' }, dispute.reason || ''),
        h('label', {}, ctx.t('outcome'), outcome),
        h('label', {}, ctx.t('note'), note),
        disagreesLabel,
        correction,
        h('div', { class: 'dp-buttons' }, submit, cancel),
        said));
      panel.scrollIntoView({ block: 'nearest' });
      note.focus();
    }

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
            ...(canResolve ? [{ key: 'actions', label: ctx.t('actions'), exportValue: () => '',
              format: (v, row) => (row && row.open
                ? h('button', { type: 'button', 'data-test': 'dispute-resolve',
                                'data-id': String(row.id), onclick: () => openResolve(row) },
                    ctx.t('resolve'))
                : '') }] : []),
          ],
          rows,
          exportName: 'disputes',
        });
      } catch (error) {
        if (alive) showFailure(body, ctx, error, 'disputes-error');
      }
    }

    status.addEventListener('change', () => { closePanel(); load(); });
    fill(root, h('div', { class: 'dp-page', 'data-test': 'disputes-page' },
      h('div', { class: 'dp-toolbar' },
        h('label', {}, ctx.t('status'), status),
        h('button', { type: 'button', 'data-test': 'disputes-refresh', onclick: load },
          ctx.t('refresh'))),
      summary,
      panel,
      body));
    await load();
    return () => { alive = false; };
  },
};
