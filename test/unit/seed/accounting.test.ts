import { describe, expect, it } from 'vitest';
import { assertAccounting, balanceFlows, networkSums } from '../../../seed/accounting.ts';

const f64 = (xs: number[]) => Float64Array.from(xs);
const i32 = (xs: number[]) => Int32Array.from(xs);

describe('balanceFlows', () => {
  it('brings purchases to target when the suppliers can deliver, within every ceiling', () => {
    // Firms 0 and 1 supply firm 2; each can sell up to half its revenue, firm 2 wants 30% of its 1,000.
    const revenue = f64([1_000, 1_000, 1_000]);
    const value = balanceFlows(revenue, i32([0, 1]), i32([2, 2]), f64([1, 3]), {
      inputShare: f64([0.3, 0.3, 0.3]),
      outputShare: f64([0.5, 0.5, 0.5]),
    });
    expect(value[0] + value[1]).toBeCloseTo(300, 0);
    expect(value[1] / value[0]).toBeCloseTo(3, 1);
  });

  it('keeps a buyer it cannot satisfy from squeezing its suppliers’ other sales to nothing', () => {
    // A shipyard (x = 10⁷) wants 30% from one SME (x = 1,000) that also sells to a peer SME.
    const revenue = f64([1_000, 10_000_000, 1_000]);
    const src = i32([0, 0]);
    const dst = i32([1, 2]);
    const value = balanceFlows(revenue, src, dst, f64([100, 1]), { inputShare: f64([0.3, 0.3, 0.3]), outputShare: f64([0.6, 0.6, 0.6]) });
    const sums = networkSums(3, src, dst, value);
    expect(sums.sales[0]).toBeLessThanOrEqual(600);
    expect(value[1]).toBeGreaterThan(0.5);
  });

  it('caps shares at maxInputShare and maxOutputShare whatever the targets say', () => {
    const revenue = f64([100, 100]);
    const value = balanceFlows(revenue, i32([0]), i32([1]), f64([1]), { inputShare: f64([0.95, 0.95]), outputShare: f64([0.95, 0.95]) });
    expect(value[0]).toBeLessThanOrEqual(60);
  });

  it('refuses non-positive weights and shares', () => {
    const revenue = f64([100, 100]);
    const targets = { inputShare: f64([0.3, 0.3]), outputShare: f64([0.3, 0.3]) };
    expect(() => balanceFlows(revenue, i32([0]), i32([1]), f64([0]), targets)).toThrow(/link 0 has weight 0/);
    expect(() => balanceFlows(revenue, i32([0]), i32([1]), f64([1]), { ...targets, inputShare: f64([0, 0.3]) })).toThrow(/firm 0/);
  });
});

describe('assertAccounting', () => {
  it('names the firm and the sums when a rule is broken', () => {
    const sums = networkSums(2, i32([0]), i32([1]), f64([150]));
    expect(() => assertAccounting(['a', 'b'], f64([1_000, 100]), sums, 'test')).toThrow(/firm "b" purchases 150 .* revenue is 100/);
    expect(() => assertAccounting(['a', 'b'], f64([100, 1_000]), sums, 'test')).toThrow(/firm "a" sells 150 .* revenue is 100/);
    expect(() => assertAccounting(['a', 'b'], f64([1_000, 1_000]), sums, 'test')).not.toThrow();
  });
});
