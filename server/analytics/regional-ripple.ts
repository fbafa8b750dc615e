/**
 * Ripple effects in a scope, Type I and Type II (DESIGN §4; the system is defined in regional.ts).
 *
 * Demand (Leontief), endogenous firms E:
 *   d = Δf_E + A_EO Δf_O                      direct demand on E (export demand from shocks outside E)
 *   Δx_I  = (I − A_EE)⁻¹ d                    Type I (직접·간접효과), a Neumann series on A_EE in L1
 *   Δx_II = Δx_I + κ (hᵀΔx_I) s q₁            Type II, households closed (Sherman–Morrison, regional.ts)
 *   leakage_i = Σ_{j∈E} a_ij Δx_j, i ∉ E       purchases from outside firms, every round
 *   household income = hᵀΔx                    wages of home-region endogenous firms
 * Supply (Ghosh), the same with B: d = Δv_E + B_OEᵀ Δv_O, Δx' = (I − B_EE)ᵀ⁻¹ d, and "leakage" is the
 * supply pushed to buyers outside E (Σ_{i∈E} b_ij Δx_i, j ∉ E). Households close the demand model only.
 *
 * Per firm, for either type: output Δx_i, value added Δx_i·v_i, employment Δx_i·employees_i/x_i; zero
 * outside E (an outside firm's own output is not the region's). `hop` and `outputByHop` describe the Type I
 * series of d (hop 0 for the firms d reaches directly, −1 for firms reached only through households).
 */
import type { Snapshot } from './snapshot.ts';
import type { RippleModel, RippleSolution, Shock } from './ripple.ts';
import { hopRecorder, shockVector } from './ripple.ts';
import { AnalyticsInputError } from './errors.ts';
import { pushCsr, scopedPush } from './ripple-operators.ts';
import {
  applyA,
  applyBT,
  checkSeriesOptions,
  ghoshContraction,
  leontiefContraction,
  neumannSeries,
  SERIES_DEFAULTS,
  type SeriesOptions,
} from './leontief.ts';
import {
  dot,
  householdClosure,
  householdFeedback,
  HOUSEHOLD_SPENDING_SHARE_DEFAULT,
  endogenousFirms,
  restrict,
  type Scope,
} from './regional.ts';

export interface ScopedRippleOptions extends SeriesOptions {
  model: RippleModel;
  scope: Scope;
  /** Close the model for the home region's households (Type II); demand model only. */
  households: boolean;
  householdSpendingShare: number;
}

export const SCOPED_RIPPLE_DEFAULTS: Readonly<ScopedRippleOptions> = {
  ...SERIES_DEFAULTS,
  model: 'demand',
  scope: 'region',
  households: true,
  householdSpendingShare: HOUSEHOLD_SPENDING_SHARE_DEFAULT,
};

/** The effects of one type (I or II) on every firm (zero outside the endogenous firms). */
export interface IoEffects {
  output: Float64Array;
  valueAdded: Float64Array;
  employment: Float64Array;
  /** Wages earned by the home region's households, KRW million. */
  householdIncome: number;
  /** Per firm outside E: purchases from it induced by the scenario (supply model: supply pushed to it). */
  leakage: Float64Array;
  leakageTotal: number;
}

export interface ScopedRipple {
  model: RippleModel;
  scope: Scope;
  households: boolean;
  householdSpendingShare: number | null;
  endogenous: Uint8Array;
  /** The shocks as given, per firm. */
  shock: Float64Array;
  /** d: the direct demand (supply) on endogenous firms, export demand included. */
  demand: Float64Array;
  /** A_EO Δf_O (B_OEᵀ Δv_O): what shocks outside E bring to endogenous firms. */
  exportDemand: Float64Array;
  typeI: IoEffects;
  typeII: IoEffects | null;
  hop: Int32Array;
  outputByHop: Float64Array;
  iterations: number;
  residual: number;
  errorBound: number;
}

