/** Candidate scores as stacked segments: each criterion's contribution, in a fixed colour per criterion. */
import { OKABE_ITO } from '../render/scales.ts';
import { CRITERIA, type Candidate, type Criterion } from '../types.ts';

export const CRITERION_COLOURS: Readonly<Record<Criterion, string>> = {
  technology: OKABE_ITO[3],
  globalScalability: OKABE_ITO[1],
  cooperativeNetwork: OKABE_ITO[2],
  jobCreation: OKABE_ITO[0],
  growth: OKABE_ITO[5],
};

export interface ScoreSegment {
  key: Criterion;
  contribution: number;
  percentile: number;
  weight: number;
  colour: string;
}

export function scoreSegments(c: Candidate): ScoreSegment[] {
  return CRITERIA.map((key) => {
    const b = (c.breakdown ?? c.criteria)?.[key];
    return { key, contribution: b?.contribution ?? 0, percentile: b?.percentile ?? 0, weight: b?.weight ?? 0, colour: CRITERION_COLOURS[key] };
  });
}

/** The scale for all bars of a table: the largest total contribution (at least the largest score). */
export function segmentScale(items: Candidate[]): number {
  let top = 0;
  for (const c of items) top = Math.max(top, c.score, scoreSegments(c).reduce((s, x) => s + Math.max(0, x.contribution), 0));
  return top > 0 ? top : 1;
}

/** The ids in rank order, to tell whether a re-weighting changed the order. */
export function rankOrder(items: Candidate[]): string[] {
  return [...items].sort((a, b) => a.rank - b.rank).map((c) => c.id);
}
