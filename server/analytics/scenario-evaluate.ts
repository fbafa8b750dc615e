/**
 * Before/after evaluation of a restructuring scenario (an Overlay), final demand held fixed, Type I and II.
 *
 * Before, the snapshot reproduces itself: over the endogenous firms E (region scope: home-region firms;
 * network: all), x = A x + f with f_i = x_i − Σ_{j∈E} z_ij (sales to firms outside E are exports, part of
 * f). After, coefficients A' = Z' x̂'⁻¹ over E' (E without closed firms) and f' = f + Δf (setRevenue) give
 * x' = (I − A')⁻¹ f'. The change d = x' − x is solved directly, as a sparse ripple:
 *   d = (I − A')⁻¹ r,   r_i = Δf_i + Σ_{j replaced} (a'_ij·x̃_j − z_ij),  i ∈ E',
 * with x̃_j = x_j for j ∈ E' (its level before the feedback), x'_j for exogenous j (their purchases are
 * exports at their own level) and 0 for closed j. r is non-zero only at the suppliers of replaced columns
 * and where final demand changed, so the series starts sparse; the difference form also avoids
 * subtracting two large level solves (Miller & Blair 2009, §2.3). With few replaced columns (up to
 * woodburyMaxRank) the same d, q' and multipliers come from a low-rank update of the snapshot's inverse
 * instead (scenario-woodbury.ts: levelsWoodbury, multipliersWoodbury); beyond it, by series on the changed
 * network (levelsDirect, multipliersDirect).
 *
 * Type II (households closed, regional.ts): with h the wage row and c = s·φ the household spending column
 * of the home region, before x = A x + c hᵀx + f̄. After, h' and φ' lose closed firms (their wages stop;
 * households' spending on them leaves the region), and
 *   d_II = u + κ' (h'ᵀu) q',   u = d − W q',   q' = (I − A')⁻¹ c',   κ' = 1/(1 − h'ᵀq')
 * (Sherman–Morrison), W = Σ_closed h_c x_c the wages lost with closed firms. q' = q + (I − A')⁻¹[c' − c +
 * (A' − A) q], sparse again from the base closure's q.
 *
 * Figures for the home region, KRW million: output Σ x_i, value added Σ v_i x_i, jobs Σ ℓ_i x_i
 * (ℓ_i = employees_i / x_i held), leakage = home firms' network purchases from firms outside the region
 * (by region), home sourcing = the home-region share of home firms' network purchases, household income
 * h'ᵀx'. Multipliers of each firm j (column sums over E of the inverse, weighted by 1, v or ℓ):
 * Type I m = L'ᵀb; Type II m̄_j = m_j + κ'(bᵀq')(L'ᵀh')_j. The change m' − m solves
 * (I − A'ᵀ)(m' − m) = b' − b + (A'ᵀ − Aᵀ) m, sparse from the replaced columns downstream.
 */
import type { Snapshot } from './snapshot.ts';
import { leontiefContraction, neumannSeries, SERIES_DEFAULTS, type SeriesOptions } from './leontief.ts';
import { revenueAfter, valueAddedRatioAfter, type Overlay } from './scenario-overlay.ts';
import { blockSeries, pullAT, pushABlock, pushATBlock } from './scenario-operators.ts';
import { baseSolves, columnDot, columnUpdates, denseColumn, solveSmall, WOODBURY_MAX_RANK, type ColumnUpdates } from './scenario-woodbury.ts';
import { structure, type FirmStructure } from './scenario-structure.ts';
import { endogenousFirms, householdClosure, HOUSEHOLD_SPENDING_SHARE_DEFAULT, type Scope } from './regional.ts';
import { AnalyticsInputError } from './errors.ts';
import { ANCHOR_TIERS } from '../domain/firm.ts';

export type ScenarioScope = Scope;

export interface ScenarioOptions extends SeriesOptions {
  scope: ScenarioScope;
  /** Share of household income spent on home-region firms (Type II). */
  householdSpendingShare: number;
  /** Firms listed among those that gain and those that lose, each. */
  limit: number;
  /** A supplier with at least this share of a buyer's network purchases makes the buyer single-sourced. */
  dominantShare: number;
  /** false: the region's figures only (no firm lists, multipliers or structure), for quick what-ifs. */
  details: boolean;
  /** Replaced columns up to which a scenario is solved from the base inverse (scenario-woodbury.ts). */
  woodburyMaxRank: number;
}

