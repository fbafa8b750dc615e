/**
 * The lists beside the ripple and disruption results: every firm the result names, with its tier, sector
 * name and place (fetched once from the snapshot), the result's figures in KRW million, persons or per
 * cent, filters, and CSV/XLSX export of the same rows in the UI's language.
 */
import type { ViewContext } from '../context.ts';
import { exportMetadata } from '../exports/metadata.ts';
import type { DisruptionFirm, FirmSummary, RippleFirm } from '../types.ts';
import { dataTable, type Column, type RowFilter } from '../ui/dataTable.ts';
import { firmColumns, firmFilters } from '../ui/firmColumns.ts';

/** Shown blank when the attributes could not be fetched (never a made-up tier). */
const UNKNOWN_TIER = '' as FirmSummary['tier'];

type Attributes = Pick<FirmSummary, 'id' | 'name' | 'nameKo' | 'tier' | 'sector' | 'region' | 'district' | 'revenue' | 'employees'>;

export interface Row<F> {
  effect: F;
  firm: Attributes;
}

async function withAttributes<F extends { id: string; name: string; nameKo?: string }>(ctx: ViewContext, effects: readonly F[]): Promise<Row<F>[]> {
  const ids = effects.slice(0, 2_000).map((f) => f.id);
  const { firms } = ids.length ? await ctx.api.firmAttributes(ids) : { firms: [] as Attributes[] };
  const byId = new Map(firms.map((f) => [f.id, f]));
  return effects.slice(0, 2_000).map((effect) => ({
    effect,
    firm: byId.get(effect.id) ?? { id: effect.id, name: effect.name, nameKo: effect.nameKo, tier: UNKNOWN_TIER, sector: '', region: '', revenue: NaN, employees: NaN },
  }));
}

/** A list of firms an analysis names, with their attributes and the analysis's own figures. */
export function resultList<F extends { id: string; name: string; nameKo?: string }>(ctx: ViewContext, testid: string, effects: readonly F[], figures: Column<Row<F>>[], scenario: string, caption = ctx.i18n.t('ripple.listCaption')): HTMLElement {
  const { i18n } = ctx;
  const t = i18n.t;
  const hopOf = (r: Row<F>): number => (r.effect as { hop?: number }).hop ?? 0;
  const hopFilter: RowFilter<Row<F>> = {
    key: 'hop',
    label: t('ripple.hop'),
    options: (rows) => [['', t('table.all')], ...[...new Set(rows.map(hopOf))].sort((a, b) => a - b).map((h): [string, string] => [`h${h}`, `≤ ${h}`])],
    test: (r, v) => hopOf(r) <= Number(v.slice(1)),
  };
  const table = dataTable<Row<F>>({
    testid,
    i18n,
    view: ctx.state().view,
    caption,
    columns: [...firmColumns<Row<F>>(i18n, (r) => r.firm), ...figures],
    filters: [
      ...firmFilters<Row<F>>(i18n, (r) => r.firm),
      ...(effects.some((e) => typeof (e as { hop?: unknown }).hop === 'number') ? [hopFilter] : []),
    ],
    rowId: (r) => r.effect.id,
    onRow: (r) => ctx.navigate({ view: 'firm', firm: { id: r.effect.id } }),
    exportTitle: () => `${caption} · ${scenario}`,
    exportMeta: () => exportMetadata(ctx, scenario),
  });
  withAttributes(ctx, effects)
    .then((rows) => table.setRows(rows))
    .catch(() => table.setRows(effects.map((effect) => ({ effect, firm: { id: effect.id, name: effect.name, nameKo: effect.nameKo, tier: UNKNOWN_TIER, sector: '', region: '', revenue: NaN, employees: NaN } }))));
  return table.element;
}

export function rippleList(ctx: ViewContext, slot: string, firms: readonly RippleFirm[], scenario: string): HTMLElement {
  const { i18n } = ctx;
  const t = i18n.t;
  const km = (label: string): string => `${label} (${t('unit.krwMillion')})`;
  return resultList<RippleFirm>(
    ctx,
    `ripple-list-${slot}`,
    firms,
    [
      { key: 'hop', label: t('ripple.hop'), numeric: true, value: (r) => r.effect.hop },
      { key: 'output', label: km(t('ripple.output')), numeric: true, digits: 1, value: (r) => r.effect.output, display: (r) => i18n.count(r.effect.output) },
      { key: 'induced', label: km(t('ripple.induced')), numeric: true, digits: 1, value: (r) => r.effect.induced ?? null, display: (r) => (r.effect.induced === undefined ? '–' : i18n.count(r.effect.induced)) },
      { key: 'valueAdded', label: km(t('ripple.valueAdded')), numeric: true, digits: 1, value: (r) => r.effect.valueAdded, display: (r) => i18n.count(r.effect.valueAdded) },
      { key: 'employment', label: `${t('ripple.employment')} (${t('unit.persons')})`, numeric: true, digits: 1, value: (r) => r.effect.employment, display: (r) => i18n.jobs(r.effect.employment) },
    ],
    scenario,
  );
}

export function disruptionList(ctx: ViewContext, slot: string, firms: readonly DisruptionFirm[], scenario: string): HTMLElement {
  const { i18n } = ctx;
  const t = i18n.t;
  const pct = (label: string): string => `${label} (%)`;
  return resultList<DisruptionFirm>(
    ctx,
    `ripple-list-${slot}`,
    firms,
    [
      { key: 'hop', label: t('ripple.hop'), numeric: true, value: (r) => r.effect.hop },
      { key: 'directShare', label: pct(t('ripple.directShare')), numeric: true, digits: 1, value: (r) => 100 * r.effect.directShare, display: (r) => i18n.percent(r.effect.directShare) },
      { key: 'exposedShare', label: pct(t('ripple.outputLossShare')), numeric: true, digits: 1, value: (r) => 100 * r.effect.exposedShare, display: (r) => i18n.percent(r.effect.exposedShare) },
      { key: 'outputLoss', label: `${t('ripple.outputLoss')} (${t('unit.krwMillion')})`, numeric: true, digits: 1, value: (r) => r.effect.outputLoss, display: (r) => i18n.count(r.effect.outputLoss) },
      { key: 'singleSource', label: t('ripple.singleSource'), value: (r) => (r.effect.singleSource ? t('ripple.yes') : '') },
    ],
    scenario,
  );
}
