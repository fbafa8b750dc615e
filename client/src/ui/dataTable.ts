/**
 * The list beside a picture: a sortable, filterable table of exactly the firms a view shows, with CSV and
 * XLSX export of the same rows (exports/tabular.ts). One component for every view, so that sorting,
 * filters, units in headers and exports behave the same everywhere.
 * Filter and sort choices are reported to the owner (the view keeps them in the URL).
 */
import { download, exportName } from '../export.ts';
import { csvBlob, xlsxBlob, type ExportTable } from '../exports/tabular.ts';
import type { I18n } from '../i18n/index.ts';
import { h } from './dom.ts';

export interface Column<R> {
  key: string;
  /** Header in the UI's language, with its unit. */
  label: string;
  numeric?: boolean;
  /** Decimals kept in exports. */
  digits?: number;
  /** The raw value: sorting and exports. */
  value: (r: R) => string | number | null;
  /** What the cell shows (default: the raw value). */
  display?: (r: R) => string | Node;
}

export interface RowFilter<R> {
  key: string;
  label: string;
  /** [value, label]; the first option should be "all" with value ''. */
  options: (rows: readonly R[]) => [string, string][];
  test: (r: R, value: string) => boolean;
}

export interface TableState {
  filters: Record<string, string>;
  /** Column key, `-key` for descending. */
  sort: string | null;
}

export interface DataTableOptions<R> {
  testid: string;
  i18n: I18n;
  caption: string;
  columns: Column<R>[];
  filters?: RowFilter<R>[];
  rowId: (r: R) => string;
  onRow?: (r: R) => void;
  state?: TableState;
  onState?: (s: TableState) => void;
  /** Metadata for the export: what the table shows (scenario, filters); the version and date are added. */
  exportTitle: () => string;
  exportMeta: () => Promise<[string, string][]>;
  view: string;
  /** Rows drawn at most (all rows are exported). */
  maxRows?: number;
}

export interface DataTable<R> {
  element: HTMLElement;
  setRows(rows: readonly R[]): void;
  /** The rows after filters and sort, as shown. */
  rows(): R[];
  exportTable(): Promise<ExportTable>;
  setState(s: TableState): void;
}

