// Overview: the portfolio at a glance for analysts, data operations and auditors.
// Reads GET /v1/portfolio/overview, /v1/portfolio/migration, /v1/portfolio/vintages and
// downloads /v1/portfolio/overview.pdf. Each section loads on its own, so a route that answers
// an error shows its message in that section while the others still draw.

import { h, append, clear } from '../shell/dom.js';
import { failureKind, showFailure } from '../shell/failure.js';

// Replaces el's content with children (strings, nodes, arrays; null and false are skipped).
function fill(el, ...children) {
  clear(el);
  return append(el, children);
}

const messages = {
  en: {
    as_of: 'As of',
    refresh: 'Refresh',
    download_pdf: 'Download PDF',
    pdf_failed: 'The PDF could not be downloaded.',
    loading: 'Loading…',
    persons: 'Persons',
    organizations: 'Organisations',
    subjects_total: 'Subjects',
    accounts_total: 'Accounts',
    balance_total: 'Balance',
    product: 'Product',
    migration_summary: '{product}: {subjects} subject(s) graded on both dates ({from_on} and {to_on}); {upgraded} upgraded, {downgraded} downgraded, {unchanged} unchanged; {new} new on the second date.',
    alerts_open: 'Open alerts',
    alerts_new_7d: 'New alerts (7 days)',
    score_distribution: 'Score distribution',
    grade_distribution: 'Grade distribution',
    delinquency: 'Delinquency by bucket',
    bucket: 'Bucket',
    accounts: 'Accounts',
    balance: 'Balance',
    rate: 'Rate',
    count: 'Count',
    band: 'Band',
    grade: 'Grade',
    concentration_industry: 'Concentration by industry',
    concentration_region: 'Concentration by region',
    code: 'Code',
    label: 'Name',
    subjects: 'Subjects',
    exposure: 'Exposure',
    share: 'Share',
    migration: 'Grade migration',
    migration_from: 'From',
    migration_to: 'To',
    migration_show: 'Show',
    migration_axis_from: 'Grade on the first date',
    migration_axis_to: 'Grade on the second date',
    migration_empty: 'No subject was graded on both dates.',
    vintages: 'Vintage curves (cumulative bad rate by months on book)',
    months_on_book: 'Months on book',
    cumulative_bad_rate: 'Cumulative bad rate',
    cohort: 'Cohort',
    vintages_empty: 'No origination cohort yet.',
    empty: 'Nothing to show yet.',
    computed_at: 'Computed {at}',
    failure_forbidden: 'Your role may not read this part of the portfolio.',
    failure_unavailable: 'This part of the console is not available on this server yet.',
    failure_not_found: 'Nothing was found for this request.',
    failure_invalid: 'The server refused the request: check the values you entered.',
    failure_server: 'The server failed to answer. Try again; if it persists, give the request id to the bureau’s operations team.',
    failure_failed: 'The request failed.',
  },
  zh: {
    as_of: '截至',
    refresh: '刷新',
    download_pdf: '下载 PDF',
    pdf_failed: 'PDF 下载失败。',
    loading: '加载中…',
    persons: '个人',
    organizations: '企业',
    subjects_total: '主体总数',
    accounts_total: '账户数',
    balance_total: '余额',
    product: '产品',
    migration_summary: '{product}：两个日期（{from_on} 与 {to_on}）均有等级的主体 {subjects} 个；上调 {upgraded}，下调 {downgraded}，不变 {unchanged}；结束日期新增 {new} 个。',
    alerts_open: '未处理预警',
    alerts_new_7d: '新增预警（7 天）',
    score_distribution: '评分分布',
    grade_distribution: '等级分布',
    delinquency: '逾期率（按账龄段）',
    bucket: '逾期段',
    accounts: '账户数',
    balance: '余额',
    rate: '比率',
    count: '数量',
    band: '分段',
    grade: '等级',
    concentration_industry: '行业集中度',
    concentration_region: '地区集中度',
    code: '代码',
    label: '名称',
    subjects: '主体数',
    exposure: '敞口',
    share: '占比',
    migration: '等级迁移矩阵',
    migration_from: '起始日期',
    migration_to: '结束日期',
    migration_show: '查看',
    migration_axis_from: '起始日期的等级',
    migration_axis_to: '结束日期的等级',
    migration_empty: '两个日期均有等级的主体为零。',
    vintages: '账龄曲线（按账龄的累计不良率）',
    months_on_book: '账龄（月）',
    cumulative_bad_rate: '累计不良率',
    cohort: '放款批次',
    vintages_empty: '尚无放款批次。',
    empty: '暂无数据。',
    computed_at: '计算于 {at}',
    failure_forbidden: '您的角色无权查看这部分资产组合数据。',
    failure_unavailable: '本服务器尚未提供控制台的这一部分。',
    failure_not_found: '未找到相关数据。',
    failure_invalid: '服务器拒绝了请求：请检查输入的值。',
    failure_server: '服务器未能应答。请重试；如仍失败，请将请求编号提供给征信机构运维团队。',
    failure_failed: '请求失败。',
  },
};