export function rippleScoped(
  snapshot: Snapshot,
  shocks: readonly Shock[],
  options: Partial<ScopedRippleOptions> = {},
): ScopedRipple {
  const caller = 'rippleScoped';
  const settings = { ...SCOPED_RIPPLE_DEFAULTS, ...options };
  checkSeriesOptions(settings, caller);
  const { model, scope, households } = settings;
  if (model !== 'demand' && model !== 'supply') {
    throw new AnalyticsInputError('model', `${caller}: model must be "demand" or "supply", got ${String(model)}`);
  }
  if (households && model !== 'demand') {
    throw new AnalyticsInputError('households', `${caller}: households close the demand model only; the supply model is Type I`);
  }
  const endogenous = endogenousFirms(snapshot, scope);
  const shock = shockVector(snapshot, shocks, caller);
  const contraction = model === 'demand' ? leontiefContraction(snapshot, caller) : ghoshContraction(snapshot, caller);
  const cross = model === 'demand' ? applyA : applyBT;
  const push = scopedPush(snapshot, model, scope, endogenous);
  const { n } = snapshot;

  // What shocks outside E bring to E in the first round: export demand (demand) or inputs (supply).
  const exportDemand = new Float64Array(n);
  const outsideShock = restrict(shock, endogenous, true);
  if (outsideShock.some((v) => v !== 0)) {
    cross(snapshot, outsideShock, exportDemand);
    for (let i = 0; i < n; i++) if (!endogenous[i]) exportDemand[i] = 0;
  }
  const demand = restrict(shock, endogenous);
  for (let i = 0; i < n; i++) demand[i] += exportDemand[i];

  const { hop, outputByHop, onTerm } = hopRecorder(n);
  const series = neumannSeries(
    {
      caller,
      apply: (t, out) => pushCsr(push.inner, t, out),
      b: demand,
      norm: 'l1',
      contraction,
      onTerm,
    },
    settings,
  );

  const effects = (output: Float64Array): IoEffects => {
    const valueAdded = new Float64Array(n);
    const employment = new Float64Array(n);
    const { revenue, employees, valueAddedRatio, wageShare, inHomeRegion } = snapshot;
    let householdIncome = 0;
    for (let i = 0; i < n; i++) {
      const dx = output[i];
      if (dx === 0) continue;
      valueAdded[i] = dx * valueAddedRatio[i];
      employment[i] = (dx * employees[i]) / revenue[i];
      if (inHomeRegion[i]) householdIncome += dx * wageShare[i];
    }
    const leakage = new Float64Array(n);
    let leakageTotal = 0;
    if (scope === 'region') {
      // output is zero outside E, so only E's links out of E carry leakage.
      pushCsr(push.outer, output, leakage);
      for (let i = 0; i < n; i++) leakageTotal += leakage[i];
    }
    return { output, valueAdded, employment, householdIncome, leakage, leakageTotal };
  };

  const typeI = effects(series.x);
  let typeII: IoEffects | null = null;
  if (households) {
    const closure = householdClosure(snapshot, scope, settings);
    const kappa = householdFeedback(closure, settings.householdSpendingShare, caller);
    const spending = kappa * dot(closure.wageRow, typeI.output) * settings.householdSpendingShare;
    const output = Float64Array.from(typeI.output);
    if (spending !== 0) for (let i = 0; i < n; i++) output[i] += spending * closure.outputPerSpending[i];
    typeII = effects(output);
  }

  return {
    model,
    scope,
    households,
    householdSpendingShare: households ? settings.householdSpendingShare : null,
    endogenous,
    shock,
    demand,
    exportDemand,
    typeI,
    typeII,
    hop,
    outputByHop: Float64Array.from(outputByHop),
    iterations: series.iterations,
    residual: series.residual,
    errorBound: series.errorBound,
  };
}

/**
 * One type of a scoped ripple in the shape summariseRipple reads: the direct demand d stands for the shock,
 * so `direct` is what reaches the endogenous firms and `induced` what the rounds (and households) add.
 */
export function asRippleSolution(ripple: ScopedRipple, type: 'I' | 'II'): RippleSolution {
  const effects = type === 'II' ? ripple.typeII : ripple.typeI;
  if (!effects) throw new AnalyticsInputError('households', 'asRippleSolution: this ripple has no Type II (households were not closed)');
  return {
    model: ripple.model,
    shock: ripple.demand,
    output: effects.output,
    valueAdded: effects.valueAdded,
    employment: effects.employment,
    hop: ripple.hop,
    outputByHop: ripple.outputByHop,
    iterations: ripple.iterations,
    residual: ripple.residual,
    errorBound: ripple.errorBound,
  };
}
