/**
 * Memory the analytics snapshot adds to a server process, measured in a process of its own (so nothing
 * else is being collected meanwhile): heap and typed arrays (apart and together), RSS growth and peak RSS,
 * wall and this process's CPU time, loading it from the Neo4j at the given URI — or, with a directory as
 * third argument, from the snapshot file there (written for the stored data's stamp), or with `--store
 * HOME`, from the file an offline replace left in the live store. Prints one JSON object. Run by
 * bench/scale.bench.ts and bench/snapshot.bench.ts:
 *   NEO4J_PASSWORD=… node --expose-gc --import tsx bench/snapshotMemory.ts bolt://127.0.0.1:7687 [snapshot dir | --store HOME]
 */
import fs from 'node:fs';
import { Database } from '../server/db/database.ts';
import { loadSnapshot } from '../server/db/snapshotLoader.ts';
import { SnapshotStore } from '../server/services/snapshotStore.ts';

const [uri, dir, home] = process.argv.slice(2);
const db = new Database({ uri, user: 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' });
const footprint = () => {
  global.gc?.();
  global.gc?.();
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, rss: m.rss };
};
/** The process's peak resident set so far (Linux). */
const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN) * 1024;
await db.read('meta/data-version'); // the driver's own buffers, before the baseline
const before = footprint();
const cpu = process.cpuUsage();
const wall = performance.now();
const store = dir === '--store' ? new SnapshotStore(db, { storeHome: home }) : dir ? new SnapshotStore(db, { dir }) : null;
const loaded = store ? await store.get() : await loadSnapshot(db);
const wallMs = performance.now() - wall;
const used = process.cpuUsage(cpu);
const expected = dir === '--store' ? 'import' : dir ? 'file' : 'neo4j';
if (loaded.source !== expected) throw new Error(`expected a load from ${expected}, got ${loaded.source}`);
const after = footprint();
const mb = (b: number) => Math.round(b / 2 ** 20);
console.log(
  JSON.stringify({
    source: loaded.source,
    firms: loaded.snapshot.n,
    links: loaded.snapshot.m,
    loadMs: loaded.loadMs,
    wallMs: Math.round(wallMs),
    cpuMs: Math.round((used.user + used.system) / 1000),
    heapGrowthMb: mb(after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers),
    heapUsedGrowthMb: mb(after.heapUsed - before.heapUsed),
    arrayBuffersGrowthMb: mb(after.arrayBuffers - before.arrayBuffers),
    rssGrowthMb: mb(after.rss - before.rss),
    peakRssMb: mb(peakRss()),
  }),
);
await db.close();
