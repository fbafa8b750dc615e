import { describe, expect, it } from 'vitest';
import {
  candidateInput,
  compoundGrowth,
  exportShareGrowth,
  localPartnerCounts,
} from '../../../server/analytics/candidate-inputs.ts';
import { tinySnapshot } from './io-fixtures.ts';

const history = [
  { year: 2023, revenue: 12_100, employees: 60, exportShare: 0.3 },
  { year: 2021, revenue: 10_000, employees: 50, exportShare: 0.2 },
  { year: 2022, revenue: 11_000, employees: 40 },
];

describe('candidate inputs', () => {
  it('CAGR from the earliest to the latest year', () => {
    expect(compoundGrowth(history, 'revenue')).toBeCloseTo(0.1, 12); // 12,100 / 10,000 over 2 years
    expect(compoundGrowth(history, 'employees')).toBeCloseTo(Math.sqrt(1.2) - 1, 12);
    expect(compoundGrowth([history[0]], 'revenue')).toBeUndefined();
    expect(compoundGrowth(undefined, 'revenue')).toBeUndefined();
    const fromZero = [
      { year: 2019, revenue: 0, employees: 0 },
      { year: 2020, revenue: 100, employees: 2 },
      { year: 2022, revenue: 400, employees: 2 },
    ];
    expect(compoundGrowth(fromZero, 'revenue')).toBeCloseTo(1, 12); // from 2020: 100 → 400 in 2 years
  });

  it('export-share growth in share points per year, over points that carry it', () => {
    expect(exportShareGrowth(history)).toBeCloseTo(0.05, 12);
    expect(exportShareGrowth([history[0], history[2]])).toBeUndefined();
  });

  it('counts distinct home-region partners in either direction', () => {
    const s = tinySnapshot(
      [
        { id: 'a', revenue: 100 },
        { id: 'b', revenue: 100 },
        { id: 'c', revenue: 100, region: 'Ulsan' },
        { id: 'd', revenue: 100 },
      ],
      [
        ['a', 'b', 1],
        ['b', 'a', 1],
        ['c', 'a', 1],
        ['a', 'd', 1],
      ],
    );
    expect([...localPartnerCounts(s)]).toEqual([2, 1, 1, 1]);
  });

  it('builds the scoring input from a firm record and its network metrics', () => {
    const input = candidateInput(
      {
        id: 'f',
        name: 'F',
        tier: 'sme',
        sector: '25',
        region: 'Busan',
        revenue: 12_100,
        employees: 60,
        patents: 3,
        history,
      },
      { localPartners: 4, outputMultiplier: 1.6 },
    );
    expect(input).toMatchObject({ id: 'f', patents: 3, employees: 60, localPartners: 4, outputMultiplier: 1.6 });
    expect(input.revenueCagr).toBeCloseTo(0.1, 12);
    expect(input.exportShareGrowth).toBeCloseTo(0.05, 12);
    expect(input.rdIntensity).toBeUndefined();
  });
});
