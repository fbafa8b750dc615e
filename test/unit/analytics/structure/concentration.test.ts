import { describe, expect, it } from 'vitest';
import { concentration } from '../../../../server/analytics/concentration.ts';
import { snapshotOf } from './helpers.ts';

describe('concentration', () => {
  // Buyer 3 buys 60, 30, 10 from suppliers 0, 1, 2: HHI = 0.6² + 0.3² + 0.1² = 0.46.
  // Supplier 0 sells 60 to 3 and 40 to 4: HHI = 0.6² + 0.4² = 0.52. Supplier 1 sells only to 3: 1.
  const snapshot = snapshotOf(6, [
    [0, 3, 60],
    [1, 3, 30],
    [2, 3, 10],
    [0, 4, 40],
  ]);
  const { supplierHHI, customerHHI } = concentration(snapshot);

  it('computes each buyer’s supplier HHI on purchase shares', () => {
    expect(supplierHHI[3]).toBeCloseTo(0.46, 12);
    expect(supplierHHI[4]).toBe(1);
  });

  it('computes each supplier’s customer HHI on sales shares', () => {
    expect(customerHHI[0]).toBeCloseTo(0.52, 12);
    expect(customerHHI[1]).toBe(1);
    expect(customerHHI[2]).toBe(1);
  });

  it('gives NaN where there is nothing to concentrate', () => {
    expect(supplierHHI[0]).toBeNaN(); // buys nothing
    expect(customerHHI[3]).toBeNaN(); // sells nothing
    expect(supplierHHI[5]).toBeNaN();
    expect(customerHHI[5]).toBeNaN();
  });

  it('refuses negative values, naming itself', () => {
    expect(() => concentration(snapshotOf(2, [[0, 1, -1]]))).toThrow(/concentration:/);
  });
});
