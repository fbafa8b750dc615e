/**
 * The input-output core shared by the ripple, multiplier, disruption and extraction analyses: the
 * coefficient matrices as sparse operators over the snapshot, their convergence conditions, and the
 * Neumann (power) series that solves (I − M) x = b.
 *
 * Leontief (demand-pull): a_ij = z_ij / x_j (input coefficients), L = (I − A)⁻¹.
 * Ghosh (supply-push):    b_ij = z_ij / x_i (output coefficients), G = (I − B)⁻¹ = x̂⁻¹ L x̂.
 * Miller & Blair, Input-Output Analysis (2nd ed., 2009), §2.3 and §12.1.
 *
 * Convergence: (I − M)⁻¹ b = b + M b + M² b + … converges when ‖M‖ < 1 in some operator norm. The
 * accounting rules of the import (DESIGN §3) give exactly that:
 *   ‖A‖₁ = ‖Aᵀ‖∞ = max_j Σ_i z_ij / x_j < 1   (every buyer's network purchases below its revenue),
 *   ‖B‖∞ = ‖Bᵀ‖₁ = max_i Σ_j z_ij / x_i < 1   (every supplier's network sales below its revenue).
 * Each series is measured in the norm in which its operator contracts (c = that operator norm), so after
 * K terms with last term t_K the true residual b − (I − M)x_K = M t_K has norm ≤ c‖t_K‖ ≤ ‖t_K‖ and the
 * error is ≤ c/(1 − c)·‖t_K‖. The series stops when ‖t_K‖ ≤ tolerance·‖b‖; `residual` is ‖t_K‖/‖b‖ and
 * `errorBound` is c/(1 − c)·residual, both relative to ‖b‖. A series that is still above tolerance after
 * maxIterations terms throws NonConvergenceError; it never returns an unconverged vector.
 *
 * The operators never form A or B: one division per firm turns its row or column of z into coefficients.
 * A and Bᵀ push along the CSR from the firms whose term is non-zero (sparse shocks stay cheap in the first
 * hops); Aᵀ and B pull (dense right-hand sides).
 */
import type { Snapshot } from './snapshot.ts';
import { AnalyticsInputError, ConvergenceConditionError, NonConvergenceError } from './errors.ts';

export interface InterFirmFlows {
  /** Σ_i z_ij: each firm's purchases from the network. */
  readonly purchases: Float64Array;
  /** Σ_j z_ij: each firm's sales to the network. */
  readonly sales: Float64Array;
}

const flowsCache = new WeakMap<Snapshot, InterFirmFlows>();

/** Purchases and sales per firm, after checking revenues and supply values (cached per snapshot). */
export function interFirmFlows(snapshot: Snapshot, caller: string): InterFirmFlows {
  const cached = flowsCache.get(snapshot);
  if (cached) return cached;
  const { n, revenue, outOffsets, outTargets, outValues, ids } = snapshot;
  for (let i = 0; i < n; i++) {
    const x = revenue[i];
    if (!(x > 0 && x < Infinity)) {
      throw new AnalyticsInputError('revenue', `${caller}: firm "${ids[i]}" has revenue ${x}; it must be positive`);
    }
  }
  const purchases = new Float64Array(n);
  const sales = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let p = outOffsets[i]; p < outOffsets[i + 1]; p++) {
      const z = outValues[p];
      if (!(z >= 0 && z < Infinity)) {
        throw new AnalyticsInputError(
          'supplies',
          `${caller}: the supply ${ids[i]}→${ids[outTargets[p]]} has value ${z}; it must be finite and ≥ 0`,
        );
      }
      s += z;
      purchases[outTargets[p]] += z;
    }
    sales[i] = s;
  }
  const flows = { purchases, sales };
  flowsCache.set(snapshot, flows);
  return flows;
}

/**
 * Checks that every column sum of A (purchases / revenue) is below 1 and returns the largest, the
 * contraction factor of A in ‖·‖₁ and of Aᵀ in ‖·‖∞. Throws ConvergenceConditionError naming the first
 * firm that breaks the rule, with its sums.
 */
export function leontiefContraction(snapshot: Snapshot, caller: string): number {
  return contraction(snapshot, caller, interFirmFlows(snapshot, caller).purchases, 'buys from', 'A', 'column');
}

/** As leontiefContraction, for the row sums of B (sales / revenue): the contraction of B and Bᵀ. */
export function ghoshContraction(snapshot: Snapshot, caller: string): number {
  return contraction(snapshot, caller, interFirmFlows(snapshot, caller).sales, 'sells to', 'B', 'row');
}

function contraction(
  snapshot: Snapshot,
  caller: string,
  flow: Float64Array,
  verb: string,
  matrix: string,
  line: string,
): number {
  const { n, revenue, ids } = snapshot;
  let max = 0;
  let first = -1;
  let violations = 0;
  for (let i = 0; i < n; i++) {
    const share = flow[i] / revenue[i];
    if (share >= 1) {
      if (first < 0) first = i;
      violations++;
    } else if (share > max) {
      max = share;
    }
  }
  if (first >= 0) {
    const more = violations > 1 ? `; ${violations - 1} more firm(s) break the same rule` : '';
    throw new ConvergenceConditionError(
      `${caller}: firm "${ids[first]}" ${verb} the network ${flow[first]} but its revenue is ${revenue[first]} ` +
        `(${line} sum of ${matrix} = ${(flow[first] / revenue[first]).toPrecision(6)}, must be < 1), so the ` +
        `series does not converge${more}`,
      ids[first],
      flow[first],
      revenue[first],
      violations,
    );
  }
  return max;
}

