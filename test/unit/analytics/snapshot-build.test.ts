import { describe, expect, it } from 'vitest';
import { buildSnapshot, type SnapshotLink } from '../../../server/analytics/snapshot.ts';
import { mulberry32 } from '../../../server/analytics/seeded-random.ts';
import { randomNetwork } from './random-network.ts';
import { referenceCsr } from './reference-snapshot.ts';

describe('buildSnapshot (typed-array pair merge)', () => {
  it('gives exactly the CSR of the Map-based merge, with repeated pairs, years and self-supplies', () => {
    for (const seed of [1, 2, 3]) {
      const { firms, links } = randomNetwork({ firms: 50, links: 400, seed });
      const random = mulberry32(seed + 100);
      const withYears: SnapshotLink[] = links.map((l) => ({
        ...l,
        year: random() < 0.3 ? undefined : 2020 + Math.floor(random() * 3),
      }));
      withYears.push({ supplier: 'F3', buyer: 'F3', value: 5 }, { ...withYears[0] }, { ...withYears[1], year: 2030 });
      const snapshot = buildSnapshot(firms, withYears);
      const ref = referenceCsr(snapshot.ids, withYears);
      expect(snapshot.m).toBe(ref.m);
      expect(snapshot.outOffsets).toEqual(ref.out.offsets);
      expect(snapshot.outTargets).toEqual(ref.out.targets);
      expect(snapshot.outValues).toEqual(ref.out.values);
      expect(snapshot.inOffsets).toEqual(ref.inn.offsets);
      expect(snapshot.inSources).toEqual(ref.inn.targets);
      expect(snapshot.inValues).toEqual(ref.inn.values);
    }
  });

  it('keeps the latest year of a pair and sums the links within it', () => {
    const firms = ['a', 'b'].map((id) => ({
      id,
      name: id,
      tier: 'sme' as const,
      sector: '25',
      region: 'Busan',
      revenue: 100,
      employees: 10,
    }));
    const s = buildSnapshot(firms, [
      { supplier: 'a', buyer: 'b', value: 1, year: 2021 },
      { supplier: 'a', buyer: 'b', value: 2, year: 2022 },
      { supplier: 'a', buyer: 'b', value: 3, year: 2022 },
      { supplier: 'a', buyer: 'b', value: 7, year: 2020 },
    ]);
    expect(s.m).toBe(1);
    expect([...s.outValues]).toEqual([5]);
    expect([...s.inValues]).toEqual([5]);
  });
});
