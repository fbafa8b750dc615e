/**
 * The home region's Type II gains of a single move in closed form, for the localisation assistant, which
 * weighs many candidate suppliers k for one buyer j. A move of the buyer's purchases from outside firms to
 * a home firm k changes one coefficient of A over the home region, a_kj by α = T/x_j (T the moved value):
 *   A' = A + α e_k e_jᵀ   ⇒   x' − x = α x_j L̄ e_k / (1 − α L̄_jk)   (Sherman–Morrison)
 * with L̄ = (I − A − c hᵀ)⁻¹ the household-closed inverse (regional.ts). So a weighted total wᵀ(x' − x) is
 * α x_j (L̄ᵀw)_k / (1 − α L̄_jk): the base Type II multiplier of k for the weighting w (output, value added,
 * jobs, import coefficients) and one entry of L̄'s row j, itself
 *   L̄ᵀw = Lᵀw + κ (wᵀq) Lᵀh,    L̄_jk = L_jk + κ q_j (Lᵀh)_k,    q = s·(I − A)⁻¹φ, κ = 1/(1 − hᵀq).
 * Every candidate of the buyer then costs O(1) after one left solve e_jᵀL for the buyer (cached) and the
 * snapshot's multipliers (cached per snapshot). Leakage: the buyer's own imports become
 * (1 + d_j/x_j)·(its outside purchases in the new column), every other home firm's change with its level.
 * The same figures evaluateScenario gives (region scope, afterTypeII − before); other overlays return null.
 */
import type { Snapshot } from './snapshot.ts';
import { SERIES_DEFAULTS, type SeriesOptions } from './leontief.ts';
import { type Overlay } from './scenario-overlay.ts';
import { baseSolves, columnUpdates } from './scenario-woodbury.ts';
import { scenarioBase } from './scenario-evaluate.ts';
import { dot } from './regional.ts';

export interface MoveGain {
  /** KRW million. */
  output: number;
  valueAdded: number;
  /** Persons. */
  jobs: number;
  /** Change of the home firms' purchases from outside the region, KRW million. */
  leakage: number;
}

/** Buyers whose row of L is kept per snapshot (the assistant looks at one firm at a time). */
const ROWS_KEPT = 8;
const rowCache = new WeakMap<Snapshot, Map<number, Float64Array>>();
const importsCache = new WeakMap<Snapshot, Float64Array>();

/** The Type II gains of a single region-scope move, or null when the overlay is not one. */
export function rankOneGain(o: Overlay, householdSpendingShare: number, options: SeriesOptions = SERIES_DEFAULTS): MoveGain | null {
  const snap = o.base;
  if (o.closed.size || o.finalDemandChange.size || o.valueAddedRatio.size || o.revenue.size || o.columns.size !== 1) return null;
  const base = scenarioBase(snap, 'region', options);
  const [j, col] = [...o.columns][0];
  if (!base.endo[j]) return null;
  const updates = columnUpdates(o, base.endo);
  if (updates.buyers.length !== 1 || updates.rows[0].length !== 1) return null;
  const k = updates.rows[0][0];
  const alpha = updates.values[0][0];
  const { revenue, employees, inHomeRegion, inOffsets, inSources, inValues } = snap;
  // The buyer's new column may only have moved purchases between outside firms and k.
  let importsAfter = 0;
  for (let p = 0; p < col.sources.length; p++) if (!inHomeRegion[col.sources[p]]) importsAfter += col.values[p];
  let importsBefore = 0;
  for (let p = inOffsets[j]; p < inOffsets[j + 1]; p++) if (!inHomeRegion[inSources[p]]) importsBefore += inValues[p];

  const s = householdSpendingShare;
  const mm = base.multipliers();
  const q = base.outputPerSpending;
  const kappa = 1 / (1 - s * dot(base.wageRow, q));
  const lift = (m: Float64Array, weight: (i: number) => number) => {
    let wq = 0;
    for (let i = 0; i < q.length; i++) if (q[i] !== 0) wq += weight(i) * q[i];
    return m[k] + kappa * s * wq * mm.wages[k];
  };
  const row = buyerRow(snap, base.endo, j, options);
  const Ljk = row[k] + kappa * s * q[j] * mm.wages[k];
  const scale = (alpha * revenue[j]) / (1 - alpha * Ljk);
  const imports = importCoefficients(snap);
  const output = scale * lift(mm.output, (i) => (base.endo[i] ? 1 : 0));
  const valueAdded = scale * lift(mm.valueAdded, (i) => (base.endo[i] ? snap.valueAddedRatio[i] : 0));
  const jobs = scale * lift(mm.employment, (i) => (base.endo[i] ? employees[i] / revenue[i] : 0));
  const dj = scale * Ljk;
  const leakageOthers = scale * lift(importMultipliers(snap, base.endo, imports, options), (i) => imports[i]) - dj * imports[j];
  const leakage = leakageOthers - importsBefore + (1 + dj / revenue[j]) * importsAfter;
  return { output, valueAdded, jobs, leakage };
}

/** e_jᵀL over the home region (a left solve), kept for the last few buyers. */
function buyerRow(snap: Snapshot, endo: Uint8Array, j: number, options: SeriesOptions): Float64Array {
  let rows = rowCache.get(snap);
  if (!rows) rowCache.set(snap, (rows = new Map()));
  let row = rows.get(j);
  if (row) return row;
  const e = new Float64Array(snap.n);
  e[j] = 1;
  row = baseSolves(snap, endo, [], [e], options).left[0];
  if (rows.size >= ROWS_KEPT) rows.delete(rows.keys().next().value!);
  rows.set(j, row);
  return row;
}

/** Each home firm's purchases from outside the region per unit of its output. */
function importCoefficients(snap: Snapshot): Float64Array {
  let w = importsCache.get(snap);
  if (w) return w;
  const { n, revenue, inHomeRegion, inOffsets, inSources, inValues } = snap;
  w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!inHomeRegion[i]) continue;
    for (let p = inOffsets[i]; p < inOffsets[i + 1]; p++) if (!inHomeRegion[inSources[p]]) w[i] += inValues[p];
    w[i] /= revenue[i];
  }
  importsCache.set(snap, w);
  return w;
}

const importMultiplierCache = new WeakMap<Uint8Array, Float64Array>();

/** Lᵀw for the import coefficients w: one left solve per snapshot and scope. */
function importMultipliers(snap: Snapshot, endo: Uint8Array, imports: Float64Array, options: SeriesOptions): Float64Array {
  let m = importMultiplierCache.get(endo);
  if (!m) importMultiplierCache.set(endo, (m = baseSolves(snap, endo, [], [imports], options).left[0]));
  return m;
}
