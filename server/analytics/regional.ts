/**
 * The regional input-output system (DESIGN §4, "Scope" and "Type II"): which firms are endogenous, the
 * coefficient operators restricted to them, and the household closure.
 *
 * Scope. `network`: every firm is endogenous (the inter-regional model). `region`: only firms of the home
 * region (Busan) are; with E the endogenous set and O the rest, the model is the E×E block:
 *   Δx_E = (I − A_EE)⁻¹ d,    d = Δf_E + A_EO Δf_O   (export demand: an outside firm k's final demand
 *                                                     reaches its home suppliers i as a_ik·Δf_k)
 *   leakage_i = Σ_{j∈E} a_ij Δx_j  for i ∈ O          (purchases from outside firms: imports, every round)
 * Miller & Blair, Input-Output Analysis (2nd ed., 2009), §3.2 (single-region models) and §3.3.
 *
 * Households (Type II, Miller & Blair §2.5). The household sector is the home region's: it earns the wages
 * of home-region endogenous firms and spends a share s (householdSpendingShare) of that income on home
 * firms, allocated in proportion to each home firm's implied final demand x_i − S_i:
 *   h_j = wageShare_j  for j ∈ E ∩ home  (else 0),    c = s·φ,  φ_i = (x_i − S_i) / Σ_{k∈home}(x_k − S_k)
 *   (I − A_EE − c hᵀ) Δx = d
 * The closure is a rank-one update of I − A_EE, solved with Sherman–Morrison (Sherman & Morrison 1950):
 *   Δx_II = Δx_I + κ (hᵀΔx_I) q,   q = (I − A_EE)⁻¹ c,   κ = 1 / (1 − hᵀq),
 * so a Type II ripple costs the Type I series plus a dot product, once q₁ = (I − A_EE)⁻¹ φ is known (one
 * sparse solve per snapshot and scope, cached; q = s·q₁). Household income is hᵀΔx_II = κ·hᵀΔx_I.
 * In the network scope outside firms' wages go to households outside the region, which stay exogenous.
 *
 * The restricted operators never copy the snapshot: they skip firms outside E. Their norms are at most
 * those of the whole A and B, so the contraction factors of leontief.ts bound their series too.
 */
import type { Snapshot } from './snapshot.ts';
import { AnalyticsInputError } from './errors.ts';
import {
  applyA,
  applyAT,
  applyB,
  applyBT,
  interFirmFlows,
  leontiefContraction,
  neumannSeries,
  type SeriesOptions,
  type SeriesSolution,
} from './leontief.ts';

export const SCOPES = ['region', 'network'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * Default share of household income spent on home-region firms: consumption out of household income,
 * 0.707 (average propensity to consume) × 404/502 (disposable / total income) ≈ 0.57 (Statistics Korea,
 * Household Income and Expenditure Survey 2023), times the intraregional share of Busan's purchased
 * inputs, 0.200 / (0.200 + 0.266 + 0.077) ≈ 0.37 (2005 multi-regional IO table, DESIGN §3), ≈ 0.21; rounded
 * down to 0.2. An analyst with a local purchase survey should set it.
 */
export const HOUSEHOLD_SPENDING_SHARE_DEFAULT = 0.2;

/** A series operator: out = M t, overwriting every entry of out. */
export type Operator = (t: Float64Array, out: Float64Array) => void;

export interface ScopedOperators {
  scope: Scope;
  /** 1 for endogenous firms. */
  endogenous: Uint8Array;
  /** A_EE (push along the in-CSR), A_EEᵀ (pull), B_EE (pull), B_EEᵀ (push). */
  A: Operator;
  AT: Operator;
  B: Operator;
  BT: Operator;
}

/** The endogenous firms of a scope: every firm, or the home region's. */
export function endogenousFirms(snapshot: Snapshot, scope: Scope): Uint8Array {
  if (scope === 'network') return new Uint8Array(snapshot.n).fill(1);
  if (scope === 'region') return Uint8Array.from(snapshot.inHomeRegion);
  throw new AnalyticsInputError('scope', `endogenousFirms: scope must be "region" or "network", got ${String(scope)}`);
}

/** The coefficient operators of a scope. The network scope uses the unrestricted ones of leontief.ts. */
export function scopedOperators(snapshot: Snapshot, scope: Scope): ScopedOperators {
  const endogenous = endogenousFirms(snapshot, scope);
  if (scope === 'network') {
    return {
      scope,
      endogenous,
      A: (t, out) => applyA(snapshot, t, out),
      AT: (t, out) => applyAT(snapshot, t, out),
      B: (t, out) => applyB(snapshot, t, out),
      BT: (t, out) => applyBT(snapshot, t, out),
    };
  }
  const { n, revenue, inOffsets, inSources, inValues, outOffsets, outTargets, outValues } = snapshot;
  const e = endogenous;
  return {
    scope,
    endogenous,
    A: (t, out) => {
      out.fill(0);
      for (let j = 0; j < n; j++) {
        const tj = t[j];
        if (tj === 0 || !e[j]) continue;
        const scale = tj / revenue[j];
        for (let p = inOffsets[j], end = inOffsets[j + 1]; p < end; p++) {
          const i = inSources[p];
          if (e[i]) out[i] += inValues[p] * scale;
        }
      }
    },
    AT: (t, out) => {
      for (let j = 0; j < n; j++) {
        if (!e[j]) {
          out[j] = 0;
          continue;
        }
        let sum = 0;
        for (let p = inOffsets[j], end = inOffsets[j + 1]; p < end; p++) {
          const i = inSources[p];
          if (e[i]) sum += inValues[p] * t[i];
        }
        out[j] = sum / revenue[j];
      }
    },
    B: (t, out) => {
      for (let i = 0; i < n; i++) {
        if (!e[i]) {
          out[i] = 0;
          continue;
        }
        let sum = 0;
        for (let p = outOffsets[i], end = outOffsets[i + 1]; p < end; p++) {
          const j = outTargets[p];
          if (e[j]) sum += outValues[p] * t[j];
        }
        out[i] = sum / revenue[i];
      }
    },
    BT: (t, out) => {
      out.fill(0);
      for (let i = 0; i < n; i++) {
        const ti = t[i];
        if (ti === 0 || !e[i]) continue;
        const scale = ti / revenue[i];
        for (let p = outOffsets[i], end = outOffsets[i + 1]; p < end; p++) {
          const j = outTargets[p];
          if (e[j]) out[j] += outValues[p] * scale;
        }
      }
    },
  };
}

/** v restricted to the firms where mask is (or, with `outside`, is not) 1. */
export function restrict(v: Float64Array, mask: Uint8Array, outside = false): Float64Array {
  const r = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) if ((mask[i] === 1) !== outside) r[i] = v[i];
  return r;
}