/** out = A t: each buyer j with t_j ≠ 0 pushes a_ij·t_j to its suppliers i. */
export function applyA(s: Snapshot, t: Float64Array, out: Float64Array): void {
  const { n, revenue, inOffsets, inSources, inValues } = s;
  out.fill(0);
  for (let j = 0; j < n; j++) {
    const tj = t[j];
    if (tj === 0) continue;
    const scale = tj / revenue[j];
    for (let p = inOffsets[j], end = inOffsets[j + 1]; p < end; p++) out[inSources[p]] += inValues[p] * scale;
  }
}

/** out = Aᵀ t: (Aᵀt)_j = Σ_i z_ij t_i / x_j, pulled over j's suppliers. */
export function applyAT(s: Snapshot, t: Float64Array, out: Float64Array): void {
  const { n, revenue, inOffsets, inSources, inValues } = s;
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let p = inOffsets[j], end = inOffsets[j + 1]; p < end; p++) sum += inValues[p] * t[inSources[p]];
    out[j] = sum / revenue[j];
  }
}

/** out = B t: (Bt)_i = Σ_j z_ij t_j / x_i, pulled over i's buyers. */
export function applyB(s: Snapshot, t: Float64Array, out: Float64Array): void {
  const { n, revenue, outOffsets, outTargets, outValues } = s;
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let p = outOffsets[i], end = outOffsets[i + 1]; p < end; p++) sum += outValues[p] * t[outTargets[p]];
    out[i] = sum / revenue[i];
  }
}

/** out = Bᵀ t (the row vector t'B): each supplier i with t_i ≠ 0 pushes b_ij·t_i to its buyers j. */
export function applyBT(s: Snapshot, t: Float64Array, out: Float64Array): void {
  const { n, revenue, outOffsets, outTargets, outValues } = s;
  out.fill(0);
  for (let i = 0; i < n; i++) {
    const ti = t[i];
    if (ti === 0) continue;
    const scale = ti / revenue[i];
    for (let p = outOffsets[i], end = outOffsets[i + 1]; p < end; p++) out[outTargets[p]] += outValues[p] * scale;
  }
}

export type Norm = 'l1' | 'max';

export interface SeriesOptions {
  /** Stop when ‖t_K‖ ≤ tolerance·‖b‖. */
  tolerance: number;
  maxIterations: number;
}

export const SERIES_DEFAULTS: Readonly<SeriesOptions> = {
  tolerance: 1e-10,
  maxIterations: 1000,
};

export interface SeriesProblem {
  caller: string;
  /** out = M t; must overwrite every entry of out. */
  apply: (t: Float64Array, out: Float64Array) => void;
  b: Float64Array;
  norm: Norm;
  /** ‖M‖ in `norm`, below 1. */
  contraction: number;
  /** Called with each term t_k = M^k b (k = 0 for b itself); t is reused, so copy what you keep. */
  onTerm?: (k: number, t: Float64Array) => void;
}

export interface SeriesSolution {
  x: Float64Array;
  /** Number of terms added after b (0 when b = 0). */
  iterations: number;
  /** ‖t_K‖/‖b‖: an upper bound on the relative residual ‖b − (I − M)x‖/‖b‖. */
  residual: number;
  /** c/(1 − c)·residual: an upper bound on ‖x − x*‖/‖b‖. */
  errorBound: number;
}

/** Checks tolerance and maxIterations, naming `caller` when one is refused. */
export function checkSeriesOptions(options: SeriesOptions, caller: string): void {
  if (!(options.tolerance > 0 && options.tolerance < 1)) {
    throw new AnalyticsInputError('tolerance', `${caller}: tolerance must be in (0, 1), got ${options.tolerance}`);
  }
  if (!(Number.isInteger(options.maxIterations) && options.maxIterations > 0)) {
    throw new AnalyticsInputError(
      'maxIterations',
      `${caller}: maxIterations must be a positive integer, got ${options.maxIterations}`,
    );
  }
}

/** x = Σ_k M^k b, stopped as described in the header. */
export function neumannSeries(problem: SeriesProblem, options: SeriesOptions): SeriesSolution {
  const { apply, b, norm, contraction: c, onTerm, caller } = problem;
  const { tolerance, maxIterations } = options;
  const n = b.length;
  const x = Float64Array.from(b);
  let term = Float64Array.from(b);
  let next = new Float64Array(n);
  onTerm?.(0, term);
  const bNorm = vectorNorm(b, norm);
  if (bNorm === 0) return { x, iterations: 0, residual: 0, errorBound: 0 };
  const threshold = tolerance * bNorm;
  let termNorm = bNorm;
  for (let k = 1; k <= maxIterations; k++) {
    apply(term, next);
    const swap = term;
    term = next;
    next = swap;
    termNorm = 0;
    if (norm === 'l1') {
      for (let i = 0; i < n; i++) {
        const v = term[i];
        x[i] += v;
        termNorm += v < 0 ? -v : v;
      }
    } else {
      for (let i = 0; i < n; i++) {
        const v = term[i];
        x[i] += v;
        const a = v < 0 ? -v : v;
        if (a > termNorm) termNorm = a;
      }
    }
    onTerm?.(k, term);
    if (termNorm <= threshold) {
      const residual = termNorm / bNorm;
      return { x, iterations: k, residual, errorBound: (c / (1 - c)) * residual };
    }
  }
  throw new NonConvergenceError(caller, maxIterations, termNorm / bNorm, tolerance);
}

function vectorNorm(v: Float64Array, norm: Norm): number {
  let r = 0;
  for (let i = 0; i < v.length; i++) {
    const a = Math.abs(v[i]);
    if (norm === 'l1') r += a;
    else if (a > r) r = a;
  }
  return r;
}