export const SCENARIO_DEFAULTS: Readonly<ScenarioOptions> = {
  ...SERIES_DEFAULTS,
  scope: 'region',
  householdSpendingShare: HOUSEHOLD_SPENDING_SHARE_DEFAULT,
  limit: 50,
  dominantShare: 0.5,
  details: true,
  woodburyMaxRank: WOODBURY_MAX_RANK,
};

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
  /** Wages earned in home-region endogenous firms, KRW million. */
  householdIncome: number;
}

export interface Multipliers {
  output: number;
  valueAdded: number;
  employment: number;
  outputTypeII: number;
  valueAddedTypeII: number;
  employmentTypeII: number;
}

export interface AnchorMultipliers {
  index: number;
  before: Multipliers;
  /** null when the firm is closed. */
  after: Multipliers | null;
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
  /** Type I (firms only) and Type II (households closed). */
  after: RegionFigures;
  afterTypeII: RegionFigures;
  /** x' − x per firm (KRW million), Type I and II; exogenous firms 0, closed firms −x. */
  outputChange: Float64Array;
  outputChangeTypeII: Float64Array;
  /** Firms with the largest Type II gains and losses of output, indices. */
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
  /** Wage row h, consumption pattern φ and q₁ = (I − A)⁻¹φ of the scope. */
  wageRow: Float64Array;
  consumptionPattern: Float64Array;
  outputPerSpending: Float64Array;
  /** Lᵀb for b = 1, v, ℓ, h: computed on first use. */
  multipliers: () => { output: Float64Array; valueAdded: Float64Array; employment: Float64Array; wages: Float64Array };
}

const baseCache = new WeakMap<Snapshot, Map<string, BaseState>>();

/** The scope's figures, household closure and (lazily) multipliers on the snapshot alone, once per snapshot. */
export function scenarioBase(snapshot: Snapshot, scope: ScenarioScope, options: SeriesOptions = SERIES_DEFAULTS): BaseState {
  let byScope = baseCache.get(snapshot);
  if (!byScope) baseCache.set(snapshot, (byScope = new Map()));
  const key = `${scope}:${options.tolerance}:${options.maxIterations}`;
  const cached = byScope.get(key);
  if (cached) return cached;
  const { n, revenue, employees, valueAddedRatio, inHomeRegion, inOffsets, inSources, inValues, region } = snapshot;
  const endo = endogenousFirms(snapshot, scope);
  const closure = householdClosure(snapshot, scope, options);

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
  let householdIncome = 0;
  for (let j = 0; j < n; j++) householdIncome += closure.wageRow[j] * revenue[j];
  const leaked = Object.values(byRegion).reduce((a, b) => a + b, 0);

  let multipliers: ReturnType<BaseState['multipliers']> | null = null;
  const base: BaseState = {
    endo,
    homeSourced: home,
    figures: { output, valueAdded, jobs, leakage: { total: leaked, byRegion }, homeSourcing: home + leaked > 0 ? home / (home + leaked) : 0, householdIncome },
    wageRow: closure.wageRow,
    consumptionPattern: closure.consumptionPattern,
    outputPerSpending: closure.outputPerSpending,
    multipliers: () => {
      if (multipliers) return multipliers;
      const contraction = leontiefContraction(snapshot, 'scenarioBase');
      const solve = (b: Float64Array) =>
        neumannSeries({ caller: 'scenarioBase', apply: (t, out) => pullAT(snapshot, endo, t, out), b, norm: 'max', contraction }, options).x;
      const masked = (f: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => (endo[i] ? f(i) : 0));
      multipliers = {
        output: solve(masked(() => 1)),
        valueAdded: solve(masked((i) => valueAddedRatio[i])),
        employment: solve(masked((i) => employees[i] / revenue[i])),
        wages: solve(Float64Array.from(closure.wageRow)),
      };
      return multipliers;
    },
  };
  byScope.set(key, base);
  return base;
}

