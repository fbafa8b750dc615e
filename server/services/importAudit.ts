/** The audit entry of an import: its mode and counts, and the network's size before and after. */
import type { Database } from '../db/database.ts';
import type { Actor } from '../domain/roles.ts';
import type { AuditRecord } from './auditService.ts';
import type { ImportReport } from './importService.ts';

export interface NetworkCounts {
  firms: number;
  supplies: number;
}

export async function networkCounts(db: Database): Promise<NetworkCounts> {
  const [counts] = await db.read<NetworkCounts>('health/counts');
  return counts;
}

export function importAuditRecord(actor: Actor, before: NetworkCounts, after: NetworkCounts, report: ImportReport): AuditRecord {
  return {
    actor,
    action: 'import',
    target: 'network',
    before,
    after,
    details: { mode: report.mode, received: { firms: report.firms.received, supplies: report.supplies.received }, written: report.written, dataVersion: report.dataVersion },
  };
}