// ---- failures ---------------------------------------------------------------------------

function ensureStyle() {
  if (document.getElementById('credo-page-style-overview')) return;
  document.head.append(h('style', { id: 'credo-page-style-overview' }, `
.ov-page { display: flex; flex-direction: column; gap: 16px; }
.ov-toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: end; }
.ov-toolbar label { display: flex; flex-direction: column; font-size: 0.85em; gap: 2px; }
.ov-kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; }
.ov-kpi { border: 1px solid #d0d7de; border-radius: 6px; padding: 10px 12px; background: #fff; }
.ov-kpi-value { font-size: 1.4em; font-weight: 600; overflow-wrap: anywhere; }
.ov-kpi-label { color: #57606a; font-size: 0.85em; }
.ov-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr)); gap: 16px; }
.ov-card { border: 1px solid #d0d7de; border-radius: 6px; padding: 12px; background: #fff; min-width: 0; }
.ov-card h2 { font-size: 1.05em; margin: 0 0 8px; }
.ov-chart { width: 100%; height: 280px; }
.ov-chart-tall { height: 380px; }
.ov-table { overflow-x: auto; margin-top: 8px; }
.ov-muted { color: #57606a; font-size: 0.85em; }
.page-failure { border: 1px solid #cf222e; background: #fff5f5; border-radius: 6px; padding: 10px; }
.page-failure-text { margin: 0 0 6px; font-weight: 600; }
`));
}

// ---- formatting ---------------------------------------------------------------------------

function numberText(ctx, value) {
  return new Intl.NumberFormat(ctx.lang === 'zh' ? 'zh-CN' : 'en-US').format(value ?? 0);
}

function percentText(ctx, fraction) {
  if (fraction === null || fraction === undefined) return '';
  return ctx.ui.percent(fraction);
}

function isoDate(date) {
  return date.toISOString().slice(0, 10);
}

// ---- sections -----------------------------------------------------------------------------

function kpi(ctx, key, value, testId) {
  return h('div', { class: 'ov-kpi', 'data-test': testId, 'data-value': String(value ?? 0) },
    h('div', { class: 'ov-kpi-value', 'data-test': `${testId}-value` }, numberText(ctx, value)),
    h('div', { class: 'ov-kpi-label' }, ctx.t(key)));
}

function card(title, testId, ...children) {
  return h('section', { class: 'ov-card', 'data-test': testId }, h('h2', {}, title), ...children);
}

// A chart whose plotted numbers are also kept on the element (data-values), so tests and
// assistive tools can read what the canvas shows.
function chartBox(ctx, testId, option, values, tall = false) {
  const box = h('div', { class: tall ? 'ov-chart ov-chart-tall' : 'ov-chart', 'data-test': testId,
                         'data-values': JSON.stringify(values) });
  return { box, draw: () => ctx.ui.chart(box, option) };
}

