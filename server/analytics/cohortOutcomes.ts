/**
 * Programme outcomes by cohort: aggregate revenue and employment of each cohort's firms per year, and
 * their year-on-year growth, beside the same figures for the comparison group (the home region's SMEs
 * outside the programme). Growth of a group from year t−1 to t is Σ_t / Σ_{t−1} − 1 over the firms that
 * report both years, so that a firm entering the data does not count as growth.
 */
import type { HistoryPoint } from '../domain/firm.ts';
import type { GroupOutcome } from '../domain/views.ts';

export type { GroupOutcome, GroupYear } from '../domain/views.ts';

export function cohortOutcomes(firms: readonly { cohort: number | null; history: readonly HistoryPoint[] }[]): GroupOutcome[] {
  const groups = new Map<string, { cohort: number | null; histories: Map<number, HistoryPoint>[] }>();
  for (const f of firms) {
    const key = f.cohort === null ? 'comparison' : `cohort-${f.cohort}`;
    const g = groups.get(key) ?? { cohort: f.cohort, histories: [] };
    g.histories.push(new Map(f.history.map((p) => [p.year, p])));
    groups.set(key, g);
  }
  const outcomes: GroupOutcome[] = [];
  for (const [group, g] of groups) {
    const years = [...new Set(g.histories.flatMap((h) => [...h.keys()]))].sort((a, b) => a - b);
    outcomes.push({
      group,
      cohort: g.cohort,
      firms: g.histories.length,
      years: years.map((year) => {
        let revenue = 0;
        let employees = 0;
        let firmsThisYear = 0;
        let matchedNow = { revenue: 0, employees: 0 };
        let matchedBefore = { revenue: 0, employees: 0 };
        for (const h of g.histories) {
          const now = h.get(year);
          if (!now) continue;
          firmsThisYear++;
          revenue += now.revenue;
          employees += now.employees;
          const before = h.get(year - 1);
          if (before) {
            matchedNow = { revenue: matchedNow.revenue + now.revenue, employees: matchedNow.employees + now.employees };
            matchedBefore = { revenue: matchedBefore.revenue + before.revenue, employees: matchedBefore.employees + before.employees };
          }
        }
        const growth = (a: number, b: number) => (b > 0 ? a / b - 1 : null);
        return {
          year,
          firms: firmsThisYear,
          revenue,
          employees,
          revenueGrowth: growth(matchedNow.revenue, matchedBefore.revenue),
          employmentGrowth: growth(matchedNow.employees, matchedBefore.employees),
          revenueBase: matchedBefore.revenue,
          employeesBase: matchedBefore.employees,
        };
      }),
    });
  }
  return outcomes.sort((a, b) => (a.cohort ?? Infinity) - (b.cohort ?? Infinity));
}
