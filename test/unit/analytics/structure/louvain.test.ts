import { describe, expect, it } from 'vitest';
import louvainReference from 'graphology-communities-louvain';
import modularityReference from 'graphology-metrics/graph/modularity.js';
import { louvain } from '../../../../server/analytics/louvain.ts';
import { mulberry32 } from '../../../../server/analytics/seeded-random.ts';
import { buildSnapshot, type Snapshot } from '../../../../server/analytics/snapshot.ts';
import { randomSupplyNetwork } from '../../../../bench/random-network.ts';
import { KARATE, LES_MISERABLES } from './graphs.ts';
import { snapshotOf, undirectedGraphology } from './helpers.ts';

const karate = snapshotOf(34, KARATE.map(([u, v]) => [u, v, 1] as const), true);
const karateWeighted = snapshotOf(34, KARATE, true);
const lesMiserables = snapshotOf(77, LES_MISERABLES, true);
const random = (() => {
  const network = randomSupplyNetwork(2_000, 10_000, 2);
  return buildSnapshot(network.firms, network.links);
})();

/** graphology-communities-louvain's modularity on the same undirected weighted graph, seeded. */
function referenceModularity(snapshot: Snapshot, seed: number): number {
  return louvainReference.detailed(undirectedGraphology(snapshot), { rng: mulberry32(seed) }).modularity;
}

describe('louvain', () => {
  it('finds the karate club’s communities (Q ≥ 0.40; optimum 0.4198, Brandes et al. 2008)', () => {
    const result = louvain(karate);
    expect(result.modularity).toBeGreaterThanOrEqual(0.4);
    expect(result.modularity).toBeLessThanOrEqual(0.4197896 + 1e-7);
    expect(result.count).toBeGreaterThanOrEqual(3);
    expect(result.community).toHaveLength(34);
  });

  it('reports Newman’s Q exactly, as graphology-metrics computes it for the same partition', () => {
    for (const snapshot of [karate, karateWeighted, lesMiserables, random]) {
      const result = louvain(snapshot);
      const graph = undirectedGraphology(snapshot);
      const partition: Record<string, number> = {};
      result.community.forEach((c, i) => (partition[String(i)] = c));
      expect(result.modularity).toBeCloseTo(modularityReference(graph, { getNodeCommunity: (n: string) => partition[n] }), 12);
    }
  });

  it('is reproducible with a seed', () => {
    for (const snapshot of [karate, random]) {
      const a = louvain(snapshot, { seed: 42 });
      const b = louvain(snapshot, { seed: 42 });
      expect(Array.from(a.community)).toEqual(Array.from(b.community));
      expect(a.modularity).toBe(b.modularity);
    }
  });

  it('numbers communities 0..count−1 in order of their first firm', () => {
    const { community, count } = louvain(random);
    let next = 0;
    for (const c of community) {
      expect(c).toBeLessThanOrEqual(next);
      if (c === next) next++;
    }
    expect(next).toBe(count);
  });

  it('reaches at least the best of ten graphology-communities-louvain runs on standard graphs', () => {
    const graphs: [string, Snapshot][] = [
      ['karate', karate],
      ['karate weighted', karateWeighted],
      ['les misérables', lesMiserables],
      ['random 2,000 / 10,000', random],
    ];
    for (const [name, snapshot] of graphs) {
      let theirs = -1;
      for (let seed = 1; seed <= 10; seed++) theirs = Math.max(theirs, referenceModularity(snapshot, seed));
      for (const seed of [1, 2, 3]) {
        const ours = louvain(snapshot, { seed }).modularity;
        expect(ours, `${name}, seed ${seed}: ${ours} vs ${theirs}`).toBeGreaterThanOrEqual(theirs - 1e-12);
      }
    }
  });

  it('recovers planted communities', () => {
    // Eight cliques of ten firms, each joined to the next by one light tie.
    const links: [number, number, number][] = [];
    for (let g = 0; g < 8; g++) {
      for (let a = 0; a < 10; a++) for (let b = a + 1; b < 10; b++) links.push([g * 10 + a, g * 10 + b, 5]);
      links.push([g * 10, ((g + 1) % 8) * 10 + 5, 1]);
    }
    const { community, count } = louvain(snapshotOf(80, links));
    expect(count).toBe(8);
    for (let i = 0; i < 80; i++) expect(community[i]).toBe(community[Math.floor(i / 10) * 10]);
  });

  it('leaves firms without ties alone and gives Q = 0 without ties', () => {
    const result = louvain(snapshotOf(3, []));
    expect(Array.from(result.community)).toEqual([0, 1, 2]);
    expect(result.modularity).toBe(0);
    const withIsolate = louvain(snapshotOf(35, [...KARATE.map(([u, v]) => [u, v, 1] as const)], true));
    expect(withIsolate.community[34]).toBe(withIsolate.count - 1);
  });

  it('refuses a bad resolution, naming itself', () => {
    expect(() => louvain(karate, { resolution: 0 })).toThrow(/louvain: resolution/);
  });
});
