// Segments and decisions: the k-means segments of persons or organisations (size, tags in plain
// words, centroid), one subject's tier, value, lifetime value, attrition risk, recommended
// actions and limit, and the supply-chain finance limits of a core enterprise's suppliers.
// Reads GET /v1/decision/segments?kind=, GET /v1/decision/subjects/{id}, POST /v1/decision/scf.

import { h, append, clear } from '../shell/dom.js';
import { failureKind, showFailure } from '../shell/failure.js';

// Replaces el's content with children (strings, nodes, arrays; null and false are skipped).
function fill(el, ...children) {
  clear(el);
  return append(el, children);
}

const messages = {
  en: {
    loading: 'Loading…',
    segments: 'Segments',
    kind: 'Customers',
    kind_organization: 'Organisations',
    kind_person: 'Persons',
    show: 'Show',
    summary: 'k = {k} segments, silhouette {silhouette}',
    segment: 'Segment',
    size: 'Size',
    share: 'Share',
    tags: 'Described as',
    centroid: 'Centroid',
    no_segments: 'No segment: too few customers to cluster.',
    subject_title: 'A customer’s decision profile',
    subject_id: 'Subject id',
    look_up: 'Look up',
    tier: 'Tier',
    value: 'Value',
    clv: 'Lifetime value',
    attrition: 'Attrition risk',
    actions: 'Recommended actions',
    action: 'Action',
    reason: 'Why',
    no_actions: 'No action recommended.',
    limit: 'Recommended limit',
    formula: 'Formula',
    subject_required: 'Enter a subject id (a whole number).',
    customers: '{count} customers',
    tiers: 'Tiers (value x risk)',
    pd: 'Probability of default',
    tier_bands: 'Value band {value}, risk band {risk}',
    unavailable: 'Not available: {reason}',
    binding: 'Binding: {binding}',
    rule: 'Rule',
    core_remaining_input: 'Core’s remaining limit (major units)',
    core_grade: 'Core grade (optional)',
    core_grade_hint: 'e.g. AA-',
    receivables: 'Receivables on the core, one per line: supplier_id, invoice_id, amount, due_date, confirmed [, disputed]',
    receivables_hint: '2010,INV-001,120000.00,2027-01-31,yes\n2011,INV-002,80000,2027-02-15,yes,no',
    receivable_error: 'Line {line}: {field} is not valid in “{text}”.',
    receivable_columns: '5 or 6 values',
    receivables_required: 'Enter at least one receivable.',
    remaining_required: 'Enter the core enterprise’s remaining limit (a number, 0 or more).',
    core_remaining: 'Core’s remaining limit',
    advance_rate: 'Advance rate',
    total_limit: 'Total of the suppliers’ limits',
    programme_closed: 'No programme for this core enterprise: {reason}',
    scaled: 'The suppliers’ limits were scaled to {scale} to fit the core’s remaining limit.',
    grade: 'Grade',
    binding_column: 'Bound by',
    eligible: 'Eligible receivables',
    borrowing_base: 'Borrowing base',
    core_allocation: 'Core allocation',
    supplier_cap: 'Supplier cap',
    ineligible: 'Ineligible (why)',
    failure_conflict: 'The bureau’s data or its decision rules do not allow this (see below).',
    scf_title: 'Supply-chain finance: limits for a core enterprise’s suppliers',
    core_id: 'Core enterprise subject id',
    compute: 'Compute limits',
    core: 'Core enterprise',
    supplier: 'Supplier',
    supplier_limit: 'Limit',
    no_suppliers: 'This core enterprise has no supplier with receivables.',
    failure_forbidden: 'Your role may not read segments and decisions.',
    failure_unavailable: 'Decision support is not available on this server yet.',
    failure_not_found: 'No such subject (or it has no decision data).',
    failure_invalid: 'The server refused the request: check the id you entered.',
    failure_server: 'The server failed to answer. Try again; if it persists, give the request id to the bureau’s operations team.',
    failure_failed: 'The request failed.',
  },
  zh: {
    loading: '加载中…',
    segments: '客户分群',
    kind: '客户类型',
    kind_organization: '企业',
    kind_person: '个人',
    show: '查看',
    summary: 'k = {k} 个分群，轮廓系数 {silhouette}',
    segment: '分群',
    size: '人数',
    share: '占比',
    tags: '特征描述',
    centroid: '中心点',
    no_segments: '客户太少，无法分群。',
    subject_title: '单个客户的决策画像',
    subject_id: '主体编号',
    look_up: '查询',
    tier: '客户层级',
    value: '客户价值',
    clv: '生命周期价值',
    attrition: '流失风险',
    actions: '建议措施',
    action: '措施',
    reason: '理由',
    no_actions: '无建议措施。',
    limit: '建议额度',
    formula: '计算公式',
    subject_required: '请输入主体编号（整数）。',
    customers: '客户 {count} 个',
    tiers: '客户层级（价值 x 风险）',
    pd: '违约概率',
    tier_bands: '价值档 {value}，风险档 {risk}',
    unavailable: '暂不可用：{reason}',
    binding: '约束条件：{binding}',
    rule: '规则',
    core_remaining_input: '核心企业剩余额度（元）',
    core_grade: '核心企业等级（可选）',
    core_grade_hint: '如 AA-',
    receivables: '对核心企业的应收账款，每行一笔：供应商编号, 发票号, 金额, 到期日, 已确权 [, 有争议]',
    receivables_hint: '2010,INV-001,120000.00,2027-01-31,是\n2011,INV-002,80000,2027-02-15,是,否',
    receivable_error: '第 {line} 行：{field} 无效（“{text}”）。',
    receivable_columns: '应为 5 或 6 个值',
    receivables_required: '请至少输入一笔应收账款。',
    remaining_required: '请输入核心企业的剩余额度（不小于 0 的数字）。',
    core_remaining: '核心企业剩余额度',
    advance_rate: '融资比例',
    total_limit: '供应商额度合计',
    programme_closed: '该核心企业不开展业务：{reason}',
    scaled: '供应商额度已按 {scale} 比例缩减，以不超过核心企业剩余额度。',
    grade: '等级',
    binding_column: '约束',
    eligible: '合格应收账款',
    borrowing_base: '融资基数',
    core_allocation: '核心企业分配额度',
    supplier_cap: '供应商上限',
    ineligible: '不合格（原因）',
    failure_conflict: '征信机构当前的数据或决策规则不支持此操作（详见下文）。',
    scf_title: '供应链金融：核心企业供应商的融资额度',
    core_id: '核心企业主体编号',
    compute: '计算额度',
    core: '核心企业',
    supplier: '供应商',
    supplier_limit: '额度',
    no_suppliers: '该核心企业没有带应收账款的供应商。',
    failure_forbidden: '您的角色无权查看客户分群与决策。',
    failure_unavailable: '本服务器尚未提供决策支持。',
    failure_not_found: '该主体不存在（或没有决策数据）。',
    failure_invalid: '服务器拒绝了请求：请检查输入的编号。',
    failure_server: '服务器未能应答。请重试；如仍失败，请将请求编号提供给征信机构运维团队。',
    failure_failed: '请求失败。',
  },
};

