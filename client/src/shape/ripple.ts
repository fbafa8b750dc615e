/** Ripple results as tables: the CSV export and the side-by-side comparison of two scenarios. */
import { toCsv } from '../export.ts';
import type { Scenario } from '../state.ts';
import type { Breakdown, DisruptionResult, Effect, RippleResult } from '../types.ts';

export type ScenarioResult = { kind: 'ripple'; result: RippleResult } | { kind: 'disruption'; result: DisruptionResult };

export interface NamedResult {
  name: string;
  scenario: Scenario;
  outcome: ScenarioResult;
}

interface ServerDisruptionFirm {
  id: string;
  name: string;
  hop: number;
  outputLoss: number;
  directShare?: number;
  exposedShare?: number;
  singleSource?: boolean;
  exposure?: number;
  outputLossShare?: number;
  disrupted?: boolean;
}

/**
 * Reads a disruption answer in the contract's shape or the server's (exposure = share of a buyer's
 * inputs lost directly, outputLossShare = share of its output lost, single-source pairs listed apart).
 */
export function normaliseDisruption(raw: {
  firms: ServerDisruptionFirm[];
  totals: { outputLoss: number; disruptedOutputLoss?: number; downstreamOutputLoss?: number };
  singleSource?: { buyerId: string; soleInSector?: boolean; dominant?: boolean }[];
  affectedFirms?: number;
}): DisruptionResult {
  const single = new Set((raw.singleSource ?? []).filter((s) => s.soleInSector !== false).map((s) => s.buyerId));
  const firms = raw.firms
    .filter((f) => !f.disrupted)
    .map((f) => ({
      id: f.id,
      name: f.name,
      hop: f.hop,
      outputLoss: f.outputLoss,
      directShare: f.directShare ?? f.exposure ?? 0,
      exposedShare: f.exposedShare ?? f.outputLossShare ?? 0,
      singleSource: f.singleSource ?? single.has(f.id),
    }));
  const stopped = raw.firms.filter((f) => f.disrupted).length;
  return {
    totals: raw.totals,
    firms,
    affectedFirms: raw.affectedFirms !== undefined ? raw.affectedFirms - stopped : firms.filter((f) => f.outputLoss > 0).length,
    singleSourceBuyers: raw.singleSource ? single.size : firms.filter((f) => f.singleSource).length,
  };
}

/** The API may give direct/induced as a full effect or as output only. */
export function effectOutput(e: Effect | number | undefined): number {
  if (e === undefined) return 0;
  return typeof e === 'number' ? e : e.output;
}

export const CSV_HEADER = ['scenario', 'model', 'section', 'key', 'name', 'hop', 'output', 'valueAdded', 'employment', 'share', 'exposedShare', 'singleSource'];

/** One CSV for one or two scenarios: totals, every listed firm, and each breakdown. */
export function rippleCsv(results: NamedResult[]): string {
  const rows: (string | number | boolean | null)[][] = [];
  for (const { name, scenario, outcome } of results) {
    const model = scenario.model;
    const shocks = scenario.shocks.map((s) => `${s.firmId}:${s.amount}`).join(' ');
    if (outcome.kind === 'disruption') {
      const r = outcome.result;
      rows.push([name, model, 'totals', 'outputLoss', shocks, null, -r.totals.outputLoss, null, null, null, null, null]);
      for (const f of r.firms) rows.push([name, model, 'firm', f.id, f.name, f.hop, -f.outputLoss, null, null, f.directShare, f.exposedShare, f.singleSource]);
      continue;
    }
    const r = outcome.result;
    rows.push([name, model, 'totals', 'all', shocks, null, r.totals.output, r.totals.valueAdded, r.totals.employment, 1, null, null]);
    rows.push([name, model, 'totals', 'multiplier', null, null, r.multiplier, null, null, null, null, null]);
    // Which model the totals are: scope and type travel with the numbers (KRW million, persons).
    if (r.scope) rows.push([name, model, 'totals', 'basis', `scope=${r.scope} type=${r.type ?? 'I'}${r.type === 'II' ? ` householdSpendingShare=${r.householdSpendingShare}` : ''}`, null, null, null, null, null, null, null]);
    if (r.typeI) rows.push([name, model, 'typeI', 'totals', null, null, r.typeI.totals.output, r.typeI.totals.valueAdded, r.typeI.totals.employment, null, null, null]);
    if (r.typeII) {
      rows.push([name, model, 'typeII', 'consumption', null, null, r.typeII.consumption.output, r.typeII.consumption.valueAdded, r.typeII.consumption.employment, null, null, null]);
      rows.push([name, model, 'typeII', 'totals', null, null, r.typeII.totals.output, r.typeII.totals.valueAdded, r.typeII.totals.employment, null, null, null]);
      rows.push([name, model, 'typeII', 'householdIncome', null, null, r.typeII.householdIncome, null, null, null, null, null]);
    }
    if (r.leakage) for (const g of r.leakage.byRegion) rows.push([name, model, 'leakage', g.region, null, null, g.amount, null, null, g.share, null, null]);
    rows.push([name, model, 'totals', 'retention.homeRegion', null, null, null, null, null, r.retention.homeRegion, null, null]);
    rows.push([name, model, 'totals', 'retention.sme', null, null, null, null, null, r.retention.sme, null, null]);
    for (const f of r.firms) rows.push([name, model, 'firm', f.id, f.name, f.hop, f.output, f.valueAdded, f.employment, r.totals.output ? f.output / r.totals.output : null, null, null]);
    const sections: [string, Breakdown[] | undefined][] = [
      ['sector', r.bySector],
      ['district', r.byDistrict],
      ['tier', r.byTier],
      ['region', r.byRegion],
      ['size', r.bySize],
    ];
    for (const [section, list] of sections) for (const b of list ?? []) rows.push([name, model, section, b.key, null, null, b.output, b.valueAdded, b.employment, b.share, null, null]);
    for (const b of r.byHop ?? []) rows.push([name, model, 'hop', String(b.hop), null, b.hop, b.output, null, null, null, null, null]);
  }
  return toCsv(CSV_HEADER, rows);
}