function barOption(categories, values, { percent = false, horizontal = false, name = '' } = {}) {
  const valueAxis = {
    type: 'value',
    axisLabel: percent ? { formatter: (v) => `${(v * 100).toFixed(0)}%` } : {},
  };
  // Every category is labelled (rotated when there are many), so no grade or band goes unnamed.
  const categoryAxis = { type: 'category', data: categories,
                         axisLabel: { interval: 0, rotate: !horizontal && categories.length > 8 ? 45 : 0 } };
  return {
    tooltip: { trigger: 'axis', valueFormatter: percent ? (v) => `${(v * 100).toFixed(2)}%` : undefined },
    grid: { left: horizontal ? 110 : 48, right: horizontal ? 52 : 16, top: 24,
            bottom: !horizontal && categories.length > 8 ? 64 : 40 },
    xAxis: horizontal ? valueAxis : categoryAxis,
    yAxis: horizontal ? { ...categoryAxis, inverse: true } : valueAxis,
    series: [{
      type: 'bar', name, data: values,
      label: { show: categories.length <= 24, position: horizontal ? 'right' : 'top', fontSize: 9,
               formatter: percent ? (p) => `${(p.value * 100).toFixed(1)}%` : undefined },
    }],
  };
}

// The products the distributions cover (person_score, company_rating ...), person_score first.
function productsOf(data) {
  const products = [];
  for (const row of [...(data.score_distribution || []), ...(data.grade_distribution || [])]) {
    const product = row.product ?? '';
    if (!products.includes(product)) products.push(product);
  }
  return products.sort((a, b) => (a === 'person_score' ? -1 : b === 'person_score' ? 1 : a.localeCompare(b)));
}

function drawSummary(ctx, host, data, product) {
  const subjects = data.subjects || {};
  const alerts = data.alerts || {};
  const total = (subjects.persons || 0) + (subjects.organizations || 0);
  const kpis = h('div', { class: 'ov-kpis', 'data-test': 'overview-kpis' },
    kpi(ctx, 'persons', subjects.persons, 'overview-persons'),
    kpi(ctx, 'organizations', subjects.organizations, 'overview-organizations'),
    kpi(ctx, 'subjects_total', total, 'overview-subjects'),
    data.accounts !== undefined ? kpi(ctx, 'accounts_total', data.accounts, 'overview-accounts') : null,
    data.balance_minor !== undefined
      ? h('div', { class: 'ov-kpi', 'data-test': 'overview-balance', 'data-value': String(data.balance_minor) },
          h('div', { class: 'ov-kpi-value' }, ctx.ui.money(data.balance_minor, data.currency)),
          h('div', { class: 'ov-kpi-label' }, ctx.t('balance_total')))
      : null,
    kpi(ctx, 'alerts_open', alerts.open, 'overview-alerts-open'),
    kpi(ctx, 'alerts_new_7d', alerts.new_7d, 'overview-alerts-new'));

  const ofProduct = (row) => product === undefined || (row.product ?? '') === product;
  const scores = (data.score_distribution || []).filter(ofProduct);
  const grades = (data.grade_distribution || []).filter(ofProduct);
  const delinquency = data.delinquency || [];
  const labelled = (group) => ({ ...group, label: (ctx.lang === 'zh' && group.label_zh) || group.label });
  const industry = ((data.concentration && data.concentration.industry) || []).map(labelled);
  const region = ((data.concentration && data.concentration.region) || []).map(labelled);
  const currency = data.currency;

  const scoreChart = chartBox(ctx, 'overview-score-chart',
    barOption(scores.map((s) => s.band), scores.map((s) => s.count), { name: ctx.t('count') }),
    scores.map((s) => ({ product: s.product, band: s.band, count: s.count })));
  const gradeChart = chartBox(ctx, 'overview-grade-chart',
    barOption(grades.map((g) => g.grade), grades.map((g) => g.count), { name: ctx.t('count') }),
    grades.map((g) => ({ product: g.product, grade: g.grade, count: g.count })));
  const delinquencyChart = chartBox(ctx, 'overview-delinquency-chart',
    barOption(delinquency.map((d) => d.bucket), delinquency.map((d) => d.rate),
              { percent: true, name: ctx.t('rate') }),
    delinquency.map((d) => ({ bucket: d.bucket, rate: d.rate })));
  const topIndustry = industry.slice(0, 10);
  const industryChart = chartBox(ctx, 'overview-industry-chart',
    barOption(topIndustry.map((c) => c.label || c.code), topIndustry.map((c) => c.share),
              { percent: true, horizontal: true, name: ctx.t('share') }),
    topIndustry.map((c) => ({ code: c.code, share: c.share })));
  const topRegion = region.slice(0, 10);
  const regionChart = chartBox(ctx, 'overview-region-chart',
    barOption(topRegion.map((c) => c.label || c.code), topRegion.map((c) => c.share),
              { percent: true, horizontal: true, name: ctx.t('share') }),
    topRegion.map((c) => ({ code: c.code, share: c.share })));

  const delinquencyTable = h('div', { class: 'ov-table', 'data-test': 'overview-delinquency-table' });
  const industryTable = h('div', { class: 'ov-table', 'data-test': 'overview-industry-table' });
  const regionTable = h('div', { class: 'ov-table', 'data-test': 'overview-region-table' });

  const emptyNote = (list) => (list.length === 0 ? h('p', { class: 'ov-muted' }, ctx.t('empty')) : null);

  fill(host,
    kpis,
    h('div', { class: 'ov-grid' },
      card(ctx.t('score_distribution'), 'overview-scores', emptyNote(scores), scoreChart.box),
      card(ctx.t('grade_distribution'), 'overview-grades', emptyNote(grades), gradeChart.box),
      card(ctx.t('delinquency'), 'overview-delinquency', emptyNote(delinquency),
           delinquencyChart.box, delinquencyTable),
      card(ctx.t('concentration_industry'), 'overview-industry', emptyNote(industry),
           industryChart.box, industryTable),
      card(ctx.t('concentration_region'), 'overview-region', emptyNote(region),
           regionChart.box, regionTable)),
    data.computed_at
      ? h('p', { class: 'ov-muted', 'data-test': 'overview-computed-at' },
          ctx.t('computed_at', { at: ctx.ui.date(data.computed_at, { time: true }) }))
      : null);

  for (const chart of [scoreChart, gradeChart, delinquencyChart, industryChart, regionChart]) {
    chart.draw();
  }
  ctx.ui.table(delinquencyTable, {
    columns: [
      { key: 'bucket', label: ctx.t('bucket') },
      { key: 'accounts', label: ctx.t('accounts'), format: (v) => numberText(ctx, v) },
      { key: 'balance_minor', label: ctx.t('balance'), format: (v) => ctx.ui.money(v, currency) },
      { key: 'rate', label: ctx.t('rate'), format: (v) => percentText(ctx, v) },
    ],
    rows: delinquency,
    exportName: 'delinquency',
  });
  const concentrationColumns = [
    { key: 'code', label: ctx.t('code') },
    { key: 'label', label: ctx.t('label') },
    { key: 'subjects', label: ctx.t('subjects'), format: (v) => numberText(ctx, v) },
    { key: 'exposure_minor', label: ctx.t('exposure'), format: (v) => ctx.ui.money(v, currency) },
    { key: 'share', label: ctx.t('share'), format: (v) => percentText(ctx, v) },
  ];
  ctx.ui.table(industryTable, { columns: concentrationColumns, rows: industry,
                                exportName: 'concentration-industry' });
  ctx.ui.table(regionTable, { columns: concentrationColumns, rows: region,
                              exportName: 'concentration-region' });
}

