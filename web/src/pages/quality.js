// Data quality: the batches furnishers sent, and for one batch its data-quality report — how many
// records were accepted or quarantined, findings by validation rule, field completeness, and the
// drift against the same source's previous batch. Reads GET /v1/batches and GET /v1/batches/{id}.

import { h, append, clear } from '../shell/dom.js';
import { failureKind, showFailure } from '../shell/failure.js';

// Replaces el's content with children (strings, nodes, arrays; null and false are skipped).
function fill(el, ...children) {
  clear(el);
  return append(el, children);
}

const messages = {
  en: {
    refresh: 'Refresh',
    more: 'More',
    loading: 'Loading…',
    batches: 'Batches',
    id: 'Batch',
    source: 'Source',
    file_name: 'File',
    quarantined_by_rule: 'Quarantined by rule',
    status: 'Status',
    received_at: 'Received',
    records: 'Records',
    accepted: 'Accepted',
    quarantined: 'Quarantined',
    open_batch: 'Report',
    empty: 'No batch has been loaded yet.',
    report_title: 'Batch {id}: data-quality report',
    feed: 'Feed',
    accepted_clean: 'Accepted',
    accepted_with_warnings: 'Accepted with warnings',
    rejected: 'Quarantined (rejected)',
    delinquent_share: 'Delinquent share',
    outcomes: 'Outcomes',
    rules: 'Findings by rule',
    rule: 'Rule',
    findings: 'Findings',
    no_findings: 'No rule found anything in this batch.',
    completeness: 'Field completeness',
    field: 'Field',
    present: 'Records carrying it',
    share: 'Share',
    drift: 'Drift since batch {id}',
    no_drift: 'No earlier batch of this source to compare with.',
    record_count_change: 'Record count change',
    previous_records: 'Previous batch records',
    delinquent_share_change: 'Delinquent share change (points)',
    previous_delinquent_share: 'Previous delinquent share',
    warnings: 'Warnings',
    no_report: 'This batch has no data-quality report yet (it is not committed).',
    close: 'Close',
    failure_forbidden: 'Your role may not read batches and their data quality.',
    failure_unavailable: 'This part of the console is not available on this server yet.',
    failure_not_found: 'This batch does not exist.',
    failure_invalid: 'The server refused the request.',
    failure_server: 'The server failed to answer. Try again; if it persists, give the request id to the bureau’s operations team.',
    failure_failed: 'The request failed.',
  },
  zh: {
    refresh: '刷新',
    more: '更多',
    loading: '加载中…',
    batches: '批次',
    id: '批次',
    source: '数据来源',
    file_name: '文件',
    quarantined_by_rule: '按规则隔离',
    status: '状态',
    received_at: '接收时间',
    records: '记录数',
    accepted: '已接收',
    quarantined: '已隔离',
    open_batch: '报告',
    empty: '尚未加载任何批次。',
    report_title: '批次 {id}：数据质量报告',
    feed: '数据类型',
    accepted_clean: '接收',
    accepted_with_warnings: '接收（有警告）',
    rejected: '隔离（拒收）',
    delinquent_share: '逾期占比',
    outcomes: '处理结果',
    rules: '按规则统计的问题',
    rule: '规则',
    findings: '问题数',
    no_findings: '本批次未触发任何规则。',
    completeness: '字段完整度',
    field: '字段',
    present: '含该字段的记录',
    share: '占比',
    drift: '与批次 {id} 相比的漂移',
    no_drift: '该来源没有更早的批次可比较。',
    record_count_change: '记录数变化',
    previous_records: '上一批次记录数',
    delinquent_share_change: '逾期占比变化（百分点）',
    previous_delinquent_share: '上一批次逾期占比',
    warnings: '警告',
    no_report: '该批次尚无数据质量报告（尚未提交）。',
    close: '关闭',
    failure_forbidden: '您的角色无权查看批次及其数据质量。',
    failure_unavailable: '本服务器尚未提供控制台的这一部分。',
    failure_not_found: '该批次不存在。',
    failure_invalid: '服务器拒绝了请求。',
    failure_server: '服务器未能应答。请重试；如仍失败，请将请求编号提供给征信机构运维团队。',
    failure_failed: '请求失败。',
  },
};

