import { describe, expect, it } from 'vitest';
import pagerankReference from 'graphology-metrics/centrality/pagerank.js';
import { pagerank } from '../../../../server/analytics/pagerank.ts';
import { randomSupplyNetwork } from '../../../../bench/random-network.ts';
import { buildSnapshot } from '../../../../server/analytics/snapshot.ts';
import { KARATE, SMALL_DIRECTED } from './graphs.ts';
import { directedGraphology, maxAbsDiff, snapshotOf } from './helpers.ts';
import { solve } from '../dense.ts';

// networkx 3.6.1 `pagerank(G, alpha=0.85)` (tol 1e-14, normalised) on the unweighted karate club, each
// tie in both directions. At networkx's default tol=1e-6 node 33 reads 0.1009179, node 0 0.0970.
const KARATE_PAGERANK = [
  0.0969972854, 0.0528769241, 0.0570785095, 0.0358598578, 0.0219779524, 0.0291111547, 0.0291111547,
  0.024490497, 0.0297660561, 0.0143093971, 0.0219779524, 0.0095647455, 0.014644892, 0.0295364562,
  0.014535994, 0.014535994, 0.0167840054, 0.0145586772, 0.014535994, 0.0196046363, 0.014535994,
  0.0145586772, 0.014535994, 0.0315225148, 0.0210760336, 0.0210061974, 0.0150440381, 0.0256397675,
  0.0195734595, 0.0262885377, 0.0245901552, 0.0371580871, 0.071693226, 0.1009191823,
];
// Same, weight='weight' with networkx 3.x karate interaction counts.
const KARATE_WEIGHTED_PAGERANK = [
  0.0885003154, 0.0574123194, 0.0627656238, 0.0372100348, 0.0205008011, 0.0338038731, 0.031523019,
  0.0264632027, 0.0333824835, 0.009463495, 0.0206856847, 0.0097849981, 0.0114742641, 0.033472925,
  0.0129424038, 0.0163774438, 0.0167522601, 0.0096766952, 0.0095453377, 0.0130769901, 0.0112248839,
  0.0113594701, 0.0129613907, 0.0411497582, 0.0166357328, 0.0286764489, 0.0152417174, 0.0272377268,
  0.0144792282, 0.0282746665, 0.0230328461, 0.0419881778, 0.0759344196, 0.0969893628,
];
// networkx 3.6.1 pagerank(G, alpha=0.85, weight='weight') on SMALL_DIRECTED (DiGraph, 13 nodes), and on
// G.reverse() for the buyer → supplier direction.
const SMALL_PAGERANK = [
  0.0765121746, 0.0717745785, 0.0757812752, 0.0433582308, 0.1182447599, 0.1199959625, 0.0774354538,
  0.0986424341, 0.0954453721, 0.0730832923, 0.0200193138, 0.1096878386, 0.0200193138,
];
const SMALL_PAGERANK_REVERSE = [
  0.0375272933, 0.0976133535, 0.0499773574, 0.0380077387, 0.0476727001, 0.1752729282, 0.0404355255,
  0.1012736337, 0.0838604717, 0.1573253477, 0.1283797003, 0.0213269749, 0.0213269749,
];

const TOLERANCE = 1e-8;

describe('pagerank', () => {
  it('matches networkx on the unweighted karate club', () => {
    const result = pagerank(snapshotOf(34, KARATE.map(([u, v]) => [u, v, 1] as const), true));
    expect(maxAbsDiff(result.values, KARATE_PAGERANK)).toBeLessThan(TOLERANCE);
    expect(result.values[33]).toBeCloseTo(0.1009179, 5);
  });

  it('matches networkx on the weighted karate club', () => {
    const result = pagerank(snapshotOf(34, KARATE, true));
    expect(maxAbsDiff(result.values, KARATE_WEIGHTED_PAGERANK)).toBeLessThan(TOLERANCE);
  });

  it('matches networkx on a directed network with dangling firms, both directions', () => {
    const snapshot = snapshotOf(13, SMALL_DIRECTED);
    expect(maxAbsDiff(pagerank(snapshot).values, SMALL_PAGERANK)).toBeLessThan(TOLERANCE);
    expect(maxAbsDiff(pagerank(snapshot, { reverse: true }).values, SMALL_PAGERANK_REVERSE)).toBeLessThan(TOLERANCE);
  });

  it('matches graphology-metrics on a random directed weighted network', () => {
    const network = randomSupplyNetwork(2_000, 12_000, 5);
    const snapshot = buildSnapshot(network.firms, network.links);
    const graph = directedGraphology(snapshot);
    const reference = pagerankReference(graph, { getEdgeWeight: 'weight', tolerance: 1e-12, maxIterations: 1_000 });
    const expected = Array.from({ length: snapshot.n }, (_, i) => reference[String(i)]);
    const result = pagerank(snapshot, { maxIterations: 1_000 });
    expect(maxAbsDiff(result.values, expected)).toBeLessThan(1e-6);
    expect(result.values.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('holds every firm within the stated relative error of the exact (dense) PageRank, both directions', () => {
    const network = randomSupplyNetwork(300, 1_500, 11);
    const snapshot = buildSnapshot(network.firms, network.links);
    const alpha = 0.85;
    for (const reverse of [false, true]) {
      // x = α P x + (1 − α)/n, P column-stochastic: P[j][i] = w_ij / s_i, dangling columns 1/n.
      const n = snapshot.n;
      const w = Array.from({ length: n }, () => new Array<number>(n).fill(0));
      for (let i = 0; i < n; i++) {
        for (let p = snapshot.outOffsets[i]; p < snapshot.outOffsets[i + 1]; p++) {
          const j = snapshot.outTargets[p];
          if (reverse) w[j][i] += snapshot.outValues[p];
          else w[i][j] += snapshot.outValues[p];
        }
      }
      const system = Array.from({ length: n }, (_, j) => new Array<number>(n).fill(0));
      for (let i = 0; i < n; i++) {
        const s = w[i].reduce((a, b) => a + b, 0);
        for (let j = 0; j < n; j++) system[j][i] = -alpha * (s > 0 ? w[i][j] / s : 1 / n);
      }
      for (let j = 0; j < n; j++) system[j][j] += 1;
      const exact = solve(system, new Array<number>(n).fill((1 - alpha) / n));
      for (const tolerance of [1e-4, 1e-7]) {
        const result = pagerank(snapshot, { reverse, tolerance });
        expect(result.relativeErrorBound).toBeLessThanOrEqual(tolerance);
        const worst = Math.max(...exact.map((x, i) => Math.abs(result.values[i] - x) / x));
        expect(worst).toBeLessThanOrEqual(tolerance);
      }
    }
  });

  it('throws rather than return an unconverged rank', () => {
    const snapshot = snapshotOf(13, SMALL_DIRECTED);
    expect(() => pagerank(snapshot, { maxIterations: 3 })).toThrow(/pagerank: did not reach a relative error bound/);
  });

  it('refuses bad options and values, naming itself', () => {
    const snapshot = snapshotOf(13, SMALL_DIRECTED);
    expect(() => pagerank(snapshot, { alpha: 1 })).toThrow(/pagerank: alpha/);
    expect(() => pagerank(snapshot, { tolerance: 0 })).toThrow(/pagerank: tolerance/);
    expect(() => pagerank(snapshotOf(2, [[0, 1, -5]]))).toThrow(/pagerank: supply values/);
  });

  it('returns an empty rank for an empty network', () => {
    expect(pagerank(snapshotOf(0, [])).values).toHaveLength(0);
  });
});
