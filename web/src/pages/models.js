// Models: the bureau's model registry and, for a chosen model, its validation — AUC, Gini, KS,
// the ROC and KS curves, the calibration plot (predicted against observed bad rate by band), PSI
// over time with the stability bands, and champion against challenger for its product.
// Reads GET /v1/models, /v1/models/{id}/validation and /v1/models/compare?product=.

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
    refresh: 'Refresh',
    models: 'Models',
    id: 'Model',
    product: 'Product',
    version: 'Version',
    kind: 'Kind',
    status: 'Status',
    registered_at: 'Registered',
    open_model: 'Validation',
    empty: 'No model is registered yet.',
    validation_title: 'Validation of {id}',
    auc: 'AUC',
    gini: 'Gini',
    ks: 'KS',
    brier: 'Brier',
    rows: 'Rows',
    bads: 'Bads',
    roc: 'ROC curve',
    fpr: 'False positive rate',
    tpr: 'True positive rate',
    random: 'Random',
    ks_curve: 'KS curve',
    population: 'Share of population (riskiest first)',
    cum_bad: 'Cumulative bads',
    cum_good: 'Cumulative goods',
    calibration: 'Calibration',
    predicted: 'Predicted bad rate',
    observed: 'Observed bad rate',
    perfect: 'Perfect calibration',
    band: 'Band',
    count: 'Count',
    psi_history: 'PSI over time',
    psi: 'PSI',
    date: 'Date',
    psi_stable: 'stable < 0.1',
    psi_act: 'act > 0.25',
    psi_now: 'PSI now {psi} ({band})',
    no_psi: 'No PSI recorded yet.',
    no_curve: 'Not in this validation report.',
    compare: 'Champion and challenger ({product})',
    metric: 'Metric',
    champion: 'Champion',
    challenger: 'Challenger',
    difference: 'Difference',
    better: 'Better AUC: {who}',
    no_challenger: 'No challenger to compare for this product.',
    confusion: 'Confusion at cut-off {cutoff}',
    not_available: 'Outcome metrics are not available yet: {reason}',
    development: 'At development: AUC {auc}, KS {ks}',
    sample: '{matured} matured score(s) of {rows} over a {horizon}-month horizon; data through {through}',
    failure_forbidden: 'Your role may not read models.',
    failure_unavailable: 'This part of the console is not available on this server yet.',
    failure_not_found: 'No validation was found for this model.',
    failure_invalid: 'The server refused the request.',
    failure_server: 'The server failed to answer. Try again; if it persists, give the request id to the bureau’s operations team.',
    failure_failed: 'The request failed.',
  },
  zh: {
    loading: '加载中…',
    refresh: '刷新',
    models: '模型',
    id: '模型',
    product: '产品',
    version: '版本',
    kind: '类型',
    status: '状态',
    registered_at: '注册时间',
    open_model: '验证',
    empty: '尚未注册任何模型。',
    validation_title: '{id} 的验证报告',
    auc: 'AUC',
    gini: '基尼系数',
    ks: 'KS',
    brier: 'Brier 分数',
    rows: '样本数',
    bads: '坏样本数',
    roc: 'ROC 曲线',
    fpr: '假正率',
    tpr: '真正率',
    random: '随机',
    ks_curve: 'KS 曲线',
    population: '人群占比（风险由高到低）',
    cum_bad: '累计坏样本',
    cum_good: '累计好样本',
    calibration: '校准',
    predicted: '预测坏账率',
    observed: '实际坏账率',
    perfect: '完美校准',
    band: '分段',
    count: '数量',
    psi_history: 'PSI 走势',
    psi: 'PSI',
    date: '日期',
    psi_stable: '稳定 < 0.1',
    psi_act: '需处理 > 0.25',
    psi_now: '当前 PSI {psi}（{band}）',
    no_psi: '尚无 PSI 记录。',
    no_curve: '该验证报告中没有此项。',
    compare: '冠军模型与挑战者模型（{product}）',
    metric: '指标',
    champion: '冠军模型',
    challenger: '挑战者模型',
    difference: '差异',
    better: 'AUC 更优：{who}',
    no_challenger: '该产品没有可比较的挑战者模型。',
    confusion: '截断点 {cutoff} 处的混淆矩阵',
    not_available: '暂无结果指标：{reason}',
    development: '开发样本：AUC {auc}，KS {ks}',
    sample: '已到期评分 {matured} 条（共 {rows} 条），表现期 {horizon} 个月，数据截至 {through}',
    failure_forbidden: '您的角色无权查看模型。',
    failure_unavailable: '本服务器尚未提供控制台的这一部分。',
    failure_not_found: '未找到该模型的验证报告。',
    failure_invalid: '服务器拒绝了请求。',
    failure_server: '服务器未能应答。请重试；如仍失败，请将请求编号提供给征信机构运维团队。',
    failure_failed: '请求失败。',
  },
};

