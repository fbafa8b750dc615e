import { describe, expect, it } from 'vitest';
import { mulberry32, mulberry32Stream, streamSeeds } from '../../../server/analytics/seeded-random.ts';

describe('streamSeeds', () => {
  it('starts stream i exactly i·2³²/count draws into the one sequence from the seed', () => {
    // With 2²⁰ streams the stride is 4,096 draws: walk the plain sequence and compare where each starts.
    const count = 2 ** 20;
    const seeds = streamSeeds(12345, count);
    const plain = mulberry32(12345);
    for (let i = 0; i < 4; i++) {
      const stream = mulberry32Stream(seeds[i]).next;
      const expected = Array.from({ length: 3 }, () => plain());
      expect(Array.from({ length: 3 }, () => stream())).toEqual(expected);
      for (let k = 3; k < 4096; k++) plain();
    }
  });

  it('gives stream 0 the seed itself and refuses a count that is not a power of two', () => {
    expect(streamSeeds(7, 16)[0]).toBe(7);
    expect(() => streamSeeds(7, 12)).toThrow(/power of two/);
  });
});
