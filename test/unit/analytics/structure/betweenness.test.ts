import { describe, expect, it } from 'vitest';
import betweennessReference from 'graphology-metrics/centrality/betweenness.js';
import { betweenness } from '../../../../server/analytics/betweenness.ts';
import { buildSnapshot } from '../../../../server/analytics/snapshot.ts';
import { randomSupplyNetwork } from '../../../../bench/random-network.ts';
import { KARATE, SMALL_DIRECTED } from './graphs.ts';
import { directedGraphology, maxAbsDiff, snapshotOf } from './helpers.ts';

// networkx 3.6.1 `betweenness_centrality(G, normalized=True)` on the undirected karate club; the same
// graph as a DiGraph with both directions gives identical values (checked in networkx).
const KARATE_BETWEENNESS = [
  0.4376352814, 0.0539366883, 0.1436568062, 0.0119092713, 0.0006313131, 0.0299873737, 0.0299873737, 0.0,
  0.0559268278, 0.0008477633, 0.0006313131, 0.0, 0.0, 0.0458633959, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0324750481,
  0.0, 0.0, 0.0, 0.0176136364, 0.002209596, 0.0038404882, 0.0, 0.0223334536, 0.001794733, 0.0029220779,
  0.0144119769, 0.1382756133, 0.145247114, 0.3040749759,
];
// networkx 3.6.1 `betweenness_centrality(G)` (directed, unweighted, normalised) on SMALL_DIRECTED.
const SMALL_BETWEENNESS = [
  0.1704545455, 0.1193181818, 0.0303030303, 0.0303030303, 0.0404040404, 0.1325757576, 0.1186868687,
  0.0972222222, 0.2234848485, 0.1054292929, 0.0, 0.0, 0.0,
];

describe('betweenness (exact)', () => {
  it('matches networkx on the karate club given as both directions', () => {
    const result = betweenness(snapshotOf(34, KARATE, true));
    expect(result.exact).toBe(true);
    expect(result.samples).toBe(34);
    expect(result.errorEstimate).toBe(0);
    expect(maxAbsDiff(result.values, KARATE_BETWEENNESS)).toBeLessThan(1e-9);
    expect(result.values[0]).toBeCloseTo(0.43763528, 7);
  });

  it('matches networkx on a directed network, ignoring values', () => {
    expect(maxAbsDiff(betweenness(snapshotOf(13, SMALL_DIRECTED)).values, SMALL_BETWEENNESS)).toBeLessThan(1e-9);
  });

  it('matches graphology-metrics (unweighted) on a random directed network', () => {
    const network = randomSupplyNetwork(600, 3_000, 11);
    const snapshot = buildSnapshot(network.firms, network.links);
    const reference = betweennessReference(directedGraphology(snapshot), { getEdgeWeight: null, normalized: true });
    const expected = Array.from({ length: snapshot.n }, (_, i) => reference[String(i)]);
    expect(maxAbsDiff(betweenness(snapshot).values, expected)).toBeLessThan(1e-6);
  });

  it('gives zero on graphs of one or two firms and refuses bad options', () => {
    expect(Array.from(betweenness(snapshotOf(2, [[0, 1, 1]])).values)).toEqual([0, 0]);
    expect(() => betweenness(snapshotOf(2, []), { samples: 0 })).toThrow(/betweenness: samples/);
    expect(() => betweenness(snapshotOf(2, []), { confidence: 1 })).toThrow(/betweenness: confidence/);
  });
});

describe('betweenness (sampled)', () => {
  const network = randomSupplyNetwork(3_000, 15_000, 3);
  const snapshot = buildSnapshot(network.firms, network.links);
  const exact = betweenness(snapshot);
  const sampled = betweenness(snapshot, { exactThreshold: 0, samples: 600, seed: 7 });

  it('reports itself as sampled, with its bound', () => {
    expect(exact.exact).toBe(true);
    expect(sampled.exact).toBe(false);
    expect(sampled.samples).toBe(600);
    expect(sampled.confidence).toBe(0.95);
    // R √((1 − (k−1)/n) ln(2n/0.05) / 2k) with n = 3000, k = 600.
    const n = snapshot.n;
    const bound = (n / (n - 1)) * Math.sqrt(((1 - 599 / n) * Math.log((2 * n) / 0.05)) / 1200);
    expect(sampled.errorEstimate).toBeCloseTo(bound, 12);
  });

  it('stays within its stated error of the exact values, for every firm', () => {
    for (const seed of [7, 8, 9]) {
      const run = seed === 7 ? sampled : betweenness(snapshot, { exactThreshold: 0, samples: 600, seed });
      expect(maxAbsDiff(run.values, exact.values)).toBeLessThanOrEqual(run.errorEstimate);
    }
  });

  it('is unbiased: the mean of independent runs approaches the exact values', () => {
    const runs = [11, 12, 13, 14, 15].map(
      (seed) => betweenness(snapshot, { exactThreshold: 0, samples: 600, seed }).values,
    );
    let totalExact = 0;
    let totalMean = 0;
    for (let v = 0; v < snapshot.n; v++) {
      totalExact += exact.values[v];
      totalMean += runs.reduce((sum, r) => sum + r[v], 0) / runs.length;
    }
    expect(Math.abs(totalMean / totalExact - 1)).toBeLessThan(0.02);
  });

  it('is reproducible with a seed and varies with it', () => {
    const again = betweenness(snapshot, { exactThreshold: 0, samples: 600, seed: 7 });
    const other = betweenness(snapshot, { exactThreshold: 0, samples: 600, seed: 8 });
    expect(Array.from(again.values)).toEqual(Array.from(sampled.values));
    expect(maxAbsDiff(other.values, sampled.values)).toBeGreaterThan(0);
  });

  it('falls back to exact when asked for as many samples as firms', () => {
    const small = snapshotOf(13, SMALL_DIRECTED);
    const result = betweenness(small, { exactThreshold: 0, samples: 13 });
    expect(result.exact).toBe(true);
    expect(result.errorEstimate).toBe(0);
    expect(maxAbsDiff(result.values, SMALL_BETWEENNESS)).toBeLessThan(1e-9);
  });
});
