import { describe, expect, it } from 'vitest';
import { kadabraBetweenness } from '../../../../server/analytics/betweenness-kadabra.ts';
import { shortestPathSampler } from '../../../../server/analytics/shortest-path-sampler.ts';
import { vertexDiameterBound } from '../../../../server/analytics/vertex-diameter.ts';
import { mulberry32 } from '../../../../server/analytics/seeded-random.ts';
import { buildSnapshot, type Snapshot } from '../../../../server/analytics/snapshot.ts';
import { randomSupplyNetwork } from '../../../../bench/random-network.ts';
import { KARATE, SMALL_DIRECTED } from './graphs.ts';
import { maxAbsDiff, snapshotOf } from './helpers.ts';

/**
 * Exact directed betweenness written independently of the code under test: all-pairs BFS distances and
 * path counts, then C(v) = Σ_{s≠v≠t, d(s,v)+d(v,t)=d(s,t)} σ_sv σ_vt / σ_st / ((n−1)(n−2)). O(n³), small graphs only.
 */
function pairwiseBetweenness(snapshot: Snapshot): { values: number[]; vertexDiameter: number } {
  const { n, outOffsets, outTargets } = snapshot;
  const dist: number[][] = [];
  const sigma: number[][] = [];
  let longest = 0;
  for (let s = 0; s < n; s++) {
    const d = new Array<number>(n).fill(Infinity);
    const paths = new Array<number>(n).fill(0);
    d[s] = 0;
    paths[s] = 1;
    const queue = [s];
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head];
      for (let e = outOffsets[v]; e < outOffsets[v + 1]; e++) {
        const w = outTargets[e];
        if (d[w] === Infinity) {
          d[w] = d[v] + 1;
          queue.push(w);
        }
        if (d[w] === d[v] + 1) paths[w] += paths[v];
      }
    }
    longest = Math.max(longest, d[queue[queue.length - 1]]);
    dist.push(d);
    sigma.push(paths);
  }
  const values = new Array<number>(n).fill(0);
  for (let s = 0; s < n; s++) {
    for (let t = 0; t < n; t++) {
      if (s === t || dist[s][t] === Infinity) continue;
      for (let v = 0; v < n; v++) {
        if (v === s || v === t) continue;
        if (dist[s][v] + dist[v][t] === dist[s][t]) values[v] += (sigma[s][v] * sigma[v][t]) / sigma[s][t];
      }
    }
  }
  const scale = n > 2 ? 1 / ((n - 1) * (n - 2)) : 1;
  return { values: values.map((x) => x * scale), vertexDiameter: longest + 1 };
}

// networkx 3.6.1 `betweenness_centrality(G, normalized=True)` on the karate club (both directions).
const KARATE_BETWEENNESS = [
  0.4376352814, 0.0539366883, 0.1436568062, 0.0119092713, 0.0006313131, 0.0299873737, 0.0299873737, 0.0,
  0.0559268278, 0.0008477633, 0.0006313131, 0.0, 0.0, 0.0458633959, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0324750481,
  0.0, 0.0, 0.0, 0.0176136364, 0.002209596, 0.0038404882, 0.0, 0.0223334536, 0.001794733, 0.0029220779,
  0.0144119769, 0.1382756133, 0.145247114, 0.3040749759,
];

