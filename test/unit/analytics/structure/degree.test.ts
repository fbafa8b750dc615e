import { describe, expect, it } from 'vitest';
import { degrees } from '../../../../server/analytics/degree.ts';
import { buildSnapshot } from '../../../../server/analytics/snapshot.ts';
import { snapshotOf } from './helpers.ts';

describe('degrees', () => {
  it('counts distinct partners and sums values in each direction', () => {
    const d = degrees(snapshotOf(4, [[0, 1, 10], [0, 2, 5], [2, 1, 3], [1, 0, 2]]));
    expect(Array.from(d.outDegree)).toEqual([2, 1, 1, 0]);
    expect(Array.from(d.inDegree)).toEqual([1, 2, 1, 0]);
    expect(Array.from(d.outStrength)).toEqual([15, 2, 3, 0]);
    expect(Array.from(d.inStrength)).toEqual([2, 13, 5, 0]);
  });

  it('counts a pair supplied in several products once', () => {
    const firms = [0, 1].map((i) => ({ id: `F${i}`, name: `F${i}`, tier: 'sme' as const, sector: '29', region: 'Busan', revenue: 1e6, employees: 5 }));
    const d = degrees(buildSnapshot(firms, [
      { supplier: 'F0', buyer: 'F1', value: 4, year: 2024 },
      { supplier: 'F0', buyer: 'F1', value: 6, year: 2024 },
    ]));
    expect(d.outDegree[0]).toBe(1);
    expect(d.outStrength[0]).toBe(10);
  });

  it('refuses something that is not a snapshot, naming itself', () => {
    expect(() => degrees(null as never)).toThrow(/degrees:/);
    expect(() => degrees({ n: 2, m: 0 } as never)).toThrow(/degrees: the snapshot's CSR arrays/);
  });
});
