// Segments and decisions: the k-means segments of persons or organisations (size, tags in plain
// words, centroid), one subject's tier, value, lifetime value, attrition risk, recommended
// actions and limit, and the supply-chain finance limits of a core enterprise's suppliers.
// Reads GET /v1/decision/segments?kind=, GET /v1/decision/subjects/{id}, POST /v1/decision/scf.

import { h, append, clear } from '../shell/dom.js';

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
    scf_title: 'Supply-chain finance: limits for a core enterprise’s suppliers',
    core_id: 'Core enterprise subject id',
    compute: 'Compute limits',
    core: 'Core enterprise',
    supplier: 'Supplier',
    supplier_limit: 'Limit',
    total_limit: 'Total of the suppliers’ limits: {total}',
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
    scf_title: '供应链金融：核心企业供应商的融资额度',
    core_id: '核心企业主体编号',
    compute: '计算额度',
    core: '核心企业',
    supplier: '供应商',
    supplier_limit: '额度',
    total_limit: '供应商额度合计：{total}',
    no_suppliers: '该核心企业没有带应收账款的供应商。',
    failure_forbidden: '您的角色无权查看客户分群与决策。',
    failure_unavailable: '本服务器尚未提供决策支持。',
    failure_not_found: '该主体不存在（或没有决策数据）。',
    failure_invalid: '服务器拒绝了请求：请检查输入的编号。',
    failure_server: '服务器未能应答。请重试；如仍失败，请将请求编号提供给征信机构运维团队。',
    failure_failed: '请求失败。',
  },
};

function failureKind(error) {
  const status = error && typeof error.status === 'number' ? error.status : 0;
  if (status === 403) return 'forbidden';
  if (error && error.notAvailable) return 'unavailable';
  if (status === 404) return 'not_found';
  if (status === 400 || status === 422) return 'invalid';
  if (status >= 500) return 'server';
  return 'failed';
}

