/**
 * Structure-metric benchmarks (DESIGN §7): each of ours against a baseline measured in the same run, on
 * seeded random supply networks with heavy-tailed degrees (bench/random-network.ts).
 *
 *   npx tsx bench/structure.bench.ts            all benchmarks
 *   npx tsx bench/structure.bench.ts pagerank   only those whose name contains "pagerank"
 *   node --expose-gc --import tsx bench/structure.bench.ts   (collects garbage before each timed run)
 *
 * Prints one JSON line per benchmark: {name, firms, links, ms, baseline, baselineMs, …details}. Baselines
 * run on a graphology Graph whose construction is timed as its own line. Times are wall-clock, the median of
 * `REPEATS` runs for fast algorithms and one run for slow ones; `cpuMs` / `baselineCpuMs` give the process
 * CPU time of the same runs, steadier than wall time on a shared machine.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Graph from 'graphology';
import pagerankReference from 'graphology-metrics/centrality/pagerank.js';
import betweennessReference from 'graphology-metrics/centrality/betweenness.js';
import louvainReference from 'graphology-communities-louvain';
import { buildSnapshot, type Snapshot } from '../server/analytics/snapshot.ts';
import { undirectedIndex } from '../server/analytics/structure-index.ts';
import { pagerank } from '../server/analytics/pagerank.ts';
import { betweenness } from '../server/analytics/betweenness.ts';
import { louvain } from '../server/analytics/louvain.ts';
import { coreNumbers } from '../server/analytics/kcore.ts';
import { constraint } from '../server/analytics/constraint.ts';
import { articulationPoints } from '../server/analytics/articulation.ts';
import { degrees } from '../server/analytics/degree.ts';
import { concentration } from '../server/analytics/concentration.ts';
import { computeStructureMetrics } from '../server/analytics/structure.ts';
import { mulberry32 } from '../server/analytics/seeded-random.ts';
import { randomSupplyNetwork } from './random-network.ts';
import { networkitBetweenness, readNpy, writeEdgeFile } from './networkit.ts';

const FIRMS = 100_000;
const LINKS = 1_000_000;
const SMALL_FIRMS = 4_000;
const SMALL_LINKS = 20_000;
const MID_FIRMS = 10_000;
const MID_LINKS = 100_000;
/** networkit's pivots: the count our earlier pivot estimate used, and a probe to time one pivot. */
const PIVOTS = 1_000;
const PIVOT_PROBE = 50;
const REPEATS = 3;
const TOLERANCE = 1e-10;
const filter = process.argv[2] ?? '';

interface Line {
  name: string;
  firms: number;
  links: number;
  ms: number;
  baseline: string | null;
  baselineMs: number | null;
  [detail: string]: unknown;
}

/**
 * python-igraph's PageRank on the same graph, when BENCH_PYTHON names a Python with igraph and numpy
 * (python3 -m venv .venv-bench && .venv-bench/bin/pip install igraph networkit numpy).
 */
function pagerankIgraph(s: Snapshot): { ms: number; buildMs: number; version: string; ranks: Float64Array } | null {
  const python = process.env.BENCH_PYTHON;
  if (!python) return null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-igraph-'));
  try {
    const file = path.join(dir, 'edges.bin');
    writeEdgeFile(s, file, true);
    const out = execFileSync(python, [path.join(import.meta.dirname, 'python', 'pagerank_igraph.py'), file, String(s.n), String(REPEATS)], { encoding: 'utf8' });
    const result = JSON.parse(out) as { ms: number; buildMs: number; igraph: string };
    const ranks = readNpy(file + '.ranks.npy');
    return { ms: result.ms, buildMs: result.buildMs, version: result.igraph, ranks };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function emit(line: Line): void {
  console.log(JSON.stringify({ ...line, ms: round(line.ms), baselineMs: line.baselineMs === null ? null : round(line.baselineMs) }));
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

interface Timed<T> {
  ms: number;
  cpuMs: number;
  result: T;
}

const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {});

function time<T>(run: () => T): Timed<T> {
  collectGarbage();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const result = run();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: round((used.user + used.system) / 1000), result };
}

function median<T>(repeats: number, run: () => T): Timed<T> {
  const runs = Array.from({ length: repeats }, () => time(run));
  runs.sort((a, b) => a.ms - b.ms);
  return runs[Math.floor(repeats / 2)];
}

const wanted = (name: string) => name.includes(filter);

function directedGraph(s: Snapshot): Graph {
  const graph = new Graph({ type: 'directed' });
  for (let i = 0; i < s.n; i++) graph.addNode(i);
  for (let i = 0; i < s.n; i++) {
    for (let e = s.outOffsets[i]; e < s.outOffsets[i + 1]; e++) {
      graph.addDirectedEdge(i, s.outTargets[e], { weight: s.outValues[e] });
    }
  }
  return graph;
}

/** Undirected with w_ij = z_ij + z_ji, the graph our Louvain works on. */
function undirectedGraph(s: Snapshot): Graph {
  const { offsets, neighbours, weights } = undirectedIndex(s);
  const graph = new Graph({ type: 'undirected' });
  for (let i = 0; i < s.n; i++) graph.addNode(i);
  for (let i = 0; i < s.n; i++) {
    for (let e = offsets[i]; e < offsets[i + 1]; e++) {
      if (neighbours[e] > i) graph.addUndirectedEdge(i, neighbours[e], { weight: weights[e] });
    }
  }
  return graph;
}

function largest(values: ArrayLike<number>): number {
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > max) max = values[i];
  return max;
}

