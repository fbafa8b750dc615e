/**
 * A restructuring scenario as an overlay on the snapshot: the changes (move purchases between suppliers,
 * add or remove a supply link, close a firm, change a firm's revenue or value-added ratio) become a few
 * replaced columns of Z (a buyer's purchases, z'_·j) and per-firm overrides. The snapshot is never copied
 * or written; a firm whose column is not replaced reads its purchases from the snapshot's in-CSR.
 *
 * What each change means (values at current levels, KRW million):
 *   move         z'_oj = (1 − s)·e_oj for each chosen supplier o (e_oj: the eligible part of z_oj, e.g. one
 *                product), and the moved total T = s·Σ e_oj goes to the new suppliers in proportion to their
 *                weights. The buyer's total purchases are unchanged.
 *   addLink      z'_ij += value.            removeLink  z'_ij = 0.
 *   closeFirm    every link of c removed, c's final demand and output gone.
 *   setRevenue   x'_j = R with j's input coefficients held (z'_·j = z_·j·R/x_j): the difference is a change
 *                of j's final demand, Δf_j = R − x_j.
 *   setValueAddedRatio  v'_j.
 * The accounting rules of DESIGN §3 are then checked for every touched firm on the changed network:
 * purchases' < x', sales' < x', v' + purchases'/x' ≤ 1 and wage share ≤ v'.
 */
import type { Snapshot } from './snapshot.ts';
import { AnalyticsInputError, UnknownFirmError } from './errors.ts';
import { interFirmFlows } from './leontief.ts';

export interface MoveChange {
  kind: 'move';
  buyer: string;
  /** Share of the eligible purchases moved, in (0, 1]. */
  share: number;
  /** Suppliers moved away from; `value` caps the eligible part of the pair (default: all of it). */
  from: { supplier: string; value?: number }[];
  /** New suppliers; the moved total is split in proportion to `weight` (default equal). */
  to: { supplier: string; weight?: number }[];
}

export type ScenarioChange =
  | MoveChange
  | { kind: 'addLink'; supplier: string; buyer: string; value: number }
  | { kind: 'removeLink'; supplier: string; buyer: string }
  | { kind: 'closeFirm'; firm: string }
  | { kind: 'setRevenue'; firm: string; revenue: number }
  | { kind: 'setValueAddedRatio'; firm: string; valueAddedRatio: number };

/** A buyer's purchases after the scenario: parallel arrays of supplier indices and values z'_ij. */
export interface Column {
  sources: Int32Array;
  values: Float64Array;
}

export interface Overlay {
  readonly base: Snapshot;
  /** Replaced purchases columns, by buyer index. */
  readonly columns: ReadonlyMap<number, Column>;
  /** 1 where the buyer's column is replaced (closed firms included). */
  readonly replaced: Uint8Array;
  readonly closed: ReadonlySet<number>;
  /** x' where it differs from the snapshot. */
  readonly revenue: ReadonlyMap<number, number>;
  readonly valueAddedRatio: ReadonlyMap<number, number>;
  /** Δf: changes of final demand (setRevenue). */
  readonly finalDemandChange: ReadonlyMap<number, number>;
  /** Σ_j (z'_ij − z_ij): each supplier's change of network sales at current levels. */
  readonly salesChange: ReadonlyMap<number, number>;
  /** Firms a change names or whose purchases or sales it changes, in first-touched order. */
  readonly touched: readonly number[];
}

export interface RuleViolation {
  firmId: string;
  rule: 'purchases' | 'sales' | 'costs' | 'wages';
  /** The sum that breaks the rule (purchases, sales, value added + purchases, or wages), KRW million. */
  sum: number;
  /** Revenue; for the wages rule, value added. */
  revenue: number;
}

export class ScenarioRuleError extends Error {
  constructor(readonly violations: RuleViolation[]) {
    super(violations.map(describeRuleViolation).join('; '));
    this.name = 'ScenarioRuleError';
  }
}

export function describeRuleViolation(v: RuleViolation): string {
  const r = (x: number) => (Math.round(x * 100) / 100).toString();
  if (v.rule === 'wages') {
    return `firm "${v.firmId}": its wages ${r(v.sum)} would exceed its value added ${r(v.revenue)}; wages are part of value added`;
  }
  if (v.rule === 'costs') {
    return `firm "${v.firmId}": value added plus network purchases would be ${r(v.sum)} against revenue ${r(v.revenue)}; they must not exceed revenue`;
  }
  const what = v.rule === 'purchases' ? 'purchases from the network' : 'sales to the network';
  return `firm "${v.firmId}": ${what} would total ${r(v.sum)} but revenue is ${r(v.revenue)}; they must be below revenue`;
}

