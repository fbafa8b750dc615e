/**
 * The localisation assistant: a firm's purchases from outside the home region, grouped by the supplier's
 * KSIC division and product, and the home-region firms that could take them over, ranked by fit.
 *
 * Fit is a weighted sum of criteria in 0..1 (weights in LOCALISATION_DEFAULTS, documented in ANALYTICS.md):
 *   match     1 when the candidate already sells the same product, 0.75 for the same KSIC class (the full
 *             code), 0.5 for the same division only
 *   headroom  min(1, (x_k − sales_k) / (s·V)): room in its revenue beyond its current network sales for the
 *             share s of the group's value V it would take (the sales rule needs sales < revenue)
 *   ties      1 when it already supplies the firm, 0.5 when it trades with the firm's suppliers or buyers
 *   ax        AX (AI-transformation) level / 5; 0 when unknown
 *   district  1 in the firm's own district
 * Firms with the headroom to take the share are ranked before those without (whose move would break the
 * sales rule and is shown refused). Each suggestion carries the gain in the home region's output, value added and jobs if it took the share
 * (region scope, Type II: in closed form from the buyer's row of the inverse, scenario-rank-one.ts, equal to evaluating
 * the move as a scenario), or the reason it cannot (the accounting rule it would break).
 */
import type { Snapshot } from './snapshot.ts';
import { buildOverlay, ScenarioRuleError, type MoveChange, type Overlay } from './scenario-overlay.ts';
import { evaluateScenario } from './scenario-evaluate.ts';
import { rankOneGain, type MoveGain } from './scenario-rank-one.ts';
import { HOUSEHOLD_SPENDING_SHARE_DEFAULT } from './regional.ts';
import { interFirmFlows } from './leontief.ts';

export interface LocalisationWeights {
  match: number;
  headroom: number;
  ties: number;
  ax: number;
  district: number;
}

export interface LocalisationOptions {
  /** Share of each group's out-of-region value that a suggestion would take over, (0, 1]. */
  share: number;
  /** Suggestions per group. */
  limit: number;
  /** Firms of the division considered before attributes are read (by headroom and ties). */
  poolSize: number;
  weights: LocalisationWeights;
}

export const LOCALISATION_DEFAULTS: Readonly<LocalisationOptions> = {
  share: 0.3,
  limit: 5,
  poolSize: 60,
  weights: { match: 0.35, headroom: 0.25, ties: 0.2, ax: 0.1, district: 0.1 },
};

/** One supplier→buyer purchase with its product, as the database holds it (latest year's total). */
export interface PurchaseRow {
  supplier: string;
  product: string | null;
  value: number;
}

export interface PurchaseGroup {
  division: string;
  product: string | null;
  /** KRW million. */
  value: number;
  suppliers: { index: number; value: number }[];
}

/** Attributes the snapshot does not hold, read for the candidate pool. */
export interface CandidateAttributes {
  sector: string;
  axLevel: number | null;
  products: string[];
}

export interface Suggestion {
  index: number;
  fit: number;
  criteria: LocalisationWeights;
  /** Revenue minus current network sales, KRW million. */
  headroom: number;
  /** The change that would make it happen. */
  change: MoveChange;
  /** Gains in the home region if it took the share (KRW million, persons); null when refused. */
  gain: { output: number; valueAdded: number; jobs: number; leakage: number } | null;
  refused: string | null;
}

