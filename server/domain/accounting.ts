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

function round(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}
