/**
 * The metrics recompute at scale, stage by stage, on a network read from CSV files (as `npm run generate`
 * writes them), so the compute part needs no Neo4j:
 *
 *   node --expose-gc --import tsx bench/metrics.bench.ts --dir /work/data/10m
 *
 *   compute         computeMetricColumns (the compute pool, two threads), with the time of each stage (the
 *                   job's progress stages: what runs side by side) and the CPU time of every thread
 *   solves          the multipliers and network-scope coefficients from one solve; baseline: the two solves
 *                   apart (multipliers, then ioCoefficients network), as the recompute did before
 *   streams         KADABRA (top-100 rule) with its streams in two pool threads; baseline: the same streams
 *                   in one thread (the same estimate, checked)
 *   betweenness     ours (top-100 rule, betweenness.ts defaults): samples, the ε and δ achieved, the certified
 *                   ranks; baselines on the same snapshot: the earlier rule (every firm within ε = 0.001), and
 *                   networkit's EstimateBetweenness with --pivots pivots (BENCH_PYTHON, as bench/structure.bench.ts)
 *   exact           the same three on a 10k-firm / 100k-link network against exact Brandes: both errors
 *   write           write-back of every metric column to a local Neo4j (started in --data-dir, removed after)
 *                   holding the snapshot's firms: ours (writeMetricColumns: a double[] per firm, 50k a
 *                   statement, two in flight) on fresh firms and again over stored values; baseline: the
 *                   earlier write (36 properties, a map per firm, 10k a statement, one at a time;
 *                   cypher/metrics/write-batch.cypher). With --only write the links are not read (links: 0).
 *
 * Prints one JSON line per figure {name, firms, links, ms, baseline, baselineMs, …}.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildSnapshotFromColumns, firmIndex, type LinkColumns, type Snapshot, type SnapshotFirm } from '../server/analytics/snapshot.ts';
import { sourceFromFiles } from '../server/services/import/rows.ts';
import { computeMetricColumns } from '../server/services/workers/computeMetrics.ts';
import { kadabraBetweenness, kadabraBetweennessWith } from '../server/analytics/betweenness-kadabra.ts';
import { multipliers } from '../server/analytics/multipliers.ts';
import { ioCoefficients, multipliersAndNetworkCoefficients } from '../server/analytics/regional-coefficients.ts';
import { householdClosure } from '../server/analytics/regional.ts';
import { SERIES_DEFAULTS } from '../server/analytics/leontief.ts';
import { createComputePool } from '../server/services/workers/computePool.ts';
import { betweenness } from '../server/analytics/betweenness.ts';
import { buildSnapshot } from '../server/analytics/snapshot.ts';
import { randomSupplyNetwork } from './random-network.ts';
import { networkitBetweenness } from './networkit.ts';
import { Database } from '../server/db/database.ts';
import { startLocalNeo4j } from '../server/db/localNeo4j.ts';
import { applySchema } from '../server/db/schema.ts';
import { METRICS, METRIC_IDS, type MetricId } from '../server/domain/metrics.ts';
import { writeMetricColumns } from '../server/services/metricsWrite.ts';

const { values } = parseArgs({
  options: {
    dir: { type: 'string', default: '/work/data/10m' },
    only: { type: 'string', default: '' },
    pivots: { type: 'string', default: '1000' },
    'data-dir': { type: 'string', default: '' },
  },
});
const log = (m: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${m}\n`);
const round = (ms: number) => Math.round(ms * 10) / 10;
const wanted = (name: string) => values.only === '' || name.includes(values.only);

function emit(s: Snapshot, line: { name: string; ms: number; baseline?: string | null; baselineMs?: number | null; [k: string]: unknown }) {
  console.log(JSON.stringify({ firms: s.n, links: s.m, baseline: null, baselineMs: null, ...line, ms: round(line.ms) }));
}

/** Firms through the import's CSV reader; supplies split by hand (ids are [A-Za-z0-9._-], never quoted). */
async function readNetwork(dir: string): Promise<{ snapshot: Snapshot; readMs: number; buildMs: number }> {
  const started = performance.now();
  const firms: SnapshotFirm[] = [];
  const source = sourceFromFiles(path.join(dir, 'firms.csv'), path.join(dir, 'supplies.csv'));
  for await (const rows of source.firms()) for (const row of rows) firms.push(row.values as SnapshotFirm);
  const index = firmIndex(firms);
  log(`${firms.length} firms read`);
  if (values.only === 'write') {
    // The write-back needs the firms alone: reading 10M links would add minutes and change nothing.
    const none: LinkColumns = { count: 0, supplier: new Int32Array(0), buyer: new Int32Array(0), value: new Float64Array(0), year: new Float64Array(0) };
    return { snapshot: buildSnapshotFromColumns(firms, none, index), readMs: performance.now() - started, buildMs: 0 };
  }
  const text = fs.readFileSync(path.join(dir, 'supplies.csv'));
  let lines = 0;
  for (let i = 0; i < text.length; i++) if (text[i] === 10) lines++;
  const links: LinkColumns = { count: 0, supplier: new Int32Array(lines), buyer: new Int32Array(lines), value: new Float64Array(lines), year: new Float64Array(lines) };
  let start = text.indexOf(10) + 1;
  while (start < text.length) {
    let end = text.indexOf(10, start);
    if (end < 0) end = text.length;
    const cells = text.toString('latin1', start, end).split(',');
    const e = links.count++;
    links.supplier[e] = index.get(cells[0])!;
    links.buyer[e] = index.get(cells[1])!;
    links.value[e] = Number(cells[2]);
    links.year[e] = cells[3] ? Number(cells[3]) : 0;
    start = end + 1;
  }
  const readMs = performance.now() - started;
  log(`${links.count} links read`);
  const built = performance.now();
  const snapshot = buildSnapshotFromColumns(firms, links, index);
  return { snapshot, readMs, buildMs: performance.now() - built };
}

