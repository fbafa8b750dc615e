/**
 * Memory the analytics snapshot adds to a server process, measured in a process of its own (so nothing
 * else is being collected meanwhile): heap + typed arrays, and RSS, before and after loading it from the
 * Neo4j at the given URI — or, with a directory as third argument, from the snapshot file there (written
 * for the stored data's stamp). Prints one JSON object. Run by bench/scale.bench.ts and
 * bench/snapshot.bench.ts:
 *   NEO4J_PASSWORD=… node --expose-gc --import tsx bench/snapshotMemory.ts bolt://127.0.0.1:7687 [snapshot dir]
 */
import { Database } from '../server/db/database.ts';
import { loadSnapshot } from '../server/db/snapshotLoader.ts';
import { SnapshotStore } from '../server/services/snapshotStore.ts';

const [uri, dir] = process.argv.slice(2);
const db = new Database({ uri, user: 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' });
const footprint = () => {
  global.gc?.();
  global.gc?.();
  const m = process.memoryUsage();
  return { heap: m.heapUsed + m.arrayBuffers, rss: m.rss };
};
await db.read('meta/data-version'); // the driver's own buffers, before the baseline
const before = footprint();
const loaded = dir ? await new SnapshotStore(db, { dir }).get() : await loadSnapshot(db);
if (dir && loaded.source !== 'file') throw new Error(`no snapshot file for the stored data in ${dir}`);
const after = footprint();
const mb = (b: number) => Math.round(b / 2 ** 20);
console.log(JSON.stringify({ source: loaded.source, firms: loaded.snapshot.n, links: loaded.snapshot.m, loadMs: loaded.loadMs, heapGrowthMb: mb(after.heap - before.heap), rssGrowthMb: mb(after.rss - before.rss) }));
await db.close();