export function evaluateScenario(o: Overlay, options: Partial<ScenarioOptions> = {}): ScenarioEvaluation {
  const settings = { ...SCENARIO_DEFAULTS, ...options };
  const s = settings.householdSpendingShare;
  if (!(s >= 0 && s <= 1)) throw new AnalyticsInputError('householdSpendingShare', `evaluateScenario: householdSpendingShare must be in [0, 1], got ${s}`);
  const snap = o.base;
  const { n, revenue } = snap;
  const base = scenarioBase(snap, settings.scope, settings);
  const endoAfter = Uint8Array.from(base.endo);
  for (const c of o.closed) endoAfter[c] = 0;

  const q = base.outputPerSpending;
  const updates = columnUpdates(o, base.endo);
  const levels =
    updates.buyers.length <= settings.woodburyMaxRank
      ? levelsWoodbury(o, base, endoAfter, updates, settings.details ? multiplierRows(o, base, updates, settings.woodburyMaxRank) : [], settings)
      : levelsDirect(o, base, endoAfter, settings);
  const { d, qAfter, solution } = levels;
  for (const c of o.closed) d[c] = -revenue[c];

  // Type II: the household closure after the scenario, q' = q + (I − A')⁻¹[c' − c + (A' − A)q] (per unit s).
  const hAfter = Float64Array.from(base.wageRow);
  let lostWages = 0;
  for (const c of o.closed) {
    lostWages += base.wageRow[c] * revenue[c];
    hAfter[c] = 0;
  }
  for (let i = 0; i < n; i++) qAfter[i] = endoAfter[i] ? (qAfter[i] + q[i]) * s : 0;
  const kappa = 1 / (1 - dot(hAfter, qAfter));
  const dII = new Float64Array(n);
  for (let i = 0; i < n; i++) dII[i] = d[i] - lostWages * qAfter[i];
  const feedback = kappa * dot(hAfter, dII);
  for (let i = 0; i < n; i++) dII[i] += feedback * qAfter[i];
  for (const c of o.closed) dII[c] = -revenue[c];

  const after = figuresAfter(o, base, d, hAfter);
  const afterTypeII = figuresAfter(o, base, dII, hAfter);
  const common = {
    scope: settings.scope,
    before: base.figures,
    after,
    afterTypeII,
    outputChange: d,
    outputChangeTypeII: dII,
    iterations: solution.iterations,
    residual: solution.residual,
  };
  if (!settings.details) return { ...common, gainers: [], losers: [], anchors: [], changedFirms: [] };

  const up: number[] = [];
  const down: number[] = [];
  for (let i = 0; i < n; i++) {
    if (!(Math.abs(dII[i]) > 1e-9 * (revenue[i] + 1))) continue;
    if (dII[i] > 0) up.push(i);
    else down.push(i);
  }
  const gainers = up.sort((a, b) => dII[b] - dII[a]).slice(0, settings.limit);
  const losers = down.sort((a, b) => dII[a] - dII[b]).slice(0, settings.limit);
  const anchors = anchorMultipliers(o, base, endoAfter, settings, { s, hAfter, qAfter, kappa }, levels.woodbury);
  const changedFirms = o.touched.map((i) => ({
    index: i,
    closed: o.closed.has(i),
    before: structure(o, i, false, settings.dominantShare),
    after: o.closed.has(i) ? null : structure(o, i, true, settings.dominantShare),
  }));
  return { ...common, gainers, losers, anchors, changedFirms };
}

interface Levels {
  /** x' − x, Type I (closed firms still to be set). */
  d: Float64Array;
  /** q' − q per unit of household spending s, before masking to the firms still endogenous. */
  qAfter: Float64Array;
  solution: { iterations: number; residual: number };
  /** The Woodbury pieces, when the levels were solved that way: the multipliers reuse S and the left solves. */
  woodbury: { updates: ColumnUpdates; S: number[][]; rows: number[]; left: Float64Array[] } | null;
}

/** d = (I − A')⁻¹ r and q' − q = (I − A')⁻¹ qSource as series on the changed network, in one block. */
function levelsDirect(o: Overlay, base: BaseState, endoAfter: Uint8Array, options: SeriesOptions): Levels {
  const { n, revenue } = o.base;
  const r = columnChange(o, endoAfter, (j) => revenue[j], (j) => (endoAfter[j] ? revenue[j] : revenueAfter(o, j)));
  for (const [j, dfj] of o.finalDemandChange) if (endoAfter[j]) r[j] += dfj;
  const q = base.outputPerSpending;
  const qSource = columnChange(o, endoAfter, (j) => q[j], (j) => (endoAfter[j] ? q[j] : 0));
  const solution = blockSeries('evaluateScenario', (t, out) => pushABlock(o, endoAfter, 2, t, out), interleave([r, qSource]), 2, options);
  const [d, qAfter] = deinterleave(solution.x, 2, n);
  return { d, qAfter, solution, woodbury: null };
}

