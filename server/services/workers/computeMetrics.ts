/**
 * Every per-firm metric as named columns (METRICS in domain/metrics.ts), from the structure metrics and
 * the all-firm multipliers, computed side by side in a compute pool (computePool.ts). Run in a worker by
 * the metrics service and directly by tests; the result does not depend on the number of threads.
 */
import { availableParallelism } from 'node:os';
import type { CoefficientSet, IoCoefficients } from '../../analytics/regional-coefficients.ts';
import type { Multipliers } from '../../analytics/multipliers.ts';
import type { LouvainResult } from '../../analytics/louvain.ts';
import type { PageRankResult } from '../../analytics/pagerank.ts';
import type { Degrees } from '../../analytics/degree.ts';
import type { Concentration } from '../../analytics/concentration.ts';
import { BETWEENNESS_DEFAULTS, betweennessInfo, betweennessWith, type BetweennessResult } from '../../analytics/betweenness.ts';
import { createComputePool } from './computePool.ts';
import type { TaskResult } from './computeTasks.ts';
import type { Snapshot } from '../../analytics/snapshot.ts';
import { METRICS, type MetricId } from '../../domain/metrics.ts';

export interface MetricColumns {
  columns: Record<MetricId, Float64Array | Int32Array | Uint8Array>;
  summary: {
    modularity: number;
    communityCount: number;
    betweenness: { exact: boolean; samples: number; errorEstimate: number; confidence: number; certifiedRanks: number | null };
    multiplierIterations: number;
    /** The household spending share the Type II coefficients assume. */
    householdSpendingShare: number;
    /** The distribution of every input-output coefficient over the firms that have it. */
    coefficientQuantiles: Partial<Record<MetricId, CoefficientQuantiles>>;
    computeMs: number;
  };
}

export interface CoefficientQuantiles {
  firms: number;
  p10: number;
  p25: number;
  p50: number;
  p75: number;
  p90: number;
}

/** Quantiles by linear interpolation between order statistics (type 7, as numpy and R default); null when no firm has a value. */
export function quantiles(values: ArrayLike<number>): CoefficientQuantiles | null {
  const sorted = Float64Array.from(Array.prototype.filter.call(values, Number.isFinite) as number[]).sort();
  const n = sorted.length;
  if (n === 0) return null;
  const at = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, n - 1)] - sorted[lo]);
  };
  return { firms: n, p10: at(0.1), p25: at(0.25), p50: at(0.5), p75: at(0.75), p90: at(0.9) };
}

export interface ComputeOptions {
  /** Threads for the analyses and the betweenness sampling (default: two where the network is large). */
  threads: number;
}

/** Below this many links, starting threads costs more than it saves. */
const THREADS_FROM_LINKS = 200_000;

/** Relative cost of each part (1M firms / 10M links), for the overall fraction reported. */
const WEIGHT = {
  'multipliers and network coefficients': 12,
  'region coefficients': 12,
  louvain: 5,
  pagerank: 4,
  supplierCriticality: 4,
  'k-core, constraint, articulation': 3,
  'degree and concentration': 0.5,
  betweenness: 60,
} as const;
type Part = keyof typeof WEIGHT;
const TOTAL_WEIGHT = Object.values(WEIGHT).reduce((a, b) => a + b, 0);

export async function computeMetricColumns(
  snapshot: Snapshot,
  onProgress: (stage: string, fraction: number) => void = () => {},
  options: Partial<ComputeOptions> = {},
): Promise<MetricColumns> {
  const started = performance.now();
  const threads = options.threads ?? (snapshot.m >= THREADS_FROM_LINKS ? Math.min(2, availableParallelism()) : 1);
  // Every part is asked for at once, the costliest first; the pool runs them as its threads come free and
  // the betweenness streams after them. The stage reported is what has started and not finished.
  const running = new Map<Part, number>();
  const done = new Set<Part>();
  let finished = 0;
  const report = () => {
    const partial = [...running].reduce((sum, [part, f]) => sum + WEIGHT[part] * f, 0);
    onProgress([...running.keys()].join(' · ') || 'done', Math.min(1, (finished + partial) / TOTAL_WEIGHT));
  };
  const pool = createComputePool(snapshot, {
    threads,
    onTaskStart: (task) => {
      const name: Part = task === 'betweenness samples' || task === 'betweenness (exact)' ? 'betweenness' : task;
      if (running.has(name) || done.has(name)) return;
      running.set(name, 0);
      report();
    },
  });
  const part = <T>(name: Part, work: Promise<T>): Promise<T> =>
    work.then((result) => {
      running.delete(name);
      done.add(name);
      finished += WEIGHT[name];
      report();
      return result;
    });
  try {
    // The multipliers and the network-scope coefficients solve the same system: one solve serves both.
    const solved = part('multipliers and network coefficients', pool.run('multipliers and network coefficients'));
    const regionSolved = part('region coefficients', pool.run('region coefficients'));
    const communitiesFound = part('louvain', pool.run('louvain'));
    const rankFound = part('pagerank', pool.run('pagerank'));
    const criticalFound = part('supplierCriticality', pool.run('supplierCriticality'));
    const coresFound = part('k-core, constraint, articulation', pool.run('k-core, constraint, articulation'));
    const degreesFound = part('degree and concentration', pool.run('degree and concentration'));
    const betweennessFound = part(
      'betweenness',
      snapshot.n <= BETWEENNESS_DEFAULTS.exactThreshold
        ? pool.run('betweenness (exact)')
        : betweennessWith(snapshot, { onProgress: (f) => (running.set('betweenness', f), report()) }, pool.kadabraDriver()),
    );
    const [{ multipliers: m, network }, region, communities, rank, critical, cores, { degree, concentration: hhi }, between] = await Promise.all([
      solved,
      regionSolved,
      communitiesFound,
      rankFound,
      criticalFound,
      coresFound,
      degreesFound,
      betweennessFound,
    ]);
    return metricColumns({ m, network, region, communities, rank, critical, cores, degree, hhi, between, started });
  } finally {
    await pool.close();
  }
}

