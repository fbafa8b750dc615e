/**
 * The compute pool runs the recompute's parts and KADABRA's sample streams in real worker threads; the
 * number of threads must not change any result, and the threaded betweenness keeps its (ε, δ) bound.
 */
import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../server/analytics/snapshot.ts';
import { kadabraBetweenness, kadabraBetweennessWith } from '../../../server/analytics/betweenness-kadabra.ts';
import { betweenness } from '../../../server/analytics/betweenness.ts';
import { createComputePool } from '../../../server/services/workers/computePool.ts';
import { computeMetricColumns } from '../../../server/services/workers/computeMetrics.ts';
import { randomSupplyNetwork } from '../../../bench/random-network.ts';

const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
};

describe('KADABRA over the compute pool', () => {
  const network = randomSupplyNetwork(400, 2_000, 9);
  const snapshot = buildSnapshot(network.firms, network.links);
  // Exact Brandes (betweenness.ts, checked against networkx in betweenness.test.ts).
  const exact = betweenness(snapshot, { exactThreshold: Infinity }).values;

  for (const threads of [2, 3]) {
    it(`${threads} threads: the one-thread result for the same seed, within its stated bound of exact Brandes`, async () => {
      const pool = createComputePool(snapshot, { threads });
      try {
        for (const [seed, topK] of [
          [1, 10],
          [2, 0],
        ] as const) {
          const options = { epsilon: 0.01, delta: 0.1, topK, seed };
          const threaded = await kadabraBetweennessWith(snapshot, options, pool.kadabraDriver());
          const alone = kadabraBetweenness(snapshot, options);
          expect(threaded.samples).toBe(alone.samples);
          expect(Array.from(threaded.values)).toEqual(Array.from(alone.values));
          expect(Array.from(threaded.top)).toEqual(Array.from(alone.top));
          expect(Array.from(threaded.certified)).toEqual(Array.from(alone.certified));
          expect(threaded.samples).toBeGreaterThan(0);
          expect(maxAbsDiff(threaded.values, exact)).toBeLessThanOrEqual(threaded.epsilon);
        }
      } finally {
        await pool.close();
      }
    }, 60_000);
  }
});

describe('computeMetricColumns', () => {
  it('gives the same columns and summary with one thread and with two', async () => {
    const network = randomSupplyNetwork(300, 1_500, 3);
    const snapshot = buildSnapshot(network.firms, network.links);
    const stages: string[] = [];
    const one = await computeMetricColumns(snapshot, () => {}, { threads: 1 });
    const two = await computeMetricColumns(snapshot, (stage) => stages.push(stage), { threads: 2 });
    for (const [id, column] of Object.entries(one.columns)) expect(Array.from(two.columns[id as keyof typeof one.columns]), id).toEqual(Array.from(column));
    expect({ ...two.summary, computeMs: 0 }).toEqual({ ...one.summary, computeMs: 0 });
    expect(stages).toContain('multipliers and network coefficients · region coefficients');
    expect(stages.at(-1)).toBe('done');
  }, 60_000);

  it('rejects with the analysis error thrown in a pool thread', async () => {
    const network = randomSupplyNetwork(50, 200, 5);
    // A firm that buys from the network more than its revenue: the Leontief series cannot converge.
    const buyer = network.links[0].buyer;
    const firms = network.firms.map((f) => (f.id === buyer ? { ...f, revenue: 1e-3 } : f));
    const snapshot = buildSnapshot(firms, network.links);
    await expect(computeMetricColumns(snapshot, () => {}, { threads: 2 })).rejects.toMatchObject({ name: 'ConvergenceConditionError', message: expect.stringContaining(buyer) });
  }, 60_000);
});
