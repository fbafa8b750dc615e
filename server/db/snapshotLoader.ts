/**
 * Loads the analytics snapshot from Neo4j in one streaming pass over firms and one over supplies,
 * both inside a single read transaction so that they see the same data version. Links go straight into
 * typed-array columns (no object or id string per link): at 10M links that is the difference between
 * ~200 MB and several GB of heap.
 */
import type { Database } from './database.ts';
import { cypher } from './cypher.ts';
import { buildSnapshotFromColumns, firmIndex, type LinkColumns, type Snapshot, type SnapshotFirm } from '../analytics/snapshot.ts';

export interface LoadedSnapshot {
  snapshot: Snapshot;
  dataVersion: number;
  loadMs: number;
}

export async function loadSnapshot(db: Database): Promise<LoadedSnapshot> {
  const started = performance.now();
  const { firms, index, links, dataVersion } = await db.readTx(async (tx) => {
    const [versionRow] = (await tx.run(cypher('meta/data-version'))).records;
    const firms: SnapshotFirm[] = [];
    for await (const r of tx.run(cypher('snapshot/firms'))) {
      const f: SnapshotFirm = {
        id: r.get('id'),
        name: r.get('name'),
        tier: r.get('tier'),
        sector: r.get('sector'),
        region: r.get('region'),
        revenue: r.get('revenue'),
        employees: r.get('employees'),
      };
      const nameKo = r.get('nameKo');
      const district = r.get('district');
      const var_ = r.get('valueAddedRatio');
      if (nameKo != null) f.nameKo = nameKo;
      if (district != null) f.district = district;
      if (var_ != null) f.valueAddedRatio = var_;
      const wageShare = r.get('wageShare');
      if (wageShare != null) f.wageShare = wageShare;
      firms.push(f);
    }
    const index = firmIndex(firms);
    const links = new LinkColumnsBuilder();
    for await (const r of tx.run(cypher('snapshot/links'))) {
      const supplier = index.get(r.get('supplier') as string);
      const buyers = r.get('buyers') as string[];
      const values = r.get('values') as number[];
      const years = r.get('years') as number[];
      if (supplier === undefined) throw new Error(`snapshot: supplier ${r.get('supplier')} is not among the firms`);
      for (let k = 0; k < buyers.length; k++) {
        const buyer = index.get(buyers[k]);
        if (buyer === undefined) throw new Error(`snapshot: buyer ${buyers[k]} is not among the firms`);
        links.add(supplier, buyer, values[k], years[k]);
      }
    }
    return { firms, index, links: links.columns(), dataVersion: versionRow.get('version') as number };
  }, 600_000);
  const snapshot = buildSnapshotFromColumns(firms, links, index);
  return { snapshot, dataVersion, loadMs: Math.round(performance.now() - started) };
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
