/**
 * Ripple-effect use cases on the current snapshot: demand-pull and supply-push scenarios (region or
 * network scope, Type I or II), disruptions and hypothetical extraction. A ripple solve takes ~150 ms at 100k firms / 1M links and runs on the
 * request thread; disruptions (seconds to a minute on the 'purchases' basis) and extractions (one solve
 * per firm) run in a worker thread so they never hold up other requests.
 */
import type { RippleModel } from '../analytics/ripple.ts';
import { rippleScoped } from '../analytics/regional-ripple.ts';
import { summariseScopedRipple } from '../analytics/regional-summary.ts';
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

export class RippleService {
  constructor(private readonly snapshots: SnapshotStore) {}

  async ripple(request: RippleRequest) {
    const { snapshot, dataVersion } = await this.snapshots.get();
    requireFirms(snapshot, request.shocks.map((s) => s.firmId), (i) => `body.shocks.${i}.firmId`);
    const started = performance.now();
    const { model, scope, households, householdSpendingShare } = request;
    const solution = rippleScoped(snapshot, request.shocks, { model, scope, households, householdSpendingShare });
    const summary = summariseScopedRipple(snapshot, solution, request.shocks, { limit: request.limit });
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
