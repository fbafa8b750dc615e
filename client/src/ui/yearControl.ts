/**
 * The year control of the network and firm views: which year's supplies to show (or the model's, each
 * pair's latest year), and a year to show the change since. The years come from the server once per page.
 */
import type { Api } from '../api.ts';
import type { SupplyChange } from '../types.ts';
import type { I18n } from '../i18n/index.ts';
import type { Column, RowFilter } from './dataTable.ts';
import { h, select } from './dom.ts';

let years: Promise<number[]> | null = null;

/** A supply or partner as a comparison gives it: its value in both years and what changed. */
interface Changed {
  value: number;
  compareValue?: number;
  delta?: number;
  change?: SupplyChange;
}

/** The change tables' shared columns: what changed, the value then and now, and the difference. */
export function changeColumns<R extends Changed>(i18n: I18n): Column<R>[] {
  const t = i18n.t;
  return [
    { key: 'change', label: t('col.change'), value: (r) => t(`change.${r.change ?? 'unchanged'}`) },
    { key: 'then', label: t('col.valueThen'), numeric: true, digits: 1, value: (r) => r.compareValue ?? 0, display: (r) => i18n.count(r.compareValue ?? 0) },
    { key: 'now', label: t('col.valueNow'), numeric: true, digits: 1, value: (r) => r.value, display: (r) => i18n.count(r.value) },
    { key: 'delta', label: t('col.delta'), numeric: true, digits: 1, value: (r) => r.delta ?? 0, display: (r) => signedMillions(r.delta ?? 0, i18n) },
  ];
}

/** The change tables' filter by kind of change, offering the kinds present. */
export function changeFilter<R extends Changed>(i18n: I18n): RowFilter<R> {
  const t = i18n.t;
  return {
    key: 'change',
    label: t('col.change'),
    options: (rows) => [['', t('table.all')], ...[...new Set(rows.map((r) => r.change ?? 'unchanged'))].map((c) => [c, t(`change.${c}`)] as [string, string])],
    test: (r, v) => (r.change ?? 'unchanged') === v,
  };
}

/** A change in KRW million as the change columns' headers promise: signed, whole millions (+1,234, −56). */
export function signedMillions(delta: number, i18n: I18n): string {
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '';
  return `${sign}${i18n.count(Math.abs(delta))}`;
}

/** Forgets the years with supplies: an import from this page may have changed them. */
export function forgetSupplyYears(): void {
  years = null;
}

/** The years with supplies (cached for the page; a failure is retried next time). */
export function supplyYears(api: Api): Promise<number[]> {
  if (!years) {
    years = api.supplyYears().then((r) => r.years);
    years.catch(() => (years = null));
  }
  return years;
}

export interface YearControl {
  element: HTMLElement;
  update(year: number | null, cmp: number | null): void;
}

export function yearControl(o: { api: Api; i18n: I18n; testid: string; year: number | null; cmp: number | null; onChange: (year: number | null, cmp: number | null) => void }): YearControl {
  const t = o.i18n.t;
  let current: [number | null, number | null] = [o.year, o.cmp];
  const yearSelect = select({ testid: `${o.testid}-year`, onchange: () => changed() }, [['', t('year.latest')]], '');
  const cmpSelect = select({ testid: `${o.testid}-compare`, onchange: () => changed() }, [['', t('year.noCompare')]], '');
  const element = h(
    'div',
    { class: 'button-group year-control', title: t('year.note') },
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('year.label')), yearSelect),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, t('year.compare')), cmpSelect),
  );
  const value = (s: HTMLSelectElement): number | null => (s.value === '' ? null : Number(s.value));
  function changed(): void {
    current = [value(yearSelect), value(cmpSelect)];
    o.onChange(...current);
  }
  function show(): void {
    yearSelect.value = current[0] === null ? '' : String(current[0]);
    cmpSelect.value = current[1] === null ? '' : String(current[1]);
  }
  void supplyYears(o.api).then(
    (list) => {
      const options = (first: string) => [new Option(first, ''), ...list.map((y) => new Option(String(y), String(y)))];
      yearSelect.replaceChildren(...options(t('year.latest')));
      cmpSelect.replaceChildren(...options(t('year.noCompare')));
      element.dataset.ready = '1';
      show();
    },
    () => (element.hidden = true),
  );
  return {
    element,
    update(year, cmp) {
      current = [year, cmp];
      show();
    },
  };
}
