/**
 * The pieces of the all-metrics recompute that can run side by side, each a pure function of the snapshot,
 * so that the compute pool (computePool.ts) can run any of them in any of its threads with the same result.
 */
import type { Snapshot } from '../../analytics/snapshot.ts';
import { ioCoefficients, multipliersAndNetworkCoefficients } from '../../analytics/regional-coefficients.ts';
import { degrees } from '../../analytics/degree.ts';
import { concentration } from '../../analytics/concentration.ts';
import { pagerank } from '../../analytics/pagerank.ts';
import { coreNumbers } from '../../analytics/kcore.ts';
import { constraint } from '../../analytics/constraint.ts';
import { articulationPoints } from '../../analytics/articulation.ts';
import { louvain } from '../../analytics/louvain.ts';
import { betweenness } from '../../analytics/betweenness.ts';
import { drawSamples } from '../../analytics/betweenness-kadabra.ts';
import { shortestPathSampler, type ShortestPathSampler } from '../../analytics/shortest-path-sampler.ts';

/** One thread's sampler, kept between sample tasks (its buffers are allocated once). */
const samplers = new WeakMap<Snapshot, ShortestPathSampler>();

export const COMPUTE_TASKS = {
  'multipliers and network coefficients': (s: Snapshot) => multipliersAndNetworkCoefficients(s),
  'region coefficients': (s: Snapshot) => ioCoefficients(s, { scope: 'region' }),
  louvain: (s: Snapshot) => louvain(s),
  pagerank: (s: Snapshot) => pagerank(s, { reverse: false }),
  supplierCriticality: (s: Snapshot) => pagerank(s, { reverse: true }),
  // These three share the undirected index (built once per thread).
  'k-core, constraint, articulation': (s: Snapshot) => ({ coreNumber: coreNumbers(s), constraint: constraint(s), articulation: articulationPoints(s) }),
  'degree and concentration': (s: Snapshot) => ({ degree: degrees(s), concentration: concentration(s) }),
  'betweenness (exact)': (s: Snapshot) => betweenness(s, { exactThreshold: Infinity }),
  /** Advances one KADABRA stream by `samples` paths, counting into `counts` (this thread's); returns its new state. */
  'betweenness samples': (s: Snapshot, args: { counts: Int32Array; state: number; samples: number }) => {
    let sampler = samplers.get(s);
    if (!sampler) samplers.set(s, (sampler = shortestPathSampler(s)));
    return drawSamples(s, sampler, args.counts, args.state, args.samples);
  },
} satisfies Record<string, (s: Snapshot, args: never) => unknown>;

export type ComputeTask = keyof typeof COMPUTE_TASKS;
export type TaskArgs<K extends ComputeTask> = Parameters<(typeof COMPUTE_TASKS)[K]>[1];
export type TaskResult<K extends ComputeTask> = ReturnType<(typeof COMPUTE_TASKS)[K]>;

export function runComputeTask<K extends ComputeTask>(task: K, snapshot: Snapshot, args: TaskArgs<K>): TaskResult<K> {
  return (COMPUTE_TASKS[task] as (s: Snapshot, a: unknown) => TaskResult<K>)(snapshot, args);
}