function ensureStyle() {
  if (document.getElementById('credo-page-style-models')) return;
  document.head.append(h('style', { id: 'credo-page-style-models' }, `
.md-page { display: flex; flex-direction: column; gap: 16px; }
.md-toolbar { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.md-table { overflow-x: auto; }
.md-kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(120px, 1fr)); gap: 10px; }
.md-kpi { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 10px; background: #fff; }
.md-kpi-value { font-size: 1.4em; font-weight: 600; font-variant-numeric: tabular-nums; }
.md-kpi-label { color: #57606a; font-size: 0.85em; }
.md-grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 380px), 1fr)); gap: 16px; }
.md-card { border: 1px solid #d0d7de; border-radius: 6px; padding: 12px; background: #fff; min-width: 0; }
.md-card h3 { font-size: 1em; margin: 0 0 6px; }
.md-chart { width: 100%; height: 280px; }
.md-muted { color: #57606a; font-size: 0.85em; }
.md-compare { overflow-x: auto; }
.md-compare table { border-collapse: collapse; width: 100%; }
.md-compare th, .md-compare td { border-bottom: 1px solid #d8dee4; padding: 4px 6px; text-align: right; }
.md-compare th:first-child, .md-compare td:first-child { text-align: left; }
.md-unavailable { background: #fff8c5; border: 1px solid #d4a72c; border-radius: 6px; padding: 8px 10px; }
.md-better { font-weight: 600; color: #116329; }
.page-failure { border: 1px solid #cf222e; background: #fff5f5; border-radius: 6px; padding: 10px; }
.page-failure-text { margin: 0 0 6px; font-weight: 600; }
`));
}

function fixed(value, digits = 3) {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(digits) : '—';
}

// ---- the validation report in one shape, whichever form the server sends ------------------
// ROC: [{fpr, tpr}] or [[fpr, tpr]]. Calibration: [{bin, predicted, observed, count}] or the
// library's bands [{score_low, score_high, mean_pd, observed_bad_rate, count}]. KS curve:
// {share, bad, good} arrays, else derived from the ROC (bads and goods captured by cut-off).

function rocPoints(report) {
  return (report.roc || []).map((p) => (Array.isArray(p) ? [p[0], p[1]] : [p.fpr, p.tpr]))
    .filter((p) => typeof p[0] === 'number' && typeof p[1] === 'number');
}

function calibrationRows(report) {
  return (report.calibration || []).map((b, index) => ({
    bin: b.bin ?? (b.score_low !== undefined ? `${b.score_low}–${b.score_high}` : String(index + 1)),
    predicted: b.predicted ?? b.mean_pd,
    observed: b.observed ?? b.observed_bad_rate,
    count: b.count,
  }));
}

