// Alerts inbox: GET /v1/alerts with filters (open / acknowledged, minimum severity, trigger,
// subject), paged by id, and acknowledge (POST /v1/alerts/{id}/acknowledge).
const severities = ['low', 'medium', 'high', 'critical'];
const triggers = ['delinquency', 'charge_off', 'public_record', 'score_drop', 'inquiries', 'utilisation', 'financial', 'related_party', 'fraud'];
const pageSize = 100;

export default {
  id: 'alerts',
  route: '/alerts',
  nav: { order: 30 },
  permission: 'alerts.read',
  title: { en: 'Alerts', zh: '预警' },
  messages: {
    en: {
      intro: 'Early-warning alerts raised on monitored subjects. Acknowledge an alert once it is handled.',
      state: 'Show',
      'state.open': 'open',
      'state.acknowledged': 'acknowledged',
      'state.all': 'all',
      min_severity: 'Severity at least',
      any: 'any',
      trigger: 'Trigger',
      subject: 'Subject id',
      apply: 'Apply',
      more: 'Load more',
      id: '#',
      severity: 'Severity',
      institution: 'Institution',
      summary: 'Summary',
      as_of: 'As of',
      created_at: 'Raised',
      status: 'Status',
      open: 'open',
      acknowledged_by: 'acknowledged by {who}',
      acknowledge: 'Acknowledge',
      acknowledged: 'Alert {id} acknowledged.',
      bad_subject: 'The subject id is a positive whole number.',
      unavailable: 'Alerts are not available on this server yet.',
      'severity.low': 'low',
      'severity.medium': 'medium',
      'severity.high': 'high',
      'severity.critical': 'critical',
    },
    zh: {
      intro: '对监测中的信息主体触发的预警。处理完毕后请确认。',
      state: '显示',
      'state.open': '未处理',
      'state.acknowledged': '已确认',
      'state.all': '全部',
      min_severity: '最低严重程度',
      any: '不限',
      trigger: '触发类型',
      subject: '信息主体编号',
      apply: '筛选',
      more: '加载更多',
      id: '#',
      severity: '严重程度',
      institution: '机构',
      summary: '摘要',
      as_of: '数据日期',
      created_at: '触发时间',
      status: '状态',
      open: '未处理',
      acknowledged_by: '已由 {who} 确认',
      acknowledge: '确认',
      acknowledged: '预警 {id} 已确认。',
      bad_subject: '信息主体编号须为正整数。',
      unavailable: '此服务器尚未提供预警。',
      'severity.low': '低',
      'severity.medium': '中',
      'severity.high': '高',
      'severity.critical': '严重',
    },
  },

  async render(root, ctx) {
    const { h, clear } = ctx.ui;
    const t = ctx.t;
    const select = (dataTest, options, value) => {
      const element = h('select', { dataTest }, options.map(([v, label]) => h('option', { value: v }, label)));
      element.value = value;
      return element;
    };
    const state = select('alerts-state', ['open', 'acknowledged', 'all'].map((s) => [s, t(`state.${s}`)]), ctx.query.state || 'open');
    const minSeverity = select('alerts-severity', [['', t('any')], ...severities.map((s) => [s, t(`severity.${s}`)])], ctx.query.min_severity || '');
    const trigger = select('alerts-trigger', [['', t('any')], ...triggers.map((s) => [s, s])], ctx.query.trigger || '');
    const subject = h('input', { dataTest: 'alerts-subject', inputmode: 'numeric', size: 8, value: ctx.query.subject_id || '' });
    const feedback = h('div', { dataTest: 'alerts-feedback' });
    const tableHost = h('div', { dataTest: 'alerts-table' });
    const more = h('button', { type: 'button', dataTest: 'alerts-more', style: 'display: none; margin-top: 8px', onclick: () => load(true) }, t('more'));

    root.append(
      h('h1', {}, ctx.title),
      h('p', { class: 'muted' }, t('intro')),
      h('form', {
        class: 'form-row card',
        dataTest: 'alerts-filters',
        onsubmit: (event) => {
          event.preventDefault();
          load(false);
        },
      },
      h('label', {}, t('state'), state),
      h('label', {}, t('min_severity'), minSeverity),
      h('label', {}, t('trigger'), trigger),
      h('label', {}, t('subject'), subject),
      h('button', { type: 'submit', class: 'primary', dataTest: 'alerts-apply' }, t('apply'))),
      feedback,
      tableHost,
      more,
    );

    let rows = [];
    let nextAfterId = null;
    let table = null;

    function query(after) {
      const q = { limit: pageSize };
      if (state.value === 'open') q.acknowledged = 'false';
      if (state.value === 'acknowledged') q.acknowledged = 'true';
      if (minSeverity.value) q.min_severity = minSeverity.value;
      if (trigger.value) q.trigger = trigger.value;
      if (subject.value.trim()) q.subject_id = subject.value.trim();
      if (after) q.after_id = nextAfterId;
      return q;
    }

    async function acknowledge(alert, button) {
      button.disabled = true;
      clear(feedback);
      try {
        const updated = await ctx.api.post(`/v1/alerts/${alert.id}/acknowledge`, {});
        rows = rows.map((row) => (row.id === alert.id ? { ...row, ...updated } : row));
        if (state.value === 'open') rows = rows.filter((row) => row.id !== alert.id);
        table.update(rows);
        ctx.ui.message(feedback, t('acknowledged', { id: alert.id }), 'success', 'ack-done');
      } catch (error) {
        button.disabled = false;
        ctx.ui.error(feedback, error);
      }
    }

    const columns = [
      { key: 'id', label: t('id'), align: 'right' },
      { key: 'severity', label: t('severity'), format: (v) => h('span', { class: `severity-${v}` }, t(`severity.${v}`)), sortValue: (row) => severities.indexOf(row.severity) },
      { key: 'trigger', label: t('trigger') },
      { key: 'subject_id', label: t('subject'), format: (v) => h('a', { href: `#/subjects/${v}`, dataTest: `alert-subject-${v}` }, `#${v}`) },
      { key: 'institution', label: t('institution') },
      { key: 'summary', label: t('summary') },
      { key: 'as_of', label: t('as_of'), format: (v) => ctx.ui.date(v) },
      { key: 'created_at', label: t('created_at'), format: (v) => ctx.ui.date(v, { time: true }) },
      {
        key: 'acknowledged_at',
        label: t('status'),
        exportValue: (row) => (row.acknowledged_at ? `acknowledged by ${row.acknowledged_by}` : 'open'),
        format: (v, row) => {
          if (v) return h('span', { class: 'muted', dataTest: `acked-${row.id}` }, t('acknowledged_by', { who: row.acknowledged_by }));
          if (!ctx.can('alerts.acknowledge')) return t('open');
          const button = h('button', { type: 'button', class: 'small', dataTest: `ack-${row.id}`, onclick: (event) => {
            event.stopPropagation();
            acknowledge(row, button);
          } }, t('acknowledge'));
          return button;
        },
      },
    ];

    async function load(append) {
      clear(feedback);
      if (subject.value.trim() && !/^[1-9]\d*$/.test(subject.value.trim())) {
        ctx.ui.message(feedback, t('bad_subject'), 'warning', 'alerts-bad-subject');
        return;
      }
      let answer;
      try {
        answer = await ctx.api.get('/v1/alerts', query(append));
      } catch (error) {
        if (!ctx.current) return;
        if (error.notAvailable) ctx.ui.message(feedback, t('unavailable'), 'warning', 'alerts-unavailable');
        else ctx.ui.error(feedback, error);
        return;
      }
      if (!ctx.current) return;
      rows = append ? [...rows, ...(answer.alerts || [])] : answer.alerts || [];
      nextAfterId = answer.next_after_id ?? null;
      more.style.display = nextAfterId !== null ? '' : 'none';
      if (!table) {
        table = ctx.ui.table(tableHost, { columns, rows, exportName: 'alerts', sort: { key: 'id', descending: true } });
      } else table.update(rows);
    }

    await load(false);
  },
};
