/**
 * Every endogenous firm's input-output coefficients in a scope, Type I and Type II, with the Bank of Korea's
 * names; one sparse solve per vector, not one per firm (the system is defined in regional.ts).
 *
 * With L = (I − A_EE)⁻¹ (Type I) and L₂ = (I − A_EE − c hᵀ)⁻¹ = L + κ q uᵀ (Sherman–Morrison; q = L c,
 * u = Lᵀh, κ = 1/(1 − hᵀq)), for a weight vector g the Type II column sums are
 *   L₂ᵀg = Lᵀg + κ (gᵀq) u
 * and the Type II row sums L₂1 = L1 + κ (uᵀ1) q. Per firm j ∈ E (NaN outside E):
 *   생산유발계수    output        Lᵀ1          output of E per ₩1 of final demand for j, its own ₩1 included
 *   부가가치유발계수 valueAdded    Lᵀv
 *   취업유발계수    employment    Lᵀℓ, ℓ_i = employees_i / x_i, persons per KRW million (×1000 per ₩1bn).
 *                                 Anchorage's `employees` are wage employees, so the 고용유발계수 (wage
 *                                 employees) and the 취업유발계수 (all persons employed) are the same number.
 *   household income               u = Lᵀh: wages of home households per ₩1 (Type II: κu)
 *   영향력계수      backwardLinkage  output_j / mean over E
 *   감응도계수      forwardLinkage   (L1)_i / mean over E (rows of the Leontief inverse, BoK practice)
 *   Ghosh forward linkage          (G1)_i / mean over E, G = (I − B_EE)⁻¹ (Miller & Blair §12.2), Type I
 * Type II multipliers count firms only (the household row is reported apart, as household income).
 * Miller & Blair (2009) ch. 6 and §2.5; Bank of Korea, 2020 Input-Output Tables, explanatory notes.
 *
 * Solves: Aᵀ for 1, ℓ, v, h (max-norm) in one block, A for 1 (L1) and B for 1 (max-norm) in another
 * (block-series.ts), and A for φ (the household closure, cached per snapshot): seven per scope in three series.
 * multipliersAndNetworkCoefficients shares the first two with the all-firm multipliers.
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
import { endogenousFirms, householdClosure, householdFeedback, HOUSEHOLD_SPENDING_SHARE_DEFAULT, restrict, type HouseholdClosure, type Scope } from './regional.ts';
import { multipliersFrom, type Multipliers } from './multipliers.ts';

export interface CoefficientOptions extends SeriesOptions {
  scope: Scope;
  householdSpendingShare: number;
}

export const COEFFICIENT_DEFAULTS: Readonly<CoefficientOptions> = {
  ...SERIES_DEFAULTS,
  scope: 'region',
  householdSpendingShare: HOUSEHOLD_SPENDING_SHARE_DEFAULT,
};

export interface CoefficientSet {
  /** 생산유발계수 */
  output: Float64Array;
  /** 부가가치유발계수 */
  valueAdded: Float64Array;
  /** 취업유발계수 (= 고용유발계수), persons per KRW million */
  employment: Float64Array;
  /** Wages of the home region's households per unit of final demand. */
  householdIncome: Float64Array;
  /** 영향력계수 */
  backwardLinkage: Float64Array;
  /** 감응도계수 (Leontief row sums relative to their mean) */
  forwardLinkage: Float64Array;
  leontiefRowSums: Float64Array;
}

export interface SolveSummary {
  iterations: number;
  residual: number;
  errorBound: number;
  norm: Norm;
}

export interface IoCoefficients {
  scope: Scope;
  householdSpendingShare: number;
  endogenous: Uint8Array;
  typeI: CoefficientSet;
  typeII: CoefficientSet;
  /** Ghosh row sums G1 and their index G1 / mean (Type I). */
  ghoshRowSums: Float64Array;
  ghoshForwardLinkage: Float64Array;
  solves: Record<'output' | 'valueAdded' | 'employment' | 'householdIncome' | 'leontiefRowSums' | 'ghoshRowSums' | 'households', SolveSummary>;
}

export function ioCoefficients(snapshot: Snapshot, options: Partial<CoefficientOptions> = {}): IoCoefficients {
  const caller = 'ioCoefficients';
  const system = coefficientSystem(snapshot, options, caller);
  // Four column sums of L (Aᵀ) in one block, the row sums of L and G (A, B) in another (block-series.ts).
  const { columnSums, leontiefRows, ghoshRows } = leontiefSums(snapshot, system.endogenous, system.weights, system.weights[0], caller, system.settings);
  return coefficientsFrom(system, columnSums, leontiefRows, ghoshRows);
}

/**
 * The all-firm multipliers (multipliers.ts) and the network-scope coefficients at once. In the network scope
 * every firm is endogenous, so both solve Lᵀ1, Lᵀℓ, Lᵀv, L1 and G1 of the same system: one five-column block
 * (the multipliers' 1_home and the coefficients' wage row h beside the three shared weights) and one row-sum
 * block serve both, instead of two of each. Every column keeps its own norm, stopping rule and report.
 */
