import { describe, expect, it } from 'vitest';
import { axPlan } from '../../../server/analytics/axPlanning.ts';
import { AnalyticsInputError, UnknownFirmError } from '../../../server/analytics/errors.ts';
import { tinySnapshot } from './io-fixtures.ts';

// Upstream of A: S1→A 100, S2→A 50; S3→S1 40, S4→S1 30, S4→S2 20.  Downstream: A→B1 80, A→B2 20, B1→B3 60.
// S2→B1 10 joins the two sides without stepping towards A on either: it is no chain link.
const snapshot = tinySnapshot(
  ['A', 'S1', 'S2', 'S3', 'S4', 'B1', 'B2', 'B3', 'X'].map((id) => ({ id, revenue: 10_000 })),
  [
    ['S1', 'A', 100],
    ['S2', 'A', 50],
    ['S3', 'S1', 40],
    ['S4', 'S1', 30],
    ['S4', 'S2', 20],
    ['A', 'B1', 80],
    ['A', 'B2', 20],
    ['B1', 'B3', 60],
    ['S2', 'B1', 10],
    ['X', 'S3', 5],
  ],
);
const levels: Record<string, number | null> = { A: 4, S1: 2, S2: 4, S3: 1, S4: null, B1: 1, B2: 3, B3: 0, X: 0 };
const level = (i: number) => levels[snapshot.ids[i]];

describe('axPlan (hand-worked chain of A)', () => {
  // Carried: S1 100, S2 50, S3 40, S4 30+20 = 50, B1 80, B2 20, B3 60; chain 400 (depth 2 leaves X out).
  const plan = axPlan(snapshot, 'A', level, { depth: 2, target: 3, groupSize: 3 });

  it('carried value and shares of the chain per partner', () => {
    expect(plan.chainValue).toBe(400);
    const carried = Object.fromEntries(plan.partners.map((p) => [p.id, p.carried]));
    expect(carried).toEqual({ S1: 100, B1: 80, B3: 60, S2: 50, S4: 50, S3: 40, B2: 20 });
    expect(plan.partners.map((p) => p.id)).toEqual(['S1', 'B1', 'B3', 'S2', 'S4', 'S3', 'B2']);
    expect(plan.partners.find((p) => p.id === 'S2')).toMatchObject({ upstreamHop: 1, downstreamHop: null, share: 0.125, lagging: false });
  });

  it('tiers: firms, known levels, mean, distribution and laggards per side and hop', () => {
    expect(plan.tiers).toEqual([
      { side: 'upstream', hop: 1, firms: 2, known: 2, meanLevel: 3, distribution: [0, 0, 1, 0, 1, 0], lagging: 1, carried: 150 },
      { side: 'upstream', hop: 2, firms: 2, known: 1, meanLevel: 1, distribution: [0, 1, 0, 0, 0, 0], lagging: 1, carried: 90 },
      { side: 'downstream', hop: 1, firms: 2, known: 2, meanLevel: 2, distribution: [0, 1, 0, 1, 0, 0], lagging: 1, carried: 100 },
      { side: 'downstream', hop: 2, firms: 1, known: 1, meanLevel: 0, distribution: [1, 0, 0, 0, 0, 0], lagging: 1, carried: 60 },
    ]);
  });

  it('lagging partners (known level below the target), the group by carried value and its cumulative cover', () => {
    expect(plan.laggingCount).toBe(4);
    expect(plan.unknownCount).toBe(1);
    expect(plan.laggingCover).toBeCloseTo(280 / 400, 12);
    expect(plan.group.map((g) => [g.rank, g.id, g.cumulativeCover])).toEqual([
      [1, 'S1', 0.25],
      [2, 'B1', 0.45],
      [3, 'B3', 0.6],
    ]);
    expect(plan.groupCover).toBe(0.6);
    expect(plan.anchor).toMatchObject({ id: 'A', axLevel: 4 });
  });

  it('a deeper walk reaches X; a lower target makes fewer laggards', () => {
    const deeper = axPlan(snapshot, 'A', level, { depth: 3 });
    expect(deeper.chainValue).toBe(405);
    expect(deeper.partners.find((p) => p.id === 'X')).toMatchObject({ upstreamHop: 3, carried: 5, lagging: true });
    const lenient = axPlan(snapshot, 'A', level, { target: 1 });
    expect(lenient.group.map((g) => g.id)).toEqual(['B3']);
  });

  it('refuses unknown anchors and bad options', () => {
    expect(() => axPlan(snapshot, 'nope', level)).toThrow(UnknownFirmError);
    expect(() => axPlan(snapshot, 'A', level, { depth: 0 })).toThrow(AnalyticsInputError);
    expect(() => axPlan(snapshot, 'A', level, { target: 6 })).toThrow(AnalyticsInputError);
    expect(() => axPlan(snapshot, 'A', level, { groupSize: 0 })).toThrow(AnalyticsInputError);
  });
});
