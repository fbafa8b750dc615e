import { describe, expect, it } from 'vitest';
import { articulationPoints } from '../../../../server/analytics/articulation.ts';
import { buildSnapshot, type Snapshot } from '../../../../server/analytics/snapshot.ts';
import { randomSupplyNetwork } from '../../../../bench/random-network.ts';
import { KARATE } from './graphs.ts';
import { snapshotOf } from './helpers.ts';

const tie = (a: number, b: number) => [a, b, 1] as const;

function pairs(bridges: Int32Array): string[] {
  const out: string[] = [];
  for (let k = 0; k < bridges.length; k += 2) out.push(`${bridges[k]}-${bridges[k + 1]}`);
  return out.sort();
}

/** Components of the undirected graph without firm `removed` (−1 for none). */
function components(snapshot: Snapshot, removed: number): number {
  const n = snapshot.n;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  for (let i = 0; i < n; i++) {
    for (let e = snapshot.outOffsets[i]; e < snapshot.outOffsets[i + 1]; e++) {
      const j = snapshot.outTargets[e];
      if (i !== removed && j !== removed) parent[find(i)] = find(j);
    }
  }
  let count = 0;
  for (let i = 0; i < n; i++) if (i !== removed && find(i) === i) count++;
  return count;
}

describe('articulationPoints', () => {
  it('finds the middle of a path and all its ties as bridges', () => {
    const result = articulationPoints(snapshotOf(4, [tie(0, 1), tie(1, 2), tie(2, 3)]));
    expect(Array.from(result.points)).toEqual([1, 2]);
    expect(pairs(result.bridges)).toEqual(['0-1', '1-2', '2-3']);
  });

  it('finds the hub of a star, whichever way supplies run', () => {
    const result = articulationPoints(snapshotOf(5, [tie(0, 1), tie(2, 0), tie(0, 3), tie(4, 0)]));
    expect(Array.from(result.points)).toEqual([0]);
    expect(Array.from(result.isArticulation)).toEqual([1, 0, 0, 0, 0]);
  });

  it('finds none in a cycle', () => {
    const result = articulationPoints(snapshotOf(5, [tie(0, 1), tie(1, 2), tie(2, 3), tie(3, 4), tie(4, 0)]));
    expect(result.points).toHaveLength(0);
    expect(result.bridges).toHaveLength(0);
  });

  it('finds the ends of a bridge between two triangles, and handles separate components', () => {
    // Triangles {0,1,2} and {3,4,5} joined by 2–3; a separate pair 6–7 and an isolated firm 8.
    const links = [tie(0, 1), tie(1, 2), tie(2, 0), tie(3, 4), tie(4, 5), tie(5, 3), tie(2, 3), tie(6, 7)];
    const result = articulationPoints(snapshotOf(9, links));
    expect(Array.from(result.points)).toEqual([2, 3]);
    expect(pairs(result.bridges)).toEqual(['2-3', '6-7']);
  });

  it('treats a reciprocal supply as one tie', () => {
    const result = articulationPoints(snapshotOf(3, [tie(0, 1), tie(1, 0), tie(1, 2)]));
    expect(Array.from(result.points)).toEqual([1]);
    expect(pairs(result.bridges)).toEqual(['0-1', '1-2']);
  });

  it('matches networkx on the karate club (point 0, bridge 0–11)', () => {
    const result = articulationPoints(snapshotOf(34, KARATE, true));
    expect(Array.from(result.points)).toEqual([0]);
    expect(pairs(result.bridges)).toEqual(['0-11']);
  });

  it('agrees with removal-and-count on a random sparse network', () => {
    const network = randomSupplyNetwork(300, 330, 4);
    const snapshot = buildSnapshot(network.firms, network.links);
    const base = components(snapshot, -1);
    const expected: number[] = [];
    for (let v = 0; v < snapshot.n; v++) {
      // Removing a firm lowers the count by one if it was isolated; an articulation point raises it.
      const isolated = snapshot.outOffsets[v] === snapshot.outOffsets[v + 1] && snapshot.inOffsets[v] === snapshot.inOffsets[v + 1];
      if (components(snapshot, v) > base - (isolated ? 1 : 0)) expected.push(v);
    }
    expect(expected.length).toBeGreaterThan(10);
    expect(Array.from(articulationPoints(snapshot).points)).toEqual(expected);
  });

  it('runs without recursion on a path of 100,000 firms', () => {
    const links = Array.from({ length: 99_999 }, (_, i) => tie(i, i + 1));
    const result = articulationPoints(snapshotOf(100_000, links));
    expect(result.points).toHaveLength(99_998);
  });
});