/**
 * The same from the base inverse (scenario-woodbury.ts): with g = f' − f (final demand changes and the
 * exports of replaced outside buyers) and x the snapshot's levels,
 *   x' − x = L g + (L U) S⁻¹ Vᵀ (x + L g),    q' − q = (L U) S⁻¹ Vᵀ q,
 * one block series of k right solves (and L g when g ≠ 0) on the snapshot.
 */
function levelsWoodbury(o: Overlay, base: BaseState, endoAfter: Uint8Array, updates: ColumnUpdates, rows: number[], options: SeriesOptions): Levels {
  const snap = o.base;
  const { n, revenue, inOffsets, inSources, inValues } = snap;
  const k = updates.buyers.length;
  const g = new Float64Array(n);
  let exportsOrDemand = false;
  for (const [j, dfj] of o.finalDemandChange) {
    if (!endoAfter[j] || dfj === 0) continue;
    g[j] += dfj;
    exportsOrDemand = true;
  }
  for (const [j, col] of o.columns) {
    if (base.endo[j]) continue;
    // An outside buyer's purchases from endogenous firms are their exports: z'_ij − z_ij.
    if (!o.closed.has(j)) for (let p = 0; p < col.sources.length; p++) if (endoAfter[col.sources[p]]) g[col.sources[p]] += col.values[p];
    for (let p = inOffsets[j]; p < inOffsets[j + 1]; p++) if (endoAfter[inSources[p]]) g[inSources[p]] -= inValues[p];
    exportsOrDemand = true;
  }
  const starts = updates.buyers.map((_, a) => denseColumn(updates, a, n));
  if (exportsOrDemand) starts.push(g);
  const solved = baseSolves(snap, base.endo, starts, rows.map((r) => unitVector(n, r)), options);
  const LU = solved.right.slice(0, k);
  const Lg = exportsOrDemand ? solved.right[k] : null;
  const J = updates.buyers;
  const S = J.map((ja, a) => J.map((_, b) => (a === b ? 1 : 0) - LU[b][ja]));
  const q = base.outputPerSpending;
  const [alpha, beta] = solveSmall(S, [J.map((ja) => revenue[ja] + (Lg ? Lg[ja] : 0)), J.map((ja) => q[ja])]);
  const d = Lg ?? new Float64Array(n);
  const qAfter = new Float64Array(n);
  for (let b = 0; b < k; b++) {
    const v = LU[b];
    for (let i = 0; i < n; i++) {
      if (v[i] === 0) continue;
      d[i] += alpha[b] * v[i];
      qAfter[i] += beta[b] * v[i];
    }
  }
  return { d, qAfter, solution: solved, woodbury: { updates, S, rows, left: solved.left } };
}

function unitVector(n: number, r: number): Float64Array {
  const e = new Float64Array(n);
  e[r] = 1;
  return e;
}

/**
 * The rows e_rᵀL the multipliers need from the base inverse: the replaced columns J first, then the firms
 * whose value-added ratio changes; none when there would be more than maxRank (the direct series is then
 * cheaper).
 */
function multiplierRows(o: Overlay, base: BaseState, updates: ColumnUpdates, maxRank: number): number[] {
  const rows = [...updates.buyers];
  for (const j of o.valueAddedRatio.keys()) if (base.endo[j] && !rows.includes(j)) rows.push(j);
  return rows.length <= maxRank ? rows : [];
}

/**
 * Σ_{j replaced} (a'_ij·after(j) − a_ij·before(j)) for the endogenous firms i after the scenario: the
 * first-round effect of the replaced columns on a vector given before and after per buyer.
 */
function columnChange(o: Overlay, endoAfter: Uint8Array, before: (j: number) => number, after: (j: number) => number): Float64Array {
  const { n, revenue, inOffsets, inSources, inValues } = o.base;
  const out = new Float64Array(n);
  for (const [j, col] of o.columns) {
    const wa = o.closed.has(j) ? 0 : after(j) / revenueAfter(o, j);
    const wb = before(j) / revenue[j];
    if (wa !== 0) for (let p = 0; p < col.sources.length; p++) if (endoAfter[col.sources[p]]) out[col.sources[p]] += col.values[p] * wa;
    if (wb !== 0) for (let p = inOffsets[j]; p < inOffsets[j + 1]; p++) if (endoAfter[inSources[p]]) out[inSources[p]] -= inValues[p] * wb;
  }
  return out;
}

