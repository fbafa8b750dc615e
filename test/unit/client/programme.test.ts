import { describe, expect, it } from 'vitest';
import { asGrowth, EVALUATION_CSV_HEADER, evaluationCsvRows, eventStudyPoints, headlineOf, largestPreTrend } from '../../../client/src/shape/programme.ts';
import type { EventPoint, GroupEvaluation, ProgrammeEvaluation } from '../../../client/src/types.ts';

const none = { unweighted: null, weighted: null };
const est = (estimate: number | null, low: number | null = null, high: number | null = null) => ({ estimate, low, high });

function point(eventTime: number, gap: number | null, weightedGap: number | null = gap): EventPoint {
  const m = { unweighted: est(gap, gap === null ? null : gap - 0.01, gap === null ? null : gap + 0.01), weighted: est(weightedGap), treated: none, comparison: none };
  return { eventTime, firms: gap === null ? 0 : 3, revenue: m, employment: m };
}

function group(key: string, kind: 'programme' | 'spillover', cohorts: number[], eventStudy: EventPoint[], withEffect = true): GroupEvaluation {
  const m = { unweighted: est(0.1, 0.05, 0.15), weighted: est(0.12, 0.06, 0.18), treated: { unweighted: 0.15, weighted: 0.16 }, comparison: { unweighted: 0.02, weighted: 0.03 }, preGap: { unweighted: 0.01, weighted: 0.01 }, observedGrowth: 0.17 };
  return { key, kind, cohorts, firms: 3, matched: 3, unmatched: { noHistory: 0, noComparison: 0 }, controls: 8, controlsPerFirm: 3, effect: withEffect ? { year: 2025, firms: 3, revenue: m, employment: m } : null, eventStudy };
}

const events = [point(-3, -0.04), point(-2, 0.02), point(-1, 0.001), point(0, 0.1), point(1, null)];
const data: ProgrammeEvaluation = {
  homeRegion: 'Busan',
  outcomeYear: 2025,
  method: {
    outcome: 'log-growth', exact: ['ksicDivision', 'sizeClass'], distance: 'standardised-euclidean', features: [], neighbours: 3, replacement: true,
    baseYear: 'selection-1', weights: 'base-year-revenue', eventWindow: { from: -3, to: 1 }, controls: '',
    bootstrap: { resamples: 1000, seed: 2026, level: 0.95, unit: 'treated-firm-with-its-matches', quantile: 'type-7' },
  },
  published: { cohorts: [2024, 2025], year: 2025, revenueGrowth: 0.156, employmentGrowth: 0.137 },
  controlPool: 100,
  groups: [
    group('cohorts-2024-2025', 'programme', [2024, 2025], events),
    group('spillover-cohorts-2024-2025', 'spillover', [2024, 2025], events),
    group('cohort-2026', 'programme', [2026], [point(-1, 0)], false),
  ],
};

describe('programme evaluation for the view', () => {
  it('finds the published pooling and its partners, with the published figures', () => {
    const hl = headlineOf(data)!;
    expect(hl.programme.key).toBe('cohorts-2024-2025');
    expect(hl.spillover!.key).toBe('spillover-cohorts-2024-2025');
    expect(hl.published).toEqual({ revenue: 0.156, employment: 0.137 });
    expect(headlineOf({ ...data, groups: data.groups.slice(2) })).toBeNull();
  });

  it('draws the event study from the points with an estimate, in the chosen weighting', () => {
    expect(eventStudyPoints(data.groups[0], 'revenue', 'unweighted').map((p) => [p.x, p.y])).toEqual([[-3, -0.04], [-2, 0.02], [-1, 0.001], [0, 0.1]]);
    expect(eventStudyPoints(data.groups[0], 'revenue', 'unweighted')[0]).toMatchObject({ low: -0.05, high: -0.03 });
    expect(eventStudyPoints(data.groups[0], 'revenue', 'weighted')[0]).toMatchObject({ low: null, high: null });
  });

  it('names the largest gap before the matched year as the pre-trend', () => {
    expect(largestPreTrend(data.groups[0], 'revenue', 'unweighted')).toMatchObject({ x: -3, y: -0.04 });
    expect(largestPreTrend(data.groups[2], 'revenue', 'unweighted')).toBeNull();
  });

  it('turns mean log growth into a growth rate', () => {
    expect(asGrowth(Math.log(1.156))).toBeCloseTo(0.156, 12);
    expect(asGrowth(null)).toBeNull();
  });

  it('exports every effect and event-study estimate as CSV rows', () => {
    const rows = evaluationCsvRows(data);
    expect(rows.every((r) => r.length === EVALUATION_CSV_HEADER.length)).toBe(true);
    // Two groups with an effect and five event times, one without an effect and one event time; 2 measures × 2 weightings.
    expect(rows.length).toBe(4 * (2 * (1 + 5) + 1));
    expect(rows[0]).toEqual(['cohorts-2024-2025', 'programme', '2024 2025', 'effect 2025', null, 'revenue', 'weighted', 3, 0.12, 0.06, 0.18, 'log points']);
  });
});
