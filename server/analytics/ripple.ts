/**
 * Ripple effects of a shock through the firm network (DESIGN §4).
 *
 * Demand-pull (Leontief): a_ij = z_ij / x_j,  Δx = (I − A)⁻¹ Δf = Δf + AΔf + A²Δf + …
 * Supply-push (Ghosh):    b_ij = z_ij / x_i,  Δx' = Δv'(I − B)⁻¹ = Δv' + Δv'B + Δv'B² + …
 * Miller & Blair, Input-Output Analysis (2nd ed., 2009), §2.3 (Leontief) and §12.1 (Ghosh).
 *
 * A demand shock at buyer j reaches its suppliers i (AΔf pushes a_ij·Δx_j along the in-CSR); a supply
 * shock at supplier i reaches its buyers j (Δv'B pushes b_ij·Δv_i along the out-CSR). The k-th term is the
 * effect arriving at hop k; a firm's `hop` is the first term in which its contribution is non-zero (shocked
 * firms: 0; never reached: −1). Per firm: output Δx_i (the direct shock included), employment
 * Δx_i·employees_i/x_i and value added Δx_i·v_i. Shocks may be negative; the model is linear.
 *
 * Convergence is checked up front (every column sum of A, or row sum of B, below 1) and the series stops
 * when the L1 norm of the last term is ≤ tolerance·‖shock‖₁ — L1 because ‖A‖₁ and ‖Bᵀ‖₁ are the sums that
 * the accounting rules bound (see leontief.ts for the residual and error bound reported).
 */
import type { Snapshot } from './snapshot.ts';
import { AnalyticsInputError, UnknownFirmError } from './errors.ts';
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

export type RippleModel = 'demand' | 'supply';

/** A change of final demand (demand model) or of primary inputs (supply model), KRW million. */
export interface Shock {
  firmId: string;
  amount: number;
}

export type RippleOptions = SeriesOptions;

export const RIPPLE_DEFAULTS: Readonly<RippleOptions> = SERIES_DEFAULTS;

export interface RippleSolution {
  model: RippleModel;
  /** Δf (demand) or Δv (supply) per firm; shocks on the same firm are added. */
  shock: Float64Array;
  /** Δx per firm, the shock included. */
  output: Float64Array;
  valueAdded: Float64Array;
  employment: Float64Array;
  /** First hop at which the firm's contribution is non-zero; −1 when it never is. */
  hop: Int32Array;
  /** outputByHop[k] = Σ_i (k-th term)_i, the output arriving at hop k; sums to Σ output. */
  outputByHop: Float64Array;
  iterations: number;
  /** Relative L1 residual bound, see leontief.ts. */
  residual: number;
  /** Relative L1 error bound, see leontief.ts. */
  errorBound: number;
}

/** Δx = (I − A)⁻¹ Δf for final-demand shocks. */
export function rippleDemand(
  snapshot: Snapshot,
  shocks: readonly Shock[],
  options: Partial<RippleOptions> = {},
): RippleSolution {
  return ripple(snapshot, shocks, options, 'demand');
}

/** Δx' = Δv'(I − B)⁻¹ for primary-input (capacity) shocks. */
export function rippleSupply(
  snapshot: Snapshot,
  shocks: readonly Shock[],
  options: Partial<RippleOptions> = {},
): RippleSolution {
  return ripple(snapshot, shocks, options, 'supply');
}

function ripple(
  snapshot: Snapshot,
  shocks: readonly Shock[],
  options: Partial<RippleOptions>,
  model: RippleModel,
): RippleSolution {
  const caller = model === 'demand' ? 'rippleDemand' : 'rippleSupply';
  const settings = { ...RIPPLE_DEFAULTS, ...options };
  checkSeriesOptions(settings, caller);
  const shock = shockVector(snapshot, shocks, caller);
  const contraction =
    model === 'demand' ? leontiefContraction(snapshot, caller) : ghoshContraction(snapshot, caller);
  const apply = model === 'demand' ? applyA : applyBT;

  const { n } = snapshot;
  const { hop, outputByHop, onTerm } = hopRecorder(n);
  const solution = neumannSeries(
    {
      caller,
      apply: (t, out) => apply(snapshot, t, out),
      b: shock,
      norm: 'l1',
      contraction,
      onTerm,
    },
    settings,
  );

  const output = solution.x;
  const valueAdded = new Float64Array(n);
  const employment = new Float64Array(n);
  const { revenue, employees, valueAddedRatio } = snapshot;
  for (let i = 0; i < n; i++) {
    const dx = output[i];
    if (dx === 0) continue;
    valueAdded[i] = dx * valueAddedRatio[i];
    employment[i] = (dx * employees[i]) / revenue[i];
  }
  return {
    model,
    shock,
    output,
    valueAdded,
    employment,
    hop,
    outputByHop: Float64Array.from(outputByHop),
    iterations: solution.iterations,
    residual: solution.residual,
    errorBound: solution.errorBound,
  };
}

/** The shock as a vector over the snapshot's firms; refuses an empty list, unknown ids and non-finite amounts. */
/**
 * Records, while a Neumann series runs, the hop at which each firm is first reached (the index of the first
 * term where its entry is non-zero; −1 if never) and the sum of each term (the effect arriving at hop k).
 */
export function hopRecorder(n: number): { hop: Int32Array; outputByHop: number[]; onTerm: (k: number, term: Float64Array) => void } {
  const hop = new Int32Array(n).fill(-1);
  const outputByHop: number[] = [];
  const onTerm = (k: number, term: Float64Array) => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = term[i];
      if (v !== 0) {
        sum += v;
        if (hop[i] < 0) hop[i] = k;
      }
    }
    outputByHop.push(sum);
  };
  return { hop, outputByHop, onTerm };
}

export function shockVector(snapshot: Snapshot, shocks: readonly Shock[], caller: string): Float64Array {
  if (!Array.isArray(shocks) || shocks.length === 0) {
    throw new AnalyticsInputError('shocks', `${caller}: shocks must list at least one {firmId, amount}`);
  }
  const vector = new Float64Array(snapshot.n);
  shocks.forEach((s, k) => {
    const i = snapshot.index.get(s?.firmId);
    if (i === undefined) throw new UnknownFirmError(caller, String(s?.firmId));
    if (typeof s.amount !== 'number' || !Number.isFinite(s.amount)) {
      throw new AnalyticsInputError(
        `shocks[${k}].amount`,
        `${caller}: shocks[${k}].amount must be a finite number, got ${s.amount}`,
      );
    }
    vector[i] += s.amount;
  });
  return vector;
}
