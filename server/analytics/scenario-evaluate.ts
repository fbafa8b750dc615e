/**
 * Before/after evaluation of a restructuring scenario (an Overlay) with final demand held fixed.
 *
 * Before, the snapshot reproduces itself: x = A x + f with f_i = x_i − Σ_j z_ij over the endogenous firms
 * (region scope: home-region firms; their sales to outside firms count as exports, part of f). After, the
 * changed coefficients A' = Z' x̂'⁻¹ and final demand f' (f plus the setRevenue changes, closed firms'
 * removed) give x' = (I − A')⁻¹ f'. The change d = x' − x is solved directly, as a sparse ripple:
 *   d = (I − A')⁻¹ r,   r_i = Δf_i + Σ_{j endogenous} (a'_ij − a_ij)·x_j − Σ_{j exogenous} (z'_ij − z_ij)…
 * precisely r_i = Δf_i + Σ_{j ∈ E'} (z'_ij·x_j/x'_j − z_ij) + Σ_{j ∉ E', replaced} (z'_ij − z_ij), where E'
 * are the endogenous firms after the scenario; r is non-zero only at the suppliers of replaced columns and
 * at firms whose final demand changed, so the series starts sparse (Miller & Blair 2009, §2.3; the
 * difference form avoids subtracting two large level solves).
 *
 * Figures for the home region (Busan), KRW million: output Σ x_i, value added Σ v_i x_i, jobs
 * Σ ℓ_i x_i (ℓ_i = employees_i / x_i held), leakage = home firms' network purchases from firms outside the
 * region (by region), home sourcing = the home-region share of home firms' network purchases.
 * Multipliers (Type I, in the scenario's scope): m = L'ᵀ b for b = 1, v, ℓ over the endogenous firms; the
 * change δ = m' − m solves (I − A'ᵀ) δ = b' − b + (A'ᵀ − Aᵀ) m, again sparse from the replaced columns.
 */
import type { Snapshot } from './snapshot.ts';
import { interFirmFlows, leontiefContraction, neumannSeries, SERIES_DEFAULTS, type SeriesOptions } from './leontief.ts';
import { purchasesAfter, revenueAfter, valueAddedRatioAfter, type Overlay } from './scenario-overlay.ts';
import { overlayContraction, pullAT, pushA, pushAT } from './scenario-operators.ts';
import { ANCHOR_TIERS } from '../domain/firm.ts';

export type ScenarioScope = 'region' | 'network';

export interface ScenarioOptions extends SeriesOptions {
  scope: ScenarioScope;
  /** Firms listed among those that gain and those that lose, each. */
  limit: number;
  /** A supplier with at least this share of a buyer's network purchases makes the buyer single-sourced. */
  dominantShare: number;
  /** false: the region's figures only (no firm lists, multipliers or structure), for quick what-ifs. */
  details: boolean;
}

export const SCENARIO_DEFAULTS: Readonly<ScenarioOptions> = { ...SERIES_DEFAULTS, scope: 'region', limit: 50, dominantShare: 0.5, details: true };

export interface RegionFigures {
  /** KRW million. */
  output: number;
  valueAdded: number;
  /** Persons. */
  jobs: number;
  /** Home firms' network purchases from outside the home region, KRW million. */
  leakage: { total: number; byRegion: Record<string, number> };
  /** Home-region share of home firms' network purchases, 0..1. */
  homeSourcing: number;
}

export interface MultiplierPair {
  output: number;
  valueAdded: number;
  employment: number;
}

export interface AnchorMultipliers {
  index: number;
  before: MultiplierPair;
  /** null when the firm is closed. */
  after: MultiplierPair | null;
}

export interface FirmStructure {
  suppliers: number;
  buyers: number;
  purchases: number;
  sales: number;
  /** Σ shares² of the firm's purchases across suppliers; null when it buys nothing. */
  supplierHHI: number | null;
  /** The largest supplier's share of its purchases; null when it buys nothing. */
  largestSupplierShare: number | null;
  /** Home-region share of its purchases; null when it buys nothing. */
  homeSourcing: number | null;
  /** Buyers for which this firm supplies at least dominantShare of their network purchases. */
  dependentBuyers: number;
}

export interface ChangedFirm {
  index: number;
  closed: boolean;
  before: FirmStructure;
  after: FirmStructure | null;
}

