/**
 * The accounting rules of DESIGN §3, which make both ripple models converge:
 *   for every buyer j:    Σ_i z_ij < x_j   (column sums of A = Z x̂⁻¹ below 1)
 *   for every supplier i: Σ_j z_ij < x_i   (row sums of B = x̂⁻¹ Z below 1)
 * and that close each firm's cost structure (output = network purchases + other intermediate inputs +
 * value added, value added including compensation of employees):
 *   v_j + Σ_i z_ij / x_j ≤ 1                (the rest, other intermediate inputs, cannot be negative)
 *   w_j ≤ v_j                               (wages are part of value added)
 * with v_j the firm's value-added ratio (else its sector default) and w_j its wage share.
 * Flows are those the model uses: per supplier→buyer pair, the latest year present (summed within it).
 */
import { defaultValueAddedRatio } from './sectors.ts';

export interface Flow {
  supplier: string;
  buyer: string;
  value: number;
  year?: number;
}

export interface AccountingViolation {
  firm: string;
  rule: 'purchases' | 'sales';
  sum: number;
  revenue: number;
}

/** Collapses flows to one value per pair: the total of the latest year present for that pair. */
export function modelFlows(flows: Iterable<Flow>): Map<string, Flow> {
  const pairs = new Map<string, Flow>();
  for (const f of flows) {
    const key = `${f.supplier}\u0000${f.buyer}`;
    const seen = pairs.get(key);
    const year = f.year ?? 0;
    if (!seen || year > (seen.year ?? 0)) pairs.set(key, { supplier: f.supplier, buyer: f.buyer, value: f.value, year });
    else if (year === (seen.year ?? 0)) seen.value += f.value;
  }
  return pairs;
}

/** A firm's network totals under the model's flows: what it buys from and sells to the network. */
export interface FirmTotals {
  firm: string;
  revenue: number;
  purchases: number;
  sales: number;
}

/** The rules for one firm, given its totals (the streaming import sums them in typed arrays). */
export function firmViolations(t: FirmTotals): AccountingViolation[] {
  const violations: AccountingViolation[] = [];
  if (t.purchases > 0 && !(t.purchases < t.revenue)) violations.push({ firm: t.firm, rule: 'purchases', sum: t.purchases, revenue: t.revenue });
  if (t.sales > 0 && !(t.sales < t.revenue)) violations.push({ firm: t.firm, rule: 'sales', sum: t.sales, revenue: t.revenue });
  return violations;
}

export function checkAccounting(revenueOf: (id: string) => number | undefined, flows: Iterable<Flow>): AccountingViolation[] {
  const totals = new Map<string, { purchases: number; sales: number }>();
  const of = (id: string) => {
    let t = totals.get(id);
    if (!t) totals.set(id, (t = { purchases: 0, sales: 0 }));
    return t;
  };
  for (const f of modelFlows(flows).values()) {
    of(f.buyer).purchases += f.value;
    of(f.supplier).sales += f.value;
  }
  const violations: AccountingViolation[] = [];
  for (const [firm, t] of totals) {
    const revenue = revenueOf(firm);
    if (revenue !== undefined) violations.push(...firmViolations({ firm, revenue, ...t }));
  }
  return violations;
}

export function describeViolation(v: AccountingViolation): string {
  const what = v.rule === 'purchases' ? 'purchases from the network' : 'sales to the network';
  return `firm "${v.firm}": ${what} total ${round(v.sum)} but revenue is ${round(v.revenue)}; they must be below revenue`;
}

/** The fields of a firm that its cost structure needs. */
export interface CostStructureFirm {
  id: string;
  sector: string;
  revenue: number;
  valueAddedRatio?: number;
  wageShare?: number;
}

export interface CostStructureViolation {
  firm: string;
  rule: 'value-added-and-purchases' | 'wage-share';
  /** The value-added ratio checked: the firm's own, else its sector default. */
  valueAddedRatio: number;
  /** Whether valueAddedRatio is the sector default. */
  defaultValueAdded: boolean;
  /** Network purchases / revenue (value-added-and-purchases) or the wage share (wage-share). */
  other: number;
}

/**
 * The cost-structure rules for one firm whose network purchases (model flows) total `purchases`;
 * undefined when its costs close. A firm without a wage share gets v · the sector's labour share, which
 * never exceeds v, so only a given wage share is checked against v.
 */
export function costStructureViolation(firm: CostStructureFirm, purchases: number): CostStructureViolation | undefined {
  const own = firm.valueAddedRatio;
  const valueAddedRatio = own ?? defaultValueAddedRatio(firm.sector);
  const base = { firm: firm.id, valueAddedRatio, defaultValueAdded: own === undefined };
  if (firm.wageShare !== undefined && firm.wageShare > valueAddedRatio) return { ...base, rule: 'wage-share', other: firm.wageShare };
  const purchaseShare = purchases / firm.revenue;
  // A hair of slack for decimal data that closes exactly (0.4 + 0.6 is 1.0000000000000002 in binary).
  if (valueAddedRatio + purchaseShare > 1 + 1e-12) return { ...base, rule: 'value-added-and-purchases', other: purchaseShare };
  return undefined;
}

export function describeCostStructureViolation(v: CostStructureViolation): string {
  const va = `valueAddedRatio ${round(v.valueAddedRatio, 4)}${v.defaultValueAdded ? ' (the sector default)' : ''}`;
  if (v.rule === 'wage-share') {
    return `firm "${v.firm}": wageShare ${round(v.other, 4)} exceeds its ${va}; wages are part of value added`;
  }
  return (
    `firm "${v.firm}": ${va} + network purchases / revenue ${round(v.other, 4)} = ${round(v.valueAddedRatio + v.other, 4)} ` +
    'exceeds 1; the rest of its costs (imports and other inputs) would be negative'
  );
}

function round(x: number, digits = 2): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}