function ensureStyle() {
  if (document.getElementById('credo-page-style-segments')) return;
  document.head.append(h('style', { id: 'credo-page-style-segments' }, `
.sg-page { display: flex; flex-direction: column; gap: 16px; }
.sg-card { border: 1px solid #d0d7de; border-radius: 6px; padding: 12px; background: #fff; min-width: 0; }
.sg-card h2 { font-size: 1.05em; margin: 0 0 8px; }
.sg-toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; margin-bottom: 8px; }
.sg-toolbar label { display: flex; flex-direction: column; font-size: 0.85em; gap: 2px; }
.sg-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 380px), 1fr)); gap: 16px; }
.sg-grid > * { min-width: 0; }
.sg-chart { width: 100%; height: 260px; }
.sg-table { overflow-x: auto; }
.sg-facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; }
.sg-facts dt { color: #57606a; }
.sg-facts dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.sg-facts .sg-facts { font-weight: normal; }
.sg-tag { display: inline-block; background: #ddf4ff; color: #0550ae; border-radius: 10px; padding: 1px 8px; margin: 1px 2px; font-size: 0.85em; }
.sg-kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 10px; margin-bottom: 8px; }
.sg-kpi { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 10px; }
.sg-kpi-value { font-size: 1.3em; font-weight: 600; overflow-wrap: anywhere; }
.sg-kpi-label { color: #57606a; font-size: 0.85em; }
.sg-steps { font-family: ui-monospace, monospace; font-size: 0.85em; padding-left: 1.4em; overflow-wrap: anywhere; }
.sg-scf-form { display: flex; flex-direction: column; gap: 8px; margin-bottom: 8px; }
.sg-receivables { display: flex; flex-direction: column; font-size: 0.85em; gap: 2px; }
.sg-receivables textarea { width: 100%; box-sizing: border-box; font-family: ui-monospace, monospace; }
.sg-muted { color: #57606a; font-size: 0.85em; }
.page-failure { border: 1px solid #cf222e; background: #fff5f5; border-radius: 6px; padding: 10px; }
.page-failure-text { margin: 0 0 6px; font-weight: 600; }
`));
}

