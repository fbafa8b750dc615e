/**
 * The offline replace's stages on their own (issue 11 item 1: where the ≥ 100k links/s goes), without a
 * server or a live Neo4j, each with wall and CPU time (this process's, and its JVM children's):
 *
 *   first pass     validation + the importer's input (import/importerInput.ts): the CSV fast path with
 *                  the firm rows checked in a worker thread
 *                  vs  the row path of the same pass (every row typed into an object and checked by zod),
 *                      as every pass ran before the fast path, and the fast path in one thread
 *                      (CPU seconds are the whole process's, worker included)
 *   importer       `neo4j-admin database import full` alone on the pass's (pre-validated) input: the floor
 *                  of this machine for the importer stage
 *   indexes        the staged store's schema one part at a time: the unique constraint on Firm (id, gen),
 *                  the relationship index supplies_year (no longer in the schema), then every statement
 *                  of the schema, then a no-op run
 *                  (JVM start and store open only)
 *
 *   npm run bench:offline -- --dir DIR --data-dir SCRATCH [--baseline false]
 *
 * At 10M links run it only under the bench lock (a 10M store is ~5 GB in SCRATCH; removed at the end).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildIndexes, runImporter } from '../server/db/offlineStore.ts';
import { schemaStatements } from '../server/db/schema.ts';
import { writeImporterInput } from '../server/services/import/importerInput.ts';
import { sourceFromFiles } from '../server/services/import/rows.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string' },
    'data-dir': { type: 'string' },
    baseline: { type: 'string', default: 'true' },
  },
});
if (!values.dir || !values['data-dir']) throw new Error('usage: bench:offline -- --dir DIR --data-dir SCRATCH');
const dir = values.dir;
const scratch = path.resolve(values['data-dir']);
fs.mkdirSync(scratch, { recursive: true });
const log = (m: string) => process.stderr.write(`${m}\n`);

/** CPU seconds of this process and of its waited-for children (the JVMs), from /proc. */
function cpuSeconds(): { own: number; children: number } {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  const tick = 100;
  return { own: (Number(fields[11]) + Number(fields[12])) / tick, children: (Number(fields[13]) + Number(fields[14])) / tick };
}

async function measure<T>(name: string, links: number, job: () => Promise<T>, extra: (result: T) => object = () => ({})): Promise<T> {
  const c0 = cpuSeconds();
  const t = performance.now();
  const result = await job();
  const ms = performance.now() - t;
  const c1 = cpuSeconds();
  const load = fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  console.log(JSON.stringify({
    name, ms: Math.round(ms), linksPerSecond: links ? Math.round(links / (ms / 1000)) : undefined,
    cpuSeconds: Math.round((c1.own - c0.own) * 10) / 10, childCpuSeconds: Math.round((c1.children - c0.children) * 10) / 10,
    loadAverage: load, ...extra(result),
  }));
  return result;
}

const pass = async (fast: boolean, firmWorker = true) => {
  const out = fs.mkdtempSync(path.join(scratch, 'input-'));
  const source = sourceFromFiles(path.join(dir, 'firms.csv'), path.join(dir, 'supplies.csv'));
  if (!fast) delete source.csv;
  let last = '';
  const written = await writeImporterInput(source, out, {
    generation: 1,
    firmWorker,
    onProgress: (p) => {
      if (p.stage !== last) log(`${fast ? 'fast' : 'row'} path: ${p.stage}`);
      last = p.stage;
    },
  });
  return { out, written };
};

const counts = ({ written: w }: Awaited<ReturnType<typeof pass>>) => ({ firms: w.firms, supplies: w.supplies, convertMs: Math.round(w.convertMs) });
if (values.baseline === 'true') {
  const baseline = await measure('first pass, row path (baseline)', 0, () => pass(false), counts);
  fs.rmSync(baseline.out, { recursive: true, force: true });
  const oneThread = await measure('first pass, CSV fast path, firm rows in the main thread', 0, () => pass(true, false), counts);
  fs.rmSync(oneThread.out, { recursive: true, force: true });
}
const { out, written } = await measure('first pass, CSV fast path, firm rows in a worker', 0, () => pass(true), counts);
const supplies = written.supplies;
const home = fs.mkdtempSync(path.join(scratch, 'store-'));
try {
  await measure('importer alone on pre-validated input', supplies, () => runImporter(home, written.input, () => {}), (ownMs) => ({ importerOwnMs: ownMs }));
  fs.rmSync(out, { recursive: true, force: true });
  const all = schemaStatements();
  const firmKey = all.filter((n) => n.endsWith('01-firm-id'));
  await measure('index: unique constraint Firm (id, gen) alone', 0, () => buildIndexes(home, () => {}, firmKey));
  await measure('index: supplies_year alone (relationship index)', 0, () => buildIndexes(home, () => {}, ['bench/supplies-year-index']));
  await measure('index: every other statement of the schema', 0, () => buildIndexes(home, () => {}));
  await measure('index: no-op run (JVM start, store open)', 0, () => buildIndexes(home, () => {}));
} finally {
  fs.rmSync(out, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
}