export function multipliersAndNetworkCoefficients(
  snapshot: Snapshot,
  options: Partial<Omit<CoefficientOptions, 'scope'>> = {},
): { multipliers: Multipliers; network: IoCoefficients } {
  const caller = 'multipliersAndNetworkCoefficients';
  const system = coefficientSystem(snapshot, { ...options, scope: 'network' }, caller);
  const [ones, labour, valueAdded, wageRow] = system.weights;
  const home = Float64Array.from(snapshot.inHomeRegion);
  const { columnSums, leontiefRows, ghoshRows } = leontiefSums(snapshot, system.endogenous, [ones, labour, valueAdded, home, wageRow], ones, caller, system.settings);
  const [output, employment, valueAddedSums, homeSums, income] = columnSums;
  return {
    multipliers: multipliersFrom(snapshot, [output, employment, valueAddedSums, homeSums], leontiefRows, ghoshRows),
    network: coefficientsFrom(system, [output, employment, valueAddedSums, income], leontiefRows, ghoshRows),
  };
}

interface CoefficientSystem {
  settings: CoefficientOptions;
  endogenous: Uint8Array;
  /** 1, ℓ, v and h, zero outside the endogenous firms. */
  weights: [Float64Array, Float64Array, Float64Array, Float64Array];
  closure: HouseholdClosure;
  kappa: number;
}

function coefficientSystem(snapshot: Snapshot, options: Partial<CoefficientOptions>, caller: string): CoefficientSystem {
  const settings = { ...COEFFICIENT_DEFAULTS, ...options };
  checkSeriesOptions(settings, caller);
  const endogenous = endogenousFirms(snapshot, settings.scope);
  const { n, revenue, employees, valueAddedRatio } = snapshot;
  const closure = householdClosure(snapshot, settings.scope, settings);
  const kappa = householdFeedback(closure, settings.householdSpendingShare, caller);
  const weights: CoefficientSystem['weights'] = [
    restrict(new Float64Array(n).fill(1), endogenous),
    restrict(Float64Array.from(employees, (e, i) => e / revenue[i]), endogenous),
    restrict(valueAddedRatio, endogenous),
    closure.wageRow,
  ];
  return { settings, endogenous, weights, closure, kappa };
}

/** The coefficients from the solved series: Lᵀ1, Lᵀℓ, Lᵀv, Lᵀh (‖·‖∞), L1 (‖·‖₁) and G1 (‖·‖∞) over E. */
function coefficientsFrom(system: CoefficientSystem, columnSums: readonly SeriesSolution[], rows: SeriesSolution, ghosh: SeriesSolution): IoCoefficients {
  const { settings, endogenous, weights, closure, kappa } = system;
  const { scope, householdSpendingShare } = settings;
  const [ones, labour, valueAddedWeights] = weights;
  const [output, employment, valueAdded, income] = columnSums;
  const report = (s: SeriesSolution, norm: Norm): SolveSummary => ({ iterations: s.iterations, residual: s.residual, errorBound: s.errorBound, norm });

  // Type II: L₂ᵀg = Lᵀg + κ (gᵀq) u and L₂1 = L1 + κ (uᵀ1) q, with q = s·q₁.
  const q = closure.outputPerSpending.map((v) => v * householdSpendingShare);
  const typeII = (typeI: Float64Array, w: Float64Array) => {
    const gain = kappa * dotWithin(w, q, endogenous);
    return typeI.map((v, j) => v + gain * income.x[j]);
  };
  const rowsII = (() => {
    const gain = kappa * dotWithin(income.x, ones, endogenous);
    return rows.x.map((v, i) => v + gain * q[i]);
  })();

  const set = (o: Float64Array, w: Float64Array, e: Float64Array, u: Float64Array, r: Float64Array): CoefficientSet => ({
    output: outsideNaN(o, endogenous),
    valueAdded: outsideNaN(w, endogenous),
    employment: outsideNaN(e, endogenous),
    householdIncome: outsideNaN(u, endogenous),
    backwardLinkage: relativeToMean(o, endogenous),
    forwardLinkage: relativeToMean(r, endogenous),
    leontiefRowSums: outsideNaN(r, endogenous),
  });

  return {
    scope,
    householdSpendingShare,
    endogenous,
    typeI: set(output.x, valueAdded.x, employment.x, income.x, rows.x),
    typeII: set(
      typeII(output.x, ones),
      typeII(valueAdded.x, valueAddedWeights),
      typeII(employment.x, labour),
      income.x.map((u) => kappa * u),
      rowsII,
    ),
    ghoshRowSums: outsideNaN(ghosh.x, endogenous),
    ghoshForwardLinkage: relativeToMean(ghosh.x, endogenous),
    solves: {
      output: report(output, 'max'),
      valueAdded: report(valueAdded, 'max'),
      employment: report(employment, 'max'),
      householdIncome: report(income, 'max'),
      leontiefRowSums: report(rows, 'l1'),
      ghoshRowSums: report(ghosh, 'max'),
      households: { ...closure.solve, norm: 'l1' },
    },
  };
}

function dotWithin(a: Float64Array, b: Float64Array, mask: Uint8Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) if (mask[i]) s += a[i] * b[i];
  return s;
}

function outsideNaN(v: Float64Array, mask: Uint8Array): Float64Array {
  return v.map((x, i) => (mask[i] ? x : NaN));
}

/** v_i / mean over the masked firms; NaN outside the mask. */
function relativeToMean(v: Float64Array, mask: Uint8Array): Float64Array {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < v.length; i++) {
    if (!mask[i]) continue;
    sum += v[i];
    count++;
  }
  const mean = sum / count;
  return v.map((x, i) => (mask[i] ? x / mean : NaN));
}
