/**
 * Restructuring scenarios and the localisation assistant on the current snapshot. Nothing here writes:
 * a scenario is an overlay evaluated in memory (analytics/scenario-*.ts). Requests name suppliers to
 * move away from by selectors (explicit ids, outside the home region, a KSIC division, a product); the
 * product needs the stored links, read here with one small query for the buyer.
 */
import type { Database } from '../db/database.ts';
import type { Snapshot } from '../analytics/snapshot.ts';
import { buildOverlay, describeRuleViolation, ScenarioRuleError, type ScenarioChange } from '../analytics/scenario-overlay.ts';
import { evaluateScenario, type ScenarioScope } from '../analytics/scenario-evaluate.ts';
import type { FirmStructure } from '../analytics/scenario-structure.ts';
import {
  candidatePool,
  LOCALISATION_DEFAULTS,
  outOfRegionPurchases,
  suggestSuppliers,
  type CandidateAttributes,
  type PurchaseRow,
} from '../analytics/localisation.ts';
import { UnknownFirmError } from '../analytics/errors.ts';
import type { SnapshotStore } from './snapshotStore.ts';
import { DomainError, unknownFirm } from './errors.ts';

/** Which of a buyer's suppliers a move takes purchases from; all given selectors apply together. */
export interface SupplierSelector {
  suppliers?: string[];
  outsideRegion?: boolean;
  division?: string;
  product?: string;
}

export type ScenarioChangeRequest =
  | { kind: 'move'; buyer: string; share: number; from: SupplierSelector; to: { supplier: string; weight?: number }[] }
  | Exclude<ScenarioChange, { kind: 'move' }>;

export interface EvaluateRequest {
  changes: ScenarioChangeRequest[];
  scope: ScenarioScope;
  householdSpendingShare?: number;
  limit: number;
}

export interface LocalisationRequest {
  firmId: string;
  share: number;
  limit: number;
  groups: number;
}

const round = (x: number, digits = 6) => (Number.isFinite(x) ? Number(x.toFixed(digits)) : x);

export function firmLabel(s: Snapshot, i: number) {
  const cat = (c: Snapshot['sector']) => c.labels[c.codes[i]] || null;
  return {
    id: s.ids[i],
    name: s.names[i],
    ...(s.namesKo[i] ? { nameKo: s.namesKo[i]! } : {}),
    tier: cat(s.tier)!,
    sector: cat(s.sector)!,
    region: cat(s.region)!,
    district: cat(s.district),
  };
}

const structureView = (f: FirmStructure) => ({
  ...f,
  purchases: round(f.purchases),
  sales: round(f.sales),
  supplierHHI: f.supplierHHI === null ? null : round(f.supplierHHI),
  largestSupplierShare: f.largestSupplierShare === null ? null : round(f.largestSupplierShare),
  homeSourcing: f.homeSourcing === null ? null : round(f.homeSourcing),
});

export class RestructuringService {
  constructor(
    private readonly db: Database,
    private readonly snapshots: SnapshotStore,
  ) {}

