/**
 * Loads the analytics snapshot from Neo4j: one streaming pass over the firms and, at the same time, a few
 * over the supplies (each a share of the suppliers), checked to have seen one state of the data. Links go
 * straight into typed-array columns (no object or id string per link): at 10M links that is the difference
 * between ~200 MB and several GB of heap.
 *
 * Links name both ends by Neo4j's internal node id, not by the firm id: the database then reads no
 * property of the buyer, and an integer is a fraction of a string to send and decode (see "Analytics
 * snapshot" in docs/SCALING.md for the measurements). The node id of a live firm never changes, and the
 * stamp check below rules out a write to the served generation while reading.
 */
import type { Database } from './database.ts';
import { cypher } from './cypher.ts';
import { sameStamp, type SnapshotStamp } from './snapshotFile.ts';
import { buildSnapshotFromColumns, firmIndex, type LinkColumns, type Snapshot, type SnapshotFirm } from '../analytics/snapshot.ts';
import type { PatchLink, SnapshotChanges } from '../analytics/snapshotPatch.ts';

export interface LoadedSnapshot {
  snapshot: Snapshot;
  dataVersion: number;
  /** The stored data's stamp the snapshot belongs to (its file name). */
  stamp: SnapshotStamp;
  loadMs: number;
  /**
   * Where it came from: a full read of Neo4j, the snapshot file, the file the offline import that made the
   * live store wrote, or the previous snapshot and the changes of merges.
   */
  source: 'neo4j' | 'file' | 'import' | 'merge';
}

/** Records a statement's rows are fetched in (the driver's default is 1,000). */
const FETCH_SIZE = 10_000;
/** Reads of the links at once, each its share of the suppliers (Neo4j runs each query on one core). */
const LINK_PARTS = 2;
/** Attempts at reading one consistent state while imports commit. */
const ATTEMPTS = 3;

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

/**
 * The firms and the links in parts, each in a read transaction of its own, all at once. Every transaction
 * reads the stamp first, and the stamp is read again when all are done: if they all agree, no write was
 * committed while reading (every change of the snapshot's data bumps it), so the parts fit together.
 * Otherwise the read is repeated.
 */
export async function loadSnapshot(db: Database): Promise<LoadedSnapshot> {
  const started = performance.now();
  for (let attempt = 1; ; attempt++) {
    const [firms, ...parts] = await Promise.all([readFirms(db), ...Array.from({ length: LINK_PARTS }, (_, part) => readLinks(db, part))]);
    const after = await db.read<SnapshotStamp>('snapshot/stamp');
    const stamp = firms.stamp;
    if (parts.every((p) => sameStamp(p.stamp, stamp)) && sameStamp(after[0], stamp)) {
      const index = firmIndex(firms.firms);
      const links = joinLinks(firms.positionOfNode, parts);
      const snapshot = buildSnapshotFromColumns(firms.firms, links, index);
      return { snapshot, dataVersion: stamp.version, stamp, source: 'neo4j', loadMs: Math.round(performance.now() - started) };
    }
    if (attempt === ATTEMPTS) throw new Error(`snapshot: the data changed during each of ${ATTEMPTS} loads`);
  }
}

async function readFirms(db: Database) {
  return db.readTx(async (tx) => {
    const [stampRow] = (await tx.run(cypher('snapshot/stamp'))).records;
    const firms: SnapshotFirm[] = [];
    const positionOfNode = new Map<number, number>();
    for await (const r of tx.run(cypher('snapshot/firms'))) {
      positionOfNode.set(r.get('node') as number, firms.length);
      firms.push(firmOf(r));
    }
    return { stamp: stampRow.toObject() as SnapshotStamp, firms, positionOfNode };
  }, 600_000, FETCH_SIZE);
}

/** One part of the links, ends as node ids: supplier per record, buyers, values and years per link. */
interface LinkPart {
  stamp: SnapshotStamp;
  suppliers: number[];
  /** Links of each record in `suppliers`. */
  degrees: number[];
  buyers: GrowableColumn<Float64Array>;
  values: GrowableColumn<Float64Array>;
  years: GrowableColumn<Float64Array>;
}

async function readLinks(db: Database, part: number): Promise<LinkPart> {
  return db.readTx(async (tx) => {
    const [stampRow] = (await tx.run(cypher('snapshot/stamp'))).records;
    const links: LinkPart = {
      stamp: stampRow.toObject() as SnapshotStamp,
      suppliers: [],
      degrees: [],
      buyers: new GrowableColumn(Float64Array),
      values: new GrowableColumn(Float64Array),
      years: new GrowableColumn(Float64Array),
    };
    for await (const r of tx.run(cypher('snapshot/links'), { part, parts: LINK_PARTS })) {
      const buyers = r.get('buyers') as number[];
      links.suppliers.push(r.get('supplier') as number);
      links.degrees.push(buyers.length);
      links.buyers.push(buyers);
      links.values.push(r.get('values') as number[]);
      links.years.push(r.get('years') as number[]);
    }
    return links;
  }, 600_000, FETCH_SIZE);
}

