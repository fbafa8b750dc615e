/**
 * Ripple-effect use cases on the current snapshot: demand-pull and supply-push scenarios (region or
 * network scope, Type I or II), disruptions and hypothetical extraction. A ripple solve takes ~50 ms at
 * 100k firms / 1M links and runs on the request thread; disruptions (seconds to a minute on the
 * 'purchases' basis) and extractions (one solve per firm) run in a worker thread so they never hold up
 * other requests.
 *
 * An analyst asks about one firm again and again (another amount, Type I beside Type II, the summary
 * with more firms): a single-shock ripple is linear in its amount, so the solve for one unit and its
 * summary are kept per snapshot and model settings (UnitRipples) and scaled; a summary with another
 * number of firms is made again from the kept solve.
 */
import type { RippleModel } from '../analytics/ripple.ts';
import { rippleScoped, type ScopedRipple } from '../analytics/regional-ripple.ts';
import { scaleScopedSummary, summariseScopedRipple, type ScopedRippleSummary } from '../analytics/regional-summary.ts';
import { rippleWarnings } from '../analytics/ripple-warnings.ts';
import type { Scope } from '../analytics/regional.ts';
import type { DisruptionResult } from '../analytics/disruption.ts';
import type { ExtractionResult } from '../analytics/extraction.ts';
import { runTask } from './workers/runTask.ts';
import type { Snapshot } from '../analytics/snapshot.ts';
import type { SnapshotStore } from './snapshotStore.ts';
import { DomainError } from './errors.ts';

export interface RippleRequest {
  model: RippleModel;
  scope: Scope;
  households: boolean;
  householdSpendingShare: number;
  shocks: { firmId: string; amount: number }[];
  limit: number;
}

export interface DisruptionRequest {
  firmIds: string[];
  capacityLoss: number;
  basis: 'purchases' | 'revenue';
  limit: number;
}

/** Names every unknown firm with the request path it came from, before any solve. */
function requireFirms(snapshot: Snapshot, ids: string[], path: (i: number) => string): void {
  const errors = ids.flatMap((id, i) => (snapshot.index.has(id) ? [] : [{ path: path(i), message: `unknown firm "${id}"` }]));
  if (errors.length) throw new DomainError(422, 'Unknown firm', `${errors[0].path}: ${errors[0].message}`, errors);
}

/** Bytes of unit ripples kept per snapshot (one is always kept, however large the network). */
const UNIT_RIPPLE_BUDGET = 64 * 2 ** 20;

/** Summaries (by `limit`) kept per unit solve: the explorer asks one or two limits. */
const SUMMARIES_PER_UNIT = 4;

/** A single-shock ripple for one unit, and its summaries for one unit by the `limit` asked. */
interface UnitRipple {
  ripple: ScopedRipple;
  summaries: Map<number, ScopedRippleSummary>;
}

/**
 * The unit solves of the last few single-shock requests on one snapshot, least recently used dropped. The
 * key holds the data version too, for a snapshot patched in place by a merge.
 */
class UnitRipples {
  private readonly bySnapshot = new WeakMap<Snapshot, Map<string, UnitRipple>>();

  get(snapshot: Snapshot, key: string, solve: () => ScopedRipple): UnitRipple {
    let entries = this.bySnapshot.get(snapshot);
    if (!entries) this.bySnapshot.set(snapshot, (entries = new Map()));
    let unit = entries.get(key);
    if (unit) entries.delete(key);
    else unit = { ripple: solve(), summaries: new Map() };
    entries.set(key, unit);
    // Fourteen vectors of n doubles a ripple with both types.
    const kept = Math.max(1, Math.floor(UNIT_RIPPLE_BUDGET / (14 * 8 * snapshot.n)));
    for (const oldest of entries.keys()) {
      if (entries.size <= kept) break;
      entries.delete(oldest);
    }
    return unit;
  }
}

export class RippleService {
  private readonly units = new UnitRipples();

  constructor(private readonly snapshots: SnapshotStore) {}

  async ripple(request: RippleRequest) {
    const { snapshot, dataVersion } = await this.snapshots.get();
    requireFirms(snapshot, request.shocks.map((s) => s.firmId), (i) => `body.shocks.${i}.firmId`);
    const started = performance.now();
    const { model, scope, households, householdSpendingShare } = request;
    const settings = { model, scope, households, householdSpendingShare };
    const [single] = request.shocks;
    let summary: ScopedRippleSummary;
    if (request.shocks.length === 1) {
      // The unit's summary scaled: the model and every sum in the summary are linear in the amount.
      const unit = this.units.get(snapshot, JSON.stringify([dataVersion, single.firmId, settings]), () => rippleScoped(snapshot, [{ firmId: single.firmId, amount: 1 }], settings));
      let unitSummary = unit.summaries.get(request.limit);
      if (!unitSummary) {
        unitSummary = summariseScopedRipple(snapshot, unit.ripple, [{ firmId: single.firmId, amount: 1 }], { limit: request.limit });
        if (unit.summaries.size >= SUMMARIES_PER_UNIT) unit.summaries.clear();
        unit.summaries.set(request.limit, unitSummary);
      }
      summary = { ...scaleScopedSummary(unitSummary, single.amount), warnings: rippleWarnings(snapshot, request.shocks, { model, scope }) };
    } else {
      summary = summariseScopedRipple(snapshot, rippleScoped(snapshot, request.shocks, settings), request.shocks, { limit: request.limit });
    }
    return { ...summary, units: { money: 'KRW million', employment: 'persons' }, dataVersion, computeMs: Math.round(performance.now() - started) };
  }

  async disruption(request: DisruptionRequest) {
    const { snapshot, dataVersion } = await this.snapshots.get();
    requireFirms(snapshot, request.firmIds, (i) => `body.firmIds.${i}`);
    const result = await runTask<DisruptionResult>('disruption', snapshot, {
      disruptions: request.firmIds.map((firmId) => ({ firmId, share: request.capacityLoss })),
      // The 'purchases' basis spreads slowly (thousands of iterations on the seed); it runs in the worker.
      options: { basis: request.basis, maxIterations: request.basis === 'purchases' ? 10_000 : 1_000 },
    });
    return { ...result, firms: result.firms.slice(0, request.limit), affectedFirms: result.firms.length, dataVersion };
  }

  async extraction(firmIds: string[]) {
    const { snapshot, dataVersion } = await this.snapshots.get();
    requireFirms(snapshot, firmIds, (i) => `body.firmIds.${i}`);
    return { ...(await runTask<ExtractionResult>('extraction', snapshot, firmIds)), dataVersion };
  }
}
