import { describe, expect, it } from 'vitest';
import { PairSet } from '../../../seed/pairSet.ts';
import { Prng } from '../../../seed/prng.ts';

describe('PairSet', () => {
  it('agrees with a Set of keys while growing from a small start', () => {
    const set = new PairSet(4);
    const reference = new Set<number>();
    const rng = new Prng(1);
    let disagreements = 0;
    for (let k = 0; k < 20_000; k++) {
      const s = rng.int(0, 300);
      const b = rng.int(0, 300);
      if (set.add(s, b) === reference.has(s * 1000 + b)) disagreements++;
      reference.add(s * 1000 + b);
    }
    expect(disagreements).toBe(0);
    expect(set.size).toBe(reference.size);
    for (let s = 0; s <= 300; s++) for (let b = 0; b <= 300; b++) if (set.has(s, b) !== reference.has(s * 1000 + b)) disagreements++;
    expect(disagreements).toBe(0);
  });

  it('tells the two directions of a pair apart', () => {
    const set = new PairSet();
    set.add(1, 2);
    expect(set.has(1, 2)).toBe(true);
    expect(set.has(2, 1)).toBe(false);
    expect(set.add(2, 1)).toBe(true);
    expect(set.add(1, 2)).toBe(false);
  });
});
