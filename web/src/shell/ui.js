// ctx.ui: what pages draw with. Tables (sortable, CSV and Excel downloads), charts, error
// messages and the formatting of money, dates and percentages in the current language.
import { h, clear } from './dom.js';
import { ApiError, saveBlob } from './api.js';

const minorDigitsCache = new Map();
function minorDigits(currency) {
  if (!minorDigitsCache.has(currency)) {
    let digits = 2;
    try {
      digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits;
    } catch {
      digits = 2;
    }
    minorDigitsCache.set(currency, digits);
  }
  return minorDigitsCache.get(currency);
}

function locale(lang) {
  return lang === 'zh' ? 'zh-CN' : 'en-GB';
}

// value: 'YYYY-MM-DD', an ISO time, unix seconds (number) or a Date.
export function parseDate(value) {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return value;
  if (typeof value === 'number') return new Date(value < 1e11 ? value * 1000 : value);
  const text = String(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return new Date(text + 'T00:00:00Z');
  if (/^\d{4}-\d{2}$/.test(text)) return new Date(text + '-01T00:00:00Z');
  const parsed = new Date(text);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function cellText(value) {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function csvText(columns, rows) {
  const quote = (text) => (/[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text);
  const lines = [columns.map((column) => quote(column.label ?? column.key)).join(',')];
  for (const row of rows) {
    lines.push(columns.map((column) => quote(cellText(exportValue(column, row)))).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

// What a column exports: column.exportValue(row) when given, else the raw value of the row.
function exportValue(column, row) {
  if (column.exportValue) return column.exportValue(row);
  return row[column.key];
}

function compare(a, b) {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return 1;
  if (b === null || b === undefined || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}

let chartsModule = null;
function loadCharts() {
  chartsModule ||= import('./charts.js');
  return chartsModule;
}

function chartHandle(el, option, track) {
  if (!el.style.height && el.clientHeight === 0) el.style.height = '300px';
  el.setAttribute('data-chart', 'loading');
  let instance = null;
  let disposed = false;
  const queue = [];
  const ready = loadCharts().then(({ drawChart }) => {
    if (disposed) return null;
    instance = drawChart(el, option, track);
    for (const [method, args] of queue.splice(0)) instance[method](...args);
    el.setAttribute('data-chart', 'ready');
    return instance;
  });
  track(() => {
    disposed = true;
  });
  const handle = { ready };
  for (const method of ['setOption', 'on', 'off', 'resize', 'dispatchAction', 'clear']) {
    handle[method] = (...args) => {
      if (instance) return instance[method](...args);
      queue.push([method, args]);
      return undefined;
    };
  }
  return handle;
}

export function createUi({ lang, t, api, can, track }) {
  const ui = {
    h,
    clear,

    money(minor, currency = 'CNY') {
      if (minor === null || minor === undefined || Number.isNaN(Number(minor))) return t('common.none');
      const digits = minorDigits(currency);
      try {
        return new Intl.NumberFormat(locale(lang), { style: 'currency', currency }).format(
          Number(minor) / 10 ** digits,
        );
      } catch {
        return `${(Number(minor) / 10 ** digits).toFixed(digits)} ${currency}`;
      }
    },

    number(value, digits) {
      if (value === null || value === undefined || Number.isNaN(Number(value))) return t('common.none');
      const options = digits === undefined ? {} : { maximumFractionDigits: digits, minimumFractionDigits: digits };
      return new Intl.NumberFormat(locale(lang), options).format(Number(value));
    },

    // date(value) or date(value, {time: true})
    date(value, { time = false } = {}) {
      const parsed = parseDate(value);
      if (!parsed) return value ? String(value) : t('common.none');
      const options = { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' };
      if (time) Object.assign(options, { hour: '2-digit', minute: '2-digit', hour12: false });
      return new Intl.DateTimeFormat(locale(lang), options).format(parsed);
    },

    // percent(0.123) -> '12.3%'
    percent(fraction, digits = 1) {
      if (fraction === null || fraction === undefined || Number.isNaN(Number(fraction))) return t('common.none');
      return new Intl.NumberFormat(locale(lang), {
        style: 'percent',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(Number(fraction));
    },

    // chart(el, option): an echarts chart (SVG renderer) that follows el's size. echarts is
    // loaded on first use, so this returns at once a handle whose calls (setOption, on, off,
    // resize, dispatchAction, clear) are applied when the chart exists; handle.ready resolves to
    // the echarts instance. The page's cleanup disposes it.
    chart(el, option) {
      return chartHandle(el, option, track);
    },

    // A clear message for any failure: what it means, the server's code and message, and the
    // request id to quote. Replaces el's content; returns the message element.
    error(el, error) {
      const box = ui.errorBox(error);
      clear(el).append(box);
      return box;
    },

    errorBox(error) {
      const apiError = error instanceof ApiError ? error : null;
      let headline;
      let kind = 'error';
      if (!apiError) headline = t('error.page', { message: error && error.message ? error.message : String(error) });
      else if (apiError.notAvailable) {
        headline = t('error.not_available');
        kind = 'not-available';
      } else if (apiError.status === 0) headline = t('error.network');
      else if (apiError.status === 401) headline = t('error.401');
      else if (apiError.status === 403) {
        headline = t('error.403');
        kind = 'forbidden';
      } else if (apiError.status === 404) headline = t('error.404');
      else if (apiError.status === 422 || apiError.status === 400) headline = t('error.422');
      else if (apiError.status === 429) headline = t('error.429');
      else if (apiError.status >= 500) headline = t('error.5xx');
      else headline = t('error.title');
      return h(
        'div',
        { class: `message error ${kind}`, role: 'alert', dataTest: 'error', 'data-status': apiError ? apiError.status : '', 'data-kind': kind },
        h('strong', { dataTest: 'error-headline' }, headline),
        apiError && apiError.message ? h('div', { dataTest: 'error-message' }, apiError.message) : null,
        apiError
          ? h(
              'div',
              { class: 'muted small' },
              `${t('error.code')}: ${apiError.code} · HTTP ${apiError.status}`,
              apiError.request_id ? ` · ${t('error.request_id')}: ` : '',
              apiError.request_id ? h('code', { dataTest: 'error-request-id' }, apiError.request_id) : null,
            )
          : null,
      );
    },

    // A message box: kind 'info' | 'warning' | 'success'.
    message(el, text, kind = 'info', dataTest = 'message') {
      const box = h('div', { class: `message ${kind}`, dataTest }, text);
      if (el) clear(el).append(box);
      return box;
    },

    // table(el, {columns: [{key, label, format?(value, row) -> string | Node, exportValue?(row),
    //   align?}], rows, exportName, onRowClick?(row), empty?, sort?: {key, descending}})
    // Returns {update(rows)}.
    table(el, { columns, rows, exportName = 'table', onRowClick, empty, sort } = {}) {
      let current = rows ? [...rows] : [];
      let sortKey = sort ? sort.key : null;
      let descending = sort ? !!sort.descending : false;
      const status = h('span', { class: 'muted small', dataTest: 'table-count' });
      const feedback = h('div', { class: 'table-feedback' });
      const csvButton = h(
        'button',
        {
          type: 'button',
          class: 'small',
          dataTest: 'table-csv',
          onclick: () => {
            const blob = new Blob(['\ufeff' + csvText(columns, sorted())], { type: 'text/csv;charset=utf-8' });
            saveBlob(blob, `${exportName}.csv`);
          },
        },
        t('table.csv'),
      );
      const xlsxButton = can('exports.write')
        ? h(
            'button',
            {
              type: 'button',
              class: 'small',
              dataTest: 'table-xlsx',
              onclick: async () => {
                clear(feedback);
                const body = {
                  sheet: exportName.slice(0, 31),
                  columns: columns.map((column) => ({ key: column.key, label: column.label ?? column.key })),
                  rows: sorted().map((row) =>
                    Object.fromEntries(columns.map((column) => {
                      const value = exportValue(column, row);
                      return [column.key, value !== null && typeof value === 'object' ? JSON.stringify(value) : value ?? null];
                    })),
                  ),
                };
                try {
                  await api.download('/v1/exports/xlsx', body, `${exportName}.xlsx`);
                } catch (error) {
                  feedback.append(ui.errorBox(error));
                }
              },
            },
            t('table.xlsx'),
          )
        : null;
      const thead = h('thead');
      const tbody = h('tbody');
      const table = h('table', { class: 'data', dataTest: 'table' }, thead, tbody);
      clear(el).append(
        h('div', { class: 'table-toolbar' }, status, h('span', { class: 'spacer' }), csvButton, xlsxButton),
        feedback,
        h('div', { class: 'table-scroll' }, table),
      );

      function sorted() {
        if (!sortKey) return current;
        const column = columns.find((c) => c.key === sortKey);
        const key = column && column.sortValue ? column.sortValue : (row) => row[sortKey];
        const result = [...current].sort((a, b) => compare(key(a), key(b)));
        return descending ? result.reverse() : result;
      }

      function draw() {
        clear(thead).append(
          h(
            'tr',
            {},
            columns.map((column) =>
              h(
                'th',
                {
                  class: column.align === 'right' ? 'right sortable' : 'sortable',
                  dataTest: `sort-${column.key}`,
                  'aria-sort': sortKey === column.key ? (descending ? 'descending' : 'ascending') : 'none',
                  onclick: () => {
                    if (sortKey === column.key) descending = !descending;
                    else {
                      sortKey = column.key;
                      descending = false;
                    }
                    draw();
                  },
                },
                column.label ?? column.key,
                sortKey === column.key ? (descending ? ' ▼' : ' ▲') : '',
              ),
            ),
          ),
        );
        clear(tbody);
        const list = sorted();
        if (list.length === 0) {
          tbody.append(h('tr', {}, h('td', { colspan: columns.length, class: 'muted', dataTest: 'table-empty' }, empty || t('table.empty'))));
        }
        for (const row of list) {
          tbody.append(
            h(
              'tr',
              {
                dataTest: 'row',
                class: onRowClick ? 'clickable' : '',
                onclick: onRowClick ? () => onRowClick(row) : null,
              },
              columns.map((column) => {
                const value = row[column.key];
                const shown = column.format ? column.format(value, row) : cellText(value);
                return h('td', { class: column.align === 'right' ? 'right' : '', 'data-key': column.key }, shown);
              }),
            ),
          );
        }
        status.textContent = t('table.rows', { count: list.length });
      }
      draw();
      return {
        update(newRows) {
          current = [...newRows];
          draw();
        },
        rows: () => sorted(),
      };
    },
  };
  return ui;
}