function maxAbsDiff(a: Float64Array, reference: Record<string, number> | Float64Array): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - (reference instanceof Float64Array ? reference[i] : reference[String(i)])));
  return max;
}

function bigNetwork(): Snapshot {
  const generated = time(() => randomSupplyNetwork(FIRMS, LINKS, 1));
  const built = time(() => buildSnapshot(generated.result.firms, generated.result.links));
  const s = built.result;
  emit({ name: 'snapshot build (buildSnapshot)', firms: s.n, links: s.m, ms: built.ms, baseline: null, baselineMs: null, generateMs: round(generated.ms) });
  return s;
}

function main(): void {
  const s = bigNetwork();
  const { firms, links } = { firms: s.n, links: s.m };

  if (wanted('undirected index')) {
    const index = time(() => undirectedIndex(s));
    emit({ name: 'undirected index', firms, links, ms: index.ms, baseline: null, baselineMs: null, ties: index.result.edges });
  }

  if (wanted('pagerank')) {
    // Ours first, so neither side runs while the other's garbage is collected.
    // Ours at its stated accuracy (every firm within 1e-7 relative, a guaranteed bound); graphology stops
    // when the mean change per node is below TOLERANCE.
    const options = { tolerance: TOLERANCE, maxIterations: 1_000 };
    const ours = median(REPEATS, () => pagerank(s, { maxIterations: 1_000 }));
    const reverse = median(REPEATS, () => pagerank(s, { maxIterations: 1_000, reverse: true }));
    const graphBuild = time(() => directedGraph(s));
    emit({ name: 'graphology directed Graph construction', firms, links, ms: graphBuild.ms, baseline: null, baselineMs: null });
    const theirs = median(REPEATS, () => pagerankReference(graphBuild.result, { getEdgeWeight: 'weight', ...options }));
    emit({
      name: 'pagerank', firms, links, ms: ours.ms, baseline: 'graphology-metrics pagerank', baselineMs: theirs.ms,
      cpuMs: ours.cpuMs, baselineCpuMs: theirs.cpuMs,
      iterations: ours.result.iterations, relativeErrorBound: ours.result.relativeErrorBound, baselineTolerance: TOLERANCE, maxAbsDiff: maxAbsDiff(ours.result.values, theirs.result),
    });
    emit({ name: 'pagerank reverse (supplier criticality)', firms, links, ms: reverse.ms, baseline: null, baselineMs: null, cpuMs: reverse.cpuMs, iterations: reverse.result.iterations });
    const igraph = pagerankIgraph(s);
    if (igraph) {
      emit({
        name: 'pagerank vs python-igraph', firms, links, ms: ours.ms, baseline: `python-igraph ${igraph.version} pagerank (PRPACK)`, baselineMs: igraph.ms,
        baselineBuildMs: igraph.buildMs, maxAbsDiff: maxAbsDiff(ours.result.values, igraph.ranks),
      });
    }
  }

  if (wanted('louvain')) {
    undirectedIndex(s);
    const ours = time(() => louvain(s, { seed: 1 }));
    const graphBuild = time(() => undirectedGraph(s));
    emit({ name: 'graphology undirected Graph construction', firms, links, ms: graphBuild.ms, baseline: null, baselineMs: null });
    const theirs = time(() => louvainReference.detailed(graphBuild.result, { rng: mulberry32(1) }));
    emit({
      name: 'louvain', firms, links, ms: ours.ms, baseline: 'graphology-communities-louvain', baselineMs: theirs.ms,
      cpuMs: ours.cpuMs, baselineCpuMs: theirs.cpuMs,
      modularity: ours.result.modularity, communities: ours.result.count,
      baselineModularity: theirs.result.modularity, baselineCommunities: theirs.result.count,
    });
  }

  if (wanted('k-core')) {
    undirectedIndex(s);
    const ours = median(REPEATS, () => coreNumbers(s));
    emit({ name: 'k-core', firms, links, ms: ours.ms, baseline: null, baselineMs: null, cpuMs: ours.cpuMs, maxCore: largest(ours.result) });
  }
  if (wanted('constraint')) {
    undirectedIndex(s);
    const ours = median(REPEATS, () => constraint(s));
    emit({ name: 'constraint', firms, links, ms: ours.ms, baseline: null, baselineMs: null, cpuMs: ours.cpuMs });
  }
  if (wanted('articulation')) {
    undirectedIndex(s);
    const ours = median(REPEATS, () => articulationPoints(s));
    emit({ name: 'articulation points', firms, links, ms: ours.ms, baseline: null, baselineMs: null, cpuMs: ours.cpuMs, points: ours.result.points.length, bridges: ours.result.bridges.length / 2 });
  }
  if (wanted('degree')) {
    const ours = median(REPEATS, () => degrees(s));
    emit({ name: 'degree and strength', firms, links, ms: ours.ms, baseline: null, baselineMs: null });
  }
  if (wanted('concentration')) {
    const ours = median(REPEATS, () => concentration(s));
    emit({ name: 'concentration (HHI)', firms, links, ms: ours.ms, baseline: null, baselineMs: null });
  }

  if (wanted('betweenness exact')) {
    const network = randomSupplyNetwork(SMALL_FIRMS, SMALL_LINKS, 2);
    const small = buildSnapshot(network.firms, network.links);
    const ours = time(() => betweenness(small));
    const graph = directedGraph(small);
    const theirs = time(() => betweennessReference(graph, { getEdgeWeight: null, normalized: true }));
    emit({
      name: 'betweenness exact', firms: small.n, links: small.m, ms: ours.ms,
      baseline: 'graphology-metrics betweenness (unweighted)', baselineMs: theirs.ms,
      cpuMs: ours.cpuMs, baselineCpuMs: theirs.cpuMs,
      maxAbsDiff: maxAbsDiff(ours.result.values, theirs.result),
    });
  }

  if (wanted('betweenness sampled')) {
    // Errors against exact values where exact is affordable (10k / 100k), then time at 100k / 1M.
    const network = randomSupplyNetwork(MID_FIRMS, MID_LINKS, 4);
    const mid = buildSnapshot(network.firms, network.links);
    const exact = time(() => betweenness(mid, { exactThreshold: Infinity }));
    const oursMid = time(() => betweenness(mid, { exactThreshold: 0 }));
    const perPivot = networkitBetweenness(mid, [PIVOT_PROBE]);
    // networkit once with our old pivot count, once with as many pivots as fit in our time.
    const equalTime = perPivot ? Math.max(1, Math.round((oursMid.ms / perPivot[0].ms) * PIVOT_PROBE)) : 0;
    const theirsMid = networkitBetweenness(mid, [PIVOTS, equalTime]);
    emit({
      name: 'betweenness sampled vs exact', firms: mid.n, links: mid.m, ms: oursMid.ms,
      baseline: theirsMid ? `networkit ${theirsMid[0].version} EstimateBetweenness, ${PIVOTS} pivots, 1 thread` : null,
      baselineMs: theirsMid ? theirsMid[0].ms : null,
      exactMs: round(exact.ms), samples: oursMid.result.samples, epsilon: oursMid.result.errorEstimate,
      confidence: oursMid.result.confidence, maxAbsError: maxAbsDiff(oursMid.result.values, exact.result.values),
      maxValue: largest(exact.result.values),
      ...(theirsMid
        ? {
            baselineMaxAbsError: maxAbsDiff(theirsMid[0].values, exact.result.values),
            equalTimePivots: equalTime, equalTimeMs: round(theirsMid[1].ms),
            equalTimeMaxAbsError: maxAbsDiff(theirsMid[1].values, exact.result.values),
          }
        : {}),
    });

    const ours = time(() => betweenness(s));
    const theirs = networkitBetweenness(s, [PIVOTS]);
    const ranked = Float64Array.from(ours.result.values).sort().reverse();
    const eps = ours.result.errorEstimate;
    // Firms certified in the top 100: lower bound above the 101st's upper bound.
    let certified = 0;
    while (certified < 100 && ranked[certified] - eps > ranked[100] + eps) certified++;
    emit({
      name: 'betweenness sampled', firms, links, ms: ours.ms,
      baseline: theirs ? `networkit ${theirs[0].version} EstimateBetweenness, ${PIVOTS} pivots, 1 thread` : null,
      baselineMs: theirs ? theirs[0].ms : null, cpuMs: ours.cpuMs,
      samples: ours.result.samples, epsilon: eps, confidence: ours.result.confidence,
      largest: ranked[0], tenth: ranked[9], hundredth: ranked[99], gap100to101: ranked[99] - ranked[100], certifiedTop100: certified,
    });
  }

  if (wanted('all structure metrics')) {
    const stages: Record<string, number> = {};
    let last = performance.now();
    let current = '';
    const all = time(() =>
      computeStructureMetrics(s, {
        onProgress: ({ stage }) => {
          if (stage === current) return;
          const now = performance.now();
          if (current) stages[current] = round(now - last);
          current = stage;
          last = now;
        },
      }),
    );
    emit({ name: 'all structure metrics (computeStructureMetrics)', firms, links, ms: all.ms, baseline: null, baselineMs: null, cpuMs: all.cpuMs, stages });
  }
}

main();
