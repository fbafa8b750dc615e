import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../server/analytics/snapshot.ts';
import { rippleDemand } from '../../../server/analytics/ripple.ts';
import { select, summariseRipple } from '../../../server/analytics/ripple-summary.ts';
import { mulberry32 } from '../../../server/analytics/seeded-random.ts';
import { randomNetwork } from './random-network.ts';
import { tinySnapshot } from './io-fixtures.ts';

// b buys 40 from a (Busan, Saha-gu, small) and 20 from c (Ulsan, large); a buys 10 from c.
// Shock: Δf_b = 100. A: a_ab = 40/200 = .2, a_cb = 20/200 = .1, a_ca = 10/100 = .1.
// Δx_b = 100; Δx_a = 20; Δx_c = 10 + .1·20 = 12 (a, c never buy from b, so no feedback).
const snapshot = tinySnapshot(
  [
    { id: 'a', revenue: 100, employees: 20, valueAddedRatio: 0.3, district: 'Saha-gu', sector: '25' },
    { id: 'b', revenue: 200, employees: 50, valueAddedRatio: 0.4, district: 'Gangseo-gu', sector: '30' },
    { id: 'c', revenue: 500_000, employees: 900, valueAddedRatio: 0.2, region: 'Ulsan', sector: '24', tier: 'large' },
    { id: 'd', revenue: 100 },
  ],
  [
    ['a', 'b', 40],
    ['c', 'b', 20],
    ['c', 'a', 10],
  ],
);

describe('summariseRipple', () => {
  const solution = rippleDemand(snapshot, [{ firmId: 'b', amount: 100 }]);
  const summary = summariseRipple(snapshot, solution);

  it('totals include the shock; induced = totals − direct; multiplier = ΣΔx/ΣΔf', () => {
    expect(summary.totals.output).toBeCloseTo(132, 10);
    expect(summary.direct.output).toBe(100);
    expect(summary.induced.output).toBeCloseTo(32, 10);
    expect(summary.multiplier).toBeCloseTo(1.32, 12);
    expect(summary.totals.valueAdded).toBeCloseTo(100 * 0.4 + 20 * 0.3 + 12 * 0.2, 10);
    expect(summary.totals.employment).toBeCloseTo((100 * 50) / 200 + (20 * 20) / 100 + (12 * 900) / 500_000, 10);
    expect(summary.direct.employment).toBeCloseTo(25, 12);
    expect(summary.induced.valueAdded).toBeCloseTo(6 + 2.4, 10);
  });

  it('lists affected firms by |output| with hops, leaves out unaffected ones', () => {
    expect(summary.affectedFirms).toBe(3);
    expect(summary.firms.map((f) => [f.id, f.hop])).toEqual([
      ['b', 0],
      ['a', 1],
      ['c', 1],
    ]);
    expect(summary.firms[0]).toMatchObject({ name: 'Firm b', output: 100, induced: 0 });
    expect(summariseRipple(snapshot, solution, { limit: 1 }).firms).toHaveLength(1);
    expect(() => summariseRipple(snapshot, solution, { limit: -1 })).toThrow(/summariseRipple: limit/);
  });

  it('breaks the effect down, with shares of induced output', () => {
    expect(summary.byRegion).toEqual([
      { key: 'Busan', output: 120, induced: 20, valueAdded: 46, employment: 29, share: 20 / 32 },
      expect.objectContaining({ key: 'Ulsan', induced: expect.closeTo(12, 10), share: expect.closeTo(12 / 32, 12) }),
    ]);
    expect(summary.byDistrict.map((g) => g.key)).toEqual(['Gangseo-gu', 'Saha-gu', '']);
    expect(summary.bySector.map((g) => g.key)).toEqual(['30', '25', '24']);
    expect(summary.byTier.map((g) => [g.key, g.output])).toEqual([
      ['sme', 120],
      ['large', expect.closeTo(12, 10)],
    ]);
    expect(summary.bySize.map((g) => g.key)).toEqual(['small', 'large']);
    expect(summary.retention.homeRegion).toBeCloseTo(20 / 32, 12);
    expect(summary.retention.sme).toBeCloseTo(20 / 32, 12);
  });

  it('reports output by hop, summing to the total', () => {
    expect(summary.byHop.slice(0, 3)).toEqual([
      { hop: 0, output: 100, firms: 1 },
      { hop: 1, output: 30, firms: 2 },
      { hop: 2, output: expect.closeTo(2, 12), firms: 0 },
    ]);
    expect(summary.byHop.reduce((s, h) => s + h.output, 0)).toBeCloseTo(132, 10);
  });

  it('has null shares and multiplier when nothing is induced or the shocks cancel', () => {
    const lone = summariseRipple(snapshot, rippleDemand(snapshot, [{ firmId: 'd', amount: 5 }]));
    expect(lone.multiplier).toBe(1);
    expect(lone.retention).toEqual({ homeRegion: null, sme: null });
    expect(lone.byRegion[0].share).toBeNull();
    const cancel = summariseRipple(
      snapshot,
      rippleDemand(snapshot, [
        { firmId: 'd', amount: 5 },
        { firmId: 'b', amount: -5 },
      ]),
    );
    expect(cancel.multiplier).toBeNull();
  });

  it('breakdowns add up to the totals on a random network', () => {
    const { firms, links } = randomNetwork({ firms: 60, links: 250, seed: 11 });
    const s = buildSnapshot(firms, links);
    const sum = summariseRipple(s, rippleDemand(s, [{ firmId: 'F2', amount: 1000 }]), { limit: 5 });
    expect(sum.firms).toHaveLength(5);
    for (const groups of [sum.byRegion, sum.byDistrict, sum.bySector, sum.byTier, sum.bySize]) {
      expect(groups.reduce((t, g) => t + g.output, 0)).toBeCloseTo(sum.totals.output, 8);
      expect(groups.reduce((t, g) => t + g.employment, 0)).toBeCloseTo(sum.totals.employment, 8);
      expect(groups.reduce((t, g) => t + (g.share ?? 0), 0)).toBeCloseTo(1, 10);
    }
    const magnitudes = sum.firms.map((f) => Math.abs(f.output));
    expect(magnitudes).toEqual([...magnitudes].sort((x, y) => y - x));
  });
});

describe('select (the cut-off of the firms listed)', () => {
  it('finds the k-th smallest value as a full sort would, ties and all', () => {
    const random = mulberry32(3);
    for (let trial = 0; trial < 500; trial++) {
      const n = 1 + Math.floor(random() * 60);
      const range = trial % 3 === 0 ? 4 : 1000;
      const values = Float64Array.from({ length: n }, () => Math.floor(random() * range));
      const sorted = Float64Array.from(values).sort();
      const k = Math.floor(random() * n);
      expect(select(Float64Array.from(values), k)).toBe(sorted[k]);
    }
  });
});