function migrationOption(ctx, grades, matrix) {
  const cells = [];
  let max = 0;
  matrix.forEach((row, from) => row.forEach((count, to) => {
    cells.push([to, from, count]);
    if (count > max) max = count;
  }));
  return {
    tooltip: {
      formatter: (p) => `${grades[p.value[1]]} → ${grades[p.value[0]]}: ${p.value[2]}`,
    },
    grid: { left: 72, right: 16, top: 16, bottom: 100 },
    xAxis: { type: 'category', data: grades, name: ctx.t('migration_axis_to'), nameLocation: 'middle',
             nameGap: 26, splitArea: { show: true } },
    yAxis: { type: 'category', data: grades, name: ctx.t('migration_axis_from'), inverse: true,
             nameLocation: 'middle', nameGap: 46, nameRotate: 90, splitArea: { show: true } },
    visualMap: { min: 0, max: Math.max(max, 1), calculable: true, orient: 'horizontal',
                 left: 'center', bottom: 0, itemHeight: 120 },
    series: [{ type: 'heatmap', data: cells, label: { show: grades.length <= 12 },
               emphasis: { itemStyle: { shadowBlur: 6 } } }],
  };
}

function migrationSummary(ctx, data) {
  if (data.subjects === undefined) return null;
  const newAtTo = (data.new_at_to || []).reduce((a, b) => a + b, 0);
  return h('p', { class: 'ov-muted', 'data-test': 'overview-migration-summary',
                  'data-subjects': String(data.subjects) },
    ctx.t('migration_summary', {
      product: data.product || '', subjects: data.subjects, from_on: data.from_scored_on || '—',
      to_on: data.to_scored_on || '—', upgraded: data.upgraded ?? 0, downgraded: data.downgraded ?? 0,
      unchanged: data.unchanged ?? 0, new: newAtTo }));
}

