/**
 * Appends an audit entry (the trust service's trail, cypher/audit/append) inside the caller's write
 * transaction, so a workflow change is never stored without its entry, nor an entry without its change.
 * The workflow's entries (scenarios, calls, scores, decisions, tiers) carry no secrets.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import { run } from '../db/database.ts';
import type { Actor } from '../domain/roles.ts';

export interface AuditChange {
  action: string;
  /** `scenario:<id>`, `call:<id>`, `application:<id>`, `firm:<id>`. */
  target: string;
  before?: unknown;
  after?: unknown;
  details?: unknown;
}

const encode = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export async function auditInTransaction(tx: ManagedTransaction, actor: Actor, change: AuditChange): Promise<void> {
  await run(tx, 'audit/append', {
    actorId: actor.id,
    actorName: actor.name,
    actorRole: actor.role,
    action: change.action,
    target: change.target,
    before: encode(change.before),
    after: encode(change.after),
    details: encode(change.details),
  });
}
