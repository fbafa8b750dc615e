import { describe, expect, it } from 'vitest';
import {
  CRITERIA,
  percentileRanks,
  scoreCandidates,
  type CandidateInput,
} from '../../../server/analytics/candidates.ts';
import { AnalyticsInputError } from '../../../server/analytics/errors.ts';

describe('percentileRanks', () => {
  it('ranks 0–100 with ties at their average rank, missing values NaN', () => {
    const p = percentileRanks([10, 20, 20, 40, null]);
    expect([...p.slice(0, 4)]).toEqual([0, 50, 50, 100]);
    expect(p[4]).toBeNaN();
    expect([...percentileRanks([3, 3, 3])]).toEqual([50, 50, 50]);
    expect([...percentileRanks([7])]).toEqual([50]);
    expect([...percentileRanks([2, 1, 3, 0, 4])]).toEqual([50, 25, 75, 0, 100]);
  });
});

// Hand-checked example (percentiles among the firms that have the value):
//   patents/employee A .1, B 0, C .5 → A 50, B 0, C 100;  rdIntensity A .05, B .05, C .01 → 75, 75, 0
//   certifications A 1, B 3, C – → 0, 100, –   ⇒ technology A 125/3, B 175/3, C 50 (C: mean of two)
//   exportShare A .3, B .1, C .2 → 100, 0, 50 (growth missing for all) ⇒ global A 100, B 0, C 50
//   localPartners all 5 → 50; outputMultiplier A 1.5, B 1.2, C 1.8 → 50, 0, 100 ⇒ coop A 50, B 25, C 75
//   job creation: nothing ⇒ 0 (missing); revenueCagr A .1, B .2, C – → 0, 100, – ⇒ growth A 0, B 100, C 0
// Weights 2,1,1,0,1 (Σ 5): A (250/3 + 100 + 50)/5 = 46.67, B (350/3 + 0 + 25 + 100)/5 = 48.33, C 45.
const inputs: CandidateInput[] = [
  { id: 'A', name: 'Alpha', patents: 10, employees: 100, rdIntensity: 0.05, certifications: 1, exportShare: 0.3,
    localPartners: 5, outputMultiplier: 1.5, revenueCagr: 0.1 },
  { id: 'B', name: 'Beta', patents: 0, employees: 50, rdIntensity: 0.05, certifications: 3, exportShare: 0.1,
    localPartners: 5, outputMultiplier: 1.2, revenueCagr: 0.2 },
  { id: 'C', name: 'Gamma', patents: 5, employees: 10, rdIntensity: 0.01, certifications: null, exportShare: 0.2,
    localPartners: 5, outputMultiplier: 1.8, revenueCagr: undefined },
];
const weights = { technology: 2, globalScalability: 1, cooperativeNetwork: 1, jobCreation: 0, growth: 1 };

describe('scoreCandidates', () => {
  const ranking = scoreCandidates(inputs, { weights });
  const by = new Map(ranking.candidates.map((c) => [c.id, c]));

  it('scores the hand-checked example', () => {
    expect(ranking.candidates.map((c) => [c.rank, c.id])).toEqual([
      [1, 'B'],
      [2, 'A'],
      [3, 'C'],
    ]);
    expect(by.get('A')!.score).toBeCloseTo(140 / 3, 10);
    expect(by.get('B')!.score).toBeCloseTo(145 / 3, 10);
    expect(by.get('C')!.score).toBeCloseTo(45, 10);
    expect(by.get('A')!.criteria.technology.percentile).toBeCloseTo(125 / 3, 10);
    expect(by.get('C')!.criteria.technology.percentile).toBe(50);
    expect(by.get('C')!.criteria.cooperativeNetwork.percentile).toBe(75);
    expect(by.get('A')!.criteria.jobCreation).toMatchObject({ percentile: 0, missing: true, contribution: 0 });
    expect(by.get('C')!.criteria.growth).toMatchObject({ percentile: 0, missing: true, weight: 0.2 });
    expect(by.get('A')!.criteria.technology.metrics).toEqual([
      { metric: 'patentsPerEmployee', raw: 0.1, percentile: 50 },
      { metric: 'rdIntensity', raw: 0.05, percentile: 75 },
      { metric: 'certifications', raw: 1, percentile: 0 },
    ]);
    expect(by.get('C')!.criteria.technology.metrics[2]).toEqual({
      metric: 'certifications',
      raw: null,
      percentile: null,
    });
  });

  it('every breakdown adds up to its score; weights are normalised', () => {
    for (const c of ranking.candidates) {
      const sum = CRITERIA.reduce((s, k) => s + c.criteria[k].contribution, 0);
      expect(sum).toBe(c.score);
      const w = CRITERIA.reduce((s, k) => s + c.criteria[k].weight, 0);
      expect(w).toBeCloseTo(1, 14);
      for (const k of CRITERIA) {
        expect(c.criteria[k].contribution).toBeCloseTo(c.criteria[k].weight * c.criteria[k].percentile, 12);
      }
    }
    expect(ranking.weights).toEqual(weights);
  });

  it("missing 'zero' counts a missing sub-metric as 0", () => {
    const zero = scoreCandidates(inputs, { weights, missing: 'zero' });
    const c = zero.candidates.find((x) => x.id === 'C')!;
    expect(c.criteria.technology.percentile).toBeCloseTo(100 / 3, 12);
    const a = zero.candidates.find((x) => x.id === 'A')!;
    expect(a.criteria.globalScalability.percentile).toBe(50); // exportShareGrowth missing → 0
  });

  it('equal scores share a rank; default weights are equal', () => {
    const twins = scoreCandidates([
      { id: 'x', name: 'x', revenueCagr: 0.1 },
      { id: 'y', name: 'y', revenueCagr: 0.1 },
      { id: 'z', name: 'z', revenueCagr: 0.05 },
    ]);
    expect(twins.candidates.map((c) => [c.id, c.rank])).toEqual([
      ['x', 1],
      ['y', 1],
      ['z', 3],
    ]);
    expect(twins.candidates[0].score).toBe(15); // growth: ranks 2 and 3 tie at 2.5 → 75; × 1/5
    expect(scoreCandidates([]).candidates).toEqual([]);
  });

  it('refuses all-zero, negative or unknown weights with a typed error naming weights', () => {
    const zero = { technology: 0, globalScalability: 0, cooperativeNetwork: 0, jobCreation: 0, growth: 0 };
    try {
      scoreCandidates(inputs, { weights: zero });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AnalyticsInputError);
      expect((e as AnalyticsInputError).field).toBe('weights');
      expect((e as AnalyticsInputError).code).toBe('invalid-input');
      expect((e as Error).message).toMatch(/scoreCandidates: weights are all zero/);
    }
    expect(() => scoreCandidates(inputs, { weights: { growth: -1 } })).toThrow(
      /weights\.growth must be a finite number ≥ 0/,
    );
    expect(() => scoreCandidates(inputs, { weights: { luck: 1 } as never })).toThrow(/unknown criterion "luck"/);
  });

  it('refuses duplicate ids and non-finite inputs', () => {
    expect(() => scoreCandidates([inputs[0], inputs[0]])).toThrow(/firm "A" is listed twice/);
    expect(() => scoreCandidates([{ id: 'q', name: 'q', patents: Infinity }])).toThrow(/candidates\[0\]\.patents/);
  });
});

