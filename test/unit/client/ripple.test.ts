import { describe, expect, it } from 'vitest';
import { compareRipples, CSV_HEADER, effectOutput, normaliseDisruption, rippleCsv, topBreakdown } from '../../../client/src/shape/ripple.ts';
import { defaultScenario } from '../../../client/src/state.ts';
import type { RippleResult } from '../../../client/src/types.ts';

const result = (scale = 1): RippleResult => ({
  model: 'demand',
  totals: { output: 150 * scale, valueAdded: 50 * scale, employment: 3 * scale },
  direct: { output: 100 * scale, valueAdded: 30 * scale, employment: 2 * scale },
  induced: { output: 50 * scale, valueAdded: 20 * scale, employment: 1 * scale },
  multiplier: 1.5,
  iterations: 12,
  residual: 1e-10,
  firms: [
    { id: 'daeyang-electric', name: 'Daeyang Electric', output: 100 * scale, valueAdded: 30, employment: 2, hop: 0 },
    { id: 'acme', name: 'Acme, "Busan" Ltd', output: 50 * scale, valueAdded: 20, employment: 1, hop: 1 },
  ],
  byRegion: [{ key: 'Busan', output: 120, valueAdded: 40, employment: 2, share: 0.8 }],
  byDistrict: [],
  bySector: [
    { key: '28', output: 100, valueAdded: 30, employment: 2, share: 2 / 3 },
    { key: '26', output: 50, valueAdded: 20, employment: 1, share: 1 / 3 },
  ],
  byTier: [],
  bySize: [],
  retention: { homeRegion: 0.8, sme: 0.3 },
  byHop: [
    { hop: 0, output: 100 },
    { hop: 1, output: 50 },
  ],
});

describe('rippleCsv', () => {
  const scenario = { ...defaultScenario(), shocks: [{ firmId: 'daeyang-electric', amount: 100 }] };

  it('writes totals, firms and breakdowns with a header, quoting where needed', () => {
    const csv = rippleCsv([{ name: 'A', scenario, outcome: { kind: 'ripple', result: result() } }]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines[1]).toBe('A,demand,totals,all,daeyang-electric:100,,150,50,3,1,,');
    expect(lines).toContain('A,demand,totals,multiplier,,,1.5,,,,,');
    expect(lines).toContain('A,demand,firm,acme,"Acme, ""Busan"" Ltd",1,50,20,1,0.3333333333333333,,');
    expect(lines).toContain('A,demand,sector,28,,,100,30,2,0.6666666666666666,,');
    expect(lines).toContain('A,demand,hop,1,,1,50,,,,,');
  });

  it('holds both scenarios of a comparison, and disruption rows as losses', () => {
    const csv = rippleCsv([
      { name: 'A', scenario, outcome: { kind: 'ripple', result: result() } },
      {
        name: 'B',
        scenario: { model: 'disruption', shocks: [{ firmId: 'bmt', amount: 0 }], capacityLoss: 1 },
        outcome: { kind: 'disruption', result: { firms: [{ id: 'x', name: 'X', directShare: 0.5, exposedShare: 0.6, outputLoss: 40, hop: 1, singleSource: true }], totals: { outputLoss: 40 } } },
      },
    ]);
    expect(csv).toContain('\r\nB,disruption,totals,outputLoss,bmt:0,,-40,,,,,\r\n');
    expect(csv).toContain('\r\nB,disruption,firm,x,X,1,-40,,,0.5,0.6,true\r\n');
  });
});

describe('comparison helpers', () => {
  it('compares the totals of two scenarios', () => {
    const rows = compareRipples(result(1), result(2));
    expect(rows.find((r) => r.key === 'output')).toEqual({ key: 'output', a: 150, b: 300, delta: 150 });
    expect(rows.find((r) => r.key === 'multiplier')?.delta).toBe(0);
  });

  it('reads direct and induced effects in either API form', () => {
    expect(effectOutput(5)).toBe(5);
    expect(effectOutput({ output: 7, valueAdded: 1, employment: 0 })).toBe(7);
    expect(effectOutput(undefined)).toBe(0);
  });

  it('keeps the largest breakdown entries and sums the rest', () => {
    const list = [1, 5, 3, 2].map((output, i) => ({ key: `k${i}`, output, valueAdded: 0, employment: 0, share: 0 }));
    expect(topBreakdown(list, 2)).toEqual([
      { key: 'k1', output: 5 },
      { key: 'k2', output: 3 },
      { key: 'other', output: 3 },
    ]);
  });
});

describe('normaliseDisruption', () => {
  it('reads the server shape: exposure, output-loss share, single-source pairs; leaves out the stopped firms', () => {
    const r = normaliseDisruption({
      totals: { outputLoss: 90 },
      firms: [
        { id: 'bmt', name: 'BMT', disrupted: true, hop: 0, outputLoss: 50, exposure: 0, outputLossShare: 1 },
        { id: 'b', name: 'B', disrupted: false, hop: 1, outputLoss: 40, exposure: 0.3, outputLossShare: 0.2 },
      ],
      singleSource: [{ buyerId: 'b', soleInSector: true }],
    });
    expect(r).toEqual({ totals: { outputLoss: 90 }, firms: [{ id: 'b', name: 'B', hop: 1, outputLoss: 40, directShare: 0.3, exposedShare: 0.2, singleSource: true }] });
  });

  it('passes the contract shape through', () => {
    const firm = { id: 'x', name: 'X', directShare: 0.5, exposedShare: 0.6, outputLoss: 4, hop: 1, singleSource: false };
    expect(normaliseDisruption({ totals: { outputLoss: 4 }, firms: [firm] }).firms).toEqual([firm]);
  });
});