function ksSeries(report, roc) {
  const curve = report.ks_curve;
  if (curve && Array.isArray(curve.share) && curve.share.length) {
    return {
      bad: curve.share.map((s, i) => [s, curve.bad[i]]),
      good: curve.share.map((s, i) => [s, curve.good[i]]),
    };
  }
  if (Array.isArray(curve) && curve.length) {
    return { bad: curve.map((p) => [p.share, p.bad]), good: curve.map((p) => [p.share, p.good]) };
  }
  if (!roc.length || typeof report.bads !== 'number' || typeof report.rows !== 'number') return null;
  // From the ROC: at each cut-off tpr of the bads and fpr of the goods are captured, and
  // the population share is their weighted sum.
  const badShare = report.bads / report.rows;
  return {
    bad: roc.map(([fpr, tpr]) => [tpr * badShare + fpr * (1 - badShare), tpr]),
    good: roc.map(([fpr, tpr]) => [tpr * badShare + fpr * (1 - badShare), fpr]),
  };
}

function psiHistory(report) {
  const history = (report.psi_history || []).map((p) => [String(p.date).slice(0, 10), p.psi]);
  return history;
}

function kpi(label, value, testId) {
  return h('div', { class: 'md-kpi', 'data-test': testId, 'data-value': String(value ?? '') },
    h('div', { class: 'md-kpi-value' }, fixed(value)),
    h('div', { class: 'md-kpi-label' }, label));
}

function chartCard(title, testId, values) {
  const box = h('div', { class: 'md-chart', 'data-test': testId, 'data-values': JSON.stringify(values) });
  return { box, card: h('section', { class: 'md-card' }, h('h3', {}, title), box) };
}

function percentAxis() {
  return { type: 'value', min: 0, max: 1, axisLabel: { formatter: (v) => `${Math.round(v * 100)}%` } };
}