export interface ScenarioEvaluation {
  scope: ScenarioScope;
  before: RegionFigures;
  after: RegionFigures;
  /** d = x' − x per firm (KRW million); exogenous firms 0, closed firms −x. */
  outputChange: Float64Array;
  /** Firms with the largest gains and losses of output, indices. */
  gainers: number[];
  losers: number[];
  anchors: AnchorMultipliers[];
  changedFirms: ChangedFirm[];
  iterations: number;
  residual: number;
}

interface BaseState {
  endo: Uint8Array;
  figures: RegionFigures;
  /** Home firms' network purchases from home firms, KRW million. */
  homeSourced: number;
  /** Output, value-added and employment multipliers (Type I) of every firm in this scope. */
  multipliers: { output: Float64Array; valueAdded: Float64Array; employment: Float64Array };
}

const baseCache = new WeakMap<Snapshot, Map<string, BaseState>>();

/** The scope's endogenous firms, figures and multipliers on the snapshot alone: computed once per snapshot. */
export function scenarioBase(snapshot: Snapshot, scope: ScenarioScope, options: SeriesOptions = SERIES_DEFAULTS): BaseState {
  let byScope = baseCache.get(snapshot);
  if (!byScope) baseCache.set(snapshot, (byScope = new Map()));
  const key = `${scope}:${options.tolerance}:${options.maxIterations}`;
  const cached = byScope.get(key);
  if (cached) return cached;
  const { n, revenue, employees, valueAddedRatio, inHomeRegion, inOffsets, inSources, inValues, region } = snapshot;
  const endo = scope === 'region' ? Uint8Array.from(inHomeRegion) : new Uint8Array(n).fill(1);
  const contraction = leontiefContraction(snapshot, 'scenarioBase');
  const solve = (b: Float64Array) =>
    neumannSeries({ caller: 'scenarioBase', apply: (t, out) => pullAT(snapshot, endo, t, out), b, norm: 'max', contraction }, options).x;
  const masked = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => (endo[i] ? f(i) : 0));

  let output = 0;
  let valueAdded = 0;
  let jobs = 0;
  let home = 0;
  const byRegion: Record<string, number> = {};
  for (let j = 0; j < n; j++) {
    if (!inHomeRegion[j]) continue;
    output += revenue[j];
    valueAdded += revenue[j] * valueAddedRatio[j];
    jobs += employees[j];
    for (let p = inOffsets[j]; p < inOffsets[j + 1]; p++) {
      const i = inSources[p];
      if (inHomeRegion[i]) home += inValues[p];
      else {
        const r = region.labels[region.codes[i]];
        byRegion[r] = (byRegion[r] ?? 0) + inValues[p];
      }
    }
  }
  const leaked = Object.values(byRegion).reduce((a, b) => a + b, 0);
  const base: BaseState = {
    endo,
    homeSourced: home,
    figures: { output, valueAdded, jobs, leakage: { total: leaked, byRegion }, homeSourcing: home + leaked > 0 ? home / (home + leaked) : 0 },
    multipliers: {
      output: solve(masked(() => 1)),
      valueAdded: solve(masked((i) => valueAddedRatio[i])),
      employment: solve(masked((i) => employees[i] / revenue[i])),
    },
  };
  byScope.set(key, base);
  return base;
}

