/**
 * Loads the analytics snapshot from Neo4j in one streaming pass over firms and one over supplies,
 * both inside a single read transaction so that they see the same data version.
 */
import type { Database } from './database.ts';
import { cypher } from './cypher.ts';
import { buildSnapshot, type Snapshot, type SnapshotFirm, type SnapshotLink } from '../analytics/snapshot.ts';

export interface LoadedSnapshot {
  snapshot: Snapshot;
  dataVersion: number;
  loadMs: number;
}

export async function loadSnapshot(db: Database): Promise<LoadedSnapshot> {
  const started = performance.now();
  const { firms, links, dataVersion } = await db.readTx(async (tx) => {
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
    const links: SnapshotLink[] = [];
    for await (const r of tx.run(cypher('snapshot/links'))) {
      const supplier = r.get('supplier') as string;
      const buyers = r.get('buyers') as string[];
      const values = r.get('values') as number[];
      const years = r.get('years') as number[];
      for (let k = 0; k < buyers.length; k++) links.push({ supplier, buyer: buyers[k], value: values[k], year: years[k] });
    }
    return { firms, links, dataVersion: versionRow.get('version') as number };
  }, 600_000);
  const snapshot = buildSnapshot(firms, links);
  return { snapshot, dataVersion, loadMs: Math.round(performance.now() - started) };
}