function timed<T>(run: () => T): { ms: number; cpuMs: number; result: T } {
  (globalThis as { gc?: () => void }).gc?.();
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = run();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - started, cpuMs: round((used.user + used.system) / 1000), result };
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** Firms among the 100 highest of `values` that are also among the 100 highest of `reference`. */
function top100Overlap(values: ArrayLike<number>, reference: ArrayLike<number>): number {
  const top = (x: ArrayLike<number>) => new Set(Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[b] - x[a]).slice(0, 100));
  const theirs = top(reference);
  return [...top(values)].filter((v) => theirs.has(v)).length;
}

/** Ours, the earlier every-firm rule and networkit's pivots on one snapshot; errors when `exact` is given. */
function compareBetweenness(s: Snapshot, exact: Float64Array | null) {
  const ours = timed(() => betweenness(s, { exactThreshold: 0 }));
  const ranked = Float64Array.from(ours.result.values).sort().reverse();
  const certified = ours.result.top?.certified.reduce((a, c) => a + c, 0) ?? 0;
  const errors = (values: Float64Array) => (exact ? { maxAbsError: maxAbsDiff(values, exact), top100Overlap: top100Overlap(values, exact) } : {});
  const earlier = timed(() => kadabraBetweenness(s, { epsilon: 1e-3, delta: 0.05, topK: 0, seed: 1 }));
  emit(s, {
    name: 'betweenness: KADABRA, top-100 rule', ms: ours.ms, cpuMs: ours.cpuMs,
    baseline: 'KADABRA, every firm within ε = 0.001 (the earlier rule)', baselineMs: round(earlier.ms), baselineCpuMs: earlier.cpuMs,
    samples: ours.result.samples, epsilonAsked: 1e-3, errorBound: ours.result.errorEstimate, delta: 1 - ours.result.confidence, certifiedRanks: certified,
    largest: ranked[0], tenth: ranked[9], hundredth: ranked[99], gap100to101: ranked[99] - ranked[100],
    ...errors(ours.result.values),
    baselineSamples: earlier.result.samples, baselineErrorBound: earlier.result.epsilon,
    ...(exact ? { baselineMaxAbsError: maxAbsDiff(earlier.result.values, exact), baselineTop100Overlap: top100Overlap(earlier.result.values, exact) } : {}),
  });
  const pivots = Number(values.pivots);
  const theirs = networkitBetweenness(s, [pivots]);
  if (theirs) {
    emit(s, {
      name: 'betweenness: networkit EstimateBetweenness', ms: theirs[0].ms, baseline: 'ours (KADABRA, top-100 rule)', baselineMs: round(ours.ms),
      pivots, version: theirs[0].version, ...errors(theirs[0].values), top100OverlapWithOurs: top100Overlap(theirs[0].values, ours.result.values),
    });
  }
}