/** Builds the overlay for the changes in order; refuses unknown firms and changes that make no sense. */
export function buildOverlay(snapshot: Snapshot, changes: readonly ScenarioChange[]): Overlay {
  const caller = 'buildOverlay';
  const { n, index, revenue, inOffsets, inSources, inValues, outOffsets, outTargets } = snapshot;
  const work = new Map<number, Map<number, number>>();
  const closed = new Set<number>();
  const revenueOf = new Map<number, number>();
  const varOf = new Map<number, number>();
  const fdChange = new Map<number, number>();
  const touched: number[] = [];
  const seen = new Set<number>();
  const touch = (i: number) => {
    if (!seen.has(i)) {
      seen.add(i);
      touched.push(i);
    }
  };
  const firm = (id: string, field: string) => {
    const i = index.get(id);
    if (i === undefined) throw new UnknownFirmError(caller, id);
    if (closed.has(i)) throw new AnalyticsInputError(field, `${caller}: ${field}: firm "${id}" is closed by an earlier change`);
    return i;
  };
  const column = (j: number) => {
    let col = work.get(j);
    if (!col) {
      col = new Map();
      for (let p = inOffsets[j]; p < inOffsets[j + 1]; p++) col.set(inSources[p], inValues[p]);
      work.set(j, col);
    }
    return col;
  };
  const xOf = (i: number) => revenueOf.get(i) ?? revenue[i];

  changes.forEach((c, k) => {
    const at = `changes[${k}]`;
    switch (c.kind) {
      case 'move': {
        const j = firm(c.buyer, `${at}.buyer`);
        if (!(c.share > 0 && c.share <= 1)) throw new AnalyticsInputError(`${at}.share`, `${caller}: ${at}.share must be in (0, 1], got ${c.share}`);
        const col = column(j);
        let moved = 0;
        for (const [q, f] of c.from.entries()) {
          const o = firm(f.supplier, `${at}.from[${q}].supplier`);
          const z = col.get(o) ?? 0;
          if (z <= 0) throw new AnalyticsInputError(`${at}.from[${q}].supplier`, `${caller}: "${f.supplier}" does not supply "${c.buyer}"`);
          const eligible = Math.min(z, f.value ?? z);
          col.set(o, z - c.share * eligible);
          moved += c.share * eligible;
          touch(o);
        }
        if (c.to.length === 0) throw new AnalyticsInputError(`${at}.to`, `${caller}: ${at}.to must name at least one new supplier`);
        const weights = c.to.map((t) => t.weight ?? 1);
        const total = weights.reduce((a, b) => a + b, 0);
        if (!(total > 0)) throw new AnalyticsInputError(`${at}.to`, `${caller}: ${at}.to weights must sum to more than 0`);
        c.to.forEach((t, q) => {
          const s = firm(t.supplier, `${at}.to[${q}].supplier`);
          if (s === j) throw new AnalyticsInputError(`${at}.to[${q}].supplier`, `${caller}: "${t.supplier}" cannot supply itself`);
          col.set(s, (col.get(s) ?? 0) + (moved * weights[q]) / total);
          touch(s);
        });
        touch(j);
        break;
      }
      case 'addLink':
      case 'removeLink': {
        const i = firm(c.supplier, `${at}.supplier`);
        const j = firm(c.buyer, `${at}.buyer`);
        if (i === j) throw new AnalyticsInputError(`${at}.supplier`, `${caller}: "${c.supplier}" cannot supply itself`);
        const col = column(j);
        if (c.kind === 'addLink') {
          if (!(c.value > 0 && Number.isFinite(c.value))) throw new AnalyticsInputError(`${at}.value`, `${caller}: ${at}.value must be positive`);
          col.set(i, (col.get(i) ?? 0) + c.value);
        } else {
          if (!((col.get(i) ?? 0) > 0)) throw new AnalyticsInputError(`${at}.supplier`, `${caller}: "${c.supplier}" does not supply "${c.buyer}"`);
          col.delete(i);
        }
        touch(i);
        touch(j);
        break;
      }
      case 'closeFirm': {
        const f = firm(c.firm, `${at}.firm`);
        column(f).clear();
        for (let p = outOffsets[f]; p < outOffsets[f + 1]; p++) column(outTargets[p]).delete(f);
        // Links to f added by earlier changes go too.
        for (const col of work.values()) col.delete(f);
        closed.add(f);
        touch(f);
        break;
      }
      case 'setRevenue': {
        const j = firm(c.firm, `${at}.firm`);
        if (!(c.revenue > 0 && Number.isFinite(c.revenue))) throw new AnalyticsInputError(`${at}.revenue`, `${caller}: ${at}.revenue must be positive`);
        const scale = c.revenue / xOf(j);
        const col = column(j);
        for (const [i, z] of col) col.set(i, z * scale);
        fdChange.set(j, (fdChange.get(j) ?? 0) + c.revenue - xOf(j));
        revenueOf.set(j, c.revenue);
        touch(j);
        break;
      }
      case 'setValueAddedRatio': {
        const j = firm(c.firm, `${at}.firm`);
        if (!(c.valueAddedRatio >= 0 && c.valueAddedRatio <= 1)) {
          throw new AnalyticsInputError(`${at}.valueAddedRatio`, `${caller}: ${at}.valueAddedRatio must be in [0, 1]`);
        }
        varOf.set(j, c.valueAddedRatio);
        touch(j);
        break;
      }
    }
  });

  const { sales } = interFirmFlows(snapshot, caller);
  const replaced = new Uint8Array(n);
  const columns = new Map<number, Column>();
  const salesChange = new Map<number, number>();
  const addSales = (i: number, dz: number) => {
    if (dz !== 0) salesChange.set(i, (salesChange.get(i) ?? 0) + dz);
  };
  for (const [j, col] of work) {
    replaced[j] = 1;
    const sources = new Int32Array(col.size);
    const values = new Float64Array(col.size);
    let q = 0;
    for (const [i, z] of col) {
      if (z <= 0) continue;
      sources[q] = i;
      values[q++] = z;
    }
    columns.set(j, { sources: sources.subarray(0, q), values: values.subarray(0, q) });
    // Sales change: the new column minus the snapshot's. A setRevenue column scales the firm's purchases.
    for (let p = inOffsets[j]; p < inOffsets[j + 1]; p++) addSales(inSources[p], -inValues[p]);
    for (let p = 0; p < q; p++) addSales(sources[p], values[p]);
  }
  // A column rebuilt with a supplier's value unchanged leaves it untouched.
  for (const [i, dz] of salesChange) {
    if (Math.abs(dz) <= 1e-12 * (Math.abs(sales[i]) + 1)) salesChange.delete(i);
    else touch(i);
  }

  const overlay: Overlay = { base: snapshot, columns, replaced, closed, revenue: revenueOf, valueAddedRatio: varOf, finalDemandChange: fdChange, salesChange, touched };
  const violations = checkRules(overlay);
  if (violations.length) throw new ScenarioRuleError(violations);
  return overlay;
}