/** The firm's purchases from outside the home region, by supplier division and product, largest first. */
export function outOfRegionPurchases(snapshot: Snapshot, buyer: number, rows: readonly PurchaseRow[]): PurchaseGroup[] {
  const { index, inHomeRegion, sector } = snapshot;
  const groups = new Map<string, PurchaseGroup>();
  for (const r of rows) {
    const i = index.get(r.supplier);
    if (i === undefined || inHomeRegion[i] || i === buyer || !(r.value > 0)) continue;
    const division = sector.labels[sector.codes[i]];
    const key = `${division}\u0000${r.product ?? ''}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { division, product: r.product, value: 0, suppliers: [] }));
    g.value += r.value;
    const known = g.suppliers.find((s) => s.index === i);
    if (known) known.value += r.value;
    else g.suppliers.push({ index: i, value: r.value });
  }
  return [...groups.values()].sort((a, b) => b.value - a.value);
}

/**
 * Home-region firms of the group's division that could supply the buyer, before attributes: ranked by
 * headroom for the share and ties to the buyer's chain, the first poolSize kept.
 */
export function candidatePool(snapshot: Snapshot, buyer: number, group: PurchaseGroup, options: Partial<LocalisationOptions> = {}): number[] {
  const { share, poolSize } = { ...LOCALISATION_DEFAULTS, ...options };
  const { n, inHomeRegion, sector, tier, revenue } = snapshot;
  const { sales } = interFirmFlows(snapshot, 'localisation');
  const division = sector.labels.indexOf(group.division);
  const external = tier.labels.indexOf('external');
  const ties = chainTies(snapshot, buyer);
  const need = share * group.value;
  const pool: { i: number; score: number }[] = [];
  for (let i = 0; i < n; i++) {
    if (!inHomeRegion[i] || i === buyer || sector.codes[i] !== division || tier.codes[i] === external) continue;
    pool.push({ i, score: Math.min(1, Math.max(0, revenue[i] - sales[i]) / need) + (ties.get(i) ?? 0) });
  }
  return pool.sort((a, b) => b.score - a.score || a.i - b.i).slice(0, poolSize).map((p) => p.i);
}

/** Ranks the pool by fit and evaluates the best `limit` as scenarios. */
export function suggestSuppliers(
  snapshot: Snapshot,
  buyer: number,
  group: PurchaseGroup,
  pool: readonly number[],
  attributes: ReadonlyMap<string, CandidateAttributes>,
  options: Partial<LocalisationOptions> = {},
): Suggestion[] {
  const { share, limit, weights } = { ...LOCALISATION_DEFAULTS, ...options };
  const { ids, revenue, district } = snapshot;
  const { sales } = interFirmFlows(snapshot, 'localisation');
  const ties = chainTies(snapshot, buyer);
  const need = share * group.value;
  const groupSector = sectorOfGroup(group, snapshot, attributes);
  const ranked = pool.map((k) => {
    const a = attributes.get(ids[k]);
    const headroom = revenue[k] - sales[k];
    const match = group.product && a?.products.includes(group.product) ? 1 : a && groupSector && a.sector === groupSector ? 0.75 : 0.5;
    const criteria: LocalisationWeights = {
      match,
      headroom: Math.min(1, Math.max(0, headroom) / need),
      ties: ties.get(k) ?? 0,
      ax: a?.axLevel != null ? a.axLevel / 5 : 0,
      district: district.codes[k] === district.codes[buyer] && district.labels[district.codes[k]] !== '' ? 1 : 0,
    };
    const fit = (Object.keys(weights) as (keyof LocalisationWeights)[]).reduce((s, c) => s + weights[c] * criteria[c], 0);
    return { k, fit, criteria, headroom };
  });
  // Firms that could take the share without breaking the sales rule (headroom > s·V) come first.
  const feasible = (r: { headroom: number }) => (r.headroom > need ? 1 : 0);
  ranked.sort((a, b) => feasible(b) - feasible(a) || b.fit - a.fit || a.k - b.k);
  return ranked.slice(0, limit).map(({ k, fit, criteria, headroom }) => {
    const change: MoveChange = {
      kind: 'move',
      buyer: ids[buyer],
      share,
      from: group.suppliers.map((s) => ({ supplier: ids[s.index], value: s.value })),
      to: [{ supplier: ids[k] }],
    };
    try {
      const overlay = buildOverlay(snapshot, [change]);
      return { index: k, fit, criteria, headroom, change, refused: null, gain: rankOneGain(overlay, HOUSEHOLD_SPENDING_SHARE_DEFAULT) ?? evaluatedGain(overlay) };
    } catch (err) {
      if (!(err instanceof ScenarioRuleError)) throw err;
      return { index: k, fit, criteria, headroom, change, gain: null, refused: err.message };
    }
  });
}

/** The gain by a full evaluation (region scope, Type II), for a move the closed form does not cover. */
function evaluatedGain(overlay: Overlay): MoveGain {
  const e = evaluateScenario(overlay, { scope: 'region', details: false });
  return {
    output: e.afterTypeII.output - e.before.output,
    valueAdded: e.afterTypeII.valueAdded - e.before.valueAdded,
    jobs: e.afterTypeII.jobs - e.before.jobs,
    leakage: e.afterTypeII.leakage.total - e.before.leakage.total,
  };
}

/** The full KSIC code most of the group's value comes from, when the attributes know it. */
function sectorOfGroup(group: PurchaseGroup, snapshot: Snapshot, attributes: ReadonlyMap<string, CandidateAttributes>): string | null {
  let best: string | null = null;
  let bestValue = 0;
  for (const s of group.suppliers) {
    const a = attributes.get(snapshot.ids[s.index]);
    if (a && s.value > bestValue) {
      best = a.sector;
      bestValue = s.value;
    }
  }
  return best;
}

const tiesCache = new WeakMap<Snapshot, Map<number, Map<number, number>>>();

/** 1 for the buyer's current suppliers, 0.5 for firms trading with its suppliers or buyers (cached per buyer). */
function chainTies(snapshot: Snapshot, buyer: number): Map<number, number> {
  let byBuyer = tiesCache.get(snapshot);
  if (!byBuyer) tiesCache.set(snapshot, (byBuyer = new Map()));
  let ties = byBuyer.get(buyer);
  if (!ties) byBuyer.set(buyer, (ties = computeChainTies(snapshot, buyer)));
  return ties;
}

function computeChainTies(snapshot: Snapshot, buyer: number): Map<number, number> {
  const { inOffsets, inSources, outOffsets, outTargets } = snapshot;
  const ties = new Map<number, number>();
  const partners: number[] = [];
  for (let p = inOffsets[buyer]; p < inOffsets[buyer + 1]; p++) partners.push(inSources[p]);
  for (let p = outOffsets[buyer]; p < outOffsets[buyer + 1]; p++) partners.push(outTargets[p]);
  for (const q of partners) {
    for (let p = inOffsets[q]; p < inOffsets[q + 1]; p++) if (!ties.has(inSources[p])) ties.set(inSources[p], 0.5);
    for (let p = outOffsets[q]; p < outOffsets[q + 1]; p++) if (!ties.has(outTargets[p])) ties.set(outTargets[p], 0.5);
  }
  for (let p = inOffsets[buyer]; p < inOffsets[buyer + 1]; p++) ties.set(inSources[p], 1);
  ties.delete(buyer);
  return ties;
}