function drawMigration(ctx, host, data) {
  const grades = data.grades || [];
  const matrix = data.matrix || [];
  const total = matrix.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  if (grades.length === 0 || total === 0) {
    fill(host, h('p', { class: 'ov-muted', 'data-test': 'overview-migration-empty' },
                           ctx.t('migration_empty')), migrationSummary(ctx, data));
    return;
  }
  const chart = chartBox(ctx, 'overview-migration-chart', migrationOption(ctx, grades, matrix),
                         { grades, matrix, total }, true);
  fill(host, chart.box, migrationSummary(ctx, data));
  chart.draw();
}

function vintageOption(ctx, cohorts) {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => `${(v * 100).toFixed(2)}%` },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 56, right: 16, top: 36, bottom: 40 },
    xAxis: { type: 'value', name: ctx.t('months_on_book'), nameLocation: 'middle', nameGap: 26,
             minInterval: 1 },
    yAxis: { type: 'value', axisLabel: { formatter: (v) => `${(v * 100).toFixed(1)}%` } },
    series: cohorts.map((c) => ({
      type: 'line', name: c.cohort, showSymbol: false,
      data: (c.points || []).map((p) => [p.months_on_book, p.cumulative_bad_rate]),
    })),
  };
}

function drawVintages(ctx, host, data) {
  const cohorts = data.cohorts || [];
  if (cohorts.length === 0) {
    fill(host, h('p', { class: 'ov-muted', 'data-test': 'overview-vintages-empty' },
                           ctx.t('vintages_empty')));
    return;
  }
  const chart = chartBox(ctx, 'overview-vintage-chart', vintageOption(ctx, cohorts),
                         cohorts.map((c) => ({ cohort: c.cohort, accounts: c.accounts,
                                               points: (c.points || []).length })), true);
  const table = h('div', { class: 'ov-table', 'data-test': 'overview-vintage-table' });
  fill(host, chart.box, table);
  chart.draw();
  ctx.ui.table(table, {
    columns: [
      { key: 'cohort', label: ctx.t('cohort') },
      { key: 'accounts', label: ctx.t('accounts'), format: (v) => numberText(ctx, v) },
      { key: 'months_on_book', label: ctx.t('months_on_book') },
      { key: 'cumulative_bad_rate', label: ctx.t('cumulative_bad_rate'),
        format: (v) => percentText(ctx, v) },
    ],
    rows: cohorts.map((c) => {
      const last = (c.points || [])[(c.points || []).length - 1] || {};
      return { cohort: c.cohort, accounts: c.accounts, months_on_book: last.months_on_book ?? '',
               cumulative_bad_rate: last.cumulative_bad_rate ?? null };
    }),
    exportName: 'vintages',
  });
}

function loading(ctx) {
  return h('p', { class: 'ov-muted' }, ctx.t('loading'));
}

