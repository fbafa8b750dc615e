/**
 * Loads the analytics snapshot from Neo4j in one streaming pass over firms and one over supplies,
 * both inside a single read transaction so that they see the same data version. Links go straight into
 * typed-array columns (no object or id string per link): at 10M links that is the difference between
 * ~200 MB and several GB of heap.
 *
 * Links name their buyers by Neo4j's internal node id, not by the firm id: the database then reads no
 * property of the buyer, and an integer is a fraction of a string to send and decode (see "Analytics
 * snapshot" in docs/SCALING.md for the measurements). The ids are only compared within the transaction.
 */
import type { Database } from './database.ts';
import { cypher } from './cypher.ts';
import type { SnapshotStamp } from './snapshotFile.ts';
import { buildSnapshotFromColumns, firmIndex, type LinkColumns, type Snapshot, type SnapshotFirm } from '../analytics/snapshot.ts';
import type { PatchLink, SnapshotChanges } from '../analytics/snapshotPatch.ts';

export interface LoadedSnapshot {
  snapshot: Snapshot;
  dataVersion: number;
  /** The stored data's stamp the snapshot belongs to (its file name). */
  stamp: SnapshotStamp;
  loadMs: number;
  /** Where it came from: a full read of Neo4j, the snapshot file, or the previous snapshot and a merge's changes. */
  source: 'neo4j' | 'file' | 'merge';
}

/** Records a statement's rows are fetched in (the driver's default is 1,000). */
const FETCH_SIZE = 10_000;

function firmOf(r: { get(key: string): unknown }): SnapshotFirm {
  const f: SnapshotFirm = {
    id: r.get('id') as string,
    name: r.get('name') as string,
    tier: r.get('tier') as SnapshotFirm['tier'],
    sector: r.get('sector') as string,
    region: r.get('region') as SnapshotFirm['region'],
    revenue: r.get('revenue') as number,
    employees: r.get('employees') as number,
  };
  const nameKo = r.get('nameKo') as string | null;
  const district = r.get('district') as string | null;
  const var_ = r.get('valueAddedRatio') as number | null;
  const wageShare = r.get('wageShare') as number | null;
  if (nameKo != null) f.nameKo = nameKo;
  if (district != null) f.district = district;
  if (var_ != null) f.valueAddedRatio = var_;
  if (wageShare != null) f.wageShare = wageShare;
  return f;
}

export async function loadSnapshot(db: Database): Promise<LoadedSnapshot> {
  const started = performance.now();
  const { firms, index, links, stamp } = await db.readTx(async (tx) => {
    const [stampRow] = (await tx.run(cypher('snapshot/stamp'))).records;
    const firms: SnapshotFirm[] = [];
    const positionOfNode = new Map<number, number>();
    for await (const r of tx.run(cypher('snapshot/firms'))) {
      positionOfNode.set(r.get('node') as number, firms.length);
      firms.push(firmOf(r));
    }
    const index = firmIndex(firms);
    const links = new LinkColumnsBuilder();
    for await (const r of tx.run(cypher('snapshot/links'))) {
      const supplier = positionOfNode.get(r.get('supplier') as number);
      const buyers = r.get('buyers') as number[];
      const values = r.get('values') as number[];
      const years = r.get('years') as number[];
      if (supplier === undefined) throw new Error(`snapshot: supplier node ${r.get('supplier')} is not among the firms`);
      for (let k = 0; k < buyers.length; k++) {
        const buyer = positionOfNode.get(buyers[k]);
        if (buyer === undefined) throw new Error(`snapshot: buyer node ${buyers[k]} is not among the firms`);
        links.add(supplier, buyer, values[k], years[k]);
      }
    }
    const stamp = stampRow.toObject() as SnapshotStamp;
    return { firms, index, links: links.columns(), stamp };
  }, 600_000, FETCH_SIZE);
  const snapshot = buildSnapshotFromColumns(firms, links, index);
  return { snapshot, dataVersion: stamp.version, stamp, source: 'neo4j', loadMs: Math.round(performance.now() - started) };
}

/** Ids per statement when reading a merge's changes. */
const CHANGE_BATCH = 10_000;

/**
 * What a merge changed, as stored now: the upserted firms and every out-link of the suppliers with
 * upserted supplies, with the stamp they were read at (one read transaction).
 */
export async function loadSnapshotChanges(db: Database, firmIds: Iterable<string>, supplierIds: Iterable<string>): Promise<{ stamp: SnapshotStamp; changes: SnapshotChanges }> {
  return db.readTx(async (tx) => {
    const [stampRow] = (await tx.run(cypher('snapshot/stamp'))).records;
    const firms: SnapshotFirm[] = [];
    for (const ids of batches([...firmIds])) {
      for await (const r of tx.run(cypher('snapshot/firms-by-ids'), { ids })) firms.push(firmOf(r));
    }
    const outLinks = new Map<string, PatchLink[]>();
    for (const ids of batches([...supplierIds])) {
      for await (const r of tx.run(cypher('snapshot/links-of-suppliers'), { ids })) {
        const links = r.get('links') as [string, number, number][];
        outLinks.set(r.get('supplier') as string, links.map(([buyer, value, year]) => ({ buyer, value, year })));
      }
    }
    return { stamp: stampRow.toObject() as SnapshotStamp, changes: { firms, outLinks } };
  }, 600_000, FETCH_SIZE);
}

function* batches<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHANGE_BATCH) yield items.slice(i, i + CHANGE_BATCH);
}

/** Growable typed-array columns of links (doubling, like a vector). */
class LinkColumnsBuilder {
  private count = 0;
  private supplier = new Int32Array(1 << 16);
  private buyer = new Int32Array(1 << 16);
  private value = new Float64Array(1 << 16);
  private year = new Float64Array(1 << 16);

  add(supplier: number, buyer: number, value: number, year: number): void {
    if (this.count === this.supplier.length) this.grow();
    const e = this.count++;
    this.supplier[e] = supplier;
    this.buyer[e] = buyer;
    this.value[e] = value;
    this.year[e] = year;
  }

  private grow(): void {
    const size = this.supplier.length * 2;
    const grown = <T extends Int32Array | Float64Array>(a: T): T => {
      const next = new (a.constructor as new (n: number) => T)(size);
      next.set(a);
      return next;
    };
    this.supplier = grown(this.supplier);
    this.buyer = grown(this.buyer);
    this.value = grown(this.value);
    this.year = grown(this.year);
  }

  columns(): LinkColumns {
    return { count: this.count, supplier: this.supplier, buyer: this.buyer, value: this.value, year: this.year };
  }
}