function numberText(ctx, value, digits) {
  const options = digits === undefined ? {} : { maximumFractionDigits: digits };
  return new Intl.NumberFormat(ctx.lang === 'zh' ? 'zh-CN' : 'en-US', options).format(value);
}

// Tags as plain words in the current language, whichever shape the server sends:
// {en: "...", zh: "..."}, {en: [...], zh: [...]}, or [{english, chinese}].
function tagList(ctx, tags) {
  if (!tags) return [];
  if (Array.isArray(tags)) {
    return tags.map((t) => (typeof t === 'string' ? t : ctx.lang === 'zh' ? t.chinese ?? t.zh : t.english ?? t.en))
      .filter(Boolean);
  }
  const mine = tags[ctx.lang] ?? tags.en;
  if (Array.isArray(mine)) return mine;
  if (typeof mine === 'string') return mine.split(ctx.lang === 'zh' ? /[，,]\s*/ : /,\s*/).filter(Boolean);
  return [];
}

function scalarText(ctx, key, value) {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') {
    if (/(^|_)id$|^core$|^supplier$/.test(key)) return String(value);
    if (/_minor$/.test(key)) return ctx.ui.money(value);
    if (/(rate|share|probability|pd)$/.test(key) && Math.abs(value) <= 1) return ctx.ui.percent(value);
    return numberText(ctx, value, 4);
  }
  if (typeof value === 'boolean') return ctx.t(value ? 'common.yes' : 'common.no');
  return String(value);
}

// Any JSON value as a definition list (objects), a list (arrays) or text.
function facts(ctx, value, key = '') {
  if (value === null || value === undefined || typeof value !== 'object') {
    return document.createTextNode(scalarText(ctx, key, value));
  }
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v !== 'object')) {
      return document.createTextNode(value.map((v) => scalarText(ctx, key, v)).join(', '));
    }
    return h('ol', {}, value.map((v) => h('li', {}, facts(ctx, v, key))));
  }
  return h('dl', { class: 'sg-facts' }, Object.entries(value).flatMap(([k, v]) => [
    h('dt', {}, ctx.t(k) !== k ? ctx.t(k) : k.replace(/_/g, ' ')),
    h('dd', { 'data-field': k }, facts(ctx, v, k)),
  ]));
}

function centroidText(ctx, centroid) {
  if (!centroid || typeof centroid !== 'object') return '';
  return Object.entries(centroid)
    .map(([k, v]) => `${k}: ${typeof v === 'number' ? numberText(ctx, v, 2) : v}`).join('; ');
}