function ensureStyle() {
  if (document.getElementById('credo-page-style-quality')) return;
  document.head.append(h('style', { id: 'credo-page-style-quality' }, `
.dq-page { display: flex; flex-direction: column; gap: 16px; }
.dq-toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.dq-table { overflow-x: auto; }
.dq-report { border: 1px solid #d0d7de; border-radius: 6px; padding: 12px; background: #fff; }
.dq-report h2 { font-size: 1.1em; margin: 0; }
.dq-report h3 { font-size: 1em; margin: 12px 0 6px; }
.dq-kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 10px; }
.dq-kpi { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 10px; }
.dq-kpi-value { font-size: 1.4em; font-weight: 600; }
.dq-kpi-label { color: #57606a; font-size: 0.85em; }
.dq-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 380px), 1fr)); gap: 16px; }
.dq-grid > * { min-width: 0; }
.dq-chart { width: 100%; height: 260px; }
.dq-warning { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 6px 10px; margin: 4px 0; }
.dq-muted { color: #57606a; font-size: 0.85em; }
.page-failure { border: 1px solid #cf222e; background: #fff5f5; border-radius: 6px; padding: 10px; }
.page-failure-text { margin: 0 0 6px; font-weight: 600; }
`));
}

function numberText(ctx, value) {
  return new Intl.NumberFormat(ctx.lang === 'zh' ? 'zh-CN' : 'en-US').format(value ?? 0);
}

function kpi(ctx, label, value, testId, text) {
  return h('div', { class: 'dq-kpi', 'data-test': testId, 'data-value': String(value ?? '') },
    h('div', { class: 'dq-kpi-value' }, text ?? numberText(ctx, value)),
    h('div', { class: 'dq-kpi-label' }, label));
}

