/**
 * The programme evaluation (GET /api/programme/evaluation) as the official reads it: the published pooling
 * of cohorts with its estimated effect beside the published figure, its partners (the spillover group), the
 * event study of each, and every group's estimates for the table and the CSV.
 *
 * Units: effects and growth gaps are differences of log growth, shown as percentage points (log points; close
 * to percentage points for the sizes seen here); a group's mean log growth g is shown as the growth e^g − 1.
 */
import { OKABE_ITO } from '../render/scales.ts';
import type { EventPoint, GroupEvaluation, ProgrammeEvaluation } from '../types.ts';

export const PROGRAMME_COLOUR = OKABE_ITO[3];
export const SPILLOVER_COLOUR = OKABE_ITO[0];
export const COMPARISON_COLOUR = '#8C8C8C';
export const PUBLISHED_COLOUR = '#5c6370';

export const MEASURES = ['revenue', 'employment'] as const;
export type Measure = (typeof MEASURES)[number];
export type Weighting = 'weighted' | 'unweighted';

export interface Headline {
  year: number;
  cohorts: number[];
  published: { revenue: number; employment: number };
  programme: GroupEvaluation;
  spillover: GroupEvaluation | null;
}

/** The group pooled as the programme published its figure, and its partners; null when absent from the data. */
export function headlineOf(data: ProgrammeEvaluation): Headline | null {
  const key = `cohorts-${data.published.cohorts.join('-')}`;
  const programme = data.groups.find((g) => g.key === key);
  if (!programme) return null;
  return {
    year: data.published.year,
    cohorts: programme.cohorts,
    published: { revenue: data.published.revenueGrowth, employment: data.published.employmentGrowth },
    programme,
    spillover: data.groups.find((g) => g.key === `spillover-${key}`) ?? null,
  };
}

/** Mean log growth as a growth rate. */
export function asGrowth(logGrowth: number | null): number | null {
  return logGrowth === null ? null : Math.expm1(logGrowth);
}

export interface EventStudyPoint {
  x: number;
  y: number;
  low: number | null;
  high: number | null;
}

/** The event study of a group for one measure and weighting: event times with an estimate. */
export function eventStudyPoints(group: GroupEvaluation, measure: Measure, weighting: Weighting): EventStudyPoint[] {
  return group.eventStudy.flatMap((p: EventPoint) => {
    const e = p[measure][weighting];
    return e.estimate === null ? [] : [{ x: p.eventTime, y: e.estimate, low: e.low, high: e.high }];
  });
}

/** The largest pre-selection gap (event time < −1; −1 is matched on) in absolute value, or null. */
export function largestPreTrend(group: GroupEvaluation, measure: Measure, weighting: Weighting): EventStudyPoint | null {
  const pre = eventStudyPoints(group, measure, weighting).filter((p) => p.x < -1);
  return pre.reduce<EventStudyPoint | null>((worst, p) => (worst === null || Math.abs(p.y) > Math.abs(worst.y) ? p : worst), null);
}

export const EVALUATION_CSV_HEADER = ['group', 'kind', 'cohorts', 'statistic', 'eventTime', 'measure', 'weighting', 'firms', 'estimate', 'low', 'high', 'unit'];

/** Every estimate as a CSV row: each group's effect, then its event study; log points as fractions. */
export function evaluationCsvRows(data: ProgrammeEvaluation): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [];
  for (const g of data.groups) {
    const cohorts = g.cohorts.join(' ');
    for (const measure of MEASURES) {
      for (const weighting of ['weighted', 'unweighted'] as const) {
        if (g.effect) {
          const e = g.effect[measure][weighting];
          rows.push([g.key, g.kind, cohorts, `effect ${g.effect.year}`, null, measure, weighting, g.effect.firms, e.estimate, e.low, e.high, 'log points']);
        }
        for (const p of g.eventStudy) {
          const e = p[measure][weighting];
          rows.push([g.key, g.kind, cohorts, 'growth gap', p.eventTime, measure, weighting, p.firms, e.estimate, e.low, e.high, 'log points']);
        }
      }
    }
  }
  return rows;
}