/** Columns of the stored shapes (floats, whole numbers, flags, some NaN) when the compute part did not run. */
function standInColumns(n: number): Record<MetricId, Float64Array> {
  const columns = {} as Record<MetricId, Float64Array>;
  METRICS.forEach((metric, k) => {
    const column = new Float64Array(n);
    for (let i = 0; i < n; i++) column[i] = (i * 7 + k) % 97 === 0 ? NaN : k % 4 === 0 ? (i + k) % 50 : Math.sin(i + k) + 1.5;
    columns[metric.id] = column;
  });
  return columns;
}

/** The earlier write-back, kept here as the baseline: a map per firm, 10k firms a statement, one at a time. */
async function writeRows(db: Database, s: Snapshot, columns: Record<MetricId, ArrayLike<number>>, dataVersion: number) {
  for (let start = 0; start < s.n; start += 10_000) {
    const rows = [];
    for (let i = start; i < Math.min(s.n, start + 10_000); i++) {
      const metrics: Record<string, number | null> = {};
      for (const id of METRIC_IDS) metrics[id] = Number.isFinite(columns[id][i]) ? columns[id][i] : null;
      rows.push({ id: s.ids[i], metrics });
    }
    await db.write('metrics/write-batch', { rows, dataVersion });
  }
}

async function compareWrites(s: Snapshot, columns: Record<MetricId, ArrayLike<number>>) {
  if (!values['data-dir']) throw new Error('write: give --data-dir (a directory for a throw-away Neo4j)');
  const dataDir = values['data-dir'];
  const neo4j = await startLocalNeo4j({ dataDir, heap: '6g', pageCache: '2g', log });
  const db = new Database({ uri: neo4j.uri, user: 'neo4j', password: neo4j.password });
  try {
    await db.waitUntilReady();
    await applySchema(db);
    // The fixture: the snapshot's firms as generation `gen` of data version `gen`, without metrics (as after
    // an import); a bench fixture, so inline Cypher.
    const fixture = async (gen: number) => {
      await db.writeTx((tx) => tx.run("MERGE (m:Meta {key: 'dataVersion'}) SET m.value = $gen, m.generation = $gen", { gen }));
      for (let start = 0; start < s.n; start += 50_000) {
        const ids = s.ids.slice(start, start + 50_000);
        await db.writeTx((tx) => tx.run('UNWIND $ids AS id CREATE (:Firm {id: id, gen: $gen, name: id})', { ids, gen }));
      }
    };
    // Wall time, and the Neo4j JVM's CPU time (from /proc), the figure that a busy machine distorts least.
    const neo4jCpuMs = () => {
      const fields = fs.readFileSync(`/proc/${neo4j.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) * (1000 / 100);
    };
    const time = async (what: string, run: () => Promise<void>) => {
      const t = performance.now();
      const cpu = neo4jCpuMs();
      await run();
      const result = { ms: performance.now() - t, cpuMs: neo4jCpuMs() - cpu };
      log(`${what}: ${Math.round(result.ms)} ms, Neo4j CPU ${result.cpuMs} ms`);
      return result;
    };
    await fixture(1);
    const fresh = await time('ours on fresh firms', () => writeMetricColumns(db, s.ids, columns, 1));
    const again = await time('ours over stored values', () => writeMetricColumns(db, s.ids, columns, 1));
    await fixture(2);
    const earlierFresh = await time('earlier on fresh firms', () => writeRows(db, s, columns, 2));
    const earlier = await time('earlier over stored values', () => writeRows(db, s, columns, 2));
    const name = 'metric write-back (writeMetricColumns, a double[] per firm, 50k a statement, 2 in flight)';
    const baseline = '36 properties, a map per firm, 10k a statement, one at a time (the earlier write)';
    const line = (ours: typeof fresh, theirs: typeof fresh) => ({ ms: ours.ms, neo4jCpuMs: ours.cpuMs, baseline, baselineMs: round(theirs.ms), baselineNeo4jCpuMs: theirs.cpuMs, metrics: METRIC_IDS.length });
    emit(s, { name: `${name}, firms without metrics (after an import)`, ...line(fresh, earlierFresh) });
    emit(s, { name: `${name}, over stored metrics`, ...line(again, earlier) });
  } finally {
    await db.close();
    await neo4j.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main() {
  const { snapshot: s, readMs, buildMs } = await readNetwork(values.dir);
  emit(s, { name: 'snapshot from CSV (read + buildSnapshotFromColumns)', ms: readMs + buildMs, readMs: round(readMs), buildMs: round(buildMs) });

  let computed: Awaited<ReturnType<typeof computeMetricColumns>> | null = null;
  if (wanted('compute')) {
    const stages: Record<string, number> = {};
    let current = '';
    let last = performance.now();
    const cpu = process.cpuUsage();
    const started = performance.now();
    computed = await computeMetricColumns(s, (stage) => {
      if (stage === current) return;
      const now = performance.now();
      if (current) stages[current] = round(now - last);
      log(`${current || 'start'} → ${stage}`);
      current = stage;
      last = now;
    }, { threads: 2 });
    stages[current] = round(performance.now() - last);
    const used = process.cpuUsage(cpu);
    emit(s, { name: 'compute (computeMetricColumns, 2 threads)', ms: performance.now() - started, cpuMs: round((used.user + used.system) / 1000), stages, betweenness: computed.summary.betweenness });
  }
  const computedColumns = computed?.columns ?? standInColumns(s.n);

  if (wanted('solves')) {
    householdClosure(s, 'network', SERIES_DEFAULTS); // cached per snapshot: both ways below reuse it
    const apart = timed(() => ({ m: multipliers(s), network: ioCoefficients(s, { scope: 'network' }) }));
    const together = timed(() => multipliersAndNetworkCoefficients(s));
    emit(s, {
      name: 'multipliers and network coefficients, one solve (multipliersAndNetworkCoefficients)', ms: together.ms, cpuMs: together.cpuMs,
      baseline: 'multipliers() then ioCoefficients(network), two solves (the earlier recompute)', baselineMs: round(apart.ms), baselineCpuMs: apart.cpuMs,
      maxOutputDifference: maxAbsDiff(together.result.multipliers.output, apart.result.m.output),
    });
  }
  if (wanted('streams')) {
    const options = { epsilon: 1e-3, delta: 0.05, topK: 100, seed: 1 };
    const alone = timed(() => kadabraBetweenness(s, options));
    const pool = createComputePool(s, { threads: 2 });
    const cpu = process.cpuUsage();
    const started = performance.now();
    const threaded = await kadabraBetweennessWith(s, options, pool.kadabraDriver());
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    await pool.close();
    emit(s, {
      name: 'betweenness: KADABRA top-100 rule, streams in 2 pool threads', ms, cpuMs: round((used.user + used.system) / 1000),
      baseline: 'the same streams in one thread', baselineMs: round(alone.ms), baselineCpuMs: alone.cpuMs,
      samples: threaded.samples, msPerPath: ms / threaded.samples, baselineMsPerPath: alone.ms / alone.result.samples,
      sameEstimate: threaded.samples === alone.result.samples && maxAbsDiff(threaded.values, alone.result.values) === 0,
    });
  }

  if (wanted('write')) await compareWrites(s, computedColumns);
  if (wanted('betweenness')) compareBetweenness(s, null);
  if (wanted('exact')) {
    const network = randomSupplyNetwork(10_000, 100_000, 4);
    const mid = buildSnapshot(network.firms, network.links);
    const exact = timed(() => betweenness(mid, { exactThreshold: Infinity }));
    emit(mid, { name: 'betweenness exact (Brandes)', ms: exact.ms, cpuMs: exact.cpuMs });
    compareBetweenness(mid, exact.result.values);
  }
}

await main();
