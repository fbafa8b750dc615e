/**
 * Supply values that honour DESIGN §3's accounting rules with margin:
 *   purchases   Σ_i z_ij ≤ α_j · x_j   (column sums of A = Z x̂⁻¹),  α_j ≤ maxInputShare
 *   sales       Σ_j z_ij ≤ β_i · x_i   (row sums of B = x̂⁻¹ Z),     β_i ≤ maxOutputShare
 *
 * Each link starts at the smaller of what its buyer wants and what its supplier offers,
 *   z_e = min(α_j x_j · w_e / Σ_{e→j} w,  β_i x_i · w_e / Σ_{i→e} w),
 * which already meets both ceilings; a few rounds of iterative proportional fitting (RAS, Stone 1961) then
 * raise the columns towards their targets, each round scaling columns (up by at most `maxUpscale`, never past
 * target) and then shrinking any row over its ceiling. The bounded upscale keeps buyers whose targets cannot
 * be met (a shipyard with a few SME suppliers) from squeezing those suppliers' other sales to nothing.
 */
import type { Firm } from '../server/domain/firm.ts';
import { costStructureViolation } from '../server/domain/accounting.ts';

export interface FlowTargets {
  /** Target purchases from the network as a share of revenue, per firm (as buyer): α. */
  inputShare: Float64Array;
  /** Ceiling on sales to the network as a share of revenue, per firm (as supplier): β. */
  outputShare: Float64Array;
}

export interface BalanceOptions {
  iterations: number;
  maxUpscale: number;
  maxInputShare: number;
  maxOutputShare: number;
  /** Values are floored to this step (KRW million; 1/resolution an integer), and never below it. */
  resolution: number;
}

export const BALANCE_DEFAULTS: BalanceOptions = {
  iterations: 4,
  maxUpscale: 1.5,
  maxInputShare: 0.6,
  maxOutputShare: 0.7,
  resolution: 0.1,
};

/**
 * Link values z_e for links src[e] → dst[e] from positive weights w_e (within a buyer's column, its split
 * among suppliers; within a supplier's row, its split among buyers).
 */
export function balanceFlows(
  revenue: Float64Array,
  src: Int32Array,
  dst: Int32Array,
  weight: Float64Array,
  targets: FlowTargets,
  options: Partial<BalanceOptions> = {},
): Float64Array {
  const { iterations, maxUpscale, maxInputShare, maxOutputShare, resolution } = { ...BALANCE_DEFAULTS, ...options };
  const n = revenue.length;
  const m = src.length;
  for (let e = 0; e < m; e++) {
    if (!(weight[e] > 0 && Number.isFinite(weight[e]))) throw new Error(`balanceFlows: link ${e} has weight ${weight[e]}`);
  }
  const colTarget = new Float64Array(n);
  const rowCap = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (!(revenue[i] > 0 && targets.inputShare[i] > 0 && targets.outputShare[i] > 0)) {
      throw new Error(`balanceFlows: firm ${i} needs positive revenue and shares`);
    }
    colTarget[i] = Math.min(targets.inputShare[i], maxInputShare) * revenue[i];
    rowCap[i] = Math.min(targets.outputShare[i], maxOutputShare) * revenue[i];
  }
  const colWeight = new Float64Array(n);
  const rowWeight = new Float64Array(n);
  for (let e = 0; e < m; e++) {
    colWeight[dst[e]] += weight[e];
    rowWeight[src[e]] += weight[e];
  }
  const value = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    value[e] = Math.min((colTarget[dst[e]] * weight[e]) / colWeight[dst[e]], (rowCap[src[e]] * weight[e]) / rowWeight[src[e]]);
  }
  const sums = new Float64Array(n);
  for (let round = 0; round < iterations; round++) {
    sums.fill(0);
    for (let e = 0; e < m; e++) sums[dst[e]] += value[e];
    for (let e = 0; e < m; e++) value[e] *= Math.min(maxUpscale, colTarget[dst[e]] / sums[dst[e]]);
    sums.fill(0);
    for (let e = 0; e < m; e++) sums[src[e]] += value[e];
    for (let e = 0; e < m; e++) if (sums[src[e]] > rowCap[src[e]]) value[e] *= rowCap[src[e]] / sums[src[e]];
  }
  const steps = Math.round(1 / resolution);
  for (let e = 0; e < m; e++) value[e] = Math.max(1, Math.floor(value[e] * steps)) / steps;
  return value;
}

export interface NetworkSums {
  /** Σ_i z_ij per buyer j. */
  purchases: Float64Array;
  /** Σ_j z_ij per supplier i. */
  sales: Float64Array;
}

export function networkSums(n: number, src: Int32Array, dst: Int32Array, value: Float64Array): NetworkSums {
  const purchases = new Float64Array(n);
  const sales = new Float64Array(n);
  for (let e = 0; e < src.length; e++) {
    purchases[dst[e]] += value[e];
    sales[src[e]] += value[e];
  }
  return { purchases, sales };
}

/** Throws, naming the firm and the sums, unless every firm's network purchases and sales are below its revenue. */
export function assertAccounting(ids: readonly string[], revenue: Float64Array, sums: NetworkSums, caller: string): void {
  for (let i = 0; i < revenue.length; i++) {
    if (!(sums.purchases[i] < revenue[i])) {
      throw new Error(`${caller}: firm "${ids[i]}" purchases ${sums.purchases[i]} from the network but its revenue is ${revenue[i]}`);
    }
    if (!(sums.sales[i] < revenue[i])) {
      throw new Error(`${caller}: firm "${ids[i]}" sells ${sums.sales[i]} to the network but its revenue is ${revenue[i]}`);
    }
  }
}

/**
 * Closes every firm's cost structure (DESIGN §3, v + purchases/x ≤ 1): a firm whose value-added ratio (its
 * own or its sector default) leaves no room for its network purchases gets the largest ratio that does,
 * floored to 3 decimals. Changes only those firms' valueAddedRatio; returns how many changed.
 */
export function closeCostStructures(firms: Firm[], purchases: Float64Array): number {
  let changed = 0;
  firms.forEach((firm, i) => {
    if (!costStructureViolation(firm, purchases[i])) return;
    firm.valueAddedRatio = Math.floor((1 - purchases[i] / firm.revenue) * 1000) / 1000;
    changed++;
  });
  return changed;
}
