/**
 * The anchor-company programme: who is in it since when, the figure it has published, and the shape of its
 * impact evaluation (GET /api/programme/evaluation). The client imports the types (type-only).
 */
import { z } from 'zod';

/**
 * The year a firm entered the programme (its selection year), or null for a firm never selected.
 * Membership is read here and nowhere else, so that it can move from the `cohort` field to the tier history.
 */
export function selectionYear(firm: { cohort?: number | null }): number | null {
  return firm.cohort ?? null;
}

/**
 * As the programme published it: the first and second cohorts' aggregate growth in 2025 on 2024
 * (Σ 2025 / Σ 2024 − 1 over those firms; a raw growth figure, with no comparison group).
 */
export const PUBLISHED_GROWTH = { cohorts: [2024, 2025], year: 2025, revenueGrowth: 0.156, employmentGrowth: 0.137 } as const;

const nullableNumber = z.number().nullable();
const Pair = z.object({ unweighted: nullableNumber, weighted: nullableNumber });
const Estimate = z.object({
  estimate: nullableNumber.describe('log points (0.05 ≈ 5 percentage points of growth)'),
  low: nullableNumber.describe('bootstrap percentile interval, lower end'),
  high: nullableNumber.describe('bootstrap percentile interval, upper end'),
});
const EventMeasure = z.object({
  unweighted: Estimate,
  weighted: Estimate.describe('weighted by each treated firm’s revenue in the year before selection'),
  treated: Pair.describe('mean log growth of the treated firms'),
  comparison: Pair.describe('mean log growth of their matched comparison firms'),
});
const EffectMeasure = EventMeasure.extend({
  preGap: Pair.describe('the growth gap in the last year before selection, subtracted'),
  observedGrowth: nullableNumber.describe('Σ y_t / Σ y_{t−1} − 1 over the matched treated firms, as published figures are computed'),
});

export const EventPoint = z.object({
  eventTime: z.int().describe('years since selection (0 = the selection year)'),
  firms: z.int(),
  revenue: EventMeasure,
  employment: EventMeasure,
});

export const Effect = z.object({
  year: z.int(),
  firms: z.int(),
  revenue: EffectMeasure,
  employment: EffectMeasure,
});

export const GroupEvaluation = z.object({
  key: z.string(),
  kind: z.enum(['programme', 'spillover']),
  cohorts: z.array(z.int()),
  firms: z.int(),
  matched: z.int(),
  unmatched: z.object({ noHistory: z.int(), noComparison: z.int() }),
  controls: z.int(),
  controlsPerFirm: nullableNumber,
  effect: Effect.nullable().describe('null when no firm of the group was selected by the outcome year'),
  eventStudy: z.array(EventPoint),
});

export const EvaluationMethod = z.object({
  outcome: z.literal('log-growth'),
  exact: z.array(z.enum(['ksicDivision', 'sizeClass'])),
  distance: z.literal('standardised-euclidean'),
  features: z.array(z.string()),
  neighbours: z.int(),
  replacement: z.boolean(),
  baseYear: z.literal('selection-1'),
  weights: z.literal('base-year-revenue'),
  eventWindow: z.object({ from: z.int(), to: z.int() }),
  controls: z.string(),
  bootstrap: z.object({ resamples: z.int(), seed: z.int(), level: z.number(), unit: z.literal('treated-firm-with-its-matches'), quantile: z.literal('type-7') }),
});

export const ProgrammeEvaluation = z.object({
  homeRegion: z.string(),
  outcomeYear: z.int().nullable().describe('the latest year in the histories; the effect is on that year’s growth'),
  method: EvaluationMethod,
  published: z.object({ cohorts: z.array(z.int()), year: z.int(), revenueGrowth: z.number(), employmentGrowth: z.number() }),
  controlPool: z.int(),
  groups: z.array(GroupEvaluation),
});

export type EventPoint = z.infer<typeof EventPoint>;
export type Effect = z.infer<typeof Effect>;
export type GroupEvaluation = z.infer<typeof GroupEvaluation>;
export type EvaluationMethod = z.infer<typeof EvaluationMethod>;
export type ProgrammeEvaluation = z.infer<typeof ProgrammeEvaluation>;
export type EventMeasure = z.infer<typeof EventMeasure>;
export type EffectMeasure = z.infer<typeof EffectMeasure>;
