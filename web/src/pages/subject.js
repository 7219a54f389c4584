// One subject: who it is (masked identifiers, counts), its credit report for bureau staff
// (POST /v1/subjects/{id}/report under an operator purpose: score gauge, reason codes, payment
// grid, balance trend, financial ratios for companies), its relationship neighbourhood
// (GET /v1/graph/subjects/{id}/neighbourhood) drawn as a graph, and its alerts.
const operatorPurposes = ['dispute_handling', 'complaint_handling'];

// Metro 2 payment rating codes -> colour of the grid cell.
const gridColours = {
  0: '#2e8b57', C: '#2e8b57', 1: '#e0b000', 2: '#e08a00', 3: '#d9622b', 4: '#c8401e', 5: '#b3261e',
  6: '#8c1c13', G: '#5b1010', H: '#5b1010', J: '#5b1010', K: '#5b1010', L: '#3b0a0a',
};

// The score as drawn on the gauge: whole numbers as they are, others to one decimal.
export function scoreText(score) {
  const value = Number(score);
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function decimal(amount) {
  if (amount === null || amount === undefined) return null;
  if (typeof amount === 'object') return amount.amount === undefined ? null : Number(amount.amount);
  return Number(amount);
}

function attributeValue(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return value.value === undefined ? null : value.value;
  return value;
}

export default {
  id: 'subject',
  route: '/subjects/:id',
  permission: 'subjects.lookup',
  title: { en: 'Subject', zh: '信息主体' },
  messages: {
    en: {
      person: 'person',
      organization: 'company',
      identifiers: 'Identifiers (masked)',
      tradelines: 'Accounts',
      public_records: 'Public records',
      inquiries: 'Inquiries',
      alerts_open: 'Open alerts',
      disputes_open: 'Open disputes',
      merged: 'Subject {from} was merged into subject {to}; showing the surviving subject.',
      report: 'Credit report',
      report_intro: 'Bureau staff read a report only to handle an open case of this subject; the read is logged with your user name and shown to the subject.',
      purpose: 'Purpose',
      'purpose.dispute_handling': 'Dispute handling',
      'purpose.complaint_handling': 'Complaint handling',
      case_id: 'Case id (optional)',
      open_report: 'Open report',
      pdf: 'PDF',
      no_report_permission: 'Your role may not read reports: it needs the permission “reports.operator”.',
      score: 'Score',
      grade: 'Grade',
      range: 'Range {min}–{max}',
      model: 'Model {model}',
      pd: 'Probability of default {pd}',
      reasons: 'Key factors',
      no_reasons: 'No reason codes.',
      no_score: 'No score: {reason}',
      summary: 'Summary',
      open_accounts: 'Open accounts',
      total_balance: 'Balances',
      total_limit: 'Credit limits',
      utilisation: 'Utilisation',
      past_due: 'Past due',
      payment_grid: 'Payment history (24 months)',
      balance_trend: 'Balance trend',
      ratios: 'Financial ratios over time',
      no_data: '{label}: {reason}',
      graph: 'Relationship neighbourhood',
      graph_summary: '{nodes} nodes, {edges} links within {depth} steps.',
      graph_truncated: 'The neighbourhood is larger than shown.',
      graph_unavailable: 'The relationship graph is not available on this server yet.',
      alerts: 'Alerts',
      alerts_unavailable: 'Alerts are not available on this server yet.',
      severity: 'Severity',
      trigger: 'Trigger',
      summary_text: 'Summary',
      as_of: 'As of',
      status: 'Status',
      open: 'open',
      acknowledged: 'acknowledged',
      furnisher: 'Furnisher',
      account: 'Account',
      account_status: 'Status',
      legend: 'Green: on time · yellow to red: 30 to 180+ days late · dark: collection or charge-off · grey: no data',
    },
    zh: {
      person: '个人',
      organization: '企业',
      identifiers: '证件（已脱敏）',
      tradelines: '账户',
      public_records: '公共记录',
      inquiries: '查询记录',
      alerts_open: '未处理预警',
      disputes_open: '未结异议',
      merged: '信息主体 {from} 已并入 {to}，现显示存续主体。',
      report: '信用报告',
      report_intro: '征信机构工作人员仅为处理该信息主体的未结案件查阅报告；查询将连同您的用户名记录，并向信息主体展示。',
      purpose: '查询原因',
      'purpose.dispute_handling': '异议处理',
      'purpose.complaint_handling': '投诉处理',
      case_id: '案件编号（可选）',
      open_report: '查看报告',
      pdf: 'PDF',
      no_report_permission: '您的角色无权查阅报告：需要权限“reports.operator”。',
      score: '评分',
      grade: '等级',
      range: '分数范围 {min}–{max}',
      model: '模型 {model}',
      pd: '违约概率 {pd}',
      reasons: '主要影响因素',
      no_reasons: '无原因码。',
      no_score: '无评分：{reason}',
      summary: '信息概要',
      open_accounts: '未结清账户',
      total_balance: '余额',
      total_limit: '授信额度',
      utilisation: '使用率',
      past_due: '逾期金额',
      payment_grid: '近 24 个月还款记录',
      balance_trend: '余额趋势',
      ratios: '财务指标趋势',
      no_data: '{label}：{reason}',
      graph: '关联关系',
      graph_summary: '{depth} 层内共 {nodes} 个节点、{edges} 条关系。',
      graph_truncated: '关联范围大于当前显示。',
      graph_unavailable: '此服务器尚未提供关联关系图。',
      alerts: '预警',
      alerts_unavailable: '此服务器尚未提供预警。',
      severity: '严重程度',
      trigger: '触发类型',
      summary_text: '摘要',
      as_of: '数据日期',
      status: '状态',
      open: '未处理',
      acknowledged: '已确认',
      furnisher: '数据提供机构',
      account: '账户',
      account_status: '状态',
      legend: '绿色：正常 · 黄色至红色：逾期 30 至 180 天以上 · 深色：催收或核销 · 灰色：无数据',
    },
  },

  async render(root, ctx) {
    const { h, clear } = ctx.ui;
    const t = ctx.t;
    const id = Number(ctx.params.id);
    const header = h('div', { dataTest: 'subject-header' }, t('app.loading'));
    const reportCard = h('div', { class: 'card', dataTest: 'report-card' });
    const graphCard = h('div', { class: 'card', dataTest: 'graph-card' });
    const alertsCard = h('div', { class: 'card', dataTest: 'alerts-card' });
    root.append(header, reportCard, h('div', { class: 'grid' }, graphCard, alertsCard));

    if (!Number.isInteger(id) || id <= 0) {
      header.textContent = t('page.not_found', { path: `/subjects/${ctx.params.id}` });
      return;
    }

    // Who: the operator view of the subject.
    let subject;
    try {
      subject = await ctx.api.get(`/v1/subjects/${id}`);
    } catch (error) {
      ctx.ui.error(header, error);
      subject = null;
    }
    if (!ctx.current) return;
    if (subject) drawHeader(subject);
    const subjectId = subject ? subject.subject_id : id;

    drawReportForm(subjectId);
    await Promise.all([drawGraph(subjectId), drawAlerts(subjectId)]);

    function drawHeader(s) {
      clear(header).append(
        s.subject_id !== id ? ctx.ui.message(null, t('merged', { from: id, to: s.subject_id }), 'info') : null,
        h('h1', { dataTest: 'subject-name' }, s.display_name || `#${s.subject_id}`,
          h('span', { class: 'tag', style: 'margin-left: 10px; font-size: 0.8rem' }, t(s.kind)),
          h('span', { class: 'muted small', style: 'margin-left: 10px' }, `#${s.subject_id}`)),
        h('div', { class: 'card' },
          h('div', { class: 'tags', dataTest: 'subject-identifiers' },
            h('span', { class: 'muted' }, t('identifiers') + ':'),
            (s.identifiers || []).map((i) => h('span', { class: 'tag' }, `${i.kind} ${i.masked}`))),
          h('div', { class: 'grid', style: 'margin-top: 10px' },
            ['tradelines', 'public_records', 'inquiries', 'alerts_open', 'disputes_open']
              .filter((key) => s[key] !== undefined)
              .map((key) => h('div', {}, h('div', { class: 'muted small' }, t(key)),
                h('div', { class: 'figure', dataTest: `count-${key}` }, String(s[key])))))),
      );
    }

    function drawReportForm(sid) {
      clear(reportCard).append(h('h2', {}, t('report')));
      if (!ctx.can('reports.operator')) {
        reportCard.append(ctx.ui.message(null, t('no_report_permission'), 'warning', 'report-forbidden'));
        return;
      }
      const purpose = h('select', { dataTest: 'report-purpose' },
        operatorPurposes.map((p) => h('option', { value: p }, t(`purpose.${p}`))));
      const caseId = h('input', { dataTest: 'report-case', inputmode: 'numeric', size: 8 });
      const output = h('div', { dataTest: 'report' });
      const body = () => {
        const request = { purpose: purpose.value, lang: ctx.lang };
        const number = Number(caseId.value);
        if (caseId.value.trim() && Number.isInteger(number)) {
          request[purpose.value === 'dispute_handling' ? 'dispute_id' : 'complaint_id'] = number;
        }
        return request;
      };
      const pdfFeedback = h('div');
      reportCard.append(
        h('p', { class: 'muted small' }, t('report_intro')),
        h('form', {
          class: 'form-row',
          onsubmit: async (event) => {
            event.preventDefault();
            ctx.ui.message(output, t('app.loading'), 'info');
            try {
              const report = await ctx.api.post(`/v1/subjects/${sid}/report`, body());
              if (ctx.current) drawReport(output, report);
            } catch (error) {
              ctx.ui.error(output, error);
            }
          },
        },
        h('label', {}, t('purpose'), purpose),
        h('label', {}, t('case_id'), caseId),
        h('button', { type: 'submit', class: 'primary', dataTest: 'open-report' }, t('open_report')),
        h('button', {
          type: 'button',
          dataTest: 'report-pdf',
          onclick: async () => {
            clear(pdfFeedback);
            try {
              await ctx.api.download(`/v1/subjects/${sid}/report`, body(), `report-${sid}.pdf`, { accept: 'application/pdf' });
            } catch (error) {
              ctx.ui.error(pdfFeedback, error);
            }
          },
        }, t('pdf'))),
        pdfFeedback,
        output,
      );
    }

    function noData(section) {
      return ctx.ui.message(null, t('no_data', { label: section.label, reason: section.reason || section.status }), 'info', 'section-no-data');
    }

    function drawReport(output, report) {
      clear(output);
      const scoreSection = report.score || report.rating;
      const scoreCard = h('div', { class: 'card', dataTest: 'score-card' });
      output.append(scoreCard);
      if (!scoreSection || scoreSection.status !== 'ok' || scoreSection.score === undefined) {
        scoreCard.append(
          h('h2', {}, scoreSection ? scoreSection.label : t('score')),
          ctx.ui.message(null, t('no_score', { reason: scoreSection ? scoreSection.reason : '' }), 'info', 'score-unavailable'),
        );
      } else drawScore(scoreCard, scoreSection);

      const summary = report.summary;
      if (summary) {
        const card = h('div', { class: 'card', dataTest: 'report-summary' }, h('h2', {}, summary.label || t('summary')));
        if (summary.status !== 'ok') card.append(noData(summary));
        else {
          const money = (list) => (list || []).map((m) => ctx.ui.money(Math.round(Number(m.amount) * 100), m.currency)).join(' + ') || t('common.none');
          card.append(h('div', { class: 'grid' },
            [[t('open_accounts'), String(summary.open_accounts ?? '')],
              [t('total_balance'), money(summary.total_balance)],
              [t('total_limit'), money(summary.total_credit_limit)],
              [t('utilisation'), ctx.ui.percent(summary.utilisation)],
              [t('past_due'), money(summary.total_past_due)]]
              .map(([label, value]) => h('div', {}, h('div', { class: 'muted small' }, label), h('div', { class: 'figure' }, value)))));
        }
        output.append(card);
        if (summary.balance_trend && summary.balance_trend.length) {
          const trendCard = h('div', { class: 'card' }, h('h2', {}, t('balance_trend')));
          const chartEl = h('div', { class: 'chart', dataTest: 'balance-trend' });
          trendCard.append(chartEl);
          output.append(trendCard);
          ctx.ui.chart(chartEl, {
            tooltip: { trigger: 'axis' },
            grid: { left: 60, right: 20, top: 20, bottom: 30 },
            xAxis: { type: 'category', data: summary.balance_trend.map((p) => p.month) },
            yAxis: { type: 'value', name: summary.balance_trend_currency || '' },
            series: [{ type: 'line', name: t('total_balance'), connectNulls: false, areaStyle: { opacity: 0.15 },
              data: summary.balance_trend.map((p) => decimal(p.balance)) }],
          });
        }
      }

      const tradelines = report.tradelines;
      if (tradelines) {
        const card = h('div', { class: 'card', dataTest: 'payment-grids' }, h('h2', {}, t('payment_grid')));
        if (tradelines.status !== 'ok') card.append(noData(tradelines));
        else {
          card.append(h('p', { class: 'muted small' }, t('legend')));
          for (const account of tradelines.accounts || []) {
            const grid = (account.payment_grid || []).slice(-24);
            card.append(
              h('div', { style: 'margin: 10px 0' },
                h('div', { class: 'small' },
                  h('strong', {}, account.furnisher), ` · ${account.account} · ${account.account_kind || ''} · ${t('account_status')} ${account.status}`,
                  account.disputed ? h('span', { class: 'tag', style: 'margin-left: 6px' }, 'disputed') : null),
                h('div', { class: 'payment-grid', dataTest: 'payment-grid', 'data-account': account.id },
                  grid.map((cell) => h('span', {
                    title: `${cell.month}: ${cell.code || '-'}`,
                    'data-code': cell.code || '',
                    style: { background: gridColours[cell.code] || '#b8c0cc' },
                  }, cell.code || '')))),
            );
          }
        }
        output.append(card);
      }

      const statements = report.financial_statements;
      if (statements) {
        const card = h('div', { class: 'card' }, h('h2', {}, t('ratios')));
        if (statements.status !== 'ok') card.append(noData(statements));
        else {
          const periods = [...(statements.periods || [])].reverse();
          const names = ['current_ratio', 'liabilities_to_assets', 'debt_to_equity', 'net_margin', 'return_on_assets'];
          const chartEl = h('div', { class: 'chart', dataTest: 'ratios-trend' });
          card.append(chartEl);
          ctx.ui.chart(chartEl, {
            tooltip: { trigger: 'axis' },
            legend: { type: 'scroll', bottom: 0 },
            grid: { left: 50, right: 20, top: 20, bottom: 50 },
            xAxis: { type: 'category', data: periods.map((p) => p.period_end) },
            yAxis: { type: 'value' },
            series: names.map((name) => ({ type: 'line', name, data: periods.map((p) => attributeValue(p.ratios && p.ratios[name])) })),
          });
        }
        output.append(card);
      }

      // The other sections the report holds, each with its own label, or why it has no data.
      const shown = new Set(['report', 'header', 'score', 'rating', 'summary', 'tradelines', 'financial_statements']);
      const others = Object.entries(report).filter(([key, section]) => !shown.has(key) && section && section.label);
      if (others.length) {
        output.append(h('div', { class: 'card', dataTest: 'report-sections' },
          others.map(([key, section]) => h('details', { 'data-section': key },
            h('summary', {}, section.label, section.status !== 'ok' ? h('span', { class: 'muted small' }, ` — ${section.reason || section.status}`) : ''),
            h('pre', { class: 'small', style: 'white-space: pre-wrap; overflow-x: auto' }, JSON.stringify(section, null, 2))))));
      }
    }

    function drawScore(card, section) {
      const [min, max] = section.range && section.range.length === 2 ? section.range : [0, 1000];
      const gauge = h('div', { class: 'chart', dataTest: 'score-gauge', 'data-score': scoreText(section.score), style: 'height: 260px' });
      const reasons = section.reasons || [];
      card.append(
        h('h2', {}, section.label || t('score')),
        h('div', { class: 'grid' },
          h('div', {}, gauge,
            h('div', { class: 'muted small', style: 'text-align: center' },
              t('range', { min, max }), ' · ', t('model', { model: section.model_id }),
              section.probability_of_default !== undefined ? [' · ', t('pd', { pd: ctx.ui.percent(section.probability_of_default, 2) })] : null)),
          h('div', {},
            h('div', { class: 'muted small' }, t('score')),
            h('div', { class: 'figure', dataTest: 'score-value' }, scoreText(section.score)),
            section.grade ? h('div', {}, `${t('grade')}: `, h('strong', { dataTest: 'score-grade' }, section.grade)) : null,
            h('h2', {}, t('reasons')),
            reasons.length
              ? h('ol', { dataTest: 'reason-codes' }, reasons.map((r) => h('li', { dataTest: 'reason', 'data-code': r.code }, h('code', {}, r.code), ' ', r.text)))
              : h('p', { class: 'muted', dataTest: 'reason-codes' }, t('no_reasons')))),
      );
      const value = Number(section.score);
      ctx.ui.chart(gauge, {
        series: [{
          type: 'gauge',
          min,
          max,
          startAngle: 210,
          endAngle: -30,
          progress: { show: true, width: 14 },
          axisLine: { lineStyle: { width: 14, color: [[0.4, '#b3261e'], [0.7, '#e0b000'], [1, '#2e8b57']] } },
          axisTick: { show: false },
          splitLine: { show: false },
          axisLabel: { show: false },
          pointer: { width: 5 },
          title: { show: false },
          detail: { valueAnimation: false, fontSize: 34, offsetCenter: [0, '30%'], formatter: () => scoreText(section.score) },
          data: [{ value }],
        }],
      });
    }

    async function drawGraph(sid) {
      clear(graphCard).append(h('h2', {}, t('graph')));
      if (!ctx.can('graph.read')) {
        graphCard.append(ctx.ui.message(null, t('page.forbidden', { role: ctx.user.role, permission: 'graph.read' }), 'warning', 'graph-forbidden'));
        return;
      }
      let answer;
      try {
        answer = await ctx.api.get(`/v1/graph/subjects/${sid}/neighbourhood`, { depth: 2 });
      } catch (error) {
        if (!ctx.current) return;
        if (error.notAvailable) graphCard.append(ctx.ui.message(null, t('graph_unavailable'), 'warning', 'graph-unavailable'));
        else graphCard.append(ctx.ui.errorBox(error));
        return;
      }
      if (!ctx.current) return;
      const nodes = answer.nodes || [];
      const edges = answer.edges || [];
      graphCard.append(h('p', { class: 'muted small', dataTest: 'graph-summary' },
        t('graph_summary', { nodes: nodes.length, edges: edges.length, depth: answer.depth ?? 2 }),
        answer.truncated ? ' ' + t('graph_truncated') : ''));
      const chartEl = h('div', { class: 'chart', dataTest: 'graph', 'data-nodes': nodes.length, style: 'height: 360px' });
      graphCard.append(chartEl);
      const kinds = [...new Set(nodes.map((n) => n.kind))];
      const chart = ctx.ui.chart(chartEl, {
        tooltip: {},
        legend: { data: kinds, bottom: 0 },
        series: [{
          type: 'graph',
          layout: 'force',
          roam: true,
          draggable: true,
          force: { repulsion: 120, edgeLength: 60 },
          categories: kinds.map((name) => ({ name })),
          label: { show: nodes.length <= 30, position: 'right', fontSize: 10 },
          edgeLabel: { show: false },
          data: nodes.map((n) => ({
            id: String(n.id),
            name: n.label || String(n.id),
            category: kinds.indexOf(n.kind),
            symbolSize: n.subject_id === sid || n.id === answer.center ? 22 : 12,
            value: n.subject_id ?? null,
          })),
          links: edges.map((e) => ({
            source: String(e.from),
            target: String(e.to),
            name: e.kind + (e.percent !== undefined ? ` ${e.percent}%` : ''),
          })),
        }],
      });
      chart.on('dblclick', (params) => {
        if (params.dataType === 'node' && params.data.value && params.data.value !== sid) {
          ctx.navigate(`#/subjects/${params.data.value}`);
        }
      });
    }

    async function drawAlerts(sid) {
      clear(alertsCard).append(h('h2', {}, t('alerts')));
      if (!ctx.can('alerts.read')) {
        alertsCard.append(ctx.ui.message(null, t('page.forbidden', { role: ctx.user.role, permission: 'alerts.read' }), 'warning', 'alerts-forbidden'));
        return;
      }
      let answer;
      try {
        answer = await ctx.api.get('/v1/alerts', { subject_id: sid, limit: 100 });
      } catch (error) {
        if (!ctx.current) return;
        if (error.notAvailable) alertsCard.append(ctx.ui.message(null, t('alerts_unavailable'), 'warning', 'alerts-unavailable'));
        else alertsCard.append(ctx.ui.errorBox(error));
        return;
      }
      if (!ctx.current) return;
      const host = h('div', { dataTest: 'subject-alerts' });
      alertsCard.append(host);
      ctx.ui.table(host, {
        exportName: `alerts-subject-${sid}`,
        columns: [
          { key: 'id', label: '#', format: (v) => h('a', { href: `#/alerts?subject_id=${sid}` }, String(v)) },
          { key: 'severity', label: t('severity'), format: (v) => h('span', { class: `severity-${v}` }, v) },
          { key: 'trigger', label: t('trigger') },
          { key: 'summary', label: t('summary_text') },
          { key: 'as_of', label: t('as_of'), format: (v) => ctx.ui.date(v) },
          { key: 'acknowledged_at', label: t('status'), format: (v) => (v ? t('acknowledged') : t('open')), exportValue: (row) => (row.acknowledged_at ? 'acknowledged' : 'open') },
        ],
        rows: answer.alerts || [],
      });
    }
  },
};
