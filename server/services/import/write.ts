/**
 * Writing an import so that it becomes visible all at once.
 *
 * Replace stages a new generation: its firms and supplies are written in many small transactions as
 * nodes tagged with a generation number no read follows yet (every read statement matches firms of
 * Meta.generation only, and supplies never cross generations), then one small transaction moves
 * Meta.generation to it. A kill of the importer, the server or Neo4j at any moment before that leaves the
 * previous generation served; the orphaned rows are stale and are removed in the background, like the
 * previous generation after a switch.
 *
 * Merge upserts into the current generation inside one transaction, fed batch by batch from the input
 * stream, so it keeps its all-or-nothing meaning (and is bounded by the database's transaction memory).
 */
import type { ManagedTransaction, Transaction } from 'neo4j-driver';
import type { Firm, Supply } from '../../domain/firm.ts';
import { run, type Database } from '../../db/database.ts';
import { firmToNode } from './firmRecord.ts';
import { MergeChanges } from './mergeChanges.ts';

export const BATCH_SIZE = 10_000;
/** Staged batches in flight at once: Neo4j writes one while the importer parses and sends the next. */
const IN_FLIGHT = 2;
const STALE_BATCH = 2_000;

export type ImportMode = 'merge' | 'replace';

export class WriteMismatchError extends Error {}

export function supplyRow(s: Supply) {
  return { supplier: s.supplier, buyer: s.buyer, value: s.value, year: s.year ?? null, yearKey: s.year ?? 0, product: s.product ?? null };
}

/** A staged replace: firms first (numbered 0, 1, … in the order given), then supplies between them. */
export class StagedGeneration {
  private nodes = new Float64Array(1024);
  private firmCount = 0;
  private supplyCount = 0;
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown = null;
  private firmRows: Record<string, unknown>[] = [];
  private supplyRows = { suppliers: [] as number[], buyers: [] as number[], values: [] as number[], yearKeys: [] as number[], years: [] as (number | null)[], products: [] as (string | null)[] };

  private constructor(private readonly db: Database, readonly generation: number) {}

  static async begin(db: Database): Promise<StagedGeneration> {
    const [{ generation }] = await db.write<{ generation: number }>('import/begin-staging');
    return new StagedGeneration(db, generation);
  }

  get written(): { firms: number; supplies: number } {
    return { firms: this.firmCount, supplies: this.supplyCount };
  }

  /** Waits for room in the pipeline, and rethrows the failure of any earlier batch. */
  private async send(work: () => Promise<void>): Promise<void> {
    if (this.failure) throw this.failure;
    while (this.inFlight.size >= IN_FLIGHT) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
    const p: Promise<void> = work().then(
      () => void this.inFlight.delete(p),
      (error: unknown) => {
        this.inFlight.delete(p);
        this.failure ??= error;
      },
    );
    this.inFlight.add(p);
  }

  async addFirm(firm: Firm): Promise<void> {
    this.firmRows.push(firmToNode(firm));
    if (this.firmRows.length >= BATCH_SIZE) await this.flushFirms();
  }

  private async flushFirms(): Promise<void> {
    if (this.firmRows.length === 0) return;
    const rows = this.firmRows;
    const first = this.firmCount;
    this.firmRows = [];
    this.firmCount += rows.length;
    if (this.nodes.length < this.firmCount) {
      const grown = new Float64Array(Math.max(this.firmCount, this.nodes.length * 2));
      grown.set(this.nodes);
      this.nodes = grown;
    }
    await this.send(async () => {
      const result = await this.db.write<{ node: number }>('import/stage-firms', { rows, generation: this.generation });
      if (result.length !== rows.length) throw new WriteMismatchError(`import/stage-firms: wrote ${result.length} of ${rows.length} firms`);
      for (let k = 0; k < result.length; k++) this.nodes[first + k] = result[k].node;
    });
  }

  /** A supply between the firms numbered `supplier` and `buyer`. */
  async addSupply(supply: Supply, supplier: number, buyer: number): Promise<void> {
    if (this.firmRows.length > 0) await this.flushFirms();
    if (supplier >= this.firmCount || buyer >= this.firmCount) {
      throw new WriteMismatchError(`supply ${supply.supplier}→${supply.buyer} names a firm that was not staged; the import was rolled back`);
    }
    const r = this.supplyRows;
    // Node ids of the firms are known once their batch is written; the supplies batch waits for that.
    r.suppliers.push(supplier);
    r.buyers.push(buyer);
    r.values.push(supply.value);
    r.yearKeys.push(supply.year ?? 0);
    r.years.push(supply.year ?? null);
    r.products.push(supply.product ?? null);
    if (r.suppliers.length >= BATCH_SIZE) await this.flushSupplies();
  }

  private firmsWritten: Promise<void> | null = null;

  private async flushSupplies(): Promise<void> {
    const rows = this.supplyRows;
    if (rows.suppliers.length === 0) return;
    this.supplyRows = { suppliers: [], buyers: [], values: [], yearKeys: [], years: [], products: [] };
    this.supplyCount += rows.suppliers.length;
    this.firmsWritten ??= this.drain();
    await this.firmsWritten;
    const nodes = this.nodes;
    const params = { ...rows, suppliers: rows.suppliers.map((i) => nodes[i]), buyers: rows.buyers.map((i) => nodes[i]) };
    await this.send(async () => {
      const [result] = await this.db.write<{ written: number }>('import/stage-supplies', params);
      if (result?.written !== rows.suppliers.length) {
        throw new WriteMismatchError(`import/stage-supplies: wrote ${result?.written ?? 0} of ${rows.suppliers.length} supplies; the import was rolled back`);
      }
    });
  }

