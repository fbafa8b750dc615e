import { describe, expect, it } from 'vitest';
import { disruption } from '../../../server/analytics/disruption.ts';
import { NonConvergenceError, UnknownFirmError } from '../../../server/analytics/errors.ts';
import { tinySnapshot } from './io-fixtures.ts';

// S and T (sector 25) supply B1; B1 and U (29) supply B2; S and B2 supply C.
//   S→B1 60, T→B1 40, B1→B2 50, U→B2 50, S→C 30, B2→C 30.
const snapshot = tinySnapshot(
  [
    { id: 'S', revenue: 1000, sector: '25' },
    { id: 'T', revenue: 1000, sector: '25' },
    { id: 'U', revenue: 1000, sector: '29' },
    { id: 'B1', revenue: 500, sector: '30' },
    { id: 'B2', revenue: 400, sector: '30' },
    { id: 'C', revenue: 300, sector: '31' },
  ],
  [
    ['S', 'B1', 60],
    ['T', 'B1', 40],
    ['B1', 'B2', 50],
    ['U', 'B2', 50],
    ['S', 'C', 30],
    ['B2', 'C', 30],
  ],
);
const byId = (r: ReturnType<typeof disruption>) => new Map(r.firms.map((f) => [f.id, f]));

describe('disruption (hand-computed)', () => {
  it("S stops: direct exposures, losses passed on by share of purchases", () => {
    const r = disruption(snapshot, [{ firmId: 'S' }], { basis: 'purchases' });
    const f = byId(r);
    // d_S = 1; d_B1 = 60/100; d_B2 = .6·50/100 = .3; d_C = (1·30 + .3·30)/60 = .65.
    expect(f.get('S')).toMatchObject({ disrupted: true, outputLossShare: 1, outputLoss: 1000, hop: 0 });
    expect(f.get('B1')).toMatchObject({ lostInputs: 60, hop: 1 });
    expect(f.get('B1')!.exposure).toBeCloseTo(0.6, 12);
    expect(f.get('B1')!.exposureOfRevenue).toBeCloseTo(0.12, 12);
    expect(f.get('B1')!.outputLossShare).toBeCloseTo(0.6, 12);
    expect(f.get('B2')).toMatchObject({ lostInputs: 0, exposure: 0, hop: 2 });
    expect(f.get('B2')!.outputLossShare).toBeCloseTo(0.3, 12);
    expect(f.get('C')).toMatchObject({ lostInputs: 30, exposure: 0.5, exposureOfRevenue: 0.1, hop: 1 });
    expect(f.get('C')!.outputLossShare).toBeCloseTo(0.65, 12);
    expect(f.has('T') || f.has('U')).toBe(false);
    expect(r.firms.map((x) => x.id)).toEqual(['S', 'B1', 'C', 'B2']);
    expect(r.totals.lostSupplies).toBe(90);
    expect(r.totals.outputLoss).toBeCloseTo(1000 + 300 + 120 + 195, 9);
    expect(r.totals.disruptedOutputLoss).toBe(1000);
    expect(r.totals.downstreamOutputLoss).toBeCloseTo(615, 9);
  });

  it('single-source dependencies: sole supplier in the division, or ≥ half of purchases', () => {
    const r = disruption(snapshot, [{ firmId: 'S' }]);
    expect(r.singleSource).toEqual([
      { buyerId: 'B1', supplierId: 'S', sector: '25', value: 60, share: 0.6, soleInSector: false, dominant: true },
      { buyerId: 'C', supplierId: 'S', sector: '25', value: 30, share: 0.5, soleInSector: true, dominant: true },
    ]);
    const stricter = disruption(snapshot, [{ firmId: 'S' }], { dominantShare: 0.55 }).singleSource;
    expect(stricter.map((d) => [d.buyerId, d.soleInSector, d.dominant])).toEqual([
      ['B1', false, true],
      ['C', true, false],
    ]);
    expect(disruption(snapshot, [{ firmId: 'T' }]).singleSource).toEqual([]);
  });

  it("basis 'revenue' (default): a won of lost inputs is a won of lost output", () => {
    const r = disruption(snapshot, [{ firmId: 'S' }]);
    expect(r.basis).toBe('revenue');
    const f = byId(r);
    // d_B1 = 60/500 = .12; d_B2 = .12·50/400 = .015; d_C = (30 + .015·30)/300 = .1015.
    expect(f.get('B1')!.outputLossShare).toBeCloseTo(0.12, 12);
    expect(f.get('B2')!.outputLossShare).toBeCloseTo(0.015, 12);
    expect(f.get('C')!.outputLossShare).toBeCloseTo(0.1015, 12);
  });

  it('a partial capacity loss scales the losses', () => {
    const f = byId(disruption(snapshot, [{ firmId: 'S', share: 0.5 }], { basis: 'purchases' }));
    expect(f.get('S')!.outputLoss).toBe(500);
    expect(f.get('B1')!.lostInputs).toBe(30);
    expect(f.get('B1')!.outputLossShare).toBeCloseTo(0.3, 12);
    expect(f.get('B2')!.outputLossShare).toBeCloseTo(0.15, 12);
    expect(f.get('C')!.outputLossShare).toBeCloseTo((15 + 0.15 * 30) / 60, 12);
  });

  it('a disrupted firm is held back by the tighter of its capacity and input losses', () => {
    // S at half capacity cuts 30 of B1's 100 of inputs; B1, itself down 20%, loses max(.2, .3).
    const purchases = { basis: 'purchases' } as const;
    const f = byId(disruption(snapshot, [{ firmId: 'S', share: 0.5 }, { firmId: 'B1', share: 0.2 }], purchases));
    expect(f.get('B1')!.outputLossShare).toBeCloseTo(0.3, 12);
    const g = byId(disruption(snapshot, [{ firmId: 'S', share: 0.5 }, { firmId: 'B1', share: 0.9 }], purchases));
    expect(g.get('B1')!.outputLossShare).toBe(0.9);
  });

  it('converges on a loop to the least fixed point, and throws when maxIterations runs out', () => {
    // a buys half from D and half from b; b buys only from a: the loop loses everything in the limit.
    const loop = tinySnapshot(
      [
        { id: 'D', revenue: 100 },
        { id: 'a', revenue: 100 },
        { id: 'b', revenue: 100 },
      ],
      [
        ['D', 'a', 20],
        ['b', 'a', 20],
        ['a', 'b', 30],
      ],
    );
    const r = disruption(loop, [{ firmId: 'D' }], { basis: 'purchases' });
    expect(byId(r).get('b')!.outputLossShare).toBeCloseTo(1, 9);
    expect(r.iterations).toBeGreaterThan(20);
    expect(() => disruption(loop, [{ firmId: 'D' }], { basis: 'purchases', maxIterations: 10 })).toThrow(
      NonConvergenceError,
    );
    // Under 'revenue' the loop damps: d_a = (20 + 20·d_b)/100, d_b = 30·d_a/100 → d_a = .2/(1 − .06).
    const damped = byId(disruption(loop, [{ firmId: 'D' }]));
    expect(damped.get('a')!.outputLossShare).toBeCloseTo(0.2 / 0.94, 10);
  });

  it('refuses bad input', () => {
    expect(() => disruption(snapshot, [])).toThrow(/disruption: disruptions must list/);
    expect(() => disruption(snapshot, [{ firmId: 'X' }])).toThrow(UnknownFirmError);
    expect(() => disruption(snapshot, [{ firmId: 'S', share: 0 }])).toThrow(
      /disruptions\[0\]\.share must be in \(0, 1\]/,
    );
    expect(() => disruption(snapshot, [{ firmId: 'S' }, { firmId: 'S' }])).toThrow(/listed twice/);
    expect(() => disruption(snapshot, [{ firmId: 'S' }], { basis: 'x' as never })).toThrow(/basis/);
  });
});