export function evaluateScenario(o: Overlay, options: Partial<ScenarioOptions> = {}): ScenarioEvaluation {
  const settings = { ...SCENARIO_DEFAULTS, ...options };
  const s = o.base;
  const { n, revenue, inOffsets, inSources, inValues } = s;
  const base = scenarioBase(s, settings.scope, settings);
  const endoAfter = Uint8Array.from(base.endo);
  for (const c of o.closed) endoAfter[c] = 0;
  const contraction = overlayContraction(o, leontiefContraction(s, 'evaluateScenario'));

  // r: the first-round change of demand on each endogenous firm (see header).
  const r = new Float64Array(n);
  for (const [j, dfj] of o.finalDemandChange) if (endoAfter[j]) r[j] += dfj;
  for (const [j, col] of o.columns) {
    // An endogenous buyer keeps its output x_j in the first round; an exogenous one its purchases' values.
    const scale = endoAfter[j] ? revenue[j] / revenueAfter(o, j) : 1;
    for (let p = 0; p < col.sources.length; p++) if (endoAfter[col.sources[p]]) r[col.sources[p]] += col.values[p] * scale;
    for (let p = inOffsets[j]; p < inOffsets[j + 1]; p++) if (endoAfter[inSources[p]]) r[inSources[p]] -= inValues[p];
  }
  const solution = neumannSeries(
    { caller: 'evaluateScenario', apply: (t, out) => pushA(o, endoAfter, t, out), b: r, norm: 'l1', contraction },
    settings,
  );
  const d = solution.x;
  for (const c of o.closed) d[c] = -revenue[c];

  const after = figuresAfter(o, base.figures, base.homeSourced, d);
  const common = { scope: settings.scope, before: base.figures, after, outputChange: d, iterations: solution.iterations, residual: solution.residual };
  if (!settings.details) return { ...common, gainers: [], losers: [], anchors: [], changedFirms: [] };
  const order = Array.from({ length: n }, (_, i) => i).filter((i) => Math.abs(d[i]) > 1e-9 * (revenue[i] + 1));
  const gainers = order.filter((i) => d[i] > 0).sort((a, b) => d[b] - d[a]).slice(0, settings.limit);
  const losers = order.filter((i) => d[i] < 0).sort((a, b) => d[a] - d[b]).slice(0, settings.limit);

  const anchors = anchorMultipliers(o, base, endoAfter, contraction, settings);
  const changedFirms = o.touched.map((i) => ({
    index: i,
    closed: o.closed.has(i),
    before: structure(o, i, false, settings.dominantShare),
    after: o.closed.has(i) ? null : structure(o, i, true, settings.dominantShare),
  }));
  return { ...common, gainers, losers, anchors, changedFirms };
}

/** The home region's figures after the scenario, from the base figures and the output change d. */
function figuresAfter(o: Overlay, before: RegionFigures, homeSourcedBefore: number, d: Float64Array): RegionFigures {
  const s = o.base;
  const { n, revenue, employees, valueAddedRatio, inHomeRegion, inOffsets, inSources, inValues, region } = s;
  let output = before.output;
  let valueAdded = before.valueAdded;
  let jobs = before.jobs;
  let homeSourced = homeSourcedBefore;
  const byRegion = { ...before.leakage.byRegion };
  const regionOf = (i: number) => region.labels[region.codes[i]];
  for (let j = 0; j < n; j++) {
    if (!inHomeRegion[j]) continue;
    const dj = d[j];
    const va = valueAddedRatioAfter(o, j);
    const changed = o.replaced[j] === 1;
    if (dj === 0 && !changed && va === valueAddedRatio[j]) continue;
    output += dj;
    const xAfter = revenue[j] + dj;
    valueAdded += va * xAfter - valueAddedRatio[j] * revenue[j];
    jobs += (employees[j] / revenue[j]) * dj;
    // Purchases after: a'_ij·x'_j with a' = z'/x'(nominal); minus the snapshot's z_ij.
    for (let p = inOffsets[j]; p < inOffsets[j + 1]; p++) {
      const i = inSources[p];
      if (inHomeRegion[i]) homeSourced -= inValues[p];
      else byRegion[regionOf(i)] -= inValues[p];
    }
    const col = o.columns.get(j);
    const scale = xAfter / revenueAfter(o, j);
    if (col) {
      if (o.closed.has(j)) continue;
      for (let p = 0; p < col.sources.length; p++) {
        const i = col.sources[p];
        if (inHomeRegion[i]) homeSourced += col.values[p] * scale;
        else byRegion[regionOf(i)] = (byRegion[regionOf(i)] ?? 0) + col.values[p] * scale;
      }
    } else {
      for (let p = inOffsets[j]; p < inOffsets[j + 1]; p++) {
        const i = inSources[p];
        if (inHomeRegion[i]) homeSourced += inValues[p] * scale;
        else byRegion[regionOf(i)] += inValues[p] * scale;
      }
    }
  }
  const leaked = Object.values(byRegion).reduce((a, b) => a + b, 0);
  return {
    output,
    valueAdded,
    jobs,
    leakage: { total: leaked, byRegion },
    homeSourcing: homeSourced + leaked > 0 ? homeSourced / (homeSourced + leaked) : 0,
  };
}

