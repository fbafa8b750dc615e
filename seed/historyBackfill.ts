/**
 * Extends every firm's history back from HISTORY_START to BACKFILL_START, for firms founded by then, so that
 * the programme evaluation sees three years of growth before the 2024 cohort's selection (event years −3..−1).
 *
 * Drawn after everything else from its own random stream, so the rest of the seed is unchanged. Going back a
 * year divides revenue by (1 + g), g ~ N(ḡ, 0.04) with ḡ the firm's own mean log growth over its drawn years
 * up to DATA_YEAR − 1 (2025, the year the early cohorts' published growth is set, is left out), and employees
 * by (1 + 0.55·g + N(0, 0.02)), the elasticity drawHistory uses.
 */
import type { Firm, HistoryPoint } from '../server/domain/firm.ts';
import { DATA_YEAR } from './attributes.ts';
import type { Prng } from './prng.ts';

export const BACKFILL_START = 2020;

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

export function backfillHistories(rng: Prng, firms: Firm[]): void {
  for (const f of firms) {
    const points = f.history ?? [];
    const first = points[0];
    if (!first || first.year <= BACKFILL_START || (f.founded ?? BACKFILL_START) >= first.year) continue;
    const last = points.filter((p) => p.year <= DATA_YEAR - 1).at(-1) ?? first;
    const span = last.year - first.year;
    const meanGrowth = span > 0 ? Math.log(last.revenue / first.revenue) / span : 0.03;
    const earlier: HistoryPoint[] = [];
    let { revenue, employees } = first;
    const exportShare = first.exportShare;
    for (let year = first.year - 1; year >= Math.max(BACKFILL_START, f.founded ?? BACKFILL_START); year--) {
      const g = Math.max(-0.3, rng.normal(meanGrowth, 0.04));
      const ge = Math.max(-0.3, 0.55 * g + rng.normal(0, 0.02));
      revenue = Math.max(1, Math.round(revenue / Math.exp(g)));
      employees = Math.max(1, Math.round(employees / (1 + ge)));
      earlier.push({ year, revenue, employees, ...(exportShare !== undefined && { exportShare: round(exportShare, 3) }) });
    }
    f.history = [...earlier.reverse(), ...points];
  }
}
