/**
 * The columns every firm list starts with (name, tier, sector name, district or region, revenue,
 * employees), and the filters that go with them, so that each view's list reads the same.
 */
import type { I18n } from '../i18n/index.ts';
import type { FirmSummary } from '../types.ts';
import type { Column, RowFilter } from './dataTable.ts';

type FirmLike = Pick<FirmSummary, 'id' | 'name' | 'nameKo' | 'tier' | 'sector' | 'region' | 'district' | 'revenue' | 'employees'>;

/** Where a firm is: its Busan district, or "Outside Busan: <region>" — one wording in every view. */
export function placeOf(f: Pick<FirmSummary, 'region' | 'district'>, i18n: I18n, home = 'Busan'): string {
  if (f.district) return i18n.district(f.district);
  if (f.region !== home) return i18n.t('place.outside', { home: i18n.region(home), region: i18n.region(f.region) });
  return i18n.t('common.unknown');
}

export function firmColumns<R>(i18n: I18n, firm: (r: R) => FirmLike, o: { money?: boolean } = { money: true }): Column<R>[] {
  const t = i18n.t;
  const cols: Column<R>[] = [
    { key: 'name', label: t('col.firm'), value: (r) => i18n.firmName(firm(r)) },
    { key: 'tier', label: t('col.tier'), value: (r) => i18n.tier(firm(r).tier) },
    { key: 'sector', label: t('col.sector'), value: (r) => `${i18n.sector(firm(r).sector)} (${firm(r).sector})` },
    { key: 'place', label: t('col.location'), value: (r) => placeOf(firm(r), i18n) },
  ];
  if (o.money !== false) {
    cols.push(
      { key: 'revenue', label: t('col.revenue'), numeric: true, digits: 0, value: (r) => firm(r).revenue, display: (r) => i18n.count(firm(r).revenue) },
      { key: 'employees', label: t('col.employees'), numeric: true, digits: 0, value: (r) => firm(r).employees, display: (r) => i18n.count(firm(r).employees) },
    );
  }
  return cols;
}

function distinct<R>(rows: readonly R[], key: (r: R) => string | null, label: (v: string) => string, i18n: I18n): [string, string][] {
  const values = [...new Set(rows.map(key).filter((v): v is string => v !== null))];
  const options = values.map((v) => [v, label(v)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1], i18n.lang));
  return [['', i18n.t('table.all')], ...options];
}

/** District (or outside region), tier and sector filters over the rows' own values. */
export function firmFilters<R>(i18n: I18n, firm: (r: R) => FirmLike): RowFilter<R>[] {
  const t = i18n.t;
  const placeKey = (r: R): string => firm(r).district ?? `@${firm(r).region}`;
  return [
    {
      key: 'district',
      label: t('col.location'),
      options: (rows) => distinct(rows, placeKey, (v) => (v.startsWith('@') ? placeOf({ region: v.slice(1) }, i18n) : i18n.district(v)), i18n),
      test: (r, v) => placeKey(r) === v,
    },
    { key: 'tier', label: t('col.tier'), options: (rows) => distinct(rows, (r) => firm(r).tier, (v) => i18n.tier(v), i18n), test: (r, v) => firm(r).tier === v },
    {
      key: 'sector',
      label: t('col.sector'),
      options: (rows) => distinct(rows, (r) => firm(r).sector.slice(0, 2), (v) => `${i18n.sector(v)} (${v})`, i18n),
      test: (r, v) => firm(r).sector.startsWith(v),
    },
  ];
}
