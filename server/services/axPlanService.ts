/**
 * AX partner planning for an anchor (analytics/axPlanning.ts) on the current snapshot, with the partners'
 * axLevel read from Neo4j for the chain's firms only.
 */
import type { Database } from '../db/database.ts';
import { axChainMembers, axPlan, type AxPlanOptions } from '../analytics/axPlanning.ts';
import type { SnapshotStore } from './snapshotStore.ts';
import { unknownFirm } from './errors.ts';

export class AxPlanService {
  constructor(
    private readonly db: Database,
    private readonly snapshots: SnapshotStore,
  ) {}

  async plan(anchorId: string, options: AxPlanOptions) {
    const { snapshot, dataVersion } = await this.snapshots.get();
    if (!snapshot.index.has(anchorId)) throw unknownFirm(anchorId);
    const members = axChainMembers(snapshot, anchorId, options.depth);
    const rows = await this.db.read<{ id: string; axLevel: number | null }>('ax/levels', { ids: members.map((i) => snapshot.ids[i]) });
    const levels = new Map(rows.map((r) => [r.id, r.axLevel ?? null]));
    const plan = axPlan(snapshot, anchorId, (i) => levels.get(snapshot.ids[i]) ?? null, options);
    return { ...plan, dataVersion, unit: 'KRW million per year' };
  }
}