function drawValidation(ctx, host, id, report) {
  const roc = rocPoints(report);
  const calibration = calibrationRows(report);
  const ks = ksSeries(report, roc);
  const psi = psiHistory(report);
  const cards = [];

  const rocChart = chartCard(ctx.t('roc'), 'models-roc-chart', { points: roc.length, auc: report.auc });
  cards.push(rocChart);
  const ksChart = chartCard(ctx.t('ks_curve'), 'models-ks-chart', { ks: report.ks });
  cards.push(ksChart);
  const calibrationChart = chartCard(ctx.t('calibration'), 'models-calibration-chart', calibration);
  cards.push(calibrationChart);
  const psiChart = chartCard(ctx.t('psi_history'), 'models-psi-chart', psi);
  cards.push(psiChart);
  const calibrationTable = h('div', { class: 'md-table', 'data-test': 'models-calibration-table' });
  calibrationChart.card.append(calibrationTable);
  const lastPsi = (report.psi_history || [])[(report.psi_history || []).length - 1];
  const currentPsi = report.psi && typeof report.psi === 'object' ? report.psi : lastPsi || null;
  if (currentPsi && typeof currentPsi.psi === 'number') {
    psiChart.card.append(h('p', { class: 'md-muted', 'data-test': 'models-psi-now' },
      ctx.t('psi_now', { psi: fixed(currentPsi.psi), band: currentPsi.band || '' })));
  }

  const confusion = report.confusion;
  const development = report.development && typeof report.development === 'object' ? report.development : null;
  const sample = report.sample && typeof report.sample === 'object' ? report.sample : null;
  fill(host,
    h('h2', { 'data-test': 'models-validation-title' }, ctx.t('validation_title', { id })),
    report.available === false
      ? h('div', { class: 'md-unavailable', role: 'status', 'data-test': 'models-not-available' },
          ctx.t('not_available', { reason: report.reason || '' }))
      : null,
    sample && sample.score_rows !== undefined
      ? h('p', { class: 'md-muted', 'data-test': 'models-sample' }, ctx.t('sample', {
          matured: sample.matured ?? 0, rows: sample.score_rows, horizon: sample.horizon_months ?? '',
          through: sample.data_through ?? '—' }))
      : null,
    development && (development.auc !== undefined || development.ks !== undefined)
      ? h('p', { class: 'md-muted', 'data-test': 'models-development' },
          ctx.t('development', { auc: fixed(development.auc), ks: fixed(development.ks) }))
      : null,
    h('div', { class: 'md-kpis', 'data-test': 'models-kpis' },
      kpi(ctx.t('auc'), report.auc, 'models-auc'),
      kpi(ctx.t('gini'), report.gini ?? (typeof report.auc === 'number' ? 2 * report.auc - 1 : null),
          'models-gini'),
      kpi(ctx.t('ks'), report.ks, 'models-ks'),
      report.brier !== undefined ? kpi(ctx.t('brier'), report.brier, 'models-brier') : null),
    report.rows !== undefined
      ? h('p', { class: 'md-muted' }, `${ctx.t('rows')}: ${report.rows}`,
          report.bads !== undefined ? ` · ${ctx.t('bads')}: ${report.bads}` : '',
          confusion && confusion.cutoff !== undefined
            ? ` · ${ctx.t('confusion', { cutoff: fixed(confusion.cutoff) })}: TP ${confusion.true_positive ?? ''}, FP ${confusion.false_positive ?? ''}, TN ${confusion.true_negative ?? ''}, FN ${confusion.false_negative ?? ''}`
            : '')
      : null,
    h('div', { class: 'md-grid' }, cards.map((c) => c.card)));

  if (roc.length) {
    ctx.ui.chart(rocChart.box, {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 16, bottom: 56 },
      xAxis: { ...percentAxis(), name: ctx.t('fpr'), nameLocation: 'middle', nameGap: 24 },
      yAxis: percentAxis(),
      series: [
        { type: 'line', name: `${ctx.t('auc')} ${fixed(report.auc)}`, showSymbol: false, data: roc },
        { type: 'line', name: ctx.t('random'), showSymbol: false, data: [[0, 0], [1, 1]],
          lineStyle: { type: 'dashed', color: '#8c959f' }, itemStyle: { color: '#8c959f' } },
      ],
    });
  } else {
    rocChart.box.replaceWith(h('p', { class: 'md-muted' }, ctx.t('no_curve')));
  }
  if (ks) {
    ctx.ui.chart(ksChart.box, {
      tooltip: { trigger: 'axis' },
      legend: { bottom: 0 },
      grid: { left: 48, right: 16, top: 16, bottom: 56 },
      xAxis: { ...percentAxis(), name: ctx.t('population'), nameLocation: 'middle', nameGap: 24 },
      yAxis: percentAxis(),
      series: [
        { type: 'line', name: ctx.t('cum_bad'), showSymbol: false, data: ks.bad },
        { type: 'line', name: ctx.t('cum_good'), showSymbol: false, data: ks.good },
      ],
      title: { text: `KS ${fixed(report.ks)}`, right: 8, top: 0, textStyle: { fontSize: 12 } },
    });
  } else {
    ksChart.box.replaceWith(h('p', { class: 'md-muted' }, ctx.t('no_curve')));
  }
  if (calibration.length) {
    const top = Math.max(0.05, ...calibration.map((b) => Math.max(b.predicted || 0, b.observed || 0)));
    ctx.ui.chart(calibrationChart.box, {
      tooltip: { trigger: 'item',
                 formatter: (p) => p.seriesIndex === 0
                   ? `${calibration[p.dataIndex].bin}: ${ctx.t('predicted')} ${fixed(p.value[0])}, ${ctx.t('observed')} ${fixed(p.value[1])}`
                   : ctx.t('perfect') },
      legend: { bottom: 0 },
      grid: { left: 56, right: 16, top: 16, bottom: 56 },
      xAxis: { type: 'value', min: 0, max: top, name: ctx.t('predicted'), nameLocation: 'middle',
               nameGap: 24, axisLabel: { formatter: (v) => `${(v * 100).toFixed(0)}%` } },
      yAxis: { type: 'value', min: 0, max: top, axisLabel: { formatter: (v) => `${(v * 100).toFixed(0)}%` } },
      series: [
        { type: 'line', name: ctx.t('observed'), symbolSize: 8,
          data: calibration.map((b) => [b.predicted, b.observed]) },
        { type: 'line', name: ctx.t('perfect'), showSymbol: false, data: [[0, 0], [top, top]],
          lineStyle: { type: 'dashed', color: '#8c959f' }, itemStyle: { color: '#8c959f' } },
      ],
    });
    ctx.ui.table(calibrationTable, {
      columns: [
        { key: 'bin', label: ctx.t('band') },
        { key: 'count', label: ctx.t('count') },
        { key: 'predicted', label: ctx.t('predicted'), format: (v) => ctx.ui.percent(v) },
        { key: 'observed', label: ctx.t('observed'), format: (v) => ctx.ui.percent(v) },
      ],
      rows: calibration,
      exportName: `model-${id}-calibration`,
    });
  } else {
    calibrationChart.box.replaceWith(h('p', { class: 'md-muted' }, ctx.t('no_curve')));
  }
  if (psi.length) {
    ctx.ui.chart(psiChart.box, {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 16, top: 16, bottom: 32 },
      xAxis: { type: 'category', data: psi.map((p) => p[0]) },
      yAxis: { type: 'value', min: 0, max: (v) => Math.max(0.3, v.max * 1.1) },
      series: [{
        type: 'line', name: ctx.t('psi'), data: psi.map((p) => p[1]),
        markLine: { symbol: 'none', label: { formatter: '{b}', position: 'insideEndTop' }, data: [
          { name: ctx.t('psi_stable'), yAxis: 0.1, lineStyle: { color: '#d4a72c' } },
          { name: ctx.t('psi_act'), yAxis: 0.25, lineStyle: { color: '#cf222e' } },
        ] },
      }],
    });
  } else {
    psiChart.box.replaceWith(h('p', { class: 'md-muted', 'data-test': 'models-no-psi' }, ctx.t('no_psi')));
  }
}