// A clear message in place of a section whose request failed: never a blank page.
function showFailure(box, ctx, error, testId) {
  const kind = failureKind(error);
  const detail = h('div', { class: 'page-failure-detail' });
  fill(box,
    h('div', { class: `page-failure page-failure-${kind}`, role: 'alert', 'data-test': testId,
               'data-kind': kind, 'data-status': String((error && error.status) || 0) },
      h('p', { class: 'page-failure-text' }, ctx.t(`failure_${kind}`)), detail));
  if (error && typeof error.status === 'number') ctx.ui.error(detail, error);
  else detail.textContent = String((error && error.message) || error);
}

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
                         silhouette: typeof data.silhouette === 'number' ? data.silhouette.toFixed(3) : '—' })),
    h('div', { class: 'sg-grid' }, chart,
      h('div', {}, rows.map((r) => h('p', { 'data-test': 'segment-tags', 'data-id': String(r.id) },
        h('strong', {}, `${ctx.t('segment')} ${r.id}: `),
        tagList(ctx, segments.find((s) => s.id === r.id).tags).map((t) => h('span', { class: 'sg-tag' }, t)))))),
    table);
  ctx.ui.chart(chart, {
    tooltip: { trigger: 'item', formatter: (p) => `${ctx.t('segment')} ${rows[p.dataIndex].id}: ${p.value} — ${rows[p.dataIndex].tags}` },
    series: [{ type: 'pie', radius: ['35%', '65%'],
               label: { formatter: (p) => `${rows[p.dataIndex].id}: ${p.percent}%` },
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

function drawSubject(ctx, host, id, data) {
  const actions = data.actions || [];
  const limit = data.limit;
  const rest = { ...data };
  for (const key of ['actions', 'limit', 'tier', 'value', 'clv', 'attrition', 'subject_id']) delete rest[key];
  const actionTable = h('div', { class: 'sg-table', 'data-test': 'segments-actions' });
  fill(host,
    h('div', { class: 'sg-grid' },
      h('section', { 'data-test': 'segments-subject-facts' },
        h('dl', { class: 'sg-facts' },
          ['tier', 'value', 'clv', 'attrition'].filter((k) => data[k] !== undefined).flatMap((k) => [
            h('dt', {}, ctx.t(k)), h('dd', { 'data-test': `segments-subject-${k}` }, facts(ctx, data[k], k))])),
        Object.keys(rest).length ? facts(ctx, rest) : null),
      h('section', { 'data-test': 'segments-subject-limit' },
        h('h3', {}, ctx.t('limit')),
        limit
          ? [h('p', { class: 'sg-limit', 'data-test': 'segments-limit-amount',
                      'data-value': String(limit.amount_minor ?? limit.limit ?? '') },
               ctx.ui.money(limit.amount_minor ?? limit.limit ?? 0, limit.currency)),
             limit.formula ? h('p', { class: 'sg-muted' }, `${ctx.t('formula')}: ${limit.formula}`) : null,
             facts(ctx, Object.fromEntries(Object.entries(limit).filter(
               ([k]) => !['amount_minor', 'limit', 'currency', 'formula'].includes(k))))]
          : h('p', { class: 'sg-muted' }, '—'))),
    h('h3', {}, ctx.t('actions')),
    actions.length ? actionTable : h('p', { class: 'sg-muted' }, ctx.t('no_actions')));
  if (actions.length) {
    ctx.ui.table(actionTable, {
      columns: [{ key: 'action', label: ctx.t('action') }, { key: 'reason', label: ctx.t('reason') }],
      rows: actions,
      exportName: `subject-${id}-actions`,
    });
  }
}

function drawScf(ctx, host, data) {
  const suppliers = data.suppliers || [];
  const currency = data.currency;
  const limitOf = (s) => s.limit_minor ?? s.limit ?? 0;
  const total = data.total_limit_minor ?? data.total_limit ?? suppliers.reduce((sum, s) => sum + limitOf(s), 0);
  const head = h('div', {},
    facts(ctx, Object.fromEntries(Object.entries(data).filter(
      ([k, v]) => k !== 'suppliers' && k !== 'receivables' && (v === null || typeof v !== 'object')))),
    h('p', { 'data-test': 'segments-scf-total', 'data-value': String(total) },
      ctx.t('total_limit', { total: ctx.ui.money(total, currency) })));
  if (suppliers.length === 0) {
    fill(host, head, h('p', { class: 'sg-muted', 'data-test': 'segments-scf-empty' }, ctx.t('no_suppliers')));
    return;
  }
  // Every scalar field the suppliers carry becomes a column, the supplier and its limit first.
  const keys = [];
  for (const s of suppliers) {
    for (const [k, v] of Object.entries(s)) {
      if (!keys.includes(k) && (v === null || typeof v !== 'object')) keys.push(k);
    }
  }
  const first = ['subject_id', 'supplier', 'name', 'grade', 'limit_minor', 'limit'].filter((k) => keys.includes(k));
  const ordered = first.concat(keys.filter((k) => !first.includes(k)));
  const chart = h('div', { class: 'sg-chart', 'data-test': 'segments-scf-chart',
                           'data-values': JSON.stringify(suppliers.map((s) => limitOf(s))) });
  const table = h('div', { class: 'sg-table', 'data-test': 'segments-scf-table' });
  fill(host, head, chart, table);
  const names = suppliers.map((s) => String(s.name ?? s.supplier ?? s.subject_id));
  ctx.ui.chart(chart, {
    tooltip: { trigger: 'axis' },
    grid: { left: 120, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: names },
    series: [{ type: 'bar', name: ctx.t('supplier_limit'), data: suppliers.map((s) => limitOf(s) / 100) }],
  });
  ctx.ui.table(table, {
    columns: ordered.map((k) => ({
      key: k,
      label: k === 'subject_id' || k === 'supplier' ? ctx.t('supplier')
        : k === 'limit_minor' || k === 'limit' ? ctx.t('supplier_limit') : k.replace(/_/g, ' '),
      format: (v) => (/_minor$|^limit$|_amount$/.test(k) && typeof v === 'number'
        ? ctx.ui.money(v, currency) : scalarText(ctx, k, v)),
    })),
    rows: suppliers,
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
      fill(scfHost, h('p', { class: 'sg-muted' }, ctx.t('loading')));
      try {
        const data = await ctx.api.post('/v1/decision/scf', { core_enterprise_id: id });
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
        h('form', { class: 'sg-toolbar', onsubmit: submit(loadScf) },
          h('label', {}, ctx.t('core_id'), coreInput),
          h('button', { type: 'submit', 'data-test': 'segments-scf-go' }, ctx.t('compute'))),
        scfHost)));
    const pending = [loadSegments()];
    if (subjectInput.value) pending.push(loadSubject());
    if (coreInput.value) pending.push(loadScf());
    await Promise.all(pending);
    return () => { alive = false; };
  },
};