  /** Waits for every batch in flight. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
    if (this.failure) throw this.failure;
  }

  /** Writes what is buffered and switches the current generation to this one; returns the new data version. */
  async publish(): Promise<number> {
    await this.flushFirms();
    await this.flushSupplies();
    await this.drain();
    const [row] = await this.db.write<{ version: number }>('import/publish-generation', { generation: this.generation, firms: this.firmCount, supplies: this.supplyCount });
    if (!row) throw new WriteMismatchError('another import started while this one was being written; this one was not published');
    return row.version;
  }

  /** Gives up: the staged rows become stale (removed by removeStaleGenerations). */
  async abandon(): Promise<void> {
    await this.drain().catch(() => {});
    await this.db.write('import/abandon-staging', { generation: this.generation });
  }
}

/**
 * Deletes the firms (and their supplies) of generations nobody reads or stages, in small transactions.
 * Safe to run at any time, from any process, concurrently with imports.
 */
export async function removeStaleGenerations(db: Database, onBatch: (deleted: number) => void = () => {}): Promise<number> {
  const [bounds] = await db.read<{ current: number; upper: number }>('import/stale-generations');
  let total = 0;
  for (;;) {
    const [{ deleted }] = await db.write<{ deleted: number }>('import/delete-stale-firms', { ...bounds, batch: STALE_BATCH });
    total += deleted;
    onBatch(total);
    if (deleted < STALE_BATCH) return total;
  }
}

/** Runs a batch and insists every row was written (a supply whose firm vanished would match nothing). */
async function expectWritten(tx: ManagedTransaction | Transaction, statement: string, rows: unknown[]): Promise<void> {
  const [result] = await run<{ written: number }>(tx, statement, { rows });
  if (result?.written !== rows.length) {
    throw new WriteMismatchError(`${statement}: wrote ${result?.written ?? 0} of ${rows.length} rows; the import was rolled back`);
  }
}

/** A merge's writes inside its one transaction, fed in batches. */
export class MergeWriter {
  private firms: Record<string, unknown>[] = [];
  private supplies: ReturnType<typeof supplyRow>[] = [];
  private readonly changes = new MergeChanges();
  written = { firms: 0, supplies: 0 };

  constructor(private readonly tx: Transaction) {}

  /**
   * `expectedVersion`: the data version the dataset was validated against; if another import landed
   * since, the write stops with a WriteMismatchError.
   */
  async lock(expectedVersion?: number): Promise<void> {
    const [lock] = await run<{ version: number; updatedAt: string | null }>(this.tx, 'meta/lock-data-version');
    this.changes.before = lock.updatedAt;
    if (expectedVersion !== undefined && lock.version !== expectedVersion) {
      throw new WriteMismatchError(`the data changed (version ${expectedVersion} → ${lock.version}) while this import was being validated; nothing was written`);
    }
  }

  async addFirm(firm: Firm): Promise<void> {
    this.firms.push(firmToNode(firm));
    this.changes.firm(firm.id);
    this.written.firms++;
    if (this.firms.length >= BATCH_SIZE) await this.flushFirms();
  }

  private async flushFirms(): Promise<void> {
    if (this.firms.length === 0) return;
    await expectWritten(this.tx, 'import/merge-firms', this.firms);
    this.firms = [];
  }

  async addSupply(supply: Supply): Promise<void> {
    await this.flushFirms();
    this.supplies.push(supplyRow(supply));
    this.changes.supplier(supply.supplier);
    this.written.supplies++;
    if (this.supplies.length >= BATCH_SIZE) await this.flushSupplies();
  }

  private async flushSupplies(): Promise<void> {
    if (this.supplies.length === 0) return;
    await expectWritten(this.tx, 'import/merge-supplies', this.supplies);
    this.supplies = [];
  }

  /** Writes what is buffered, recounts, bumps the data version and records the change (still inside the transaction). */
  async finish(): Promise<number> {
    await this.flushFirms();
    await this.flushSupplies();
    const [row] = await run<{ version: number }>(this.tx, 'meta/publish-merge');
    await this.changes.record(this.tx);
    return row.version;
  }
}

export interface WriteResult {
  firms: number;
  supplies: number;
  dataVersion: number;
}

/** Writes an already validated dataset held in memory (the seed, tests); imports stream instead. */
export async function writeDataset(
  db: Database,
  data: { firms: Firm[]; supplies: Supply[] },
  mode: ImportMode,
  expectedVersion?: number,
): Promise<WriteResult> {
  if (mode === 'merge') {
    return db.streamingWrite(async (tx) => {
      const writer = new MergeWriter(tx);
      await writer.lock(expectedVersion);
      for (const f of data.firms) await writer.addFirm(f);
      for (const s of data.supplies) await writer.addSupply(s);
      const dataVersion = await writer.finish();
      return { ...writer.written, dataVersion };
    });
  }
  const staged = await StagedGeneration.begin(db);
  try {
    const number = new Map(data.firms.map((f, i) => [f.id, i]));
    for (const f of data.firms) await staged.addFirm(f);
    for (const s of data.supplies) await staged.addSupply(s, number.get(s.supplier) ?? Infinity, number.get(s.buyer) ?? Infinity);
    const dataVersion = await staged.publish();
    return { ...staged.written, dataVersion };
  } catch (error) {
    await staged.abandon().catch(() => {});
    throw error;
  }
}