export function dataTable<R>(o: DataTableOptions<R>): DataTable<R> {
  const t = o.i18n.t;
  let all: readonly R[] = [];
  let state: TableState = o.state ?? { filters: {}, sort: null };
  const maxRows = o.maxRows ?? 500;
  const filterBar = h('div', { class: 'table-filters' });
  const countEl = h('span', { class: 'table-count', testid: `${o.testid}-count`, 'aria-live': 'polite' });
  const thead = h('thead');
  const tbody = h('tbody');
  const more = h('p', { class: 'hint', hidden: true });
  const selects = new Map<string, HTMLSelectElement>();

  const exportAs = async (kind: 'csv' | 'xlsx'): Promise<void> => {
    const table = await exportTable();
    download(kind === 'csv' ? csvBlob(table) : await xlsxBlob(table), exportName(o.view, kind));
  };
  const element = h(
    'section',
    { class: 'data-table', testid: o.testid, 'aria-label': o.caption },
    h(
      'div',
      { class: 'table-toolbar' },
      h('h2', { class: 'table-caption' }, o.caption),
      countEl,
      filterBar,
      h(
        'div',
        { class: 'button-group' },
        h('button', { type: 'button', testid: `${o.testid}-csv`, onclick: () => void exportAs('csv') }, t('table.exportCsv')),
        h('button', { type: 'button', testid: `${o.testid}-xlsx`, onclick: () => void exportAs('xlsx') }, t('table.exportXlsx')),
      ),
    ),
    h('div', { class: 'table-scroll' }, h('table', {}, thead, tbody)),
    more,
  );

  function filtered(): R[] {
    let rows = all.filter((r) => (o.filters ?? []).every((f) => !state.filters[f.key] || f.test(r, state.filters[f.key])));
    if (state.sort) {
      const desc = state.sort.startsWith('-');
      const col = o.columns.find((c) => c.key === state.sort!.replace(/^-/, ''));
      if (col) {
        const cmp = (a: R, b: R): number => {
          const x = col.value(a);
          const y = col.value(b);
          if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
          const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), o.i18n.lang);
          return desc ? -c : c;
        };
        rows = [...rows].sort((a, b) => cmp(a, b) || (o.rowId(a) < o.rowId(b) ? -1 : 1));
      }
    }
    return rows;
  }

  function renderFilters(): void {
    selects.clear();
    filterBar.replaceChildren(
      ...(o.filters ?? []).map((f) => {
        const options = f.options(all);
        const value = state.filters[f.key] ?? '';
        const s = h('select', { testid: `${o.testid}-filter-${f.key}`, onchange: () => change({ filters: { ...state.filters, [f.key]: s.value } }) }, ...options.map(([v, label]) => h('option', { value: v }, label)));
        if (value && !options.some(([v]) => v === value)) s.append(h('option', { value }, value));
        s.value = value;
        selects.set(f.key, s);
        return h('label', { class: 'field' }, h('span', { class: 'field-label' }, f.label), s);
      }),
    );
  }

  function renderHead(): void {
    thead.replaceChildren(
      h(
        'tr',
        {},
        ...o.columns.map((c) => {
          const dir = state.sort === c.key ? 'ascending' : state.sort === `-${c.key}` ? 'descending' : 'none';
          const next = dir === 'ascending' ? `-${c.key}` : dir === 'descending' ? null : c.numeric ? `-${c.key}` : c.key;
          return h(
            'th',
            { scope: 'col', 'aria-sort': dir, class: c.numeric ? 'num' : '' },
            h('button', { type: 'button', class: 'sort', testid: `${o.testid}-sort-${c.key}`, onclick: () => change({ sort: next }) }, c.label, dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : ''),
          );
        }),
      ),
    );
  }

  function renderBody(): void {
    const rows = filtered();
    countEl.textContent = t('table.count', { shown: o.i18n.count(rows.length), total: o.i18n.count(all.length) });
    tbody.replaceChildren(
      ...rows.slice(0, maxRows).map((r) =>
        h(
          'tr',
          { 'data-id': o.rowId(r), testid: `${o.testid}-row`, class: o.onRow ? 'clickable' : '', onclick: o.onRow ? () => o.onRow!(r) : undefined },
          ...o.columns.map((c) => {
            const v = c.display ? c.display(r) : c.value(r);
            return h('td', { class: c.numeric ? 'num' : '', 'data-col': c.key }, v === null ? '–' : v);
          }),
        ),
      ),
    );
    more.hidden = rows.length <= maxRows;
    more.textContent = t('table.more', { n: o.i18n.count(rows.length - maxRows) });
  }

  function change(patch: Partial<TableState>): void {
    state = { ...state, ...patch, filters: { ...state.filters, ...patch.filters } };
    for (const k of Object.keys(state.filters)) if (!state.filters[k]) delete state.filters[k];
    renderHead();
    renderBody();
    o.onState?.(state);
  }

  async function exportTable(): Promise<ExportTable> {
    const meta = await o.exportMeta();
    const filters = (o.filters ?? []).flatMap((f) => {
      const v = state.filters[f.key];
      if (!v) return [];
      const label = f.options(all).find(([x]) => x === v)?.[1] ?? v;
      return [[f.label, label] as [string, string]];
    });
    return {
      title: o.exportTitle(),
      meta: [...meta, ...filters],
      columns: o.columns.map((c) => ({ label: c.label, numeric: c.numeric, digits: c.digits })),
      rows: filtered().map((r) => o.columns.map((c) => c.value(r))),
    };
  }

  renderHead();
  return {
    element,
    setRows(rows) {
      all = rows;
      renderFilters();
      renderBody();
    },
    rows: filtered,
    exportTable,
    setState(s) {
      if (JSON.stringify(s) === JSON.stringify(state)) return;
      state = s;
      renderFilters();
      renderHead();
      renderBody();
    },
  };
}
