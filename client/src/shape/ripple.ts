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
  totals: { outputLoss: number };
  singleSource?: { buyerId: string; soleInSector?: boolean; dominant?: boolean }[];
}): DisruptionResult {
  const single = new Set((raw.singleSource ?? []).filter((s) => s.soleInSector !== false).map((s) => s.buyerId));
  return {
    totals: { outputLoss: raw.totals.outputLoss },
    firms: raw.firms
      .filter((f) => !f.disrupted)
      .map((f) => ({
        id: f.id,
        name: f.name,
        hop: f.hop,
        outputLoss: f.outputLoss,
        directShare: f.directShare ?? f.exposure ?? 0,
        exposedShare: f.exposedShare ?? f.outputLossShare ?? 0,
        singleSource: f.singleSource ?? single.has(f.id),
      })),
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
  key: 'output' | 'valueAdded' | 'employment' | 'multiplier' | 'homeRegion' | 'sme';
  a: number;
  b: number;
  delta: number;
}

export function compareRipples(a: RippleResult, b: RippleResult): ComparisonRow[] {
  const pairs: [ComparisonRow['key'], number, number][] = [
    ['output', a.totals.output, b.totals.output],
    ['valueAdded', a.totals.valueAdded, b.totals.valueAdded],
    ['employment', a.totals.employment, b.totals.employment],
    ['multiplier', a.multiplier, b.multiplier],
    ['homeRegion', a.retention.homeRegion, b.retention.homeRegion],
    ['sme', a.retention.sme, b.retention.sme],
  ];
  return pairs.map(([key, x, y]) => ({ key, a: x, b: y, delta: y - x }));
}

/** The largest entries of a breakdown, the rest summed as "other". */
export function topBreakdown(list: Breakdown[] | undefined, n: number): { key: string; output: number }[] {
  const sorted = [...(list ?? [])].sort((x, y) => Math.abs(y.output) - Math.abs(x.output));
  const top = sorted.slice(0, n).map((b) => ({ key: b.key, output: b.output }));
  const rest = sorted.slice(n).reduce((s, b) => s + b.output, 0);
  if (sorted.length > n) top.push({ key: 'other', output: rest });
  return top;
}
