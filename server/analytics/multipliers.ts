/**
 * Every firm's input-output multipliers and linkage indices, one sparse solve per vector (not one per firm).
 *
 * With L = (I − A)⁻¹ and G = (I − B)⁻¹ (Miller & Blair 2009, ch. 6 multipliers, §12.1 Ghosh, §12.2 linkages):
 *   output multiplier      생산유발계수     m = L'1        solves (I − Aᵀ) m = 1
 *   employment multiplier  취업유발계수     y = L'ℓ        solves (I − Aᵀ) y = ℓ,  ℓ_i = employees_i / x_i
 *   value-added multiplier 부가가치유발계수  w = L'v        solves (I − Aᵀ) w = v,  v_i = value-added ratio
 *   home-region output     r = L'1_home     solves (I − Aᵀ) r = 1_home
 *   regional retention     (r_j − h_j) / (m_j − 1): the home-region share of the output j induces beyond its
 *                          own unit (h_j = 1 if j is in the home region); NaN when j buys nothing (m_j = 1),
 *                          so that a firm without suppliers is not credited with perfect retention
 *   Leontief row sums      L1               solves (I − A) s = 1
 *   Ghosh row sums         G1               solves (I − B) g = 1   (forward linkage, supply side)
 *   backward linkage index 영향력계수        m_j / mean(m)
 *   forward linkage index  감응도계수        (L1)_i / mean(L1)
 * The forward index follows Bank of Korea practice (rows of the Leontief inverse, the Rasmussen index);
 * the Ghosh row sums, which Miller & Blair recommend as the better forward measure, are returned beside it
 * in `ghoshRowSums` for a caller who prefers them.
 *
 * Units: y is persons per KRW million of final demand (×1,000 for the usual persons per ₩1bn); w and r
 * are KRW million per KRW million. Each solve is a Neumann series (Jacobi iteration: A has a zero
 * diagonal) in the norm where its operator contracts — ‖·‖∞ for Aᵀ and B, ‖·‖₁ for A — so every report's
 * residual and error bound hold in that norm (see leontief.ts); the four Aᵀ solves share one pass over the
 * CSR per term, and A shares one with B (block-series.ts). Non-convergence throws.
 */
import type { Snapshot } from './snapshot.ts';
import {
  checkSeriesOptions,
  SERIES_DEFAULTS,
  type Norm,
  type SeriesOptions,
  type SeriesSolution,
} from './leontief.ts';
import { leontiefSums } from './block-series.ts';

export type MultiplierOptions = SeriesOptions;

/** Below this induced output per unit of final demand, a firm is treated as buying nothing. */
const INDUCED_EPSILON = 1e-12;

export const MULTIPLIER_DEFAULTS: Readonly<MultiplierOptions> = SERIES_DEFAULTS;

export interface SolveReport {
  iterations: number;
  /** Relative residual bound in `norm`. */
  residual: number;
  /** Relative error bound in `norm`. */
  errorBound: number;
  norm: Norm;
}

export interface Multipliers {
  output: Float64Array;
  employment: Float64Array;
  valueAdded: Float64Array;
  homeRegionOutput: Float64Array;
  regionalRetention: Float64Array;
  leontiefRowSums: Float64Array;
  ghoshRowSums: Float64Array;
  backwardLinkage: Float64Array;
  forwardLinkage: Float64Array;
  solves: {
    output: SolveReport;
    employment: SolveReport;
    valueAdded: SolveReport;
    homeRegionOutput: SolveReport;
    leontiefRowSums: SolveReport;
    ghoshRowSums: SolveReport;
  };
}

export function multipliers(snapshot: Snapshot, options: Partial<MultiplierOptions> = {}): Multipliers {
  const caller = 'multipliers';
  const settings = { ...MULTIPLIER_DEFAULTS, ...options };
  checkSeriesOptions(settings, caller);
  const weights = multiplierWeights(snapshot);
  // The four column sums of L in one block series, the row sums of L and G in another (block-series.ts).
  const { columnSums, leontiefRows, ghoshRows } = leontiefSums(snapshot, new Uint8Array(snapshot.n).fill(1), weights, weights[0], caller, settings);
  return multipliersFrom(snapshot, columnSums, leontiefRows, ghoshRows);
}

/** The weights of the four column sums, in order: 1, ℓ (employees / revenue), v, 1_home. */
function multiplierWeights(snapshot: Snapshot): [Float64Array, Float64Array, Float64Array, Float64Array] {
  const { n, revenue, employees, valueAddedRatio, inHomeRegion } = snapshot;
  return [
    new Float64Array(n).fill(1),
    Float64Array.from(employees, (e, i) => e / revenue[i]),
    Float64Array.from(valueAddedRatio),
    Float64Array.from(inHomeRegion),
  ];
}

/**
 * The multipliers from the solved series over every firm: Lᵀ1, Lᵀℓ, Lᵀv, Lᵀ1_home (the first four of
 * `columnSums`, ‖·‖∞), L1 (‖·‖₁) and G1 (‖·‖∞).
 */
export function multipliersFrom(snapshot: Snapshot, columnSums: readonly SeriesSolution[], leontiefRows: SeriesSolution, ghoshRows: SeriesSolution): Multipliers {
  const [output, employment, valueAdded, home] = columnSums;
  const { inHomeRegion } = snapshot;
  const report = (s: SeriesSolution, norm: Norm): SolveReport => ({ iterations: s.iterations, residual: s.residual, errorBound: s.errorBound, norm });

  const m = output.x;
  return {
    output: m,
    employment: employment.x,
    valueAdded: valueAdded.x,
    homeRegionOutput: home.x,
    regionalRetention: home.x.map((r, j) => (m[j] - 1 > INDUCED_EPSILON ? (r - inHomeRegion[j]) / (m[j] - 1) : NaN)),
    leontiefRowSums: leontiefRows.x,
    ghoshRowSums: ghoshRows.x,
    backwardLinkage: relativeToMean(m),
    forwardLinkage: relativeToMean(leontiefRows.x),
    solves: {
      output: report(output, 'max'),
      employment: report(employment, 'max'),
      valueAdded: report(valueAdded, 'max'),
      homeRegionOutput: report(home, 'max'),
      leontiefRowSums: report(leontiefRows, 'l1'),
      ghoshRowSums: report(ghoshRows, 'max'),
    },
  };
}

/** v_i / mean(v); v is positive here (every multiplier and row sum of an inverse is ≥ 1). */
function relativeToMean(v: Float64Array): Float64Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += v[i];
  const mean = sum / v.length;
  return v.map((x) => x / mean);
}