  async evaluate(request: EvaluateRequest) {
    const { snapshot, dataVersion } = await this.snapshots.get();
    const changes = await this.resolve(snapshot, request.changes);
    const started = performance.now();
    const overlay = overlayOrRefuse(snapshot, changes);
    const e = evaluateScenario(overlay, {
      scope: request.scope,
      limit: request.limit,
      ...(request.householdSpendingShare !== undefined ? { householdSpendingShare: request.householdSpendingShare } : {}),
    });
    const s = snapshot;
    const d = e.outputChangeTypeII;
    const firmChange = (i: number) => ({
      ...firmLabel(s, i),
      outputChange: round(e.outputChange[i]),
      outputChangeTypeII: round(d[i]),
      valueAddedChange: round(d[i] * (overlay.valueAddedRatio.get(i) ?? s.valueAddedRatio[i])),
      jobsChange: round((d[i] * s.employees[i]) / s.revenue[i]),
    });
    const figures = (f: typeof e.before) => ({
      output: round(f.output),
      valueAdded: round(f.valueAdded),
      jobs: round(f.jobs),
      leakage: { total: round(f.leakage.total), byRegion: Object.fromEntries(Object.entries(f.leakage.byRegion).map(([k, v]) => [k, round(v)])) },
      homeSourcing: round(f.homeSourcing),
      householdIncome: round(f.householdIncome),
    });
    return {
      scope: e.scope,
      units: 'KRW million; jobs in persons; home region (Busan); after = Type I (firms), afterTypeII = households closed',
      before: figures(e.before),
      after: figures(e.after),
      afterTypeII: figures(e.afterTypeII),
      anchors: e.anchors
        .map((a) => ({ ...firmLabel(s, a.index), before: a.before, after: a.after }))
        .sort((a, b) => Math.abs((b.after?.outputTypeII ?? 0) - b.before.outputTypeII) - Math.abs((a.after?.outputTypeII ?? 0) - a.before.outputTypeII)),
      changedFirms: e.changedFirms.map((f) => ({ ...firmLabel(s, f.index), closed: f.closed, before: structureView(f.before), after: f.after && structureView(f.after) })),
      gainers: e.gainers.map(firmChange),
      losers: e.losers.map(firmChange),
      changes,
      iterations: e.iterations,
      residual: e.residual,
      warnings: warnings(e.before.output, e.afterTypeII.output),
      dataVersion,
      computeMs: Math.round(performance.now() - started),
    };
  }

  async localisation(request: LocalisationRequest) {
    const { snapshot, dataVersion } = await this.snapshots.get();
    const buyer = snapshot.index.get(request.firmId);
    if (buyer === undefined) throw unknownFirm(request.firmId);
    const rows = await this.purchases(request.firmId);
    const groups = outOfRegionPurchases(snapshot, buyer, rows).slice(0, request.groups);
    const pools = groups.map((g) => candidatePool(snapshot, buyer, g, { share: request.share }));
    // The groups' own suppliers too: their full KSIC class is what a candidate's class is matched against.
    const ids = [...new Set([...pools.flat(), ...groups.flatMap((g) => g.suppliers.map((x) => x.index))])].map((i) => snapshot.ids[i]);
    const attributes = await this.attributes(ids);
    const options = { share: request.share, limit: request.limit };
    let total = 0;
    for (const r of rows) {
      const i = snapshot.index.get(r.supplier);
      if (i !== undefined && !snapshot.inHomeRegion[i]) total += r.value;
    }
    return {
      firm: firmLabel(snapshot, buyer),
      share: request.share,
      units: 'KRW million; jobs in persons; gains in the home region, region scope, Type II (households closed)',
      outOfRegionPurchases: round(total),
      weights: LOCALISATION_DEFAULTS.weights,
      groups: groups.map((g, q) => ({
        division: g.division,
        product: g.product,
        value: round(g.value),
        suppliers: g.suppliers.map((x) => ({ ...firmLabel(snapshot, x.index), value: round(x.value) })),
        suggestions: suggestSuppliers(snapshot, buyer, g, pools[q], attributes, options).map((x) => ({
          ...firmLabel(snapshot, x.index),
          fit: round(x.fit, 4),
          criteria: Object.fromEntries(Object.entries(x.criteria).map(([k, v]) => [k, round(v, 4)])),
          headroom: round(x.headroom),
          axLevel: attributes.get(snapshot.ids[x.index])?.axLevel ?? null,
          gain: x.gain && { output: round(x.gain.output), valueAdded: round(x.gain.valueAdded), jobs: round(x.gain.jobs), leakage: round(x.gain.leakage) },
          refused: x.refused,
          change: {
            kind: 'move' as const,
            buyer: request.firmId,
            share: request.share,
            from: { outsideRegion: true, division: g.division, ...(g.product ? { product: g.product } : {}) },
            to: [{ supplier: snapshot.ids[x.index] }],
          },
        })),
      })),
      dataVersion,
    };
  }

  private async purchases(firmId: string): Promise<PurchaseRow[]> {
    const rows = await this.db.read<{ supplier: string; product: string | null; value: number }>('restructuring/purchases-by-product', { id: firmId });
    return rows.map((r) => ({ supplier: r.supplier, product: r.product ?? null, value: Number(r.value) }));
  }

