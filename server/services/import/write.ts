/**
 * Writes a validated dataset in one transaction, in UNWIND batches: the user sees all of it or none
 * of it, and progress is reported per batch. Replace mode deletes the old dataset inside the same
 * transaction, so a failure anywhere leaves the previous data exactly as it was.
 */
import type { ManagedTransaction } from 'neo4j-driver';
import type { Firm, Supply } from '../../domain/firm.ts';
import { run, type Database } from '../../db/database.ts';
import { firmToNode } from './firmRecord.ts';

export const BATCH_SIZE = 10_000;
const DELETE_BATCH = 50_000;

export type ImportMode = 'merge' | 'replace';

export interface WriteProgress {
  stage: 'delete' | 'firms' | 'supplies' | 'commit';
  done: number;
  total: number;
}

export interface WriteResult {
  firms: number;
  supplies: number;
  deleted: { firms: number; supplies: number };
  dataVersion: number;
}

function supplyRow(s: Supply) {
  return { supplier: s.supplier, buyer: s.buyer, value: s.value, year: s.year ?? null, yearKey: s.year ?? 0, product: s.product ?? null };
}

async function deleteAll(tx: ManagedTransaction, statement: string, onBatch: (n: number) => void): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await run<{ deleted: number }>(tx, statement, { batch: DELETE_BATCH });
    const deleted = row?.deleted ?? 0;
    total += deleted;
    onBatch(total);
    if (deleted < DELETE_BATCH) return total;
  }
}

export class WriteMismatchError extends Error {}

/** Runs a batch and insists every row was written (a supply whose firm vanished would match nothing). */
async function expectWritten(tx: ManagedTransaction, statement: string, rows: unknown[]): Promise<void> {
  const [result] = await run<{ written: number }>(tx, statement, { rows });
  if (result?.written !== rows.length) {
    throw new WriteMismatchError(`${statement}: wrote ${result?.written ?? 0} of ${rows.length} rows; the import was rolled back`);
  }
}

/**
 * `expectedVersion`: the data version the dataset was validated against (a merge checks the accounting
 * rules on existing data); if another import landed since, the write stops with a WriteMismatchError.
 */
export async function writeDataset(
  db: Database,
  data: { firms: Firm[]; supplies: Supply[] },
  mode: ImportMode,
  onProgress: (p: WriteProgress) => void = () => {},
  expectedVersion?: number,
): Promise<WriteResult> {
  return db.writeTx(async (tx) => {
    const [lock] = await run<{ version: number }>(tx, 'meta/lock-data-version');
    if (expectedVersion !== undefined && lock.version !== expectedVersion) {
      throw new WriteMismatchError(`the data changed (version ${expectedVersion} → ${lock.version}) while this import was being validated; nothing was written`);
    }
    const deleted = { firms: 0, supplies: 0 };
    if (mode === 'replace') {
      deleted.supplies = await deleteAll(tx, 'import/delete-supplies-batch', (n) => onProgress({ stage: 'delete', done: n, total: 0 }));
      deleted.firms = await deleteAll(tx, 'import/delete-firms-batch', (n) => onProgress({ stage: 'delete', done: n, total: 0 }));
    }
    for (let i = 0; i < data.firms.length; i += BATCH_SIZE) {
      const rows = data.firms.slice(i, i + BATCH_SIZE).map(firmToNode);
      await expectWritten(tx, 'import/merge-firms', rows);
      onProgress({ stage: 'firms', done: Math.min(i + BATCH_SIZE, data.firms.length), total: data.firms.length });
    }
    const statement = mode === 'replace' ? 'import/create-supplies' : 'import/merge-supplies';
    for (let i = 0; i < data.supplies.length; i += BATCH_SIZE) {
      const rows = data.supplies.slice(i, i + BATCH_SIZE).map(supplyRow);
      await expectWritten(tx, statement, rows);
      onProgress({ stage: 'supplies', done: Math.min(i + BATCH_SIZE, data.supplies.length), total: data.supplies.length });
    }
    const [version] = await run<{ version: number }>(tx, 'meta/bump-data-version');
    // Committing a large import takes a while of its own (a minute for 1M supplies): say so.
    onProgress({ stage: 'commit', done: 0, total: 0 });
    return { firms: data.firms.length, supplies: data.supplies.length, deleted, dataVersion: version.version };
  });
}
