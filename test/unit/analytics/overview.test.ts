import { describe, expect, it } from 'vitest';
import { aggregateOverview, neighbourhood } from '../../../server/analytics/overview.ts';
import { buildSnapshot } from '../../../server/analytics/snapshot.ts';

// Five firms in two groups, X = {a, b, c} and Y = {d, e}; worked by hand below.
const firms = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, name: id, tier: 'sme' as const, sector: '25', region: 'Busan', revenue: 100 * (i + 1), employees: 10 }));
const snapshot = buildSnapshot(firms, [
  { supplier: 'a', buyer: 'b', value: 5 }, // X→X internal
  { supplier: 'b', buyer: 'd', value: 7 }, // X→Y
  { supplier: 'c', buyer: 'e', value: 3 }, // X→Y
  { supplier: 'd', buyer: 'a', value: 2 }, // Y→X
  { supplier: 'e', buyer: 'd', value: 1 }, // Y→Y internal
]);
const groupOf = Int32Array.from([0, 0, 0, 1, 1]);

describe('aggregateOverview', () => {
  it('sums members and flows between groups; flows within a group stay inside it', () => {
    const o = aggregateOverview(snapshot, groupOf, ['X', 'Y'], new Uint8Array(5));
    expect(o.groups.map((g) => [g.key, g.firms, g.revenue, g.internalValue, g.internalLinks])).toEqual([
      ['X', 3, 600, 5, 1],
      ['Y', 2, 900, 1, 1],
    ]);
    expect(o.groups[0].largest).toBe(2);
    const links = o.links.map((l) => [l.source, l.target, l.value, l.count]).sort();
    expect(links).toEqual([
      [0, 1, 10, 2],
      [1, 0, 2, 1],
    ]);
  });

  it('keeps detail firms apart with their own links to the groups', () => {
    // d drawn as a firm: Y is then only e.
    const detail = Uint8Array.from([0, 0, 0, 1, 0]);
    const o = aggregateOverview(snapshot, groupOf, ['X', 'Y'], detail);
    expect(o.groups.map((g) => [g.key, g.firms])).toEqual([
      ['X', 3],
      ['Y', 1],
    ]);
    expect(o.detail).toEqual([3]);
    const links = o.links.map((l) => [l.source, l.target, l.value]).sort();
    // node 2 is d: b→d 7, d→a 2, c→e 3 (X→Y), e→d 1 (Y→d)
    expect(links).toEqual([
      [0, 1, 3],
      [0, 2, 7],
      [1, 2, 1],
      [2, 0, 2],
    ]);
    expect(o.groups[1].internalValue).toBe(0);
  });

  it('leaves out a group whose members are all drawn as firms, and refuses mismatched arrays', () => {
    const o = aggregateOverview(snapshot, groupOf, ['X', 'Y'], Uint8Array.from([0, 0, 0, 1, 1]));
    expect(o.groups.map((g) => g.key)).toEqual(['X']);
    // nodes: X = 0, d = 1, e = 2; e→d is a firm-to-firm link now.
    expect(o.links.find((l) => l.source === 2 && l.target === 1)?.value).toBe(1);
    expect(() => aggregateOverview(snapshot, new Int32Array(2), ['X'], new Uint8Array(5))).toThrow(/aggregateOverview/);
  });
});

describe('neighbourhood', () => {
  it('marks a firm and its direct suppliers and buyers', () => {
    expect(Array.from(neighbourhood(snapshot, [snapshot.index.get('d')!]))).toEqual([1, 1, 0, 1, 1]);
  });
});