interface Parts {
  m: Multipliers;
  network: IoCoefficients;
  region: IoCoefficients;
  communities: LouvainResult;
  rank: PageRankResult;
  critical: PageRankResult;
  cores: TaskResult<'k-core, constraint, articulation'>;
  degree: Degrees;
  hhi: Concentration;
  between: BetweennessResult;
  started: number;
}

function metricColumns({ m, network, region, communities, rank, critical, cores, degree, hhi, between, started }: Parts): MetricColumns {
  // Jobs per ₩1bn of final demand, the unit of Korean input-output tables (취업유발계수, 명/10억원).
  const perBillion = (set: CoefficientSet) => set.employment.map((x) => x * 1000);
  const columns: MetricColumns['columns'] = {
    pagerank: rank.values,
    pagerankReverse: critical.values,
    betweenness: between.values,
    community: communities.community,
    coreNumber: cores.coreNumber,
    constraint: cores.constraint,
    inDegree: degree.inDegree,
    outDegree: degree.outDegree,
    inStrength: degree.inStrength,
    outStrength: degree.outStrength,
    supplierHhi: hhi.supplierHHI,
    customerHhi: hhi.customerHHI,
    outputMultiplier: m.output,
    employmentMultiplier: m.employment.map((x) => x * 1000),
    valueAddedMultiplier: m.valueAdded,
    regionalRetention: m.regionalRetention,
    backwardLinkage: m.backwardLinkage,
    forwardLinkage: m.forwardLinkage,
    articulation: cores.articulation.isArticulation,
    ghoshForwardLinkage: network.ghoshForwardLinkage,
    outputMultiplierII: network.typeII.output,
    valueAddedMultiplierII: network.typeII.valueAdded,
    employmentMultiplierII: perBillion(network.typeII),
    backwardLinkageII: network.typeII.backwardLinkage,
    forwardLinkageII: network.typeII.forwardLinkage,
    regionOutputMultiplier: region.typeI.output,
    regionValueAddedMultiplier: region.typeI.valueAdded,
    regionEmploymentMultiplier: perBillion(region.typeI),
    regionBackwardLinkage: region.typeI.backwardLinkage,
    regionForwardLinkage: region.typeI.forwardLinkage,
    regionGhoshForwardLinkage: region.ghoshForwardLinkage,
    regionOutputMultiplierII: region.typeII.output,
    regionValueAddedMultiplierII: region.typeII.valueAdded,
    regionEmploymentMultiplierII: perBillion(region.typeII),
    regionBackwardLinkageII: region.typeII.backwardLinkage,
    regionForwardLinkageII: region.typeII.forwardLinkage,
  };
  const coefficientQuantiles: MetricColumns['summary']['coefficientQuantiles'] = {};
  for (const metric of METRICS) {
    if (!('coefficient' in metric)) continue;
    const q = quantiles(columns[metric.id]);
    if (q) coefficientQuantiles[metric.id] = q;
  }
  return {
    columns,
    summary: {
      modularity: communities.modularity,
      communityCount: communities.count,
      betweenness: betweennessInfo(between),
      multiplierIterations: m.solves.output.iterations,
      householdSpendingShare: region.householdSpendingShare,
      coefficientQuantiles,
      computeMs: Math.round(performance.now() - started),
    },
  };
}
