/**
 * Saved scenarios: a typed request (`kind` + `request`, validated per kind by the API's registry in
 * api/scenarioKinds.ts) with a name and notes, and the data version it was saved on, so that reopening it
 * (recomputed on the current data) can say whether the data changed since. Saves, edits and deletions are
 * audited in their own transaction.
 */
import { randomBytes } from 'node:crypto';
import { run, type Database } from '../db/database.ts';
import type { Actor } from '../domain/roles.ts';
import { auditInTransaction } from './transactionAudit.ts';
import { DomainError } from './errors.ts';

type Props = Record<string, unknown>;

export interface SavedScenario {
  id: string;
  name: string;
  notes: string;
  kind: string;
  request: unknown;
  /** The data version the scenario was saved on. */
  dataVersion: number;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

function toScenario(p: Props): SavedScenario {
  return {
    id: p.id as string,
    name: p.name as string,
    notes: (p.notes as string) ?? '',
    kind: p.kind as string,
    request: JSON.parse(p.request as string),
    dataVersion: p.dataVersion as number,
    createdAt: p.createdAt as string,
    createdBy: p.createdBy as string,
    updatedAt: p.updatedAt as string,
  };
}

const unknownScenario = (id: string, path = 'id') => new DomainError(404, 'Unknown scenario', `No saved scenario with id "${id}".`, [{ path, message: `unknown scenario "${id}"` }]);

export class ScenarioService {
  constructor(
    private readonly db: Database,
  ) {}

  async save(actor: Actor, scenario: { kind: string; name: string; notes: string; request: unknown }): Promise<SavedScenario> {
    return this.db.writeTx(async (tx) => {
      const [{ version }] = await run<{ version: number }>(tx, 'meta/data-version');
      const [row] = await run<{ scenario: Props }>(tx, 'scenarios/create', {
        id: `sc-${randomBytes(6).toString('hex')}`,
        name: scenario.name,
        notes: scenario.notes,
        kind: scenario.kind,
        request: JSON.stringify(scenario.request),
        dataVersion: version,
        at: new Date().toISOString(),
        by: actor.name,
      });
      const saved = toScenario(row.scenario);
      await auditInTransaction(tx, actor, { action: 'scenario.save', target: `scenario:${saved.id}`, after: saved });
      return saved;
    });
  }

  async list(query: { kind?: string; limit: number }): Promise<SavedScenario[]> {
    const rows = await this.db.read<{ scenario: Props }>('scenarios/list', { kind: query.kind ?? null, limit: query.limit });
    return rows.map((r) => toScenario(r.scenario));
  }

  async get(id: string): Promise<SavedScenario> {
    const [row] = await this.db.read<{ scenario: Props }>('scenarios/by-ids', { ids: [id] });
    if (!row) throw unknownScenario(id);
    return toScenario(row.scenario);
  }

  /** The scenarios in the order asked for; every id must exist (404 naming the missing one). */
  async getMany(ids: string[]): Promise<SavedScenario[]> {
    const rows = await this.db.read<{ scenario: Props }>('scenarios/by-ids', { ids });
    const byId = new Map(rows.map((r) => [r.scenario.id as string, toScenario(r.scenario)]));
    return ids.map((id, i) => {
      const s = byId.get(id);
      if (!s) throw unknownScenario(id, `query.ids.${i}`);
      return s;
    });
  }

  async update(actor: Actor, id: string, patch: { name: string; notes: string }): Promise<SavedScenario> {
    return this.db.writeTx(async (tx) => {
      const [row] = await run<{ before: Props; scenario: Props }>(tx, 'scenarios/update', { id, name: patch.name, notes: patch.notes, at: new Date().toISOString() });
      if (!row) throw unknownScenario(id);
      const before = toScenario(row.before);
      const after = toScenario(row.scenario);
      await auditInTransaction(tx, actor, { action: 'scenario.update', target: `scenario:${id}`, before: { name: before.name, notes: before.notes }, after: { name: after.name, notes: after.notes } });
      return after;
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await this.db.writeTx(async (tx) => {
      const [row] = await run<{ before: Props }>(tx, 'scenarios/delete', { id });
      if (!row) throw unknownScenario(id);
      await auditInTransaction(tx, actor, { action: 'scenario.delete', target: `scenario:${id}`, before: toScenario(row.before) });
    });
  }
}