export interface ComparisonRow {
  key: 'output' | 'valueAdded' | 'employment' | 'multiplier' | 'homeRegion' | 'leakage' | 'sme';
  a: number;
  b: number;
  delta: number;
}

export function compareRipples(a: RippleResult, b: RippleResult): ComparisonRow[] {
  // Retention where both scenarios have it (network scope), leakage where both have that (region scope).
  const pairs: [ComparisonRow['key'], number | null | undefined, number | null | undefined][] = [
    ['output', a.totals.output, b.totals.output],
    ['valueAdded', a.totals.valueAdded, b.totals.valueAdded],
    ['employment', a.totals.employment, b.totals.employment],
    ['multiplier', a.multiplier, b.multiplier],
    ['homeRegion', a.retention.homeRegion, b.retention.homeRegion],
    ['leakage', a.leakage?.total, b.leakage?.total],
    ['sme', a.retention.sme, b.retention.sme],
  ];
  return pairs.flatMap(([key, x, y]) => (typeof x === 'number' && typeof y === 'number' ? [{ key, a: x, b: y, delta: y - x }] : []));
}

/** The largest entries of a breakdown, the rest summed as "other". */
export function topBreakdown(list: Breakdown[] | undefined, n: number): { key: string; output: number }[] {
  const sorted = [...(list ?? [])].sort((x, y) => Math.abs(y.output) - Math.abs(x.output));
  const top = sorted.slice(0, n).map((b) => ({ key: b.key, output: b.output }));
  const rest = sorted.slice(n).reduce((s, b) => s + b.output, 0);
  if (sorted.length > n) top.push({ key: 'other', output: rest });
  return top;
}

export interface HopBar {
  /** The first hop of the bar; `rest` bars cover this hop and every later one. */
  hop: number;
  output: number;
  rest: boolean;
}

/**
 * The effect by distance, cut where it has died away: hops in order until `share` of the total is
 * reached (always at least hops 0 and 1), then the remainder as one "k and beyond" bar.
 */
export function hopBars(byHop: readonly { hop: number; output: number }[] | undefined, share = 0.999): HopBar[] {
  const sorted = [...(byHop ?? [])].sort((a, b) => a.hop - b.hop);
  const total = sorted.reduce((s, b) => s + Math.abs(b.output), 0);
  const bars: HopBar[] = [];
  let cumulative = 0;
  for (let i = 0; i < sorted.length; i++) {
    const b = sorted[i];
    if (i >= 2 && total > 0 && cumulative >= share * total) {
      bars.push({ hop: b.hop, output: sorted.slice(i).reduce((s, x) => s + x.output, 0), rest: true });
      break;
    }
    bars.push({ hop: b.hop, output: b.output, rest: false });
    cumulative += Math.abs(b.output);
  }
  return bars;
}

/**
 * Per-firm values for the heat map: the size of the induced output where the API gives it (the shock
 * itself left out, so that the shocked firm does not take the whole colour range); losses as magnitudes.
 */
export function heatValues(r: RippleResult): Map<string, number> {
  return new Map(r.firms.map((f) => [f.id, Math.abs(f.induced ?? f.output)]));
}

/**
 * The part of a neighbourhood worth drawing as a heat map: the shocked firms and the `max` firms with
 * the largest values, with the links among them. Hundreds of barely touched firms would bury the ones
 * that matter.
 */
export function heatSubgraph<N extends { id: string }, L extends { source: string; target: string }>(
  nodes: readonly N[],
  links: readonly L[],
  heat: ReadonlyMap<string, number>,
  keep: readonly string[],
  max: number,
): { nodes: N[]; links: L[] } {
  const always = new Set(keep);
  const ranked = nodes.filter((n) => !always.has(n.id) && (heat.get(n.id) ?? 0) > 0).sort((a, b) => (heat.get(b.id) ?? 0) - (heat.get(a.id) ?? 0) || (a.id < b.id ? -1 : 1));
  const chosen = new Set([...nodes.filter((n) => always.has(n.id)).map((n) => n.id), ...ranked.slice(0, max).map((n) => n.id)]);
  return {
    nodes: nodes.filter((n) => chosen.has(n.id)),
    links: links.filter((l) => chosen.has(l.source) && chosen.has(l.target)),
  };
}
