/**
 * The seed's supplies of the years before DATA_YEAR (2021–2024), so that the explorer can show the network as
 * of a year and how an anchor's supplier base changed since its selection.
 *
 * Drawn backwards from the DATA_YEAR supplies, on a random stream of its own, after the seed is complete: the
 * DATA_YEAR network, its firms and every figure drawn from it stay exactly as they were. Every earlier pair
 * is one of the DATA_YEAR pairs, so the model's flows (per pair, the latest year present) are the DATA_YEAR
 * network; a tie that ended before DATA_YEAR would stay in the model at its last value, and so is not drawn.
 *
 * - A pair starts in a year drawn per pair: most trade predates HISTORY_START_YEAR; an anchor of the 2024 and
 *   2025 cohorts takes a share of its Busan SME suppliers on only from its selection year on (the programme's
 *   local-sourcing effect); neither end of a pair trades before its founding year.
 * - Going back a year divides a value by e^g, g ~ N(0.07, 0.10) on an anchor's ties and N(0.03, 0.08)
 *   otherwise, so most values grow towards DATA_YEAR and some shrink.
 * - The accounting rules hold per year against that year's revenue (the firm's history point): a buyer's
 *   purchases are scaled to at most min(0.6, 1 − v) of its revenue (so its cost structure closes with its
 *   value-added ratio v), then a supplier's sales to at most 0.7 of it.
 */
import type { Dataset, Firm, Supply } from '../server/domain/firm.ts';
import { defaultValueAddedRatio } from '../server/domain/sectors.ts';
import { assertAccounting, networkSums } from './accounting.ts';
import { DATA_YEAR } from './attributes.ts';
import { Prng } from './prng.ts';
import { isAnchorTier } from './trade.ts';

export const HISTORY_START_YEAR = 2021;
/** Share of a 2024/2025-cohort anchor's Busan SME suppliers taken on from its selection year. */
const SOURCED_AFTER_SELECTION = 0.35;
/** Share of other pairs that start within the window (uniformly in HISTORY_START_YEAR + 1 .. DATA_YEAR). */
const LATER_START = 0.3;
const MAX_PURCHASE_SHARE = 0.6;
const MAX_SALES_SHARE = 0.7;
const RESOLUTION_STEPS = 10;
/** The random stream of this phase, apart from the streams generateBusanNetwork forks. */
const STREAM = 7;

/** A firm's revenue in `year` (its history point, else its latest revenue), or undefined before it was founded. */
function revenueIn(firm: Firm, year: number): number | undefined {
  if (firm.founded !== undefined && firm.founded > year) return undefined;
  return firm.history?.find((p) => p.year === year)?.revenue ?? firm.revenue;
}

/** The supplies of HISTORY_START_YEAR .. DATA_YEAR − 1 for the seed `data` (its supplies all of DATA_YEAR). */
export function generateSupplyHistory(data: Dataset, seed = 2026): Supply[] {
  const rng = new Prng(seed).fork(STREAM);
  const { firms, supplies } = data;
  const index = new Map(firms.map((f, i) => [f.id, i]));
  const m = supplies.length;
  const src = Int32Array.from(supplies, (s) => index.get(s.supplier)!);
  const dst = Int32Array.from(supplies, (s) => index.get(s.buyer)!);

  const start = new Int32Array(m);
  const growth = new Float64Array(m);
  const spread = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const supplier = firms[src[e]];
    const buyer = firms[dst[e]];
    const selected = buyer.cohort !== undefined && buyer.cohort <= DATA_YEAR && isAnchorTier(buyer.tier);
    const localSme = supplier.tier === 'sme' && supplier.region === 'Busan';
    let first = HISTORY_START_YEAR - 1;
    if (selected && localSme && rng.bool(SOURCED_AFTER_SELECTION)) first = rng.int(buyer.cohort!, DATA_YEAR);
    else if (rng.bool(LATER_START)) first = rng.int(HISTORY_START_YEAR + 1, DATA_YEAR);
    start[e] = Math.max(first, supplier.founded ?? 0, buyer.founded ?? 0);
    const anchorTie = isAnchorTier(supplier.tier) || isAnchorTier(buyer.tier);
    growth[e] = anchorTie ? 0.07 : 0.03;
    spread[e] = anchorTie ? 0.1 : 0.08;
  }

  const n = firms.length;
  const ids = firms.map((f) => f.id);
  const out: Supply[] = [];
  let next = Float64Array.from(supplies, (s) => s.value);
  for (let year = DATA_YEAR - 1; year >= HISTORY_START_YEAR; year--) {
    const value = new Float64Array(m);
    for (let e = 0; e < m; e++) {
      const g = rng.normal(growth[e], spread[e]);
      value[e] = start[e] <= year ? next[e] / Math.exp(g) : 0;
    }
    const revenue = Float64Array.from(firms, (f) => revenueIn(f, year) ?? 0);
    // Pairs whose ends were not yet founded do not trade (start covers that); scale to the year's ceilings.
    const purchaseCap = Float64Array.from(firms, (f, i) => Math.min(MAX_PURCHASE_SHARE, 1 - (f.valueAddedRatio ?? defaultValueAddedRatio(f.sector))) * revenue[i]);
    let sums = networkSums(n, src, dst, value);
    for (let e = 0; e < m; e++) if (sums.purchases[dst[e]] > purchaseCap[dst[e]]) value[e] *= purchaseCap[dst[e]] / sums.purchases[dst[e]];
    sums = networkSums(n, src, dst, value);
    for (let e = 0; e < m; e++) if (sums.sales[src[e]] > MAX_SALES_SHARE * revenue[src[e]]) value[e] *= (MAX_SALES_SHARE * revenue[src[e]]) / sums.sales[src[e]];
    for (let e = 0; e < m; e++) if (value[e] > 0) value[e] = Math.max(1, Math.floor(value[e] * RESOLUTION_STEPS)) / RESOLUTION_STEPS;
    const kept = Int32Array.from({ length: m }, (_, e) => e).filter((e) => value[e] > 0);
    const keptSums = networkSums(n, src, dst, value);
    const active = Float64Array.from(revenue, (x, i) => (keptSums.purchases[i] > 0 || keptSums.sales[i] > 0 ? x : Infinity));
    assertAccounting(ids, active, keptSums, `generateSupplyHistory(${year})`);
    for (const e of kept) out.push({ supplier: supplies[e].supplier, buyer: supplies[e].buyer, value: value[e], year, ...(supplies[e].product !== undefined && { product: supplies[e].product }) });
    next = Float64Array.from(value, (v, e) => (v > 0 ? v : next[e]));
  }
  return out.sort((p, q) => (p.year ?? 0) - (q.year ?? 0) || (p.supplier < q.supplier ? -1 : p.supplier > q.supplier ? 1 : p.buyer < q.buyer ? -1 : p.buyer > q.buyer ? 1 : 0));
}

/** The seed with its supply history: the earlier years' supplies, then the DATA_YEAR ones. */
export function withSupplyHistory(data: Dataset, seed = 2026): Dataset {
  return { firms: data.firms, supplies: [...generateSupplyHistory(data, seed), ...data.supplies] };
}