export function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export interface HouseholdClosure {
  scope: Scope;
  /** h: wage share of home-region endogenous firms, else 0 (household income per unit of output). */
  wageRow: Float64Array;
  /** φ: the allocation of household spending over home firms (sums to 1). */
  consumptionPattern: Float64Array;
  /** q₁ = (I − A_EE)⁻¹ φ: output of each firm per unit of household spending. */
  outputPerSpending: Float64Array;
  /** hᵀq₁: household income that one unit of household spending earns back. */
  incomePerSpending: number;
  solve: Pick<SeriesSolution, 'iterations' | 'residual' | 'errorBound'>;
}

const closureCache = new WeakMap<Snapshot, Map<string, HouseholdClosure>>();

/**
 * h, φ and q₁ of a scope (cached per snapshot, scope and series settings: the snapshot never changes).
 * q₁ is a Neumann series on A_EE in L1 (φ ≥ 0 sums to 1).
 */
export function householdClosure(snapshot: Snapshot, scope: Scope, series: SeriesOptions): HouseholdClosure {
  const caller = 'householdClosure';
  const key = `${scope}:${series.tolerance}:${series.maxIterations}`;
  let byKey = closureCache.get(snapshot);
  const cached = byKey?.get(key);
  if (cached) return cached;
  const ops = scopedOperators(snapshot, scope);
  const contraction = leontiefContraction(snapshot, caller);
  const { n, revenue, wageShare, inHomeRegion } = snapshot;
  const { sales } = interFirmFlows(snapshot, caller);
  const wageRow = new Float64Array(n);
  const consumptionPattern = new Float64Array(n);
  let finalDemand = 0;
  for (let i = 0; i < n; i++) {
    if (!inHomeRegion[i]) continue;
    if (ops.endogenous[i]) wageRow[i] = wageShare[i];
    consumptionPattern[i] = revenue[i] - sales[i];
    finalDemand += consumptionPattern[i];
  }
  if (!(finalDemand > 0)) {
    throw new AnalyticsInputError('households', `${caller}: the home region has no firm with final demand to spend household income on`);
  }
  for (let i = 0; i < n; i++) consumptionPattern[i] /= finalDemand;
  const s = neumannSeries({ caller, apply: ops.A, b: consumptionPattern, norm: 'l1', contraction }, series);
  const closure: HouseholdClosure = {
    scope,
    wageRow,
    consumptionPattern,
    outputPerSpending: s.x,
    incomePerSpending: dot(wageRow, s.x),
    solve: { iterations: s.iterations, residual: s.residual, errorBound: s.errorBound },
  };
  if (!byKey) closureCache.set(snapshot, (byKey = new Map()));
  byKey.set(key, closure);
  return closure;
}

/** Checks householdSpendingShare ∈ [0, 1] and returns κ = 1/(1 − s·hᵀq₁), refusing a closure that does not converge. */
export function householdFeedback(closure: HouseholdClosure, householdSpendingShare: number, caller: string): number {
  const s = householdSpendingShare;
  if (!(typeof s === 'number' && s >= 0 && s <= 1)) {
    throw new AnalyticsInputError('householdSpendingShare', `${caller}: householdSpendingShare must be in [0, 1], got ${s}`);
  }
  const retained = s * closure.incomePerSpending;
  if (!(retained < 1)) {
    throw new AnalyticsInputError(
      'householdSpendingShare',
      `${caller}: households would earn back ${retained.toPrecision(6)} of every won they spend (must be < 1), so the household loop does not converge`,
    );
  }
  return 1 / (1 - retained);
}