/** k vectors of length n as one interleaved vector (entry c of firm i at i·k + c), and back. */
function interleave(vs: Float64Array[]): Float64Array {
  const k = vs.length;
  const out = new Float64Array(vs[0].length * k);
  vs.forEach((v, c) => {
    for (let i = 0; i < v.length; i++) out[i * k + c] = v[i];
  });
  return out;
}

function deinterleave(x: Float64Array, k: number, n: number): Float64Array[] {
  const out = Array.from({ length: k }, () => new Float64Array(n));
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) out[c][i] = x[i * k + c];
  return out;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/**
 * Each home firm's network purchases split once per snapshot: from home firms, and from outside firms by
 * region (a small CSR of region code and value), so that a scenario's figures cost O(n) and not a pass over
 * every link with a label lookup each.
 */
interface PurchaseSplit {
  home: Float64Array;
  importOffsets: Int32Array;
  importRegion: Uint16Array;
  importValue: Float64Array;
}

const splitCache = new WeakMap<Snapshot, PurchaseSplit>();

function purchaseSplit(s: Snapshot): PurchaseSplit {
  const cached = splitCache.get(s);
  if (cached) return cached;
  const { n, inHomeRegion, inOffsets, inSources, inValues, region } = s;
  const home = new Float64Array(n);
  const importOffsets = new Int32Array(n + 1);
  const regions: number[] = [];
  const values: number[] = [];
  const sum = new Float64Array(region.labels.length);
  const seen: number[] = [];
  for (let j = 0; j < n; j++) {
    if (inHomeRegion[j]) {
      for (let p = inOffsets[j]; p < inOffsets[j + 1]; p++) {
        const i = inSources[p];
        if (inHomeRegion[i]) home[j] += inValues[p];
        else {
          const r = region.codes[i];
          if (sum[r] === 0) seen.push(r);
          sum[r] += inValues[p];
        }
      }
      for (const r of seen) {
        regions.push(r);
        values.push(sum[r]);
        sum[r] = 0;
      }
      seen.length = 0;
    }
    importOffsets[j + 1] = regions.length;
  }
  const split = { home, importOffsets, importRegion: Uint16Array.from(regions), importValue: Float64Array.from(values) };
  splitCache.set(s, split);
  return split;
}

/** The home region's figures after the scenario, from the base figures and an output change d. */
function figuresAfter(o: Overlay, base: BaseState, d: Float64Array, hAfter: Float64Array): RegionFigures {
  const s = o.base;
  const { n, revenue, employees, valueAddedRatio, inHomeRegion, region } = s;
  const { home, importOffsets, importRegion, importValue } = purchaseSplit(s);
  const before = base.figures;
  const { wageRow } = base;
  const { replaced } = o;
  const vaChanged = o.valueAddedRatio.size > 0;
  let { output, valueAdded, jobs, householdIncome } = before;
  let homeSourced = base.homeSourced;
  // Leakage by region code; a region not in the base figures appears once a replaced column buys from it.
  const byCode = new Float64Array(region.labels.length);
  const listed = new Uint8Array(region.labels.length);
  for (const [label, v] of Object.entries(before.leakage.byRegion)) {
    const r = region.labels.indexOf(label);
    byCode[r] = v;
    listed[r] = 1;
  }
  for (let j = 0; j < n; j++) {
    const dj = d[j];
    const hj = hAfter[j];
    if (dj !== 0 || hj !== wageRow[j]) householdIncome += hj * (revenue[j] + dj) - wageRow[j] * revenue[j];
    if (!inHomeRegion[j]) continue;
    const va = vaChanged ? valueAddedRatioAfter(o, j) : valueAddedRatio[j];
    if (dj === 0 && !replaced[j] && va === valueAddedRatio[j]) continue;
    output += dj;
    const xAfter = revenue[j] + dj;
    valueAdded += va * xAfter - valueAddedRatio[j] * revenue[j];
    jobs += (employees[j] / revenue[j]) * dj;
    if (!replaced[j]) {
      // Purchases after: a_ij·x'_j = z_ij·(1 + d_j/x_j), so each changes by z_ij·d_j/x_j.
      const scale = dj / revenue[j];
      homeSourced += home[j] * scale;
      for (let p = importOffsets[j]; p < importOffsets[j + 1]; p++) byCode[importRegion[p]] += importValue[p] * scale;
      continue;
    }
    // A replaced column: a'_ij·x'_j with a' = z'/x'(nominal), in place of the snapshot's z_ij.
    homeSourced -= home[j];
    for (let p = importOffsets[j]; p < importOffsets[j + 1]; p++) byCode[importRegion[p]] -= importValue[p];
    if (o.closed.has(j)) continue;
    const col = o.columns.get(j)!;
    const scale = xAfter / revenueAfter(o, j);
    for (let p = 0; p < col.sources.length; p++) {
      const i = col.sources[p];
      if (inHomeRegion[i]) homeSourced += col.values[p] * scale;
      else {
        const r = region.codes[i];
        byCode[r] += col.values[p] * scale;
        listed[r] = 1;
      }
    }
  }
  const byRegion: Record<string, number> = {};
  for (const label of Object.keys(before.leakage.byRegion)) byRegion[label] = byCode[region.labels.indexOf(label)];
  for (let r = 0; r < byCode.length; r++) if (listed[r] && !(region.labels[r] in byRegion)) byRegion[region.labels[r]] = byCode[r];
  const leaked = Object.values(byRegion).reduce((a, b) => a + b, 0);
  return {
    output,
    valueAdded,
    jobs,
    leakage: { total: leaked, byRegion },
    homeSourcing: homeSourced + leaked > 0 ? homeSourced / (homeSourced + leaked) : 0,
    householdIncome,
  };
}