function signedPercent(fraction) {
  if (typeof fraction !== 'number') return '';
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)}%`;
}

// A change of a share in percentage points: 0.012 -> '+1.2 pp'.
function signedPoints(fraction) {
  if (typeof fraction !== 'number') return '';
  return `${fraction >= 0 ? '+' : ''}${(fraction * 100).toFixed(1)} pp`;
}

function drawReport(ctx, host, body, batchId, onClose) {
  const batch = body.batch || {};
  const dq = body.data_quality;
  const title = h('div', { class: 'dq-toolbar' },
    h('h2', { 'data-test': 'quality-report-title' }, ctx.t('report_title', { id: batchId })),
    h('button', { type: 'button', 'data-test': 'quality-close', onclick: onClose }, ctx.t('close')));
  if (!dq) {
    fill(host, title,
      h('p', { class: 'dq-muted', 'data-test': 'quality-no-report' }, ctx.t('no_report'),
        batch.message ? ` (${batch.message})` : ''));
    return;
  }
  const kept = (dq.accepted || 0) + (dq.accepted_with_warnings || 0);
  const delinquentShare = kept ? (dq.delinquent || 0) / kept : 0;
  const rules = Object.entries(dq.by_rule || {}).map(([rule, findings]) => ({ rule, findings }))
    .sort((a, b) => b.findings - a.findings);
  const fields = Object.entries(dq.field_present || {}).map(([field, present]) => ({
    field, present, share: dq.records ? present / dq.records : 0 }))
    .sort((a, b) => a.share - b.share || a.field.localeCompare(b.field));

  const outcomeChart = h('div', { class: 'dq-chart', 'data-test': 'quality-outcome-chart',
    'data-values': JSON.stringify({ accepted: dq.accepted, accepted_with_warnings: dq.accepted_with_warnings,
                                    rejected: dq.rejected }) });
  const ruleChart = h('div', { class: 'dq-chart', 'data-test': 'quality-rule-chart',
    'data-values': JSON.stringify(rules) });
  const ruleTable = h('div', { class: 'dq-table', 'data-test': 'quality-rule-table' });
  const fieldTable = h('div', { class: 'dq-table', 'data-test': 'quality-field-table' });

  const drift = dq.drift;
  const driftBox = drift
    ? h('div', { 'data-test': 'quality-drift' },
        h('h3', {}, ctx.t('drift', { id: drift.previous_batch_id })),
        h('div', { class: 'dq-kpis' },
          kpi(ctx, ctx.t('previous_records'), drift.previous_records, 'quality-drift-previous'),
          kpi(ctx, ctx.t('record_count_change'), drift.record_count_change, 'quality-drift-count',
              signedPercent(drift.record_count_change)),
          kpi(ctx, ctx.t('previous_delinquent_share'), drift.previous_delinquent_share,
              'quality-drift-previous-share', ctx.ui.percent(drift.previous_delinquent_share)),
          kpi(ctx, ctx.t('delinquent_share_change'), drift.delinquent_share_change,
              'quality-drift-share', signedPoints(drift.delinquent_share_change))))
    : h('p', { class: 'dq-muted', 'data-test': 'quality-no-drift' }, ctx.t('no_drift'));

  fill(host,
    title,
    h('p', { class: 'dq-muted' }, `${ctx.t('source')}: ${dq.source || batch.source || ''}`,
      dq.feed ? ` · ${ctx.t('feed')}: ${dq.feed}` : '',
      batch.file_name ? ` · ${batch.file_name}` : ''),
    h('div', { class: 'dq-kpis' },
      kpi(ctx, ctx.t('records'), dq.records, 'quality-records'),
      kpi(ctx, ctx.t('accepted_clean'), dq.accepted, 'quality-accepted'),
      kpi(ctx, ctx.t('accepted_with_warnings'), dq.accepted_with_warnings, 'quality-warned'),
      kpi(ctx, ctx.t('rejected'), dq.rejected, 'quality-quarantined'),
      kpi(ctx, ctx.t('delinquent_share'), delinquentShare, 'quality-delinquent-share',
          ctx.ui.percent(delinquentShare))),
    (dq.warnings || []).length
      ? h('div', { 'data-test': 'quality-warnings' }, h('h3', {}, ctx.t('warnings')),
          dq.warnings.map((w) => h('p', { class: 'dq-warning' }, w)))
      : null,
    driftBox,
    h('div', { class: 'dq-grid' },
      h('section', {}, h('h3', {}, ctx.t('outcomes')), outcomeChart),
      h('section', {}, h('h3', {}, ctx.t('rules')),
        rules.length ? [ruleChart, ruleTable]
          : h('p', { class: 'dq-muted', 'data-test': 'quality-no-findings' }, ctx.t('no_findings')))),
    h('section', {}, h('h3', {}, ctx.t('completeness')), fieldTable));

  ctx.ui.chart(outcomeChart, {
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{
      // Labels inside the slices (large ones only), so nothing is cut off at phone width.
      type: 'pie', radius: ['35%', '72%'], center: ['50%', '45%'],
      label: { position: 'inside', color: '#fff', formatter: (p) => (p.percent >= 6 ? String(p.value) : '') },
      data: [
        { name: ctx.t('accepted_clean'), value: dq.accepted || 0, itemStyle: { color: '#2da44e' } },
        { name: ctx.t('accepted_with_warnings'), value: dq.accepted_with_warnings || 0,
          itemStyle: { color: '#d4a72c' } },
        { name: ctx.t('rejected'), value: dq.rejected || 0, itemStyle: { color: '#cf222e' } },
      ],
    }],
  });
  if (rules.length) {
    const top = rules.slice(0, 12);
    ctx.ui.chart(ruleChart, {
      tooltip: { trigger: 'axis' },
      grid: { left: 150, right: 24, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: top.map((r) => r.rule) },
      series: [{ type: 'bar', data: top.map((r) => r.findings), label: { show: true, position: 'right' } }],
    });
    ctx.ui.table(ruleTable, {
      columns: [{ key: 'rule', label: ctx.t('rule') },
                { key: 'findings', label: ctx.t('findings'), format: (v) => numberText(ctx, v) }],
      rows: rules,
      exportName: `batch-${batchId}-rules`,
    });
  }
  ctx.ui.table(fieldTable, {
    columns: [{ key: 'field', label: ctx.t('field') },
              { key: 'present', label: ctx.t('present'), format: (v) => numberText(ctx, v) },
              { key: 'share', label: ctx.t('share'), format: (v) => ctx.ui.percent(v) }],
    rows: fields,
    exportName: `batch-${batchId}-completeness`,
  });
}

export default {
  id: 'quality',
  route: '/quality',
  nav: { order: 70 },
  permission: 'batches.read',
  title: { en: 'Data quality', zh: '数据质量' },
  messages,
  async render(root, ctx) {
    ensureStyle();
    const list = h('div', { class: 'dq-table', 'data-test': 'quality-batches' });
    const more = h('button', { type: 'button', 'data-test': 'quality-more', hidden: true }, ctx.t('more'));
    const report = h('section', { class: 'dq-report', 'data-test': 'quality-report', hidden: true });
    let alive = true;
    let batches = [];
    let nextAfterId = null;

    function closeReport() {
      report.hidden = true;
      clear(report);
    }

    async function openBatch(id) {
      report.hidden = false;
      report.setAttribute('data-id', String(id));
      fill(report, h('p', { class: 'dq-muted' }, ctx.t('loading')));
      try {
        const body = await ctx.api.get(`/v1/batches/${id}`);
        if (!alive || report.getAttribute('data-id') !== String(id)) return;
        drawReport(ctx, report, body, id, closeReport);
      } catch (error) {
        if (alive) showFailure(report, ctx, error, 'quality-report-error');
      }
    }

    function drawList() {
      more.hidden = !nextAfterId;
      if (batches.length === 0) {
        fill(list, h('p', { class: 'dq-muted', 'data-test': 'quality-empty' }, ctx.t('empty')));
        return;
      }
      ctx.ui.table(list, {
        columns: [
          { key: 'id', label: ctx.t('id'),
            format: (v) => h('button', { type: 'button', 'data-test': 'quality-open', 'data-id': String(v),
                                         onclick: () => openBatch(v) }, `${ctx.t('open_batch')} #${v}`) },
          { key: 'source', label: ctx.t('source') },
          { key: 'file_name', label: ctx.t('file_name') },
          { key: 'status', label: ctx.t('status') },
          { key: 'received_at', label: ctx.t('received_at'), format: (v) => ctx.ui.date(v, { time: true }) },
          { key: 'records', label: ctx.t('records'), format: (v) => numberText(ctx, v) },
          { key: 'accepted', label: ctx.t('accepted'), format: (v) => numberText(ctx, v) },
          { key: 'quarantined', label: ctx.t('quarantined'), format: (v) => numberText(ctx, v) },
          { key: 'rules_text', label: ctx.t('quarantined_by_rule') },
        ],
        rows: batches,
        exportName: 'batches',
      });
    }

    async function load(reset) {
      if (reset) {
        batches = [];
        nextAfterId = null;
        fill(list, h('p', { class: 'dq-muted' }, ctx.t('loading')));
      }
      try {
        const data = await ctx.api.get('/v1/batches', { after_id: reset ? undefined : nextAfterId, limit: 50 });
        if (!alive) return;
        batches = batches.concat((data.batches || []).map((b) => ({
          ...b, id: b.id ?? b.batch_id,
          records: b.records ?? b.records_read,
          accepted: b.accepted ?? b.records_accepted,
          quarantined: b.quarantined ?? b.records_quarantined,
          received_at: b.received_at ?? b.created_at,
          rules_text: Object.entries(b.rejected_rules || {}).map(([rule, n]) => `${rule}: ${n}`).join(', '),
        })));
        nextAfterId = data.next_after_id || null;
        drawList();
      } catch (error) {
        if (alive) {
          more.hidden = true;
          showFailure(list, ctx, error, 'quality-error');
        }
      }
    }

    more.addEventListener('click', () => load(false));
    fill(root, h('div', { class: 'dq-page', 'data-test': 'quality-page' },
      h('div', { class: 'dq-toolbar' },
        h('h2', {}, ctx.t('batches')),
        h('button', { type: 'button', 'data-test': 'quality-refresh', onclick: () => load(true) },
          ctx.t('refresh'))),
      list, more, report));
    await load(true);
    const wanted = ctx.query && Number(ctx.query.batch);
    if (wanted) await openBatch(wanted);
    return () => { alive = false; };
  },
};