/** The parts as one set of link columns, ends numbered by the firms' positions. */
function joinLinks(positionOfNode: Map<number, number>, parts: LinkPart[]): LinkColumns {
  const count = parts.reduce((sum, p) => sum + p.buyers.length, 0);
  const links: LinkColumns = { count, supplier: new Int32Array(count), buyer: new Int32Array(count), value: new Float64Array(count), year: new Float64Array(count) };
  let e = 0;
  for (const p of parts) {
    links.value.set(p.values.view(), e);
    links.year.set(p.years.view(), e);
    const buyers = p.buyers.view();
    let q = 0;
    p.suppliers.forEach((node, k) => {
      const supplier = positionOfNode.get(node);
      if (supplier === undefined) throw new Error(`snapshot: supplier node ${node} is not among the firms`);
      for (let end = q + p.degrees[k]; q < end; q++, e++) {
        const buyer = positionOfNode.get(buyers[q]);
        if (buyer === undefined) throw new Error(`snapshot: buyer node ${buyers[q]} is not among the firms`);
        links.supplier[e] = supplier;
        links.buyer[e] = buyer;
      }
    });
  }
  return links;
}

/** Ids per statement when reading a merge's changes. */
const CHANGE_BATCH = 10_000;

/** A merge's change record (cypher/snapshot/record-change.cypher). */
interface ChangeRecord {
  version: number;
  generation: number;
  before: string | null;
  after: string | null;
  firmIds: string[];
  supplierIds: string[];
}

/**
 * What the merges since `base` changed, as stored now: the upserted firms and every out-link of the
 * suppliers with upserted supplies, with the stamp they were read at (one read transaction). Null unless
 * the merges' change records account for every change from `base` to that stamp: each record starts
 * from the state the one before it (or `base`) ended in, and the last ends in the stamp. Anything else
 * (a replace, a tier change, a merge too large to record, another database) leaves a gap.
 */
export async function loadSnapshotChanges(db: Database, base: SnapshotStamp): Promise<{ stamp: SnapshotStamp; changes: SnapshotChanges; merges: number } | null> {
  return db.readTx(async (tx) => {
    const [stampRow] = (await tx.run(cypher('snapshot/stamp'))).records;
    const stamp = stampRow.toObject() as SnapshotStamp;
    if (stamp.generation !== base.generation || stamp.version <= base.version) return null;
    const records = (await tx.run(cypher('snapshot/changes'), { from: base.version })).records.map((r) => r.toObject() as ChangeRecord);
    let at = { version: base.version, updatedAt: base.updatedAt };
    for (const c of records) {
      if (c.version !== at.version + 1 || c.before !== at.updatedAt || c.generation !== stamp.generation) return null;
      at = { version: c.version, updatedAt: c.after };
    }
    if (at.version !== stamp.version || at.updatedAt !== stamp.updatedAt) return null;
    const firms: SnapshotFirm[] = [];
    for (const ids of batches([...new Set(records.flatMap((c) => c.firmIds))])) {
      for await (const r of tx.run(cypher('snapshot/firms-by-ids'), { ids })) firms.push(firmOf(r));
    }
    const outLinks = new Map<string, PatchLink[]>();
    for (const ids of batches([...new Set(records.flatMap((c) => c.supplierIds))])) {
      for await (const r of tx.run(cypher('snapshot/links-of-suppliers'), { ids })) {
        const links = r.get('links') as [string, number, number][];
        outLinks.set(r.get('supplier') as string, links.map(([buyer, value, year]) => ({ buyer, value, year })));
      }
    }
    return { stamp, changes: { firms, outLinks }, merges: records.length };
  }, 600_000, FETCH_SIZE);
}

function* batches<T>(items: T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHANGE_BATCH) yield items.slice(i, i + CHANGE_BATCH);
}

/** A typed array that grows by doubling, like a vector. */
class GrowableColumn<T extends Float64Array> {
  length = 0;
  private data: T;

  constructor(private readonly Type: new (n: number) => T) {
    this.data = new Type(1 << 16);
  }

  push(values: readonly number[]): void {
    if (this.length + values.length > this.data.length) {
      const grown = new this.Type(Math.max(this.data.length * 2, this.length + values.length));
      grown.set(this.data);
      this.data = grown;
    }
    for (let k = 0; k < values.length; k++) this.data[this.length + k] = values[k];
    this.length += values.length;
  }

  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}
