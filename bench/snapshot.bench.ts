/**
 * The analytics snapshot at scale, on the stored network of DATA_DIR (its local Neo4j, started if need be):
 *   baseline   the load of an earlier checkout (`--baseline DIR`, its bench/snapshotMemory.ts), same run
 *   import     after an offline replace: the load of the snapshot file the import left in the live store
 *   bolt       a full load from Neo4j in a process of its own: time, CPU, heap + typed arrays, peak RSS
 *   file       writing the snapshot file, and loading it in a process of its own (with --no-file-write,
 *              the import's file stands in for it, saving a second load over Bolt at 10M links)
 *   merge      a small merge (new firms, supplies among existing firms) applied to a snapshot by the
 *              store's patch, against a full reload of the merged data (checked to be equal)
 * Prints one JSON object. The merge is written into the database: run it on a scratch store.
 *   DATA_DIR=… node --expose-gc --import tsx bench/snapshot.bench.ts [--baseline DIR] [--merge-firms 10] [--merge-supplies 1000] [--no-file-write]
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Snapshot } from '../server/analytics/snapshot.ts';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import { liveLink } from '../server/db/liveStore.ts';
import { saveSnapshotFile, storeSnapshotFile } from '../server/db/snapshotFile.ts';
import { loadSnapshot } from '../server/db/snapshotLoader.ts';
import { createLogger } from '../server/log.ts';
import { writeDataset } from '../server/services/import/write.ts';
import { SnapshotStore } from '../server/services/snapshotStore.ts';
import { mulberry32 } from '../server/analytics/seeded-random.ts';

const { values } = parseArgs({
  options: {
    baseline: { type: 'string' },
    'merge-firms': { type: 'string', default: '10' },
    'merge-supplies': { type: 'string', default: '1000' },
    'no-file-write': { type: 'boolean', default: false },
  },
});

const connection = await connect(loadConfig(), createLogger('warn'));
const password = fs.readFileSync(path.join(loadConfig().dataDir, 'neo4j-password'), 'utf8').trim();
/** CPU seconds the local Neo4j has used so far (Linux), so that figures on a busy machine can be compared. */
const neo4jPid = (() => {
  try {
    return (JSON.parse(fs.readFileSync(path.join(loadConfig().dataDir, 'neo4j.pid'), 'utf8')) as { pid: number }).pid;
  } catch {
    return null;
  }
})();
const neo4jCpu = () => {
  if (neo4jPid === null || !fs.existsSync(`/proc/${neo4jPid}/stat`)) return NaN;
  const fields = fs.readFileSync(`/proc/${neo4jPid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks of 10 ms
};
const memory = (root: string, ...source: string[]) => {
  const cpu = neo4jCpu();
  const result = JSON.parse(
    execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(root, 'bench', 'snapshotMemory.ts'), connection.uri, ...source], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NEO4J_PASSWORD: password },
    }).trim().split('\n').at(-1)!,
  );
  return { ...result, neo4jCpuS: Math.round((neo4jCpu() - cpu) * 10) / 10 };
};
const result: Record<string, unknown> = {};
const log = (key: string, value: unknown) => {
  result[key] = value;
  process.stderr.write(`${key}: ${JSON.stringify(value)}\n`);
};

try {
  const root = path.resolve(import.meta.dirname, '..');
  const storeHome = liveLink(loadConfig().dataDir);
  const fromImport = fs.existsSync(storeSnapshotFile(storeHome));
  if (fromImport) log('import', { ...memory(root, '--store', storeHome), mb: Math.round(fs.statSync(storeSnapshotFile(storeHome)).size / 2 ** 20) });
  if (values.baseline) log('baseline', memory(path.resolve(values.baseline)));
  log('bolt', memory(root));

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-bench-'));
  try {
    let t = performance.now();
    if (!values['no-file-write'] || !fromImport) {
      const loaded = await loadSnapshot(connection.db);
      t = performance.now();
      const file = await saveSnapshotFile(dir, loaded.stamp, loaded.snapshot);
      log('fileWrite', { ms: Math.round(performance.now() - t), mb: Math.round(fs.statSync(file).size / 2 ** 20) });
      log('file', memory(root, dir));
    }

    // The store starts from a file, then a merge (new firms, and supplies among existing firms), which it
    // patches from the merge's change record.
    const store = new SnapshotStore(connection.db, { dir, storeHome });
    const base = await store.get();
    const s = base.snapshot;
    const random = mulberry32(11);
    const pick = () => s.ids[Math.floor(random() * s.n)];
    const firms = Array.from({ length: Number(values['merge-firms']) }, (_, k) => ({
      id: `${pick()}-bench${k}`,
      name: `Bench Firm ${k}`,
      tier: 'sme' as const,
      sector: '29',
      region: 'Busan' as const,
      revenue: 1_000,
      employees: 10,
    }));
    const supplies = Array.from({ length: Number(values['merge-supplies']) }, (_, k) => ({
      supplier: k < firms.length ? firms[k].id : pick(),
      buyer: pick(),
      value: 1,
      year: 2026,
    })).filter((l) => l.supplier !== l.buyer);
    t = performance.now();
    const written = await writeDataset(connection.db, { firms, supplies }, 'merge');
    log('mergeWrite', { ms: Math.round(performance.now() - t), firms: written.firms, supplies: written.supplies });
    t = performance.now();
    const patched = await store.get();
    log('mergePatch', { source: patched.source, ms: Math.round(performance.now() - t), firms: patched.snapshot.n, links: patched.snapshot.m });
    await store.idle();
    t = performance.now();
    const reloaded = await loadSnapshot(connection.db);
    log('mergeReload', { ms: Math.round(performance.now() - t), firms: reloaded.snapshot.n, links: reloaded.snapshot.m, equal: sameContent(patched.snapshot, reloaded.snapshot) });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(result) + '\n');
} finally {
  await connection.close();
}

/** Same firms, and the same value on every supplier→buyer pair (rows may list pairs in another order). */
function sameContent(a: Snapshot, b: Snapshot): boolean {
  if (a.n !== b.n || a.m !== b.m || a.ids.some((id, i) => id !== b.ids[i])) return false;
  for (let i = 0; i < a.n; i++) {
    if (a.revenue[i] !== b.revenue[i] || a.outOffsets[i + 1] !== b.outOffsets[i + 1]) return false;
    const row = new Map<number, number>();
    for (let q = a.outOffsets[i]; q < a.outOffsets[i + 1]; q++) row.set(a.outTargets[q], a.outValues[q]);
    for (let q = b.outOffsets[i]; q < b.outOffsets[i + 1]; q++) if (row.get(b.outTargets[q]) !== b.outValues[q]) return false;
  }
  return true;
}
