/**
 * A merge's change record (cypher/snapshot/record-change.cypher): which firms and which suppliers' links
 * it upserted, written in the merge's own transaction, so that every server — this one, or one the CLI
 * merged into — patches its analytics snapshot instead of reloading it (SnapshotStore). A merge touching
 * more ids than a patch is worth records none, and the servers load in full.
 */
import type { Transaction } from 'neo4j-driver';
import { run } from '../../db/database.ts';

/** Ids beyond which a merge records no change (reading that many changed rows costs about a full load). */
const MAX_IDS = 200_000;
/** Records kept: a server further behind than this loads in full. */
const KEEP = 100;

export class MergeChanges {
  /** The time of the change the merge starts from (the stamp's updatedAt). */
  before: string | null = null;
  private firmIds: Set<string> | null = new Set();
  private supplierIds: Set<string> | null = new Set();

  firm(id: string): void {
    this.firmIds?.add(id);
    this.check();
  }

  supplier(id: string): void {
    this.supplierIds?.add(id);
    this.check();
  }

  /** Writes the record (after meta/publish-merge, in the same transaction), unless it grew too large. */
  async record(tx: Transaction): Promise<void> {
    if (!this.firmIds || !this.supplierIds) return;
    await run(tx, 'snapshot/record-change', { keep: KEEP, before: this.before, firmIds: [...this.firmIds], supplierIds: [...this.supplierIds] });
  }

  private check(): void {
    if (this.firmIds && this.supplierIds && this.firmIds.size + this.supplierIds.size > MAX_IDS) {
      this.firmIds = null;
      this.supplierIds = null;
    }
  }
}
