/**
 * Import throughput on a real local Neo4j (server defaults: 6 GB heap, 1 GB page cache), from CSV files
 * read as streams. Each figure comes with its baseline from the same run, one JSON line each:
 *
 *   read + validate   the streamed parse and validation alone (a dry run: the floor for any import)
 *                     vs  csv-parse alone over the same two files (records counted, nothing typed or checked)
 *   staged replace    ImportService replace: validate, stage a generation, publish
 *                     vs  plain UNWIND … CREATE batches (10,000 rows a transaction) of the same rows,
 *                         ends found by a unique id index (under a separate label, same database)
 *   offline replace   the CLI's default replace into the local Neo4j (import/offlineReplace.ts): validate +
 *                     convert, Neo4j's offline importer into a staged store, its indexes, and the swap,
 *                     end to end and per stage, beside the plain batches and the staged replace
 *
 *   npm run bench:import -- [--firms 100000 --links 1000000 | --dir DIR with firms.csv, supplies.csv]
 *                           [--baseline false] [--offline false]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import { loadConfig } from '../server/config.ts';
import { connect } from '../server/db/connect.ts';
import type { Database } from '../server/db/database.ts';
import { createLogger } from '../server/log.ts';
import { Firm, Supply } from '../server/domain/firm.ts';
import { csvRows } from '../server/services/import/csv.ts';
import { firmToNode } from '../server/services/import/firmRecord.ts';
import { sourceFromFiles } from '../server/services/import/rows.ts';
import { supplyRow } from '../server/services/import/write.ts';
import { offlineReplace } from '../server/services/import/offlineReplace.ts';
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
    offline: { type: 'string', default: 'true' },
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

/** The parser's own floor: csv-parse over both files, records pulled synchronously as csvRows does. */
async function csvParseAlone(dir: string): Promise<number> {
  const started = performance.now();
  for (const file of ['firms.csv', 'supplies.csv']) {
    const parser = fs.createReadStream(path.join(dir, file), { highWaterMark: 1 << 20 }).pipe(parse({ bom: true, relax_column_count: true }));
    const records = await new Promise<number>((resolve, reject) => {
      let n = 0;
      parser.on('readable', () => {
        while (parser.read() !== null) n++;
      });
      parser.on('end', () => resolve(n)).on('error', reject);
    });
    if (records === 0) throw new Error(`${file}: no records`);
  }
  return performance.now() - started;
}

/** The offline importer's header types for our CSV columns (history is stored as historyJson). */
const OFFLINE_TYPES: Record<string, string> = {
  id: 'id:ID', history: 'historyJson', supplier: ':START_ID', buyer: ':END_ID',
  revenue: 'revenue:double', valueAddedRatio: 'valueAddedRatio:double', wageShare: 'wageShare:double',
  exportShare: 'exportShare:double', rdIntensity: 'rdIntensity:double', value: 'value:double',
  employees: 'employees:long', founded: 'founded:long', patents: 'patents:long', certifications: 'certifications:long',
  axLevel: 'axLevel:long', cohort: 'cohort:long', year: 'year:long',
};

/** Removes the plain baseline's rows, so that the offline replace's swap has only our own data to copy. */
async function deletePlain(db: Database): Promise<void> {
  for (;;) {
    const [{ deleted }] = await db.write<{ deleted: number }>('bench/plain-delete', { batch: 2_000 });
    if (deleted < 2_000) return;
  }
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
  const connection = await connect({ ...loadConfig({}), dataDir, NEO4J_HEAP: values.heap, NEO4J_PAGECACHE: values.pagecache }, createLogger('warn'));
  const db = connection.db;
  try {
    const importer = new ImportService(db);
    const source = sourceFromFiles(path.join(dir, 'firms.csv'), path.join(dir, 'supplies.csv'));

    let t = performance.now();
    const dry = await importer.import(source, { mode: 'replace', dryRun: true });
    const dryMs = performance.now() - t;
    const count = dry.supplies.valid;
    report('read + validate (dry run)', dryMs, count, 'csv-parse alone, both files', await csvParseAlone(dir));

    const plainMs = values.baseline === 'true' ? await plainCreate(db, dir) : undefined;

    t = performance.now();
    const result = await importer.import(source, { mode: 'replace', dryRun: false, onProgress: progressPrinter() });
    const stagedMs = performance.now() - t;
    process.stderr.write('\n');
    report('staged replace (validate + stage + publish)', stagedMs, result.supplies.valid, plainMs === undefined ? undefined : 'plain UNWIND … CREATE batches', plainMs);
    await importer.idle();

    if (values.offline === 'true') {
      if (plainMs !== undefined) await deletePlain(db);
      t = performance.now();
      const offline = await offlineReplace(db, connection.store!, source, { onProgress: progressPrinter() });
      const offlineMs = performance.now() - t;
      process.stderr.write('\n');
      report('offline replace, end to end (validate + convert, importer, indexes, swap)', offlineMs, offline.supplies.valid, plainMs === undefined ? 'staged replace (same run)' : 'plain UNWIND … CREATE batches', plainMs ?? stagedMs);
      report('offline replace vs the staged replace (same run)', offlineMs, offline.supplies.valid, 'staged replace', stagedMs);
      console.log(JSON.stringify({ name: 'offline replace, stages (ms)', ...offline.stages }));
    }
  } finally {
    await connection.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
    if (!values.dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
