import { describe, expect, it } from 'vitest';
import { compareRipples, CSV_HEADER, effectOutput, heatSubgraph, heatValues, hopBars, normaliseDisruption, rippleCsv, topBreakdown } from '../../../client/src/shape/ripple.ts';
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
        outcome: { kind: 'disruption', result: { firms: [{ id: 'x', name: 'X', directShare: 0.5, exposedShare: 0.6, outputLoss: 40, hop: 1, singleSource: true }], totals: { outputLoss: 40 }, affectedFirms: 1, singleSourceBuyers: 1 } },
      },
    ]);
    expect(csv).toContain('\r\nB,disruption,totals,outputLoss,bmt:0,,-40,,,,,\r\n');
    expect(csv).toContain('\r\nB,disruption,firm,x,X,1,-40,,,0.5,0.6,true\r\n');
  });

  it('keeps firm names that look like formulas as text (no CSV injection), and negative numbers as numbers', () => {
    const r = result();
    r.firms = [
      { id: 'evil', name: '=HYPERLINK("http://x.example","click")', output: -5, valueAdded: 1, employment: 0, hop: 1 },
      { id: 'plus', name: '+1+2', output: 1, valueAdded: 1, employment: 0, hop: 1 },
      { id: 'at', name: '@SUM(A1)', output: 1, valueAdded: 1, employment: 0, hop: 1 },
    ];
    const lines = rippleCsv([{ name: 'A', scenario, outcome: { kind: 'ripple', result: r } }]).split('\r\n');
    expect(lines).toContain(`A,demand,firm,evil,"'=HYPERLINK(""http://x.example"",""click"")",1,-5,1,0,${-5 / 150},,`);
    expect(lines.find((l) => l.includes(',plus,'))).toContain(",'+1+2,");
    expect(lines.find((l) => l.includes(',at,'))).toContain(",'@SUM(A1),");
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
    expect(r).toEqual({
      totals: { outputLoss: 90 },
      firms: [{ id: 'b', name: 'B', hop: 1, outputLoss: 40, directShare: 0.3, exposedShare: 0.2, singleSource: true }],
      affectedFirms: 1,
      singleSourceBuyers: 1,
    });
  });

  it('counts every affected firm and single-source buyer, not only the listed ones', () => {
    const r = normaliseDisruption({
      totals: { outputLoss: 90, disruptedOutputLoss: 50, downstreamOutputLoss: 40 },
      firms: [
        { id: 'bmt', name: 'BMT', disrupted: true, hop: 0, outputLoss: 50, exposure: 0, outputLossShare: 1 },
        { id: 'b', name: 'B', disrupted: false, hop: 1, outputLoss: 40, exposure: 0.3, outputLossShare: 0.2 },
      ],
      singleSource: [
        { buyerId: 'b', soleInSector: true },
        { buyerId: 'unlisted', soleInSector: true },
        { buyerId: 'c', soleInSector: false, dominant: true },
      ],
      affectedFirms: 3241,
    });
    expect(r.affectedFirms).toBe(3240);
    expect(r.singleSourceBuyers).toBe(2);
    expect(r.totals.downstreamOutputLoss).toBe(40);
  });

  it('passes the contract shape through', () => {
    const firm = { id: 'x', name: 'X', directShare: 0.5, exposedShare: 0.6, outputLoss: 4, hop: 1, singleSource: false };
    expect(normaliseDisruption({ totals: { outputLoss: 4 }, firms: [firm] }).firms).toEqual([firm]);
  });
});

describe('hopBars', () => {
  it('stops where the effect has died away and sums the rest into one bar', () => {
    const byHop = [10000, 2882.6, 444.9, 64.1, 9.1, 1.06, 0.17, 0.02, 0.003].map((output, hop) => ({ hop, output }));
    expect(hopBars(byHop)).toEqual([
      { hop: 0, output: 10000, rest: false },
      { hop: 1, output: 2882.6, rest: false },
      { hop: 2, output: 444.9, rest: false },
      { hop: 3, output: 64.1, rest: false },
      { hop: 4, output: expect.closeTo(10.353, 6), rest: true },
    ]);
  });

  it('keeps hops 0 and 1 and needs no rest bar when nothing is left', () => {
    expect(hopBars([{ hop: 1, output: 5 }, { hop: 0, output: 100 }])).toEqual([
      { hop: 0, output: 100, rest: false },
      { hop: 1, output: 5, rest: false },
    ]);
    expect(hopBars(undefined)).toEqual([]);
  });
});

describe('heat map data', () => {
  it('colours by induced output, so the shocked firm does not take the whole scale; losses by size', () => {
    const r = result();
    r.firms = [
      { id: 'daeyang-electric', name: 'D', output: 10003, induced: 3, valueAdded: 0, employment: 0, hop: 0 },
      { id: 'b', name: 'B', output: 720, induced: 720, valueAdded: 0, employment: 0, hop: 1 },
      { id: 'c', name: 'C', output: -40, valueAdded: 0, employment: 0, hop: 1 },
    ];
    expect(heatValues(r)).toEqual(new Map([['daeyang-electric', 3], ['b', 720], ['c', 40]]));
  });

  it('draws the shocked firms and the most affected, with the links among them', () => {
    const nodes = ['s', 'a', 'b', 'c', 'd'].map((id) => ({ id }));
    const links = [
      { source: 'a', target: 's' },
      { source: 'b', target: 'a' },
      { source: 'c', target: 'b' },
      { source: 'd', target: 's' },
    ];
    const heat = new Map([['a', 5], ['b', 9], ['c', 1], ['d', 0]]);
    const sub = heatSubgraph(nodes, links, heat, ['s'], 2);
    expect(sub.nodes.map((n) => n.id)).toEqual(['s', 'a', 'b']);
    expect(sub.links).toEqual([links[0], links[1]]);
  });
});