function anchorMultipliers(o: Overlay, base: BaseState, endoAfter: Uint8Array, contraction: number, options: SeriesOptions): AnchorMultipliers[] {
  const s = o.base;
  const { n, revenue, employees, valueAddedRatio, tier, inHomeRegion } = s;
  const anchorCodes = new Set(ANCHOR_TIERS.map((t) => tier.labels.indexOf(t)));
  const listed = new Set<number>();
  for (let i = 0; i < n; i++) if (inHomeRegion[i] && anchorCodes.has(tier.codes[i])) listed.add(i);
  for (const i of o.touched) if (base.endo[i]) listed.add(i);

  const change = (m: Float64Array, bAfter: (j: number) => number, bBefore: (j: number) => number) => {
    // Source: b' − b + (A'ᵀ − Aᵀ) m on the replaced columns and changed right-hand sides.
    const src = new Float64Array(n);
    for (let j = 0; j < n; j++) if (endoAfter[j] && o.valueAddedRatio.has(j)) src[j] += bAfter(j) - bBefore(j);
    const { inOffsets, inSources, inValues } = s;
    for (const [j, col] of o.columns) {
      if (!endoAfter[j]) continue;
      let after = 0;
      for (let p = 0; p < col.sources.length; p++) if (endoAfter[col.sources[p]]) after += col.values[p] * m[col.sources[p]];
      let before = 0;
      for (let p = inOffsets[j]; p < inOffsets[j + 1]; p++) if (base.endo[inSources[p]]) before += inValues[p] * m[inSources[p]];
      src[j] += after / revenueAfter(o, j) - before / revenue[j];
    }
    return neumannSeries({ caller: 'evaluateScenario', apply: (t, out) => pushAT(o, endoAfter, t, out), b: src, norm: 'l1', contraction }, options).x;
  };
  const mm = base.multipliers;
  const dOutput = change(mm.output, () => 1, () => 1);
  const dValueAdded = change(mm.valueAdded, (j) => valueAddedRatioAfter(o, j), (j) => valueAddedRatio[j]);
  const dEmployment = change(mm.employment, (j) => employees[j] / revenue[j], (j) => employees[j] / revenue[j]);
  return [...listed].map((j) => ({
    index: j,
    before: { output: mm.output[j], valueAdded: mm.valueAdded[j], employment: mm.employment[j] },
    after: endoAfter[j]
      ? { output: mm.output[j] + dOutput[j], valueAdded: mm.valueAdded[j] + dValueAdded[j], employment: mm.employment[j] + dEmployment[j] }
      : null,
  }));
}

/** A firm's suppliers, buyers and concentration, on the snapshot (after = false) or the changed network. */
function structure(o: Overlay, i: number, after: boolean, dominantShare: number): FirmStructure {
  const s = o.base;
  const { inOffsets, inSources, inValues, outOffsets, outTargets, outValues, inHomeRegion } = s;
  const { purchases } = interFirmFlows(s, 'scenario');
  // Purchases column.
  let suppliers = 0;
  let total = 0;
  let squares = 0;
  let largest = 0;
  let home = 0;
  const eachSupplier = (k: number, z: number) => {
    if (z <= 0) return;
    suppliers++;
    total += z;
    squares += z * z;
    largest = Math.max(largest, z);
    if (inHomeRegion[k]) home += z;
  };
  const col = after ? o.columns.get(i) : undefined;
  if (col) for (let p = 0; p < col.sources.length; p++) eachSupplier(col.sources[p], col.values[p]);
  else for (let p = inOffsets[i]; p < inOffsets[i + 1]; p++) eachSupplier(inSources[p], inValues[p]);

  // Sales row: the snapshot's, with replaced columns read from the overlay.
  let buyers = 0;
  let sales = 0;
  let dependents = 0;
  const eachBuyer = (j: number, z: number) => {
    if (z <= 0) return;
    buyers++;
    sales += z;
    const bought = after ? purchasesAfter(o, j) : purchases[j];
    if (bought > 0 && z / bought >= dominantShare) dependents++;
  };
  for (let p = outOffsets[i]; p < outOffsets[i + 1]; p++) {
    const j = outTargets[p];
    if (after && o.replaced[j]) continue;
    eachBuyer(j, outValues[p]);
  }
  if (after) {
    for (const [j, c] of o.columns) {
      for (let p = 0; p < c.sources.length; p++) if (c.sources[p] === i) eachBuyer(j, c.values[p]);
    }
  }
  return {
    suppliers,
    buyers,
    purchases: total,
    sales,
    supplierHHI: total > 0 ? squares / (total * total) : null,
    largestSupplierShare: total > 0 ? largest / total : null,
    homeSourcing: total > 0 ? home / total : null,
    dependentBuyers: dependents,
  };
}