/** z' column sums (purchases) of buyer j after the scenario. */
export function purchasesAfter(o: Overlay, j: number): number {
  const col = o.columns.get(j);
  if (!col) return interFirmFlows(o.base, 'scenario').purchases[j];
  let s = 0;
  for (let p = 0; p < col.values.length; p++) s += col.values[p];
  return s;
}

export function revenueAfter(o: Overlay, i: number): number {
  return o.closed.has(i) ? 0 : (o.revenue.get(i) ?? o.base.revenue[i]);
}

export function valueAddedRatioAfter(o: Overlay, i: number): number {
  return o.valueAddedRatio.get(i) ?? o.base.valueAddedRatio[i];
}

/** The accounting rules on the changed network, for the touched firms (the rest are as imported). */
function checkRules(o: Overlay): RuleViolation[] {
  const { sales } = interFirmFlows(o.base, 'scenario');
  const out: RuleViolation[] = [];
  const EPS = 1e-9;
  for (const i of o.touched) {
    if (o.closed.has(i)) continue;
    const x = revenueAfter(o, i);
    const id = o.base.ids[i];
    const bought = purchasesAfter(o, i);
    const sold = sales[i] + (o.salesChange.get(i) ?? 0);
    if (!(bought < x)) out.push({ firmId: id, rule: 'purchases', sum: bought, revenue: x });
    if (!(sold < x)) out.push({ firmId: id, rule: 'sales', sum: sold, revenue: x });
    const costs = valueAddedRatioAfter(o, i) * x + bought;
    if (bought < x && costs > x * (1 + EPS)) out.push({ firmId: id, rule: 'costs', sum: costs, revenue: x });
    const va = valueAddedRatioAfter(o, i);
    if (o.base.wageShare[i] > va * (1 + EPS)) out.push({ firmId: id, rule: 'wages', sum: o.base.wageShare[i] * x, revenue: va * x });
  }
  return out;
}
