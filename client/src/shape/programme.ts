/**
 * Programme outcomes as the official reads them: for every growth year, each cohort's revenue and
 * employment growth beside the comparison group (the home region's SMEs outside the programme), and the
 * supported firms pooled — the cohorts selected in or before that year.
 *
 * Pooling: a group's growth g = N/B − 1 over the firms reporting both years (N this year, B last year).
 * The API gives each group's level L this year and g, so B ≈ L / (1 + g), exact when every firm reporting
 * this year also reported last year (true of the programme's panel). Pooled g = Σ L / Σ L/(1+g) − 1.
 */
import { OKABE_ITO } from '../render/scales.ts';
import type { ProgrammeGroup, ProgrammeOutcomes } from '../types.ts';

export const COMPARISON = 'comparison';
export const SUPPORTED = 'supported';
export const COMPARISON_COLOUR = '#8C8C8C';
/** Cohorts in selection order: blue, orange, bluish green, reddish purple, sky blue, vermilion. */
const COHORT_COLOURS = [OKABE_ITO[3], OKABE_ITO[0], OKABE_ITO[2], OKABE_ITO[5], OKABE_ITO[1], OKABE_ITO[4]] as const;

export interface OutcomeCell {
  revenueGrowth: number | null;
  employmentGrowth: number | null;
  /** Firms reporting this year. */
  firms: number;
  /** The cohort had not been selected yet: growth of the firms before the programme. */
  beforeSelection: boolean;
}

export interface OutcomeRow {
  key: string;
  kind: 'cohort' | 'supported' | 'comparison';
  cohort: number | null;
  firms: number;
  colour: string;
  cells: Map<number, OutcomeCell>;
}

export interface Headline {
  year: number;
  cohorts: number[];
  supported: { revenueGrowth: number; employmentGrowth: number };
  comparison: { revenueGrowth: number; employmentGrowth: number };
}

export interface ProgrammeSummary {
  homeRegion: string;
  /** Years with a growth figure for some group, ascending. */
  years: number[];
  /** Cohorts by year, then the pooled supported firms, then the comparison group. */
  rows: OutcomeRow[];
  headline: Headline | null;
}

/** Σ L / Σ L/(1+g) − 1 over the parts that have a growth figure; null when none has. */
export function pooledGrowth(parts: readonly { level: number; growth: number | null }[]): number | null {
  let now = 0;
  let before = 0;
  for (const p of parts) {
    if (p.growth === null || !(p.growth > -1) || !(p.level > 0)) continue;
    now += p.level;
    before += p.level / (1 + p.growth);
  }
  return before > 0 ? now / before - 1 : null;
}

function cellsOf(g: ProgrammeGroup): Map<number, OutcomeCell> {
  return new Map(
    g.years.map((y) => [
      y.year,
      { revenueGrowth: y.revenueGrowth, employmentGrowth: y.employmentGrowth, firms: y.firms, beforeSelection: g.cohort !== null && y.year < g.cohort },
    ]),
  );
}

export function programmeSummary(data: ProgrammeOutcomes): ProgrammeSummary {
  const cohorts = data.groups.filter((g) => g.cohort !== null).sort((a, b) => a.cohort! - b.cohort!);
  const comparison = data.groups.find((g) => g.cohort === null);
  const years = [...new Set(data.groups.flatMap((g) => g.years.filter((y) => y.revenueGrowth !== null || y.employmentGrowth !== null).map((y) => y.year)))].sort(
    (a, b) => a - b,
  );

  const rows: OutcomeRow[] = cohorts.map((g, i) => ({
    key: g.group,
    kind: 'cohort',
    cohort: g.cohort,
    firms: g.firms,
    colour: COHORT_COLOURS[i % COHORT_COLOURS.length],
    cells: cellsOf(g),
  }));

  const pooled = new Map<number, OutcomeCell>();
  for (const year of years) {
    const parts = cohorts
      .filter((g) => g.cohort! <= year)
      .map((g) => g.years.find((y) => y.year === year))
      .filter((y) => y !== undefined);
    if (parts.length === 0) continue;
    pooled.set(year, {
      revenueGrowth: pooledGrowth(parts.map((y) => ({ level: y.revenue, growth: y.revenueGrowth }))),
      employmentGrowth: pooledGrowth(parts.map((y) => ({ level: y.employees, growth: y.employmentGrowth }))),
      firms: parts.reduce((s, y) => s + y.firms, 0),
      beforeSelection: false,
    });
  }
  if (pooled.size > 0) {
    const everSupported = cohorts.filter((g) => years.some((y) => g.cohort! <= y));
    rows.push({ key: SUPPORTED, kind: 'supported', cohort: null, firms: everSupported.reduce((s, g) => s + g.firms, 0), colour: '#1a1a1a', cells: pooled });
  }
  if (comparison) rows.push({ key: COMPARISON, kind: 'comparison', cohort: null, firms: comparison.firms, colour: COMPARISON_COLOUR, cells: cellsOf(comparison) });

  let headline: Headline | null = null;
  const compCells = comparison ? cellsOf(comparison) : new Map<number, OutcomeCell>();
  for (const year of [...years].reverse()) {
    const s = pooled.get(year);
    const c = compCells.get(year);
    if (s?.revenueGrowth == null || s.employmentGrowth == null || c?.revenueGrowth == null || c.employmentGrowth == null) continue;
    headline = {
      year,
      cohorts: cohorts.filter((g) => g.cohort! <= year).map((g) => g.cohort!),
      supported: { revenueGrowth: s.revenueGrowth, employmentGrowth: s.employmentGrowth },
      comparison: { revenueGrowth: c.revenueGrowth, employmentGrowth: c.employmentGrowth },
    };
    break;
  }
  return { homeRegion: data.homeRegion, years, rows, headline };
}

/** The summary as CSV rows: one per group and year, growth as fractions. */
export function programmeCsvRows(summary: ProgrammeSummary): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const r of summary.rows) {
    for (const year of summary.years) {
      const c = r.cells.get(year);
      if (!c) continue;
      rows.push([r.key, r.cohort, year, c.firms, c.revenueGrowth, c.employmentGrowth, c.beforeSelection ? 'yes' : 'no']);
    }
  }
  return rows;
}

export const PROGRAMME_CSV_HEADER = ['group', 'cohort', 'year', 'firms', 'revenueGrowth', 'employmentGrowth', 'beforeSelection'];