function drawSegments(ctx, host, data) {
  const segments = data.segments || [];
  if (segments.length === 0) {
    fill(host, h('p', { class: 'sg-muted', 'data-test': 'segments-empty' }, ctx.t('no_segments')));
    return;
  }
  const total = segments.reduce((sum, s) => sum + (s.size || 0), 0);
  const tiers = data.tiers || [];
  const rows = segments.map((s) => ({
    id: s.id, size: s.size, share: s.share ?? (total ? s.size / total : 0),
    tags: tagList(ctx, s.tags).join(ctx.lang === 'zh' ? '，' : ', '),
    centroid: centroidText(ctx, s.centroid ?? s.mean_raw),
  }));
  const chart = h('div', { class: 'sg-chart', 'data-test': 'segments-chart',
                           'data-values': JSON.stringify(rows.map((r) => ({ id: r.id, size: r.size }))) });
  const table = h('div', { class: 'sg-table', 'data-test': 'segments-table' });
  fill(host,
    h('p', { class: 'sg-muted', 'data-test': 'segments-summary' },
      ctx.t('summary', { k: data.k ?? segments.length,
                         silhouette: typeof data.silhouette === 'number' ? data.silhouette.toFixed(3) : '—' }),
      data.customers !== undefined ? ` · ${ctx.t('customers', { count: data.customers })}` : ''),
    tiers.length
      ? h('p', { 'data-test': 'segments-tiers' }, h('strong', {}, `${ctx.t('tiers')}: `),
          tiers.map((t) => h('span', { class: 'sg-tag', 'data-tier': t.tier }, `${t.tier} ${t.count}`)))
      : null,
    h('div', { class: 'sg-grid' }, chart,
      h('div', {}, rows.map((r) => h('p', { 'data-test': 'segment-tags', 'data-id': String(r.id) },
        h('strong', {}, `${ctx.t('segment')} ${r.id}: `),
        tagList(ctx, segments.find((s) => s.id === r.id).tags).map((t) => h('span', { class: 'sg-tag' }, t)))))),
    table);
  ctx.ui.chart(chart, {
    tooltip: { trigger: 'item', formatter: (p) => `${ctx.t('segment')} ${rows[p.dataIndex].id}: ${p.value} — ${rows[p.dataIndex].tags}` },
    legend: { bottom: 0, type: 'scroll' },
    // Labels inside the slices, so nothing is cut off at phone width.
    series: [{ type: 'pie', radius: ['35%', '72%'], center: ['50%', '45%'],
               label: { position: 'inside', color: '#fff',
                        formatter: (p) => (p.percent >= 6 ? `${p.percent.toFixed(0)}%` : '') },
               data: rows.map((r) => ({ name: `${ctx.t('segment')} ${r.id}`, value: r.size })) }],
  });
  ctx.ui.table(table, {
    columns: [
      { key: 'id', label: ctx.t('segment') },
      { key: 'size', label: ctx.t('size'), format: (v) => numberText(ctx, v) },
      { key: 'share', label: ctx.t('share'), format: (v) => ctx.ui.percent(v) },
      { key: 'tags', label: ctx.t('tags') },
      { key: 'centroid', label: ctx.t('centroid') },
    ],
    rows,
    exportName: 'segments',
  });
}

function kpi(label, text, testId, value) {
  return h('div', { class: 'sg-kpi', 'data-test': testId, 'data-value': value === undefined || value === null ? '' : String(value) },
    h('div', { class: 'sg-kpi-value' }, text),
    h('div', { class: 'sg-kpi-label' }, label));
}

// The language's text of a field given in both: {reason, reason_zh} or {en, zh}.
function inLanguage(ctx, row, key) {
  if (ctx.lang === 'zh') return row[`${key}_zh`] ?? row.zh ?? row[key] ?? row.en;
  return row[key] ?? row.en;
}

