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
    expect(() => betweenness(snapshotOf(2, []), { exactThreshold: -1 })).toThrow(/betweenness: exactThreshold/);
    expect(() => betweenness(snapshotOf(2, []), { confidence: 1 })).toThrow(/betweenness: confidence/);
  });
});

describe('betweenness (sampled above the exact threshold)', () => {
  const network = randomSupplyNetwork(600, 3_000, 3);
  const snapshot = buildSnapshot(network.firms, network.links);
  const exact = betweenness(snapshot);
  const sampled = betweenness(snapshot, { exactThreshold: 0, epsilon: 0.01, seed: 7 });

  it('reports itself as sampled, with the bound it achieved', () => {
    expect(exact.exact).toBe(true);
    expect(sampled.exact).toBe(false);
    expect(sampled.samples).toBeGreaterThan(0);
    expect(sampled.confidence).toBe(0.95);
    expect(sampled.errorEstimate).toBeGreaterThan(0);
    // The top-100 rule: the bound covers every firm, but a firm whose rank it certified may be wider than ε.
    expect(sampled.top?.firms.length).toBe(100);
    const everyFirm = betweenness(snapshot, { exactThreshold: 0, epsilon: 0.01, topK: 0, seed: 7 });
    expect(everyFirm.errorEstimate).toBeLessThanOrEqual(0.01);
    expect(maxAbsDiff(everyFirm.values, exact.values)).toBeLessThanOrEqual(everyFirm.errorEstimate);
  });

  it('stays within its stated error of the exact values, for every firm', () => {
    expect(maxAbsDiff(sampled.values, exact.values)).toBeLessThanOrEqual(sampled.errorEstimate);
  });
});
