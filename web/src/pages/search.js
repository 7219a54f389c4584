// Find a subject by one identifier (through the blind index: GET /v1/subjects) or by name
// (GET /v1/subjects/search), then open its page.
const identifierKinds = [
  'cn_resident_id',
  'cn_uscc',
  'phone',
  'email',
  'account_number',
  'us_ssn',
  'us_ein',
  'other',
];
const shownDetails = 20; // results whose name and counts are fetched for the list

export default {
  id: 'search',
  route: '/search',
  nav: { order: 20 },
  permission: 'subjects.lookup',
  title: { en: 'Search', zh: '查询' },
  messages: {
    en: {
      intro: 'Find a person or a company by one identifier, or by its full name.',
      by_identifier: 'By identifier',
      by_name: 'By name',
      kind: 'Identifier kind',
      identifier: 'Identifier',
      name: 'Full name',
      search: 'Search',
      results: 'Results',
      none: 'No subject holds this identifier or name.',
      truncated: 'Only the first matches are shown: narrow the search.',
      subject: 'Subject',
      display_name: 'Name',
      subject_kind: 'Kind',
      identifiers: 'Identifiers (masked)',
      tradelines: 'Accounts',
      alerts_open: 'Open alerts',
      person: 'person',
      organization: 'company',
      open: 'Open',
      empty_identifier: 'Enter the identifier to look up.',
      empty_name: 'Enter the name to look up.',
      name_unavailable: 'Search by name is not available on this server yet; search by identifier.',
      'kind.cn_resident_id': 'Resident ID (CN)',
      'kind.cn_uscc': 'Unified social credit code (CN)',
      'kind.phone': 'Phone',
      'kind.email': 'Email',
      'kind.account_number': 'Account number',
      'kind.us_ssn': 'SSN (US)',
      'kind.us_ein': 'EIN (US)',
      'kind.other': 'Other',
    },
    zh: {
      intro: '按一个证件号码或全名查询个人或企业。',
      by_identifier: '按证件号码',
      by_name: '按名称',
      kind: '证件类型',
      identifier: '证件号码',
      name: '全名',
      search: '查询',
      results: '查询结果',
      none: '没有信息主体持有此号码或名称。',
      truncated: '仅显示前若干条结果，请缩小查询范围。',
      subject: '信息主体',
      display_name: '名称',
      subject_kind: '类型',
      identifiers: '证件（已脱敏）',
      tradelines: '账户数',
      alerts_open: '未处理预警',
      person: '个人',
      organization: '企业',
      open: '打开',
      empty_identifier: '请输入要查询的号码。',
      empty_name: '请输入要查询的名称。',
      name_unavailable: '此服务器尚未提供按名称查询，请按证件号码查询。',
      'kind.cn_resident_id': '居民身份证号码',
      'kind.cn_uscc': '统一社会信用代码',
      'kind.phone': '手机号码',
      'kind.email': '电子邮箱',
      'kind.account_number': '账号',
      'kind.us_ssn': '美国社会安全号',
      'kind.us_ein': '美国雇主识别号',
      'kind.other': '其他',
    },
  },

  async render(root, ctx) {
    const { h, clear } = ctx.ui;
    const t = ctx.t;
    const results = h('div', { dataTest: 'search-results' });

    const kind = h(
      'select',
      { dataTest: 'search-kind', name: 'identifier_kind' },
      identifierKinds.map((k) => h('option', { value: k }, t(`kind.${k}`))),
    );
    kind.value = ctx.query.kind && identifierKinds.includes(ctx.query.kind) ? ctx.query.kind : 'cn_resident_id';
    const identifier = h('input', { dataTest: 'search-identifier', name: 'identifier', autocomplete: 'off', size: 24 });
    const name = h('input', { dataTest: 'search-name', name: 'name', autocomplete: 'off', size: 24 });

    const identifierForm = h(
      'form',
      {
        class: 'form-row',
        dataTest: 'search-identifier-form',
        onsubmit: (event) => {
          event.preventDefault();
          if (!identifier.value.trim()) return ctx.ui.message(results, t('empty_identifier'), 'warning');
          return search('/v1/subjects', { identifier_kind: kind.value, identifier: identifier.value.trim() });
        },
      },
      h('label', {}, t('kind'), kind),
      h('label', {}, t('identifier'), identifier),
      h('button', { type: 'submit', class: 'primary', dataTest: 'search-identifier-submit' }, t('search')),
    );
    const nameForm = h(
      'form',
      {
        class: 'form-row',
        dataTest: 'search-name-form',
        onsubmit: (event) => {
          event.preventDefault();
          if (!name.value.trim()) return ctx.ui.message(results, t('empty_name'), 'warning');
          return search('/v1/subjects/search', { name: name.value.trim() }, true);
        },
      },
      h('label', {}, t('name'), name),
      h('button', { type: 'submit', class: 'primary', dataTest: 'search-name-submit' }, t('search')),
    );

    root.append(
      h('h1', {}, ctx.title),
      h('p', { class: 'muted' }, t('intro')),
      h('div', { class: 'card' }, h('h2', {}, t('by_identifier')), identifierForm),
      h('div', { class: 'card' }, h('h2', {}, t('by_name')), nameForm),
      results,
    );

    async function search(path, query, byName = false) {
      ctx.ui.message(results, t('app.loading'), 'info', 'search-loading');
      let answer;
      try {
        answer = await ctx.api.get(path, query);
      } catch (error) {
        if (byName && error.notAvailable) {
          ctx.ui.message(results, t('name_unavailable'), 'warning', 'search-unavailable');
        } else ctx.ui.error(results, error);
        return;
      }
      const subjects = answer.subjects || [];
      clear(results);
      results.append(h('h2', {}, t('results')));
      if (answer.truncated) results.append(ctx.ui.message(null, t('truncated'), 'warning'));
      if (subjects.length === 0) {
        results.append(ctx.ui.message(null, t('none'), 'info', 'search-none'));
        return;
      }
      // Names and counts for the first results (masked identifiers only, as the API gives them).
      const rows = await Promise.all(
        subjects.map(async (subject, index) => {
          const row = { ...subject };
          if (index >= shownDetails) return row;
          try {
            const detail = await ctx.api.get(`/v1/subjects/${subject.subject_id}`);
            Object.assign(row, {
              display_name: detail.display_name,
              identifiers: (detail.identifiers || []).map((i) => i.masked).join(', '),
              tradelines: detail.tradelines,
              alerts_open: detail.alerts_open,
            });
          } catch {
            // the list still shows the id and kind; the subject page explains any failure
          }
          return row;
        }),
      );
      if (!ctx.current) return;
      const tableHost = h('div');
      results.append(tableHost);
      ctx.ui.table(tableHost, {
        exportName: 'subjects',
        columns: [
          {
            key: 'subject_id',
            label: t('subject'),
            format: (value) => h('a', { href: `#/subjects/${value}`, dataTest: `subject-link-${value}` }, `#${value}`),
          },
          { key: 'display_name', label: t('display_name') },
          { key: 'kind', label: t('subject_kind'), format: (value) => t(value) },
          { key: 'identifiers', label: t('identifiers') },
          { key: 'tradelines', label: t('tradelines'), align: 'right' },
          { key: 'alerts_open', label: t('alerts_open'), align: 'right' },
        ],
        rows,
        onRowClick: (row) => ctx.navigate(`#/subjects/${row.subject_id}`),
      });
    }

    if (ctx.query.identifier) {
      identifier.value = ctx.query.identifier;
      await search('/v1/subjects', { identifier_kind: kind.value, identifier: ctx.query.identifier });
    } else if (ctx.query.name) {
      name.value = ctx.query.name;
      await search('/v1/subjects/search', { name: ctx.query.name }, true);
    }
  },
};
