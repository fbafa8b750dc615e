/**
 * Import throughput on a real local Neo4j (server defaults: 6 GB heap, 1 GB page cache), from CSV files
 * read as streams. Each figure comes with its baseline from the same run, one JSON line each:
 *
 *   read + validate   the streamed parse and validation alone (a dry run: the floor for any import)
 *   staged replace    ImportService replace: validate, stage a generation, publish
 *                     vs  plain UNWIND … CREATE batches (10,000 rows a transaction) of the same rows,
 *                         ends found by a unique id index (under a separate label, same database)
 *
 *   npm run bench:import -- [--firms 100000 --links 1000000 | --dir DIR with firms.csv, supplies.csv]
 *                           [--baseline false]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../server/db/database.ts';
import { startLocalNeo4j } from '../server/db/localNeo4j.ts';
import { applySchema } from '../server/db/schema.ts';
import { Firm, Supply } from '../server/domain/firm.ts';
import { csvRows } from '../server/services/import/csv.ts';
import { firmToNode } from '../server/services/import/firmRecord.ts';
import { sourceFromFiles } from '../server/services/import/rows.ts';
import { supplyRow } from '../server/services/import/write.ts';
import { ImportService } from '../server/services/importService.ts';
import { progressPrinter } from '../server/cli/common.ts';
import { writeCsv } from '../seed/output.ts';
import { generateScaleColumns } from '../seed/scale.ts';

const { values } = parseArgs({
  options: {
    firms: { type: 'string', default: '100000' },
    links: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '7' },
    dir: { type: 'string' },
    baseline: { type: 'string', default: 'true' },
    heap: { type: 'string', default: '6g' },
    pagecache: { type: 'string', default: '1g' },
  },
});
const log = (m: string) => process.stderr.write(`${m}\n`);
const BATCH = 10_000;

function report(name: string, ms: number, links: number, baseline?: string, baselineMs?: number) {
  const rate = (t: number) => Math.round(links / (t / 1000));
  console.log(JSON.stringify({ name, links, ms: Math.round(ms), linksPerSecond: rate(ms), ...(baseline ? { baseline, baselineMs: Math.round(baselineMs!), baselineLinksPerSecond: rate(baselineMs!) } : {}) }));
}

async function plainCreate(db: Database, dir: string): Promise<number> {
  await db.write('bench/plain-constraint');
  await db.write('schema-await');
  const started = performance.now();
  let rows: unknown[] = [];
  const flush = async (statement: string) => {
    if (rows.length > 0) await db.write(statement, { rows });
    rows = [];
  };
  for await (const batch of csvRows(fs.createReadStream(path.join(dir, 'firms.csv')), 'firms.csv')) {
    for (const r of batch) {
      rows.push(firmToNode(Firm.parse(r.values)));
      if (rows.length >= BATCH) await flush('bench/plain-create-firms');
    }
  }
  await flush('bench/plain-create-firms');
  let n = 0;
  for await (const batch of csvRows(fs.createReadStream(path.join(dir, 'supplies.csv')), 'supplies.csv')) {
    for (const r of batch) {
      rows.push(supplyRow(Supply.parse(r.values)));
      if (rows.length >= BATCH) await flush('bench/plain-create-supplies');
    }
    if ((n += batch.length) % 200_000 < batch.length) log(`plain: ${n} supplies`);
  }
  await flush('bench/plain-create-supplies');
  return performance.now() - started;
}

async function main() {
  let dir = values.dir;
  if (!dir) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-import-bench-'));
    const net = generateScaleColumns({ firms: Number(values.firms), links: Number(values.links), seed: Number(values.seed) });
    writeCsv(dir, net.firms, net.supplies);
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-bench-'));
  const neo4j = await startLocalNeo4j({ dataDir, heap: values.heap, pageCache: values.pagecache, log });
  const db = new Database({ uri: neo4j.uri, user: 'neo4j', password: neo4j.password });
  try {
    await db.waitUntilReady();
    await applySchema(db);
    const importer = new ImportService(db);
    const source = sourceFromFiles(path.join(dir, 'firms.csv'), path.join(dir, 'supplies.csv'));

    let t = performance.now();
    const dry = await importer.import(source, { mode: 'replace', dryRun: true });
    const dryMs = performance.now() - t;
    const count = dry.supplies.valid;
    report('read + validate (dry run)', dryMs, count);

    const plainMs = values.baseline === 'true' ? await plainCreate(db, dir) : undefined;

    t = performance.now();
    const result = await importer.import(source, { mode: 'replace', dryRun: false, onProgress: progressPrinter() });
    const stagedMs = performance.now() - t;
    process.stderr.write('\n');
    report('staged replace (validate + stage + publish)', stagedMs, result.supplies.valid, plainMs === undefined ? undefined : 'plain UNWIND … CREATE batches', plainMs);
    await importer.idle();
  } finally {
    await db.close();
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (!values.dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
