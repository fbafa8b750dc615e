import { describe, expect, it } from 'vitest';
import { coreNumbers } from '../../../../server/analytics/kcore.ts';
import { buildSnapshot } from '../../../../server/analytics/snapshot.ts';
import { randomSupplyNetwork } from '../../../../bench/random-network.ts';
import { KARATE, SMALL_DIRECTED } from './graphs.ts';
import { snapshotOf } from './helpers.ts';

// networkx 3.6.1 `core_number` on the karate club (max core 4) and on SMALL_DIRECTED as an undirected
// simple graph.
const KARATE_CORES = [
  4, 4, 4, 4, 3, 3, 3, 4, 4, 2, 3, 1, 2, 4, 2, 2, 2, 2, 2, 3, 2, 2, 2, 3, 3, 3, 2, 3, 3, 3, 4, 3, 4, 4,
];
const SMALL_CORES = [4, 4, 3, 4, 4, 3, 4, 4, 4, 4, 4, 2, 0];

/** Definition-level check: peel firms of degree < k until none is left, for every k. */
function coresByPeeling(snapshot: ReturnType<typeof snapshotOf>): number[] {
  const n = snapshot.n;
  const partners = Array.from({ length: n }, () => new Set<number>());
  for (let i = 0; i < n; i++) {
    for (let e = snapshot.outOffsets[i]; e < snapshot.outOffsets[i + 1]; e++) {
      partners[i].add(snapshot.outTargets[e]);
      partners[snapshot.outTargets[e]].add(i);
    }
  }
  const core = new Array<number>(n).fill(0);
  for (let k = 1; ; k++) {
    const alive = new Set(Array.from({ length: n }, (_, i) => i));
    let changed = true;
    while (changed) {
      changed = false;
      for (const v of alive) {
        let d = 0;
        for (const u of partners[v]) if (alive.has(u)) d++;
        if (d < k) {
          alive.delete(v);
          changed = true;
        }
      }
    }
    if (alive.size === 0) return core;
    for (const v of alive) core[v] = k;
  }
}

describe('coreNumbers', () => {
  it('matches networkx on the karate club', () => {
    const cores = coreNumbers(snapshotOf(34, KARATE, true));
    expect(Array.from(cores)).toEqual(KARATE_CORES);
    expect(Math.max(...cores)).toBe(4);
  });

  it('treats supply in either direction as one tie', () => {
    expect(Array.from(coreNumbers(snapshotOf(13, SMALL_DIRECTED)))).toEqual(SMALL_CORES);
  });

  it('agrees with peeling on a random heavy-tailed network', () => {
    const network = randomSupplyNetwork(400, 2_000, 9);
    const snapshot = buildSnapshot(network.firms, network.links);
    expect(Array.from(coreNumbers(snapshot))).toEqual(coresByPeeling(snapshot));
  });

  it('handles firms without ties and an empty network', () => {
    expect(Array.from(coreNumbers(snapshotOf(3, [])))).toEqual([0, 0, 0]);
    expect(coreNumbers(snapshotOf(0, []))).toHaveLength(0);
  });
});