function drawSubject(ctx, host, id, data) {
  const currency = data.currency;
  const tier = data.tier && typeof data.tier === 'object' ? data.tier : { tier: data.tier };
  const clv = data.clv && typeof data.clv === 'object' ? data.clv : { amount_minor: data.clv };
  const attrition = data.attrition && typeof data.attrition === 'object' ? data.attrition
    : { probability: data.attrition };
  const limit = data.limit || {};
  const limitAmount = limit.amount_minor ?? null;
  const actions = (data.actions || []).map((a) => ({
    action: inLanguage(ctx, a, 'action'), reason: inLanguage(ctx, a, 'reason'), rule: a.rule ?? '' }));
  const actionTable = h('div', { class: 'sg-table', 'data-test': 'segments-actions' });
  const steps = Array.isArray(limit.formula) ? limit.formula : limit.formula ? [limit.formula] : [];
  fill(host,
    h('div', { class: 'sg-kpis', 'data-test': 'segments-subject-facts' },
      kpi(ctx.t('tier'), tier.tier ?? '—', 'segments-subject-tier', tier.tier),
      typeof data.pd === 'number' ? kpi(ctx.t('pd'), ctx.ui.percent(data.pd, 2), 'segments-subject-pd', data.pd) : null,
      kpi(ctx.t('clv'), typeof clv.amount_minor === 'number' ? ctx.ui.money(Math.round(clv.amount_minor), clv.currency || currency) : '—',
          'segments-subject-clv', clv.amount_minor),
      kpi(ctx.t('attrition'), typeof attrition.probability === 'number' ? ctx.ui.percent(attrition.probability) : '—',
          'segments-subject-attrition', attrition.probability),
      kpi(ctx.t('limit'), limitAmount === null ? '—' : ctx.ui.money(limitAmount, limit.currency || currency),
          'segments-limit-amount', limitAmount)),
    tier.value_band || tier.risk_band
      ? h('p', { class: 'sg-muted' }, ctx.t('tier_bands', { value: tier.value_band ?? '—', risk: tier.risk_band ?? '—' }))
      : null,
    h('div', { class: 'sg-grid' },
      h('section', {},
        h('h3', {}, ctx.t('value')),
        data.value && typeof data.value === 'object' ? facts(ctx, data.value) : h('p', {}, scalarText(ctx, 'value', data.value)),
        clv.formula ? h('p', { class: 'sg-muted' }, `${ctx.t('clv')}: ${clv.formula}`) : null),
      h('section', {},
        h('h3', {}, ctx.t('attrition')),
        attrition.unavailable
          ? h('p', { class: 'sg-muted', 'data-test': 'segments-attrition-unavailable' }, ctx.t('unavailable', { reason: attrition.unavailable }))
          : h('ul', {}, (attrition.reasons || []).map((r) => h('li', {}, typeof r === 'string' ? r : inLanguage(ctx, r, 'en') ?? r.code)))),
      h('section', { 'data-test': 'segments-subject-limit' },
        h('h3', {}, ctx.t('limit')),
        limit.unavailable
          ? h('p', { class: 'sg-muted', 'data-test': 'segments-limit-unavailable' }, ctx.t('unavailable', { reason: limit.unavailable }))
          : null,
        limit.binding ? h('p', {}, ctx.t('binding', { binding: limit.binding })) : null,
        steps.length ? h('ol', { class: 'sg-steps' }, steps.map((step) => h('li', {}, String(step)))) : null,
        limit.inputs ? facts(ctx, limit.inputs) : null)),
    h('h3', {}, ctx.t('actions')),
    actions.length ? actionTable : h('p', { class: 'sg-muted' }, ctx.t('no_actions')));
  if (actions.length) {
    ctx.ui.table(actionTable, {
      columns: [{ key: 'action', label: ctx.t('action') }, { key: 'reason', label: ctx.t('reason') },
                { key: 'rule', label: ctx.t('rule') }],
      rows: actions,
      exportName: `subject-${id}-actions`,
    });
  }
}

// Receivables typed or pasted as CSV lines: supplier_id,invoice_id,amount,due_date,confirmed[,disputed]
// (amount in major units, e.g. 120000.50; confirmed and disputed yes/no, true/false or 1/0; a
// header line is skipped). Returns {receivables} or {error} naming the line and the field.
function parseReceivables(ctx, text) {
  const receivables = [];
  const truth = (value) => /^(y|yes|true|1|是)$/i.test(value.trim());
  const known = (value) => /^(y|yes|true|1|是|n|no|false|0|否)$/i.test(value.trim());
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i].trim();
    if (!line || line.startsWith('#')) continue;
    const cells = line.split(/[,\t]/).map((cell) => cell.trim());
    if (i === 0 && /supplier/i.test(cells[0])) continue;
    const fail = (field) => ({ error: ctx.t('receivable_error', { line: i + 1, field, text: line }) });
    if (cells.length < 5 || cells.length > 6) return fail(ctx.t('receivable_columns'));
    if (!/^\d+$/.test(cells[0])) return fail('supplier_id');
    if (!cells[1]) return fail('invoice_id');
    const amount = Number(cells[2].replace(/[\s_]/g, ''));
    if (!Number.isFinite(amount) || amount <= 0) return fail('amount');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(cells[3])) return fail('due_date');
    if (!known(cells[4])) return fail('confirmed');
    if (cells[5] !== undefined && !known(cells[5])) return fail('disputed');
    receivables.push({ supplier_id: Number(cells[0]), invoice_id: cells[1],
                       amount_minor: Math.round(amount * 100), due_date: cells[3],
                       confirmed: truth(cells[4]), disputed: cells[5] !== undefined && truth(cells[5]) });
  }
  if (receivables.length === 0) return { error: ctx.t('receivables_required') };
  return { receivables };
}