/**
 * m' = m + δ with (I − A'ᵀ) δ = b' − b + (A'ᵀ − Aᵀ) m: pushed from the replaced columns downstream, the
 * four weightings (output, value added, employment, wages) in one block series on the changed network.
 */
function multipliersDirect(o: Overlay, base: BaseState, endoAfter: Uint8Array, weightings: Weighting[], options: SeriesOptions): Float64Array[] {
  const { n, revenue, inOffsets, inSources, inValues } = o.base;
  const source = ({ m, before, after }: Weighting) => {
    const src = new Float64Array(n);
    for (let j = 0; j < n; j++) if (endoAfter[j] && after(j) !== before(j)) src[j] += after(j) - before(j);
    for (const [j, col] of o.columns) {
      if (!endoAfter[j]) continue;
      let now = 0;
      for (let p = 0; p < col.sources.length; p++) if (endoAfter[col.sources[p]]) now += col.values[p] * m[col.sources[p]];
      let was = 0;
      for (let p = inOffsets[j]; p < inOffsets[j + 1]; p++) if (base.endo[inSources[p]]) was += inValues[p] * m[inSources[p]];
      src[j] += now / revenueAfter(o, j) - was / revenue[j];
    }
    return src;
  };
  const k = weightings.length;
  const deltas = deinterleave(blockSeries('evaluateScenario', (t, out) => pushATBlock(o, endoAfter, k, t, out), interleave(weightings.map(source)), k, options).x, k, n);
  return weightings.map(({ m }, c) => {
    const v = new Float64Array(n);
    for (let j = 0; j < n; j++) if (endoAfter[j]) v[j] = m[j] + deltas[c][j];
    return v;
  });
}

/**
 * The same from the base inverse: with p = Lᵀb' = m + Σ_r (b'_r − b_r)·Lᵀe_r over the firms r whose weight
 * changes (closed firms, new value-added ratios),
 *   m' = L'ᵀ b' = p + (LᵀV) S⁻ᵀ (Uᵀ p),
 * so all four weightings share the left solves Lᵀe_r for r ∈ J and the reweighted firms (multiplierRows),
 * made in the same series as the levels; m' is evaluated only at the firms `at` it is reported for.
 */
function multipliersWoodbury(
  endoAfter: Uint8Array,
  weightings: Weighting[],
  { updates, S, rows, left }: NonNullable<Levels['woodbury']>,
  at: ReadonlySet<number>,
): Indexed[] {
  const k = updates.buyers.length;
  const St = S.map((_, a) => S.map((row) => row[a]));
  // Only the listed firms' multipliers are reported, and Uᵀp reads p where the columns changed: p and m'
  // are evaluated there, not as whole vectors.
  return weightings.map(({ m, before, after }) => {
    const changes: [number, number][] = [];
    rows.forEach((r, c) => {
      const change = (endoAfter[r] ? after(r) : 0) - before(r);
      if (change !== 0) changes.push([c, change]);
    });
    const p = (i: number) => {
      let v = m[i];
      for (const [c, change] of changes) v += change * left[c][i];
      return v;
    };
    const gamma = k > 0 ? solveSmall(St, [updates.buyers.map((_, a) => columnDot(updates, a, p))])[0] : [];
    const values: Record<number, number> = {};
    for (const j of at) {
      if (!endoAfter[j]) continue;
      let v = p(j);
      for (let a = 0; a < k; a++) v += gamma[a] * left[a][j];
      values[j] = v;
    }
    return values;
  });
}