// docs/ANALYTICS.md §11.5, the worked example as written there (P, Q, R; weights 2, 1, 1, 1, 0).
describe('the worked example of docs/ANALYTICS.md §11.5', () => {
  const firms: CandidateInput[] = [
    { id: 'P', name: 'P', patents: 6, employees: 30, rdIntensity: 0.04, certifications: 2, exportShare: 0.5, exportShareGrowth: 0.02,
      localPartners: 3, centrality: 0.002, outputMultiplier: 1.4, regionalRetention: 0.9, employmentGrowth: 0.05, employmentMultiplier: 4.2, revenueCagr: 0.12 },
    { id: 'Q', name: 'Q', patents: 2, employees: 40, rdIntensity: 0.08, certifications: 2, exportShare: 0.1,
      localPartners: 7, centrality: 0.001, outputMultiplier: 1.6, regionalRetention: 0.7, employmentGrowth: 0.1, employmentMultiplier: 3.1, revenueCagr: 0.03 },
    { id: 'R', name: 'R', patents: 4, employees: 20, certifications: 5, exportShare: 0.3,
      localPartners: 7, centrality: 0.003, outputMultiplier: 1.5, regionalRetention: 0.8, employmentMultiplier: 5.0, revenueCagr: 0.08 },
  ];
  const docWeights = { technology: 2, globalScalability: 1, cooperativeNetwork: 1, jobCreation: 1, growth: 0 };

  it('gives the documented criteria, scores and ranks', () => {
    const by = new Map(scoreCandidates(firms, { weights: docWeights }).candidates.map((c) => [c.id, c]));
    const criteria = (id: string) => Object.fromEntries(CRITERIA.map((c) => [c, by.get(id)!.criteria[c].percentile]));
    const near = (got: Record<string, number>, want: Record<string, number>) => {
      for (const k of Object.keys(want)) expect(got[k], k).toBeCloseTo(want[k], 2);
    };
    near(criteria('P'), { technology: 33.33, globalScalability: 75, cooperativeNetwork: 37.5, jobCreation: 25, growth: 100 });
    near(criteria('Q'), { technology: 41.67, globalScalability: 0, cooperativeNetwork: 43.75, jobCreation: 50, growth: 0 });
    near(criteria('R'), { technology: 87.5, globalScalability: 50, cooperativeNetwork: 68.75, jobCreation: 100, growth: 50 });
    expect(by.get('P')!.score).toBeCloseTo(40.8333, 4);
    expect(by.get('Q')!.score).toBeCloseTo(35.4167, 4);
    expect(by.get('R')!.score).toBeCloseTo(78.75, 4);
    expect(['R', 'P', 'Q'].map((id) => by.get(id)!.rank)).toEqual([1, 2, 3]);
  });

  it('gives the documented scores with missing=zero', () => {
    const by = new Map(scoreCandidates(firms, { weights: docWeights, missing: 'zero' }).candidates.map((c) => [c.id, c]));
    expect(by.get('R')!.score).toBeCloseTo(52.0833, 4);
    expect(by.get('P')!.score).toBeCloseTo(40.8333, 4);
    expect(by.get('Q')!.score).toBeCloseTo(35.4167, 4);
    expect(by.get('R')!.rank).toBe(1);
  });
});