function drawScf(ctx, host, data) {
  const suppliers = data.suppliers || [];
  const currency = data.currency;
  const limitOf = (s) => s.limit_minor ?? s.limit ?? 0;
  const total = data.total_limit_minor ?? data.total_limit ?? suppliers.reduce((sum, s) => sum + limitOf(s), 0);
  const head = h('div', {},
    h('div', { class: 'sg-kpis' },
      kpi(ctx.t('core'), `${data.core} (${data.core_grade ?? '—'})`, 'segments-scf-core', data.core),
      kpi(ctx.t('advance_rate'), typeof data.advance_rate === 'number' ? ctx.ui.percent(data.advance_rate) : '—',
          'segments-scf-advance', data.advance_rate),
      kpi(ctx.t('core_remaining'), ctx.ui.money(data.core_limit_remaining_minor, currency), 'segments-scf-remaining',
          data.core_limit_remaining_minor),
      kpi(ctx.t('total_limit'), ctx.ui.money(total, currency), 'segments-scf-total', total)),
    data.programme_open === false
      ? h('p', { class: 'page-failure', role: 'status', 'data-test': 'segments-scf-closed' },
          ctx.t('programme_closed', { reason: data.programme_reason || '' }))
      : null,
    typeof data.scale === 'number' && data.scale < 1
      ? h('p', { class: 'sg-muted' }, ctx.t('scaled', { scale: ctx.ui.percent(data.scale) }))
      : null);
  if (suppliers.length === 0) {
    fill(host, head, h('p', { class: 'sg-muted', 'data-test': 'segments-scf-empty' }, ctx.t('no_suppliers')));
    return;
  }
  const rows = suppliers.map((s) => ({
    ...s,
    ineligible_text: Object.entries(s.ineligible || {})
      .map(([reason, amount]) => `${reason}: ${ctx.ui.money(amount, currency)}`).join('; '),
  }));
  const chart = h('div', { class: 'sg-chart', 'data-test': 'segments-scf-chart',
                           'data-values': JSON.stringify(suppliers.map((s) => limitOf(s))) });
  const table = h('div', { class: 'sg-table', 'data-test': 'segments-scf-table' });
  fill(host, head, chart, table);
  const money = (v) => (typeof v === 'number' ? ctx.ui.money(Math.round(v), currency) : '—');
  ctx.ui.chart(chart, {
    tooltip: { trigger: 'axis' },
    grid: { left: 80, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: suppliers.map((s) => String(s.subject_id ?? s.supplier)) },
    series: [{ type: 'bar', name: ctx.t('supplier_limit'), data: suppliers.map((s) => limitOf(s) / 100) }],
  });
  ctx.ui.table(table, {
    columns: [
      { key: 'subject_id', label: ctx.t('supplier') },
      { key: 'grade', label: ctx.t('grade') },
      { key: 'limit_minor', label: ctx.t('supplier_limit'), format: money },
      { key: 'binding', label: ctx.t('binding_column') },
      { key: 'eligible_minor', label: ctx.t('eligible'), format: money },
      { key: 'borrowing_base_minor', label: ctx.t('borrowing_base'), format: money },
      { key: 'core_allocation_minor', label: ctx.t('core_allocation'), format: money },
      { key: 'supplier_cap_minor', label: ctx.t('supplier_cap'), format: money },
      { key: 'ineligible_text', label: ctx.t('ineligible') },
    ],
    rows,
    exportName: 'scf-limits',
  });
}