// Champion against challenger: {champion: {...}, challenger: {...}, auc_difference, ...}.
function drawCompare(ctx, host, product, data) {
  const champion = data.champion || null;
  const challenger = data.challenger || null;
  if (!champion || !challenger) {
    fill(host, h('h3', {}, ctx.t('compare', { product })),
      h('p', { class: 'md-muted', 'data-test': 'models-no-challenger' }, ctx.t('no_challenger')));
    return;
  }
  for (const side of [champion, challenger]) {
    if (side.f1 === undefined && side.confusion && typeof side.confusion.f1 === 'number') side.f1 = side.confusion.f1;
  }
  const better_auc = data.better_auc ?? (data.comparison && data.comparison.better);
  const unavailable = [champion, challenger].filter((side) => side.available === false);
  const metrics = ['auc', 'gini', 'ks', 'brier', 'f1'].filter(
    (m) => typeof champion[m] === 'number' || typeof challenger[m] === 'number');
  // Lower is better for the Brier score; higher for the others.
  const better = (m, a, b) => (m === 'brier' ? a < b : a > b);
  fill(host,
    h('h3', {}, ctx.t('compare', { product })),
    h('div', { class: 'md-compare' }, h('table', { 'data-test': 'models-compare-table' },
      h('thead', {}, h('tr', {}, h('th', {}, ctx.t('metric')),
        h('th', {}, `${ctx.t('champion')} ${champion.model_id ?? champion.id ?? ''}`),
        h('th', {}, `${ctx.t('challenger')} ${challenger.model_id ?? challenger.id ?? ''}`),
        h('th', {}, ctx.t('difference')))),
      h('tbody', {}, metrics.map((m) => {
        const a = champion[m];
        const b = challenger[m];
        return h('tr', { 'data-test': 'models-compare-row', 'data-metric': m },
          h('td', {}, ctx.t(m) === m ? m.toUpperCase() : ctx.t(m)),
          h('td', { class: better(m, a, b) ? 'md-better' : '' }, fixed(a)),
          h('td', { class: better(m, b, a) ? 'md-better' : '' }, fixed(b)),
          h('td', {}, typeof a === 'number' && typeof b === 'number'
            ? `${b - a >= 0 ? '+' : ''}${(b - a).toFixed(3)}` : '—'));
      })))),
    better_auc
      ? h('p', { class: 'md-muted', 'data-test': 'models-better' }, ctx.t('better', { who: ctx.t(better_auc) }))
      : null,
    unavailable.length
      ? h('p', { class: 'md-unavailable' }, ctx.t('not_available', { reason: unavailable[0].reason || '' }))
      : null);
}

