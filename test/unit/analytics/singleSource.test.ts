import { expect, it } from 'vitest';
import { singleSourceRisks } from '../../../server/analytics/singleSource.ts';
import { UnknownFirmError } from '../../../server/analytics/errors.ts';
import { tinySnapshot } from './io-fixtures.ts';

// S→B1 60, T→B1 40, B1→B2 50, U→B2 50, S→C 30, B2→C 30 (the disruption test's network).
const snapshot = tinySnapshot(
  ['S', 'T', 'U', 'B1', 'B2', 'C'].map((id) => ({ id, revenue: 1000 })),
  [
    ['S', 'B1', 60],
    ['T', 'B1', 40],
    ['B1', 'B2', 50],
    ['U', 'B2', 50],
    ['S', 'C', 30],
    ['B2', 'C', 30],
  ],
);

it("S is half or more of B1's (60/100) and C's (30/60) purchases", () => {
  const r = singleSourceRisks(snapshot, 'S');
  expect(r.dependentBuyers.map((b) => [b.id, b.value, b.share])).toEqual([
    ['B1', 60, 0.6],
    ['C', 30, 0.5],
  ]);
  expect(r.dominantSuppliers).toEqual([]);
});

it("B2 buys half from B1 and half from U: both dominant at 0.5, neither at 0.6; it is half of C's purchases", () => {
  expect(singleSourceRisks(snapshot, 'B2').dominantSuppliers.map((s) => s.id)).toEqual(['B1', 'U']);
  expect(singleSourceRisks(snapshot, 'B2', 0.6).dominantSuppliers).toEqual([]);
  expect(singleSourceRisks(snapshot, 'B2').dependentBuyers.map((s) => [s.id, s.share])).toEqual([['C', 0.5]]);
  expect(() => singleSourceRisks(snapshot, 'nope')).toThrow(UnknownFirmError);
});
