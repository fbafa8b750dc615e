/**
 * Import throughput on a real local Neo4j (server defaults: 6 GB heap, 1 GB page cache), from CSV files
 * read as streams. Each figure comes with its baseline from the same run, one JSON line each:
 *
 *   read + validate   the streamed parse and validation alone (a dry run: the floor for any import)
 *                     vs  csv-parse alone over the same two files (records counted, nothing typed or checked)
 *   staged replace    ImportService replace: validate, stage a generation, publish
 *                     vs  plain UNWIND … CREATE batches (10,000 rows a transaction) of the same rows,
 *                         ends found by a unique id index (under a separate label, same database)
 *   offline importer  `neo4j-admin database import full` (org.neo4j.cli.AdminTool from the same Maven jars)
 *                     on the same rows into a scratch NEO4J_HOME under os.tmpdir(), never the running
 *                     database: a figure beside ours, not a path the import takes (docs/SCALING.md)
 *
 *   npm run bench:import -- [--firms 100000 --links 1000000 | --dir DIR with firms.csv, supplies.csv]
 *                           [--baseline false] [--offline false]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse';
import { Database } from '../server/db/database.ts';
import { prepareLocalNeo4j, startLocalNeo4j } from '../server/db/localNeo4j.ts';
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

/**
 * The offline importer on the same files, into a new store in a scratch NEO4J_HOME. It takes its header
 * apart from the data, so each file is copied without its header line first (counted in the time).
 * Returns the wall time (JVM start included) and the importer's own "IMPORT DONE in" time.
 */
async function offlineImport(dir: string): Promise<{ ms: number; toolMs: number }> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-offline-import-'));
  try {
    fs.mkdirSync(path.join(home, 'conf'));
    fs.writeFileSync(path.join(home, 'conf', 'neo4j.conf'), '');
    const started = performance.now();
    const files: Record<string, string[]> = {};
    for (const name of ['firms', 'supplies']) {
      const source = path.join(dir, `${name}.csv`);
      const fd = fs.openSync(source, 'r');
      const head = Buffer.alloc(65_536);
      const firstLine = head.subarray(0, fs.readSync(fd, head)).toString('utf8').split(/\r?\n/)[0].replace(/^\uFEFF/, '');
      fs.closeSync(fd);
      const header = path.join(home, `${name}-header.csv`);
      fs.writeFileSync(header, firstLine.split(',').map((c) => OFFLINE_TYPES[c] ?? c).join(',') + '\n');
      const body = path.join(home, `${name}-body.csv`);
      let skipped = false;
      await pipeline(fs.createReadStream(source, { highWaterMark: 1 << 20 }), async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          if (skipped) yield chunk;
          else {
            skipped = true;
            yield chunk.subarray(chunk.indexOf(10) + 1);
          }
        }
      }, fs.createWriteStream(body));
      files[name] = [header, body];
    }
    const { classpath } = prepareLocalNeo4j(log);
    const args = [
      '-Xmx2g', '-cp', classpath, 'org.neo4j.cli.AdminTool', 'database', 'import', 'full', 'neo4j',
      '--ignore-empty-strings=true', '--threads=2',
      `--nodes=Firm=${files.firms.join(',')}`, `--relationships=SUPPLIES=${files.supplies.join(',')}`,
    ];
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn('java', args, { env: { ...process.env, NEO4J_HOME: home, NEO4J_CONF: path.join(home, 'conf') }, stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`offline importer exited with ${code}:\n${out.slice(-2000)}`))));
    });
    const ms = performance.now() - started;
    const done = /IMPORT DONE in (?:(\d+)m )?(?:(\d+)s )?(\d+)ms/.exec(output);
    const toolMs = done ? Number(done[1] ?? 0) * 60_000 + Number(done[2] ?? 0) * 1000 + Number(done[3]) : NaN;
    return { ms, toolMs };
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
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
    report('read + validate (dry run)', dryMs, count, 'csv-parse alone, both files', await csvParseAlone(dir));

    const plainMs = values.baseline === 'true' ? await plainCreate(db, dir) : undefined;

    t = performance.now();
    const result = await importer.import(source, { mode: 'replace', dryRun: false, onProgress: progressPrinter() });
    const stagedMs = performance.now() - t;
    process.stderr.write('\n');
    report('staged replace (validate + stage + publish)', stagedMs, result.supplies.valid, plainMs === undefined ? undefined : 'plain UNWIND … CREATE batches', plainMs);
    await importer.idle();

    if (values.offline === 'true') {
      const offline = await offlineImport(dir);
      report('offline importer, wall (header-less copies + JVM start + import into a scratch store)', offline.ms, result.supplies.valid, 'staged replace (same run)', stagedMs);
      report('offline importer, its own "IMPORT DONE" time', offline.toolMs, result.supplies.valid);
    }
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
