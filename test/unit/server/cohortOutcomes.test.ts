import { describe, expect, it } from 'vitest';
import { cohortOutcomes } from '../../../server/analytics/cohortOutcomes.ts';
import { generateBusanNetwork } from '../../../seed/busan.ts';

describe('cohort outcomes', () => {
  it('aggregates by cohort and measures growth over firms reporting both years', () => {
    const out = cohortOutcomes([
      { cohort: 2024, history: [{ year: 2024, revenue: 100, employees: 10 }, { year: 2025, revenue: 120, employees: 11 }] },
      { cohort: 2024, history: [{ year: 2025, revenue: 500, employees: 50 }] }, // new in 2025: not growth
      { cohort: null, history: [{ year: 2024, revenue: 50, employees: 5 }, { year: 2025, revenue: 51, employees: 5 }] },
    ]);
    expect(out.map((g) => g.group)).toEqual(['cohort-2024', 'comparison']);
    const y2025 = out[0].years.find((y) => y.year === 2025)!;
    expect(y2025).toMatchObject({ firms: 2, revenue: 620, employees: 61, revenueBase: 100, employeesBase: 10 });
    expect(y2025.revenueGrowth).toBeCloseTo(0.2, 12);
    expect(y2025.employmentGrowth).toBeCloseTo(0.1, 12);
    expect(out[0].years[0].revenueGrowth).toBeNull();
  });

  it('shows the seed network’s first cohorts growing 15.6% in revenue and 13.7% in employment in 2025', () => {
    const { firms } = generateBusanNetwork();
    const early = firms.filter((f) => f.cohort === 2024 || f.cohort === 2025).map((f) => ({ cohort: 0, history: f.history! }));
    const [group] = cohortOutcomes(early);
    const y = group.years.find((p) => p.year === 2025)!;
    expect(y.revenueGrowth!).toBeCloseTo(0.156, 3);
    expect(y.employmentGrowth!).toBeCloseTo(0.137, 3);
  });
});
