import { describe, expect, it } from 'vitest';
import { reverseSlots, undirectedIndex } from '../../../../server/analytics/structure-index.ts';
import { buildSnapshot } from '../../../../server/analytics/snapshot.ts';
import { randomSupplyNetwork } from '../../../../bench/random-network.ts';
import { snapshotOf } from './helpers.ts';

describe('undirectedIndex', () => {
  it('joins both directions into one tie whose weight is their sum, rows sorted', () => {
    const index = undirectedIndex(snapshotOf(4, [[2, 0, 5], [0, 2, 1], [1, 0, 2], [3, 2, 4]]));
    expect(index.edges).toBe(3);
    expect(Array.from(index.offsets)).toEqual([0, 2, 3, 5, 6]);
    expect(Array.from(index.neighbours)).toEqual([1, 2, 0, 0, 3, 2]);
    expect(Array.from(index.weights)).toEqual([2, 6, 2, 6, 4, 4]);
    expect(Array.from(index.strength)).toEqual([8, 2, 10, 4]);
  });

  it('is built once per snapshot', () => {
    const snapshot = snapshotOf(2, [[0, 1, 1]]);
    expect(undirectedIndex(snapshot)).toBe(undirectedIndex(snapshot));
  });

  it('pairs every slot with its reverse on a random network', () => {
    const network = randomSupplyNetwork(500, 3_000, 6);
    const index = undirectedIndex(buildSnapshot(network.firms, network.links));
    const reverse = reverseSlots(index);
    for (let i = 0; i < index.n; i++) {
      for (let e = index.offsets[i]; e < index.offsets[i + 1]; e++) {
        const f = reverse[e];
        const j = index.neighbours[e];
        expect(f >= index.offsets[j] && f < index.offsets[j + 1]).toBe(true);
        expect(index.neighbours[f]).toBe(i);
        expect(index.weights[f]).toBe(index.weights[e]);
        if (e > index.offsets[i]) expect(index.neighbours[e - 1]).toBeLessThan(j);
      }
    }
  });
});