  private async attributes(ids: string[]): Promise<Map<string, CandidateAttributes>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.read<{ id: string; sector: string; axLevel: unknown; products: (string | null)[] }>('restructuring/candidate-attributes', { ids });
    return new Map(
      rows.map((r) => [r.id, { sector: r.sector, axLevel: r.axLevel == null ? null : Number(r.axLevel), products: r.products.filter((p): p is string => p != null) }]),
    );
  }

  /** Turns supplier selectors into explicit suppliers with their eligible values; names unknown firms. */
  private async resolve(snapshot: Snapshot, requested: ScenarioChangeRequest[]): Promise<ScenarioChange[]> {
    const errors: { path: string; message: string }[] = [];
    const need = (id: string, path: string) => {
      if (!snapshot.index.has(id)) errors.push({ path, message: `unknown firm "${id}"` });
    };
    requested.forEach((c, k) => {
      const at = `body.changes.${k}`;
      if (c.kind === 'move') {
        need(c.buyer, `${at}.buyer`);
        c.from.suppliers?.forEach((id, q) => need(id, `${at}.from.suppliers.${q}`));
        c.to.forEach((t, q) => need(t.supplier, `${at}.to.${q}.supplier`));
      } else if (c.kind === 'addLink' || c.kind === 'removeLink') {
        need(c.supplier, `${at}.supplier`);
        need(c.buyer, `${at}.buyer`);
      } else need(c.firm, `${at}.firm`);
    });
    if (errors.length) throw new DomainError(422, 'Unknown firm', `${errors[0].path}: ${errors[0].message}`, errors);

    const resolved: ScenarioChange[] = [];
    for (const [k, c] of requested.entries()) {
      if (c.kind !== 'move') {
        resolved.push(c);
        continue;
      }
      const rows = c.from.product !== undefined ? await this.purchases(c.buyer) : snapshotPurchases(snapshot, c.buyer);
      const picked = new Map<string, number>();
      for (const r of rows) {
        const i = snapshot.index.get(r.supplier)!;
        if (c.from.suppliers && !c.from.suppliers.includes(r.supplier)) continue;
        if (c.from.outsideRegion && snapshot.inHomeRegion[i]) continue;
        if (c.from.division && snapshot.sector.labels[snapshot.sector.codes[i]] !== c.from.division) continue;
        if (c.from.product !== undefined && r.product !== c.from.product) continue;
        if (c.to.some((t) => t.supplier === r.supplier)) continue;
        picked.set(r.supplier, (picked.get(r.supplier) ?? 0) + r.value);
      }
      if (picked.size === 0) {
        throw new DomainError(422, 'Nothing to move', `body.changes.${k}.from: "${c.buyer}" buys nothing from the suppliers selected`, [
          { path: `body.changes.${k}.from`, message: 'selects no purchases of the buyer' },
        ]);
      }
      resolved.push({ kind: 'move', buyer: c.buyer, share: c.share, from: [...picked].map(([supplier, value]) => ({ supplier, value })), to: c.to });
    }
    return resolved;
  }
}

function snapshotPurchases(s: Snapshot, buyer: string): PurchaseRow[] {
  const j = s.index.get(buyer)!;
  const rows: PurchaseRow[] = [];
  for (let p = s.inOffsets[j]; p < s.inOffsets[j + 1]; p++) rows.push({ supplier: s.ids[s.inSources[p]], product: null, value: s.inValues[p] });
  return rows;
}

function overlayOrRefuse(snapshot: Snapshot, changes: ScenarioChange[]) {
  try {
    return buildOverlay(snapshot, changes);
  } catch (err) {
    if (err instanceof ScenarioRuleError) {
      throw new DomainError(
        422,
        'Scenario breaks the accounting rules',
        err.message,
        err.violations.map((v) => ({ path: 'body.changes', message: describeRuleViolation(v), ...v, sum: round(v.sum, 2), revenue: round(v.revenue, 2) })),
      );
    }
    if (err instanceof UnknownFirmError) throw unknownFirm(err.firmId, 'body.changes');
    throw err;
  }
}

/** Figures people might quote, flagged when implausible. */
function warnings(before: number, after: number): string[] {
  const w: string[] = [];
  if (before > 0 && Math.abs(after - before) / before > 0.1) {
    w.push('The scenario changes the home region\'s output by more than 10%: a change this large is outside what a fixed-coefficient model describes well.');
  }
  return w;
}
