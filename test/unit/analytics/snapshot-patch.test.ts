import { describe, expect, it } from 'vitest';
import { buildSnapshot, type Snapshot, type SnapshotFirm } from '../../../server/analytics/snapshot.ts';
import { patchSnapshot } from '../../../server/analytics/snapshotPatch.ts';

const firm = (id: string, extra: Partial<SnapshotFirm> = {}): SnapshotFirm => ({ id, name: `Firm ${id}`, tier: 'sme', sector: 'C29', region: 'Busan', revenue: 100, employees: 10, ...extra });

/** Out-links of firm `id` as [buyer id, value], sorted by buyer. */
const outOf = (s: Snapshot, id: string) => {
  const i = s.index.get(id)!;
  const row: [string, number][] = [];
  for (let q = s.outOffsets[i]; q < s.outOffsets[i + 1]; q++) row.push([s.ids[s.outTargets[q]], s.outValues[q]]);
  return row.sort();
};
const inOf = (s: Snapshot, id: string) => {
  const j = s.index.get(id)!;
  const row: [string, number][] = [];
  for (let q = s.inOffsets[j]; q < s.inOffsets[j + 1]; q++) row.push([s.ids[s.inSources[q]], s.inValues[q]]);
  return row.sort();
};

describe('patchSnapshot (a merge applied to a snapshot)', () => {
  // Before: a→b 10 (2023), a→c 5, c→b 4.
  const before = buildSnapshot([firm('a'), firm('b'), firm('c')], [
    { supplier: 'a', buyer: 'b', value: 10, year: 2023 },
    { supplier: 'a', buyer: 'c', value: 5 },
    { supplier: 'c', buyer: 'b', value: 4 },
  ]);

  it('replaces the changed suppliers’ rows and firms, and numbers a new firm in id order', () => {
    // The merge: a new firm "ab" (Ulsan), b's revenue changed, a supplies b in 2024 (7) and ab (3).
    // a's links as stored afterwards: b 10 (2023), b 7 (2024), c 5, ab 3 → the pair a→b keeps 2024's 7.
    const after = patchSnapshot(before, {
      firms: [firm('ab', { region: 'Ulsan', district: 'Nam-gu' }), firm('b', { revenue: 250, tier: 'large' })],
      outLinks: new Map([['a', [
        { buyer: 'b', value: 10, year: 2023 },
        { buyer: 'b', value: 7, year: 2024 },
        { buyer: 'c', value: 5, year: 0 },
        { buyer: 'ab', value: 3, year: 0 },
      ]]]),
    });
    expect(after.ids).toEqual(['a', 'ab', 'b', 'c']);
    expect(after.n).toBe(4);
    expect(after.m).toBe(4);
    expect(outOf(after, 'a')).toEqual([['ab', 3], ['b', 7], ['c', 5]]);
    expect(outOf(after, 'c')).toEqual([['b', 4]]);
    expect(inOf(after, 'b')).toEqual([['a', 7], ['c', 4]]);
    expect(inOf(after, 'ab')).toEqual([['a', 3]]);
    const ab = after.index.get('ab')!;
    const b = after.index.get('b')!;
    expect(after.region.labels[after.region.codes[ab]]).toBe('Ulsan');
    expect(after.district.labels[after.district.codes[ab]]).toBe('Nam-gu');
    expect(after.inHomeRegion[ab]).toBe(0);
    expect(after.revenue[b]).toBe(250);
    expect(after.tier.labels[after.tier.codes[b]]).toBe('large');
    expect(after.names[after.index.get('c')!]).toBe('Firm c');
    // The snapshot it came from is left as it was.
    expect(before.ids).toEqual(['a', 'b', 'c']);
    expect(outOf(before, 'a')).toEqual([['b', 10], ['c', 5]]);
  });
});