export default {
  id: 'models',
  route: '/models',
  nav: { order: 80 },
  permission: 'models.read',
  title: { en: 'Models', zh: '模型' },
  messages,
  async render(root, ctx) {
    ensureStyle();
    const list = h('div', { class: 'md-table', 'data-test': 'models-list' });
    const validation = h('section', { 'data-test': 'models-validation', hidden: true });
    const compare = h('section', { class: 'md-card', 'data-test': 'models-compare', hidden: true });
    let alive = true;
    let models = [];

    async function openModel(id) {
      const model = models.find((m) => String(m.id) === String(id)) || {};
      validation.hidden = false;
      validation.setAttribute('data-id', String(id));
      fill(validation, h('p', { class: 'md-muted' }, ctx.t('loading')));
      const product = model.product;
      compare.hidden = !product;
      if (product) fill(compare, h('p', { class: 'md-muted' }, ctx.t('loading')));
      const loadValidation = (async () => {
        try {
          const report = await ctx.api.get(`/v1/models/${encodeURIComponent(id)}/validation`);
          if (alive && validation.getAttribute('data-id') === String(id)) {
            drawValidation(ctx, validation, id, report);
          }
        } catch (error) {
          if (alive) showFailure(validation, ctx, error, 'models-validation-error');
        }
      })();
      const loadCompare = (async () => {
        if (!product) return;
        try {
          const data = await ctx.api.get('/v1/models/compare', { product });
          if (alive) drawCompare(ctx, compare, product, data);
        } catch (error) {
          if (!alive) return;
          if (error && error.status === 404 && !error.notAvailable) {
            fill(compare, h('h3', {}, ctx.t('compare', { product })),
              h('p', { class: 'md-muted', 'data-test': 'models-no-challenger' }, ctx.t('no_challenger'),
                error.message ? ` (${error.message})` : ''));
          } else {
            showFailure(compare, ctx, error, 'models-compare-error');
          }
        }
      })();
      await Promise.all([loadValidation, loadCompare]);
    }

    async function load() {
      fill(list, h('p', { class: 'md-muted' }, ctx.t('loading')));
      try {
        const data = await ctx.api.get('/v1/models');
        if (!alive) return;
        models = (data.models || []).map((m) => ({ ...m, id: m.id ?? m.model_id }));
        if (models.length === 0) {
          fill(list, h('p', { class: 'md-muted', 'data-test': 'models-empty' }, ctx.t('empty')));
          return;
        }
        ctx.ui.table(list, {
          columns: [
            { key: 'id', label: ctx.t('id'),
              format: (v) => h('button', { type: 'button', 'data-test': 'models-open', 'data-id': String(v),
                                           onclick: () => openModel(v) }, String(v)) },
            { key: 'product', label: ctx.t('product') },
            { key: 'version', label: ctx.t('version') },
            { key: 'kind', label: ctx.t('kind') },
            { key: 'status', label: ctx.t('status') },
            { key: 'registered_at', label: ctx.t('registered_at') },
          ],
          rows: models,
          exportName: 'models',
        });
        const wanted = (ctx.query && ctx.query.model) || (models.find((m) => m.status === 'active') || models[0]).id;
        await openModel(wanted);
      } catch (error) {
        if (alive) showFailure(list, ctx, error, 'models-error');
      }
    }

    fill(root, h('div', { class: 'md-page', 'data-test': 'models-page' },
      h('div', { class: 'md-toolbar' }, h('h2', {}, ctx.t('models')),
        h('button', { type: 'button', 'data-test': 'models-refresh', onclick: load }, ctx.t('refresh'))),
      list, validation, compare));
    await load();
    return () => { alive = false; };
  },
};
