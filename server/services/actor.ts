/**
 * Who does a write, as the services see it (the API's role middleware names them), and how a use case
 * appends its change to the audit trail inside its own write transaction, so a change is never stored
 * without its audit entry.
 */
import type { ManagedTransaction } from 'neo4j-driver';

export interface Actor {
  name: string;
  role: string;
}

export interface AuditEntry {
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
}

export type AuditRecorder = (tx: ManagedTransaction, actor: Actor, entry: AuditEntry) => Promise<void>;
