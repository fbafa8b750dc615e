import { describe, expect, it } from 'vitest';
import { eligibility, eligibleFirms } from '../../../server/analytics/eligibility.ts';

const firm = { tier: 'sme' as const, revenue: 20_000, region: 'Busan' };

describe('eligibility', () => {
  it('accepts a Busan SME inside the revenue band (inclusive)', () => {
    expect(eligibility(firm)).toEqual({ eligible: true, reasons: [] });
    expect(eligibility({ ...firm, revenue: 5_000 }).eligible).toBe(true);
    expect(eligibility({ ...firm, revenue: 150_000 }).eligible).toBe(true);
  });

  it('gives every reason a firm is refused', () => {
    expect(eligibility({ tier: 'anchor', revenue: 900_000, region: 'Ulsan' }).reasons).toEqual([
      'already-anchor',
      'revenue-above-band',
      'region',
    ]);
    expect(eligibility({ ...firm, tier: 'pre-anchor' }).reasons).toEqual(['already-anchor']);
    expect(eligibility({ ...firm, tier: 'large' }).reasons).toEqual(['tier']);
    expect(eligibility({ ...firm, revenue: 4_999 }).reasons).toEqual(['revenue-below-band']);
  });

  it('takes a configurable tier list, band and regions, but never re-admits anchors', () => {
    const options = { tiers: ['sme', 'large', 'anchor'] as const, revenueMax: 1e9, regions: ['Busan', 'Ulsan'] };
    expect(eligibility({ tier: 'large', revenue: 900_000, region: 'Ulsan' }, options).eligible).toBe(true);
    expect(eligibility({ tier: 'anchor', revenue: 900_000, region: 'Ulsan' }, options).reasons).toEqual([
      'already-anchor',
    ]);
    expect(() => eligibility(firm, { revenueMin: 10, revenueMax: 5 })).toThrow(/eligibility: the revenue band/);
  });

  it('filters a list, keeping order', () => {
    const firms = [
      { id: 'a', ...firm },
      { id: 'b', ...firm, region: 'Daegu' },
      { id: 'c', ...firm, revenue: 6_000 },
    ];
    expect(eligibleFirms(firms).map((f) => f.id)).toEqual(['a', 'c']);
  });
});
