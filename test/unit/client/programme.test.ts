import { describe, expect, it } from 'vitest';
import { COMPARISON, pooledGrowth, programmeCsvRows, programmeSummary, SUPPORTED } from '../../../client/src/shape/programme.ts';
import type { ProgrammeGroup, ProgrammeOutcomes } from '../../../client/src/types.ts';

/** A group whose firms all report every year (as in the seed), from its yearly totals. */
function group(cohort: number | null, firms: number, years: [number, number, number][]): ProgrammeGroup {
  return {
    group: cohort === null ? 'comparison' : `cohort-${cohort}`,
    cohort,
    firms,
    years: years.map(([year, revenue, employees], i) => ({
      year,
      firms,
      revenue,
      employees,
      revenueGrowth: i === 0 ? null : revenue / years[i - 1][1] - 1,
      employmentGrowth: i === 0 ? null : employees / years[i - 1][2] - 1,
      revenueBase: i === 0 ? 0 : years[i - 1][1],
      employeesBase: i === 0 ? 0 : years[i - 1][2],
    })),
  };
}

// The seeded Busan programme's figures (GET /api/programme/outcomes on the seed network).
const seed: ProgrammeOutcomes = {
  homeRegion: 'Busan',
  groups: [
    group(null, 3544, [
      [2022, 18158390, 57467],
      [2023, 18791386, 58517],
      [2024, 19474844, 59708],
      [2025, 20173411, 60840],
    ]),
    group(2025, 8, [
      [2022, 483190, 1452],
      [2023, 521441, 1515],
      [2024, 564344, 1571],
      [2025, 667357, 1813],
    ]),
    group(2024, 8, [
      [2022, 707735, 1813],
      [2023, 751162, 1890],
      [2024, 792088, 1922],
      [2025, 900681, 2159],
    ]),
    group(2026, 4, [
      [2022, 378226, 926],
      [2023, 409102, 948],
      [2024, 432850, 987],
      [2025, 456534, 1026],
    ]),
  ],
};

describe('programmeSummary', () => {
  const s = programmeSummary(seed);

  it('lists the growth years and the groups: cohorts in order, the supported firms pooled, then the comparison', () => {
    expect(s.years).toEqual([2023, 2024, 2025]);
    expect(s.rows.map((r) => r.key)).toEqual(['cohort-2024', 'cohort-2025', 'cohort-2026', SUPPORTED, COMPARISON]);
    expect(new Set(s.rows.map((r) => r.colour)).size).toBe(5);
  });

  it('pools the cohorts selected by each year: 2024 and 2025 grew 15.6% in revenue and 13.7% in jobs in 2025', () => {
    const pooled = s.rows.find((r) => r.key === SUPPORTED)!;
    expect(pooled.cells.get(2025)!.revenueGrowth).toBeCloseTo(1568038 / 1356432 - 1, 10);
    expect(pooled.cells.get(2025)!.revenueGrowth).toBeCloseTo(0.156, 3);
    expect(pooled.cells.get(2025)!.employmentGrowth).toBeCloseTo(0.137, 3);
    // In 2024 only the 2024 cohort had been selected.
    expect(pooled.cells.get(2024)!.revenueGrowth).toBeCloseTo(792088 / 751162 - 1, 10);
    expect(pooled.cells.has(2023)).toBe(false);
    expect(s.headline).toEqual({
      year: 2025,
      cohorts: [2024, 2025],
      supported: { revenueGrowth: expect.closeTo(0.156, 3), employmentGrowth: expect.closeTo(0.137, 3) },
      comparison: { revenueGrowth: expect.closeTo(0.0359, 4), employmentGrowth: expect.closeTo(0.019, 3) },
    });
  });

  it('marks a cohort’s years before its selection', () => {
    const c2025 = s.rows.find((r) => r.key === 'cohort-2025')!;
    expect(c2025.cells.get(2024)!.beforeSelection).toBe(true);
    expect(c2025.cells.get(2025)!.beforeSelection).toBe(false);
    expect(s.rows.find((r) => r.key === COMPARISON)!.cells.get(2025)!.beforeSelection).toBe(false);
  });

  it('writes one CSV row per group and growth year', () => {
    const rows = programmeCsvRows(s);
    expect(rows).toHaveLength(4 * 3 + 2);
    expect(rows[0]).toEqual(['cohort-2024', 2024, 2023, 8, expect.closeTo(0.0614, 4), expect.closeTo(0.0425, 4), 'yes']);
  });

  it('copes with no cohorts, and with no comparison group', () => {
    const onlyComparison = programmeSummary({ homeRegion: 'Busan', groups: [seed.groups[0]] });
    expect(onlyComparison.rows.map((r) => r.key)).toEqual([COMPARISON]);
    expect(onlyComparison.headline).toBeNull();
    expect(programmeSummary({ homeRegion: 'Busan', groups: [] })).toEqual({ homeRegion: 'Busan', years: [], rows: [], headline: null });
  });
});

describe('pooledGrowth', () => {
  it('weighs each part by its size and skips parts without a figure', () => {
    expect(pooledGrowth([{ level: 110, growth: 0.1 }, { level: 300, growth: 0.5 }])).toBeCloseTo(410 / 300 - 1, 12);
    expect(pooledGrowth([{ level: 110, growth: 0.1 }, { level: 50, growth: null }])).toBeCloseTo(0.1, 12);
    expect(pooledGrowth([{ level: 10, growth: null }])).toBeNull();
  });
});