interface ClosureAfter {
  s: number;
  hAfter: Float64Array;
  /** q' = (I − A')⁻¹ c' (already × s). */
  qAfter: Float64Array;
  kappa: number;
}

/** Multipliers by firm index: a whole vector, or only the firms reported. */
type Indexed = { readonly [j: number]: number };

/** A weighting of the multipliers: its base column sums m = Lᵀb, and b before and after the scenario. */
interface Weighting {
  m: Float64Array;
  before: (j: number) => number;
  after: (j: number) => number;
}

function anchorMultipliers(
  o: Overlay,
  base: BaseState,
  endoAfter: Uint8Array,
  options: ScenarioOptions,
  after: ClosureAfter,
  woodbury: Levels['woodbury'],
): AnchorMultipliers[] {
  const snap = o.base;
  const { n, revenue, employees, valueAddedRatio, tier, inHomeRegion } = snap;
  const anchorCodes = new Set(ANCHOR_TIERS.map((t) => tier.labels.indexOf(t)));
  const listed = new Set<number>();
  for (let i = 0; i < n; i++) if (inHomeRegion[i] && base.endo[i] && anchorCodes.has(tier.codes[i])) listed.add(i);
  for (const i of o.touched) if (base.endo[i]) listed.add(i);

  const mm = base.multipliers();
  const labour = (j: number) => employees[j] / revenue[j];
  const vAfter = (j: number) => valueAddedRatioAfter(o, j);
  const weightings: Weighting[] = [
    { m: mm.output, before: () => 1, after: () => 1 },
    { m: mm.valueAdded, before: (j) => valueAddedRatio[j], after: vAfter },
    { m: mm.employment, before: labour, after: labour },
    { m: mm.wages, before: (j) => base.wageRow[j], after: (j) => after.hAfter[j] },
  ];
  const [output, valueAdded, employment, wages] =
    woodbury && woodbury.rows.length > 0
      ? multipliersWoodbury(endoAfter, weightings, woodbury, listed)
      : multipliersDirect(o, base, endoAfter, weightings, options);
  const mAfter = { output, valueAdded, employment, wages };
  // Type II: m̄_j = m_j + κ·(bᵀq)·(Lᵀh)_j, with κ·(bᵀq) once per weight vector and state.
  const qBefore = new Float64Array(n);
  for (let i = 0; i < n; i++) qBefore[i] = base.outputPerSpending[i] * after.s;
  const state = (q: Float64Array, endo: Uint8Array, kappa: number, v: (i: number) => number) => {
    const w = { output: 0, valueAdded: 0, employment: 0 };
    for (let i = 0; i < n; i++) {
      if (!endo[i] || q[i] === 0) continue;
      w.output += q[i];
      w.valueAdded += v(i) * q[i];
      w.employment += labour(i) * q[i];
    }
    return { output: kappa * w.output, valueAdded: kappa * w.valueAdded, employment: kappa * w.employment };
  };
  const wBefore = state(qBefore, base.endo, 1 / (1 - dot(base.wageRow, qBefore)), (i) => valueAddedRatio[i]);
  const wAfter = state(after.qAfter, endoAfter, after.kappa, vAfter);
  const pack = (m: Record<keyof typeof mm, Indexed>, j: number, w: typeof wBefore): Multipliers => ({
    output: m.output[j],
    valueAdded: m.valueAdded[j],
    employment: m.employment[j],
    outputTypeII: m.output[j] + w.output * m.wages[j],
    valueAddedTypeII: m.valueAdded[j] + w.valueAdded * m.wages[j],
    employmentTypeII: m.employment[j] + w.employment * m.wages[j],
  });
  return [...listed].map((j) => ({
    index: j,
    before: pack(mm, j, wBefore),
    after: endoAfter[j] ? pack(mAfter, j, wAfter) : null,
  }));
}
