/**
 * The audit trail: every write appends who did what to which target, with the state before and after.
 * Entries are append-only in Neo4j. Secrets never enter it: values under keys that name one (token,
 * password, secret, hash, cookie) are dropped before writing, whatever the caller passed.
 */
import type { Database } from '../db/database.ts';
import type { Actor, Role } from '../domain/roles.ts';

export interface AuditRecord {
  actor: Actor;
  /** Dotted verb, resource first: `import`, `metrics.recompute`, `token.issue`, `token.revoke`, … */
  action: string;
  /** What was acted on: `network`, `token:<id>`, `firm:<id>`, … */
  target: string;
  before?: unknown;
  after?: unknown;
  /** Anything else worth keeping (mode, counts, parameters). */
  details?: unknown;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: { id: string; name: string; role: Role };
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  details: unknown;
}

export interface AuditFilter {
  actor?: string;
  role?: Role;
  action?: string;
  target?: string;
  /** ISO date-times; `from` inclusive, `to` exclusive. */
  from?: string;
  to?: string;
  limit: number;
  /** Entries older than this sequence number (the `nextCursor` of the previous page). */
  beforeSeq?: number;
}

const SECRET_KEY = /token|password|secret|hash|cookie|authori[sz]ation/i;

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => !SECRET_KEY.test(k)).map(([k, v]) => [k, withoutSecrets(v)]));
  }
  return value;
}

const encode = (value: unknown) => (value === undefined ? null : JSON.stringify(withoutSecrets(value)));
const decode = (text: string | null) => (text === null ? null : JSON.parse(text));

export class AuditService {
  constructor(private readonly db: Database) {}

  async record(entry: AuditRecord): Promise<{ seq: number; at: string }> {
    const [row] = await this.db.write<{ seq: number; at: string }>('audit/append', {
      actorId: entry.actor.id,
      actorName: entry.actor.name,
      actorRole: entry.actor.role,
      action: entry.action,
      target: entry.target,
      before: encode(entry.before),
      after: encode(entry.after),
      details: encode(entry.details),
    });
    return row;
  }

  async list(filter: AuditFilter): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
    const rows = await this.db.read<{
      seq: number;
      at: string;
      actorId: string;
      actorName: string;
      actorRole: Role;
      action: string;
      target: string;
      before: string | null;
      after: string | null;
      details: string | null;
    }>('audit/list', {
      actor: filter.actor ?? null,
      role: filter.role ?? null,
      action: filter.action ?? null,
      target: filter.target ?? null,
      from: filter.from ?? null,
      to: filter.to ?? null,
      beforeSeq: filter.beforeSeq ?? null,
      limit: filter.limit + 1,
    });
    const page = rows.slice(0, filter.limit);
    const entries = page.map((r) => ({
      seq: r.seq,
      at: r.at,
      actor: { id: r.actorId, name: r.actorName, role: r.actorRole },
      action: r.action,
      target: r.target,
      before: decode(r.before),
      after: decode(r.after),
      details: decode(r.details),
    }));
    return { entries, nextCursor: rows.length > filter.limit ? String(page[page.length - 1].seq) : null };
  }
}