export default {
  id: 'overview',
  route: '/overview',
  nav: { order: 10 },
  permission: 'portfolio.read',
  title: { en: 'Overview', zh: '总览' },
  messages,
  async render(root, ctx) {
    ensureStyle();
    const asOf = h('input', { type: 'date', 'data-test': 'overview-as-of',
                              value: (ctx.query && ctx.query.as_of) || '' });
    const pdfStatus = h('span', { class: 'ov-muted', 'data-test': 'overview-pdf-status' });
    const productSelect = h('select', { 'data-test': 'overview-product', hidden: true });
    let overview = null;
    productSelect.addEventListener('change', () => {
      if (overview) drawSummary(ctx, summary, overview, productSelect.value);
    });
    const summary = h('div', { 'data-test': 'overview-summary' }, loading(ctx));
    const migrationFrom = h('input', { type: 'date', 'data-test': 'overview-migration-from' });
    const migrationTo = h('input', { type: 'date', 'data-test': 'overview-migration-to' });
    const migrationHost = h('div', { 'data-test': 'overview-migration-body' }, loading(ctx));
    const vintageHost = h('div', { 'data-test': 'overview-vintages-body' }, loading(ctx));
    let alive = true;

    async function loadSummary() {
      fill(summary, loading(ctx));
      try {
        const query = asOf.value ? { as_of: asOf.value } : undefined;
        const data = await ctx.api.get('/v1/portfolio/overview', query);
        if (!alive) return;
        overview = data;
        if (!asOf.value && data.as_of) asOf.value = String(data.as_of).slice(0, 10);
        const products = productsOf(data);
        const chosen = products.includes(productSelect.value) ? productSelect.value : products[0];
        fill(productSelect, ...products.map((p) => h('option', { value: p }, p || '—')));
        productSelect.hidden = products.length < 2;
        if (chosen !== undefined) productSelect.value = chosen;
        drawSummary(ctx, summary, data, chosen);
        return data;
      } catch (error) {
        if (alive) showFailure(summary, ctx, error, 'overview-error');
      }
    }

    async function loadMigration() {
      fill(migrationHost, loading(ctx));
      try {
        const query = { from: migrationFrom.value, to: migrationTo.value };
        const data = await ctx.api.get('/v1/portfolio/migration', query);
        if (!alive) return;
        if (data.from) migrationFrom.value = String(data.from).slice(0, 10);
        if (data.to) migrationTo.value = String(data.to).slice(0, 10);
        drawMigration(ctx, migrationHost, data);
      } catch (error) {
        if (alive) showFailure(migrationHost, ctx, error, 'overview-migration-error');
      }
    }

    async function loadVintages() {
      try {
        const data = await ctx.api.get('/v1/portfolio/vintages');
        if (alive) drawVintages(ctx, vintageHost, data);
      } catch (error) {
        if (alive) showFailure(vintageHost, ctx, error, 'overview-vintages-error');
      }
    }

    async function downloadPdf() {
      pdfStatus.textContent = '';
      const day = asOf.value || isoDate(new Date());
      try {
        const params = new URLSearchParams({ lang: ctx.lang });
        if (asOf.value) params.set('as_of', asOf.value);
        const query = `?${params}`;
        await ctx.api.download(`/v1/portfolio/overview.pdf${query}`, null,
                               `portfolio-overview-${day}.pdf`);
      } catch (error) {
        showFailure(pdfStatus, ctx, error, 'overview-pdf-error');
      }
    }

    fill(root, h('div', { class: 'ov-page', 'data-test': 'overview-page' },
      h('div', { class: 'ov-toolbar' },
        h('label', {}, ctx.t('as_of'), asOf),
        h('label', {}, ctx.t('product'), productSelect),
        h('button', { type: 'button', 'data-test': 'overview-refresh', onclick: loadSummary },
          ctx.t('refresh')),
        h('button', { type: 'button', 'data-test': 'overview-download-pdf', onclick: downloadPdf },
          ctx.t('download_pdf')),
        pdfStatus),
      summary,
      h('div', { class: 'ov-grid' },
        card(ctx.t('migration'), 'overview-migration',
          h('div', { class: 'ov-toolbar' },
            h('label', {}, ctx.t('migration_from'), migrationFrom),
            h('label', {}, ctx.t('migration_to'), migrationTo),
            h('button', { type: 'button', 'data-test': 'overview-migration-show',
                          onclick: () => loadMigration() }, ctx.t('migration_show'))),
          migrationHost),
        card(ctx.t('vintages'), 'overview-vintages', vintageHost))));

    // The migration needs two dates: by default the year up to the overview's as-of date.
    const [first] = await Promise.all([loadSummary(), loadVintages()]);
    if (!alive) return () => {};
    const to = (ctx.query && ctx.query.to) || asOf.value || (first && first.as_of) || isoDate(new Date());
    const back = new Date(`${to.slice(0, 10)}T00:00:00Z`);
    back.setUTCFullYear(back.getUTCFullYear() - 1);
    migrationTo.value = to.slice(0, 10);
    migrationFrom.value = (ctx.query && ctx.query.from) || isoDate(back);
    await loadMigration();
    return () => { alive = false; };
  },
};
