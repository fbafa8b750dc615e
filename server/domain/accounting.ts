/**
 * The accounting rules of DESIGN §3, which make both ripple models converge:
 *   for every buyer j:    Σ_i z_ij < x_j   (column sums of A = Z x̂⁻¹ below 1)
 *   for every supplier i: Σ_j z_ij < x_i   (row sums of B = x̂⁻¹ Z below 1)
 * Flows are those the model uses: per supplier→buyer pair, the latest year present (summed within it).
 */
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

export function checkAccounting(revenueOf: (id: string) => number | undefined, flows: Iterable<Flow>): AccountingViolation[] {
  const purchases = new Map<string, number>();
  const sales = new Map<string, number>();
  for (const f of modelFlows(flows).values()) {
    purchases.set(f.buyer, (purchases.get(f.buyer) ?? 0) + f.value);
    sales.set(f.supplier, (sales.get(f.supplier) ?? 0) + f.value);
  }
  const violations: AccountingViolation[] = [];
  for (const [firm, sum] of purchases) {
    const revenue = revenueOf(firm);
    if (revenue !== undefined && !(sum < revenue)) violations.push({ firm, rule: 'purchases', sum, revenue });
  }
  for (const [firm, sum] of sales) {
    const revenue = revenueOf(firm);
    if (revenue !== undefined && !(sum < revenue)) violations.push({ firm, rule: 'sales', sum, revenue });
  }
  return violations;
}

export function describeViolation(v: AccountingViolation): string {
  const what = v.rule === 'purchases' ? 'purchases from the network' : 'sales to the network';
  return `firm "${v.firm}": ${what} total ${round(v.sum)} but revenue is ${round(v.revenue)}; they must be below revenue`;
}

function round(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