describe('shortestPathSampler', () => {
  /** Frequencies of each sampled path, keyed by its internal firms in order from s. */
  function frequencies(snapshot: Snapshot, s: number, t: number, draws: number, seed: number) {
    const sampler = shortestPathSampler(snapshot);
    const random = mulberry32(seed);
    const counts = new Map<string, number>();
    for (let i = 0; i < draws; i++) {
      const k = sampler.sample(s, t, random);
      const key = Array.from(sampler.internal.subarray(0, k)).reverse().join('-');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return { counts, paths: sampler.paths };
  }

  it('draws each of three shortest paths a third of the time, where a greedy walk would not', () => {
    // 0→1→3→5, 0→2→3→5, 0→2→4→5 are the shortest; 0→6→7→8→5 is one hop longer. A forward walk choosing
    // successors evenly takes 0→1 half the time, a backward one 3←... and 4← half the time each.
    const snapshot = snapshotOf(9, [
      [0, 1, 1], [0, 2, 1], [1, 3, 1], [2, 3, 1], [2, 4, 1], [3, 5, 1], [4, 5, 1], [0, 6, 1], [6, 7, 1], [7, 8, 1], [8, 5, 1],
    ]);
    const draws = 30_000;
    const { counts, paths } = frequencies(snapshot, 0, 5, draws, 3);
    expect(paths).toBe(3);
    expect([...counts.keys()].sort()).toEqual(['1-3', '2-3', '2-4']);
    // Each share within 5.5 standard errors (√(⅓·⅔/30000) ≈ 0.0027) of ⅓.
    for (const count of counts.values()) expect(Math.abs(count / draws - 1 / 3)).toBeLessThan(0.015);
  });

  it('draws the 20 monotone paths across a 4×4 grid uniformly (χ² test)', () => {
    // Grid cells r·4 + c with links right and down: C(6, 3) = 20 shortest paths from 0 to 15.
    const links: [number, number, number][] = [];
    for (let r = 0; r < 4; r++) {
      for (let c = 0; c < 4; c++) {
        if (c < 3) links.push([r * 4 + c, r * 4 + c + 1, 1]);
        if (r < 3) links.push([r * 4 + c, (r + 1) * 4 + c, 1]);
      }
    }
    const draws = 20_000;
    const { counts, paths } = frequencies(snapshotOf(16, links), 0, 15, draws, 5);
    expect(paths).toBe(20);
    expect(counts.size).toBe(20);
    const expected = draws / 20;
    let chi2 = 0;
    for (const count of counts.values()) chi2 += (count - expected) ** 2 / expected;
    // 19 degrees of freedom: P(χ² > 43.8) = 0.001.
    expect(chi2).toBeLessThan(43.8);
  });

  it('reports unreachable pairs and refuses s = t', () => {
    const snapshot = snapshotOf(3, [[0, 1, 1]]);
    const sampler = shortestPathSampler(snapshot);
    expect(sampler.sample(1, 0, mulberry32(1))).toBe(-1);
    expect(sampler.paths).toBe(0);
    expect(sampler.sample(0, 1, mulberry32(1))).toBe(0);
    expect(sampler.paths).toBe(1);
    expect(() => sampler.sample(2, 2, mulberry32(1))).toThrow(/shortestPathSampler/);
  });
});

describe('vertexDiameterBound', () => {
  it('is exact on a directed path and bounded by n on a cycle', () => {
    expect(vertexDiameterBound(snapshotOf(10, Array.from({ length: 9 }, (_, i) => [i, i + 1, 1] as const)))).toBe(10);
    expect(vertexDiameterBound(snapshotOf(5, Array.from({ length: 5 }, (_, i) => [i, (i + 1) % 5, 1] as const)))).toBe(5);
    expect(vertexDiameterBound(snapshotOf(3, []))).toBe(1);
  });

  it('is never below the exact vertex diameter', () => {
    for (const seed of [1, 2, 3, 4]) {
      const network = randomSupplyNetwork(300, 900 + 300 * seed, seed);
      const snapshot = buildSnapshot(network.firms, network.links);
      expect(vertexDiameterBound(snapshot)).toBeGreaterThanOrEqual(pairwiseBetweenness(snapshot).vertexDiameter);
    }
    const small = snapshotOf(13, SMALL_DIRECTED);
    expect(vertexDiameterBound(small)).toBeGreaterThanOrEqual(pairwiseBetweenness(small).vertexDiameter);
  });
});

describe('kadabraBetweenness', () => {
  it('matches the exact values on the karate club within its achieved ε', () => {
    const result = kadabraBetweenness(snapshotOf(34, KARATE, true), { epsilon: 0.02, delta: 0.1, seed: 1 });
    expect(result.epsilon).toBeLessThanOrEqual(0.02);
    expect(result.delta).toBe(0.1);
    expect(maxAbsDiff(result.values, KARATE_BETWEENNESS)).toBeLessThanOrEqual(result.epsilon);
  });

  // δ = 0.1: each run fails with probability ≤ 0.1, so five seeded runs all pass with probability ≥ 0.59 if the
  // guarantee holds; with the bound off by a factor of two they would fail for almost every seed.
  it('stays within ε of exact betweenness on directed networks, for several seeds', () => {
    const network = randomSupplyNetwork(400, 2_000, 9);
    const snapshot = buildSnapshot(network.firms, network.links);
    const exact = pairwiseBetweenness(snapshot).values;
    const largest = Math.max(...exact);
    expect(largest).toBeGreaterThan(0.02);
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = kadabraBetweenness(snapshot, { epsilon: 0.01, delta: 0.1, seed });
      expect(result.epsilon).toBeLessThanOrEqual(0.01);
      expect(result.samples).toBeLessThanOrEqual(result.maxSamples);
      expect(maxAbsDiff(result.values, exact)).toBeLessThanOrEqual(result.epsilon);
      // Too loose a ε to be worth stating: the estimate must also be informative (error well under the bound
      // is typical; a sampler that missed paths would be off by more than the largest value).
      expect(maxAbsDiff(result.values, exact)).toBeLessThan(largest / 2);
    }
  });

  // The top-k rule (Borassi & Natale §5): 2√m = 90 candidates of 400 firms, so both δ shares are used.
  it('top-k rule: every firm within the stated bound and every certified rank in the exact order, for several seeds', () => {
    const network = randomSupplyNetwork(400, 2_000, 9);
    const snapshot = buildSnapshot(network.firms, network.links);
    const exact = pairwiseBetweenness(snapshot).values;
    let certifiedSeen = 0;
    for (const seed of [1, 2, 3, 4, 5]) {
      const result = kadabraBetweenness(snapshot, { epsilon: 0.01, delta: 0.1, topK: 10, seed });
      expect(result.top.length).toBe(10);
      expect(maxAbsDiff(result.values, exact)).toBeLessThanOrEqual(result.epsilon);
      for (let i = 1; i < 10; i++) expect(result.values[result.top[i - 1]]).toBeGreaterThanOrEqual(result.values[result.top[i]]);
      // The 10 highest estimates are the 10 highest firms by estimate, over every firm.
      const tenth = result.values[result.top[9]];
      expect(Array.from(result.values).filter((v) => v > tenth).length).toBeLessThan(10);
      for (let i = 0; i < 10; i++) {
        if (!result.certified[i]) continue;
        certifiedSeen++;
        if (i > 0) expect(exact[result.top[i - 1]]).toBeGreaterThan(exact[result.top[i]]);
        if (i < 9) expect(exact[result.top[i]]).toBeGreaterThan(exact[result.top[i + 1]]);
      }
    }
    // The rule certifies ranks here at all (the largest values stand well apart on this network).
    expect(certifiedSeen).toBeGreaterThan(0);
  });

  it('top-k rule on the karate club: the certified ranks are networkx\'s', () => {
    const result = kadabraBetweenness(snapshotOf(34, KARATE, true), { epsilon: 0.02, delta: 0.1, topK: 5, seed: 2 });
    expect(maxAbsDiff(result.values, KARATE_BETWEENNESS)).toBeLessThanOrEqual(result.epsilon);
    const byExact = KARATE_BETWEENNESS.map((v, i) => [v, i]).sort((a, b) => b[0] - a[0]).map(([, i]) => i);
    for (let i = 0; i < 5; i++) if (result.certified[i]) expect(result.top[i]).toBe(byExact[i]);
    // Firm 0 (0.438) and firm 33 (0.304) are far apart and far above the rest: their ranks are certified.
    expect(Array.from(result.top.slice(0, 2))).toEqual([0, 33]);
    expect(result.certified[0]).toBe(1);
  });

  it('matches networkx-checked values of a small directed network', () => {
    // networkx 3.6.1 `betweenness_centrality(G)` on SMALL_DIRECTED (as in betweenness.test.ts).
    const expected = [
      0.1704545455, 0.1193181818, 0.0303030303, 0.0303030303, 0.0404040404, 0.1325757576, 0.1186868687,
      0.0972222222, 0.2234848485, 0.1054292929, 0.0, 0.0, 0.0,
    ];
    const snapshot = snapshotOf(13, SMALL_DIRECTED);
    expect(maxAbsDiff(pairwiseBetweenness(snapshot).values, expected)).toBeLessThan(1e-9);
    for (const seed of [1, 2, 3]) {
      const result = kadabraBetweenness(snapshot, { epsilon: 0.03, delta: 0.1, seed });
      expect(maxAbsDiff(result.values, expected)).toBeLessThanOrEqual(result.epsilon);
    }
  });

  it('is reproducible with a seed and varies with it', () => {
    const snapshot = snapshotOf(34, KARATE, true);
    const a = kadabraBetweenness(snapshot, { epsilon: 0.05, seed: 4 });
    const b = kadabraBetweenness(snapshot, { epsilon: 0.05, seed: 4 });
    const c = kadabraBetweenness(snapshot, { epsilon: 0.05, seed: 5 });
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    expect(maxAbsDiff(a.values, Array.from(c.values))).toBeGreaterThan(0);
  });

  it('gives exact zeros without sampling when no shortest path has an inner firm, and refuses bad options', () => {
    const star = kadabraBetweenness(snapshotOf(4, [[0, 1, 1], [0, 2, 1], [0, 3, 1]]));
    expect(star.samples).toBe(0);
    expect(star.epsilon).toBe(0);
    expect(Array.from(star.values)).toEqual([0, 0, 0, 0]);
    expect(() => kadabraBetweenness(snapshotOf(3, []), { epsilon: 0 })).toThrow(/kadabraBetweenness: epsilon/);
    expect(() => kadabraBetweenness(snapshotOf(3, []), { delta: 1 })).toThrow(/kadabraBetweenness: delta/);
    expect(() => kadabraBetweenness(snapshotOf(3, []), { topK: 1.5 })).toThrow(/kadabraBetweenness: topK/);
  });
});