export default {
  id: 'segments',
  route: '/segments',
  nav: { order: 40 },
  permission: 'decision.read',
  title: { en: 'Segments & decisions', zh: '分群与决策' },
  messages,
  async render(root, ctx) {
    ensureStyle();
    let alive = true;
    const kind = h('select', { 'data-test': 'segments-kind' },
      h('option', { value: 'organization' }, ctx.t('kind_organization')),
      h('option', { value: 'person' }, ctx.t('kind_person')));
    if (ctx.query && ctx.query.kind === 'person') kind.value = 'person';
    const segmentsHost = h('div', { 'data-test': 'segments-body' });
    const subjectInput = h('input', { type: 'text', inputmode: 'numeric', 'data-test': 'segments-subject-id',
                                      value: (ctx.query && ctx.query.subject) || '' });
    const subjectHost = h('div', { 'data-test': 'segments-subject' });
    const coreInput = h('input', { type: 'text', inputmode: 'numeric', 'data-test': 'segments-core-id',
                                   value: (ctx.query && ctx.query.core) || '' });
    const scfHost = h('div', { 'data-test': 'segments-scf' });
    const remainingInput = h('input', { type: 'text', inputmode: 'decimal', 'data-test': 'segments-core-remaining',
                                        placeholder: '5000000.00' });
    const gradeInput = h('input', { type: 'text', 'data-test': 'segments-core-grade', maxlength: '8',
                                    placeholder: ctx.t('core_grade_hint'), size: '8' });
    const receivablesInput = h('textarea', { 'data-test': 'segments-receivables', rows: '5',
                                             placeholder: ctx.t('receivables_hint') });

    async function loadSegments() {
      fill(segmentsHost, h('p', { class: 'sg-muted' }, ctx.t('loading')));
      try {
        const data = await ctx.api.get('/v1/decision/segments', { kind: kind.value });
        if (alive) drawSegments(ctx, segmentsHost, data);
      } catch (error) {
        if (alive) showFailure(segmentsHost, ctx, error, 'segments-error');
      }
    }

    function idFrom(input, host) {
      const text = input.value.trim();
      if (!/^\d+$/.test(text)) {
        fill(host, h('p', { class: 'page-failure', role: 'alert', 'data-test': 'segments-id-required' },
                               ctx.t('subject_required')));
        input.focus();
        return null;
      }
      return Number(text);
    }

    async function loadSubject() {
      const id = idFrom(subjectInput, subjectHost);
      if (id === null) return;
      fill(subjectHost, h('p', { class: 'sg-muted' }, ctx.t('loading')));
      try {
        const data = await ctx.api.get(`/v1/decision/subjects/${id}`);
        if (alive) drawSubject(ctx, subjectHost, id, data);
      } catch (error) {
        if (alive) showFailure(subjectHost, ctx, error, 'segments-subject-error');
      }
    }

    async function loadScf() {
      const id = idFrom(coreInput, scfHost);
      if (id === null) return;
      const remaining = Number(remainingInput.value.replace(/[\s,_]/g, ''));
      if (!remainingInput.value.trim() || !Number.isFinite(remaining) || remaining < 0) {
        fill(scfHost, h('p', { class: 'page-failure', role: 'alert', 'data-test': 'segments-remaining-required' },
                        ctx.t('remaining_required')));
        remainingInput.focus();
        return;
      }
      const parsed = parseReceivables(ctx, receivablesInput.value);
      if (parsed.error) {
        fill(scfHost, h('p', { class: 'page-failure', role: 'alert', 'data-test': 'segments-receivables-error' },
                        parsed.error));
        receivablesInput.focus();
        return;
      }
      const body = { core_enterprise_id: id, core_limit_remaining_minor: Math.round(remaining * 100),
                     receivables: parsed.receivables };
      if (gradeInput.value.trim()) body.core_grade = gradeInput.value.trim();
      fill(scfHost, h('p', { class: 'sg-muted' }, ctx.t('loading')));
      try {
        const data = await ctx.api.post('/v1/decision/scf', body);
        if (alive) drawScf(ctx, scfHost, data);
      } catch (error) {
        if (alive) showFailure(scfHost, ctx, error, 'segments-scf-error');
      }
    }

    kind.addEventListener('change', loadSegments);
    const submit = (fn) => (event) => { event.preventDefault(); fn(); };
    fill(root, h('div', { class: 'sg-page', 'data-test': 'segments-page' },
      h('section', { class: 'sg-card' },
        h('h2', {}, ctx.t('segments')),
        h('div', { class: 'sg-toolbar' }, h('label', {}, ctx.t('kind'), kind)),
        segmentsHost),
      h('section', { class: 'sg-card' },
        h('h2', {}, ctx.t('subject_title')),
        h('form', { class: 'sg-toolbar', onsubmit: submit(loadSubject) },
          h('label', {}, ctx.t('subject_id'), subjectInput),
          h('button', { type: 'submit', 'data-test': 'segments-subject-go' }, ctx.t('look_up'))),
        subjectHost),
      h('section', { class: 'sg-card' },
        h('h2', {}, ctx.t('scf_title')),
        h('form', { class: 'sg-scf-form', onsubmit: submit(loadScf) },
          h('div', { class: 'sg-toolbar' },
            h('label', {}, ctx.t('core_id'), coreInput),
            h('label', {}, ctx.t('core_remaining_input'), remainingInput),
            h('label', {}, ctx.t('core_grade'), gradeInput)),
          h('label', { class: 'sg-receivables' }, ctx.t('receivables'), receivablesInput),
          h('div', { class: 'sg-toolbar' },
            h('button', { type: 'submit', 'data-test': 'segments-scf-go' }, ctx.t('compute')))),
        scfHost)));
    const pending = [loadSegments()];
    if (subjectInput.value) pending.push(loadSubject());
    await Promise.all(pending);
    return () => { alive = false; };
  },
};
