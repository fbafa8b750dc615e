/**
 * The matched difference-in-differences estimator against a panel worked by hand (which controls match, the
 * gaps, the DiD, the weighting, the bootstrap interval of two firms) and against a plain re-implementation of
 * the method on a random panel.
 */
import { describe, expect, it } from 'vitest';
import { evaluateProgramme, quantileSorted, type EvaluationGroup, type PanelFirm } from '../../../server/analytics/programmeEvaluation.ts';
import { mulberry32 } from '../../../server/analytics/seeded-random.ts';

const YEARS = [2021, 2022, 2023, 2024, 2025];

function firm(id: string, sector: string, revenue: number[], employees: number[], selection: number | null = null, partnerSelection: number | null = null): PanelFirm {
  return { id, sector, selection, partnerSelection, history: YEARS.map((year, k) => ({ year, revenue: revenue[k], employees: employees[k] })) };
}

// Division 25, small firms. T1 selected 2024 (base year 2023). C1 equals T1 in 2023 and 2022; C2 is close;
// C3 is far in size, C4 in growth; C5 is T1's twin in another division; P1 trades with a programme firm.
const T1 = firm('t1', '25', [1000, 1000, 1100, 1300, 1500], [20, 20, 22, 24, 26], 2024);
const C1 = firm('c1', '25110', [1000, 1000, 1100, 1150, 1200], [20, 20, 22, 22, 23]);
const C2 = firm('c2', '251', [1010, 1010, 1105, 1120, 1180], [21, 21, 23, 23, 24]);
const C3 = firm('c3', '25', [9000, 9000, 9000, 9000, 11_000], [80, 80, 80, 80, 90]);
const C4 = firm('c4', '25', [1300, 1300, 1000, 1000, 2000], [22, 26, 20, 20, 40]);
const C5 = firm('c5', '26', [1000, 1000, 1100, 1100, 5000], [20, 20, 22, 22, 90]);
const P1 = firm('p1', '25', [1000, 1000, 1100, 1200, 1400], [20, 20, 22, 23, 25], null, 2024);
// Division 29: T2 selected 2025 (base 2024) with exactly two controls; T3 in division 30 has none.
const T2 = firm('t2', '29', [2000, 2100, 2200, 2300, 2800], [30, 30, 31, 32, 40], 2025);
const D1 = firm('d1', '29', [3000, 3000, 3100, 3200, 3300], [40, 40, 41, 42, 43]);
const D2 = firm('d2', '29', [2500, 2600, 2600, 2700, 2700], [35, 35, 36, 36, 36]);
const T3 = firm('t3', '30', [5000, 5000, 5000, 5000, 6000], [30, 30, 30, 30, 36], 2025);
const PANEL = [T1, C1, C2, C3, C4, C5, P1, T2, D1, D2, T3];

const OPTIONS = { neighbours: 2, eventFrom: -3, eventTo: 1, outcomeYear: 2025, resamples: 1000, seed: 7, level: 0.95 };
const ln = Math.log;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

// Hand-worked: T1 matches C1 (distance 0) and C2; T2 matches D1 and D2; P1 (as T1) matches C1 and C2.
const gapT1 = (a: number, b: number) => ln(T1.history[b].revenue / T1.history[a].revenue) - mean([C1, C2].map((c) => ln(c.history[b].revenue / c.history[a].revenue)));
const didT1 = gapT1(3, 4) - gapT1(1, 2);
const gapT2 = (a: number, b: number) => ln(T2.history[b].revenue / T2.history[a].revenue) - mean([D1, D2].map((c) => ln(c.history[b].revenue / c.history[a].revenue)));
const didT2 = gapT2(3, 4) - gapT2(2, 3);
const empGap = (t: PanelFirm, cs: PanelFirm[], a: number, b: number) =>
  ln(t.history[b].employees / t.history[a].employees) - mean(cs.map((c) => ln(c.history[b].employees / c.history[a].employees)));

function evaluate(groups: EvaluationGroup[] = [{ key: 'early', kind: 'programme', cohorts: [2024, 2025] }], options = OPTIONS, panel = PANEL) {
  return evaluateProgramme(panel, groups, options);
}

describe('programme evaluation: matched difference in differences', () => {
  it('matches within KSIC division and size class on the nearest pre-selection firms, and differences out the pre-selection gap', () => {
    const [g] = evaluate([{ key: '2024', kind: 'programme', cohorts: [2024] }]).groups;
    expect(g).toMatchObject({ firms: 1, matched: 1, controls: 2, controlsPerFirm: 2, unmatched: { noHistory: 0, noComparison: 0 } });
    const e = g.effect!;
    expect(e.year).toBe(2025);
    expect(e.revenue.unweighted.estimate).toBeCloseTo(didT1, 12);
    expect(e.revenue.weighted.estimate).toBeCloseTo(didT1, 12);
    expect(e.revenue.preGap.unweighted).toBeCloseTo(gapT1(1, 2), 12);
    expect(e.revenue.treated.unweighted).toBeCloseTo(ln(1500 / 1300), 12);
    expect(e.revenue.comparison.unweighted).toBeCloseTo(mean([ln(1200 / 1150), ln(1180 / 1120)]), 12);
    expect(e.employment.unweighted.estimate).toBeCloseTo(empGap(T1, [C1, C2], 3, 4) - empGap(T1, [C1, C2], 1, 2), 12);
    expect(e.revenue.observedGrowth).toBeCloseTo(1500 / 1300 - 1, 12);
    // One firm: no interval.
    expect(e.revenue.unweighted.low).toBeNull();
  });

  it('traces the growth gap by years since selection, leaving out years without data', () => {
    const [g] = evaluate([{ key: '2024', kind: 'programme', cohorts: [2024] }]).groups;
    const at = (e: number) => g.eventStudy.find((p) => p.eventTime === e)!;
    expect(g.eventStudy.map((p) => p.eventTime)).toEqual([-3, -2, -1, 0, 1]);
    expect(at(-3)).toMatchObject({ firms: 0, revenue: { unweighted: { estimate: null } } }); // 2021 growth needs 2020
    expect(at(-2).revenue.unweighted.estimate).toBeCloseTo(gapT1(0, 1), 12);
    expect(at(-1).revenue.unweighted.estimate).toBeCloseTo(gapT1(1, 2), 12);
    expect(at(0).revenue.unweighted.estimate).toBeCloseTo(gapT1(2, 3), 12);
    expect(at(1).revenue.unweighted.estimate).toBeCloseTo(gapT1(3, 4), 12);
    expect(at(1).employment.treated.unweighted).toBeCloseTo(ln(26 / 24), 12);
  });

  it('pools cohorts at the outcome year: unweighted, and weighted by revenue in the year before selection', () => {
    const [g] = evaluate().groups;
    expect(g).toMatchObject({ firms: 3, matched: 2, controls: 4, unmatched: { noHistory: 0, noComparison: 1 } });
    expect(g.effect!.firms).toBe(2);
    expect(g.effect!.revenue.unweighted.estimate).toBeCloseTo((didT1 + didT2) / 2, 12);
    expect(g.effect!.revenue.weighted.estimate).toBeCloseTo((1100 * didT1 + 2300 * didT2) / (1100 + 2300), 12);
    expect(g.effect!.revenue.observedGrowth).toBeCloseTo((1500 + 2800) / (1300 + 2300) - 1, 12);
  });

  it('gives two firms a 95% bootstrap interval from the smaller to the larger firm’s effect', () => {
    // Resampling two firms gives means of {a,a}, {a,b}, {b,b}, each extreme a quarter of the draws: the
    // 2.5% and 97.5% percentiles fall on them, weighted or not.
    const [g] = evaluate().groups;
    const [lo, hi] = [Math.min(didT1, didT2), Math.max(didT1, didT2)];
    for (const w of ['unweighted', 'weighted'] as const) {
      expect(g.effect!.revenue[w].low).toBeCloseTo(lo, 12);
      expect(g.effect!.revenue[w].high).toBeCloseTo(hi, 12);
    }
  });

  it('keeps the anchors’ partners out of the controls and evaluates them as the spillover group', () => {
    const ev = evaluate([{ key: 'spill', kind: 'spillover', cohorts: [2024] }]);
    expect(ev.controlPool).toBe(7); // c1–c5, d1, d2
    const [g] = ev.groups;
    expect(g).toMatchObject({ kind: 'spillover', firms: 1, matched: 1 });
    const did = empGap(P1, [C1, C2], 3, 4) - empGap(P1, [C1, C2], 1, 2);
    expect(g.effect!.employment.unweighted.estimate).toBeCloseTo(did, 12);
    // P1 is T1's near twin with faster 2025 growth: were it a control, T1's effect would be smaller.
    const withPartner = evaluate([{ key: '2024', kind: 'programme', cohorts: [2024] }], OPTIONS, PANEL.map((f) => (f === P1 ? { ...P1, partnerSelection: null } : f)));
    expect(withPartner.groups[0].effect!.revenue.unweighted.estimate).not.toBeCloseTo(didT1, 6);
  });

  it('reports a cohort with no year after selection without an effect, and a firm lacking pre-selection years as unmatched', () => {
    const late = firm('t4', '25', [1000, 1000, 1100, 1200, 1300], [20, 20, 22, 23, 24], 2026);
    const young: PanelFirm = { id: 't5', sector: '25', selection: 2024, partnerSelection: null, history: [{ year: 2024, revenue: 1000, employees: 20 }, { year: 2025, revenue: 1100, employees: 22 }] };
    const [g2026, g2024] = evaluate(
      [
        { key: '2026', kind: 'programme', cohorts: [2026] },
        { key: '2024', kind: 'programme', cohorts: [2024] },
      ],
      OPTIONS,
      [...PANEL, late, young],
    ).groups;
    expect(g2026.effect).toBeNull();
    expect(g2026.eventStudy.find((p) => p.eventTime === -1)!.firms).toBe(1);
    expect(g2024.unmatched).toEqual({ noHistory: 1, noComparison: 0 });
  });

  it('is reproducible in its seed and refuses a window without the base year', () => {
    expect(evaluate()).toEqual(evaluate());
    expect(() => evaluate(undefined, { ...OPTIONS, eventFrom: 0 })).toThrow(/evaluateProgramme: the event window/);
    expect(() => evaluate(undefined, { ...OPTIONS, neighbours: 0 })).toThrow(/evaluateProgramme: neighbours/);
  });

  it('takes type-7 quantiles', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4, 5], 0.025)).toBeCloseTo(1.1, 12);
    expect(quantileSorted([7], 0.975)).toBe(7);
  });
});

/** The method written out plainly: brute-force matching, per-firm DiD, bootstrap with the same random stream. */
function reference(panel: PanelFirm[], cohorts: number[], k: number, outcomeYear: number, resamples: number, seed: number) {
  const level = (f: PanelFirm, y: number) => f.history.find((h) => h.year === y);
  const g = (f: PanelFirm, y: number, key: 'revenue' | 'employees') => {
    const a = level(f, y);
    const b = level(f, y - 1);
    return a && b ? ln(a[key]) - ln(b[key]) : Number.NaN;
  };
  const size = (r: number, e: number) => (r > 150_000 ? 'large' : e < 10 ? 'micro' : r <= 12_000 ? 'small' : 'medium');
  const feats = (f: PanelFirm, b: number) => [ln(level(f, b)!.revenue), ln(level(f, b)!.employees), g(f, b, 'revenue'), g(f, b, 'employees')];
  const controls = panel.filter((f) => f.selection === null && f.partnerSelection === null);
  const treated = panel.filter((f) => f.selection !== null && cohorts.includes(f.selection));
  const dids: number[] = [];
  const weights: number[] = [];
  for (const t of treated) {
    const b = t.selection! - 1;
    const eligible = controls.filter((c) => !Number.isNaN(g(c, b, 'revenue')) && !Number.isNaN(g(c, b, 'employees')));
    const sd = [0, 1, 2, 3].map((q) => {
      const xs = eligible.map((c) => feats(c, b)[q]);
      const m = mean(xs);
      return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)) || 1;
    });
    const cell = (f: PanelFirm) => `${f.sector.slice(0, 2)}${size(level(f, b)!.revenue, level(f, b)!.employees)}`;
    const x = feats(t, b);
    const nearestK = eligible
      .filter((c) => cell(c) === cell(t))
      .map((c) => ({ c, d: feats(c, b).reduce((s, v, q) => s + ((v - x[q]) / sd[q]) ** 2, 0) }))
      .sort((p, q) => p.d - q.d || p.c.id.localeCompare(q.c.id))
      .slice(0, k)
      .map((m) => m.c);
    if (nearestK.length === 0) continue;
    const gap = (y: number) => g(t, y, 'revenue') - mean(nearestK.map((c) => g(c, y, 'revenue')));
    dids.push(gap(outcomeYear) - gap(b));
    weights.push(level(t, b)!.revenue);
  }
  const random = mulberry32(seed);
  const reps: number[] = [];
  for (let r = 0; r < resamples; r++) {
    const draw = dids.map(() => Math.floor(random() * dids.length));
    reps.push(mean(draw.map((i) => dids[i])));
  }
  reps.sort((a, b) => a - b);
  const q = (p: number) => {
    const h = (reps.length - 1) * p;
    return reps[Math.floor(h)] + (h - Math.floor(h)) * (reps[Math.ceil(h)] - reps[Math.floor(h)]);
  };
  const weighted = dids.reduce((s, d, i) => s + d * weights[i], 0) / weights.reduce((s, w) => s + w, 0);
  return { n: dids.length, estimate: mean(dids), weighted, low: q(0.025), high: q(0.975) };
}

describe('programme evaluation against a plain re-implementation', () => {
  it('agrees on a random panel of 400 firms in four divisions', () => {
    const random = mulberry32(11);
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const panel: PanelFirm[] = [];
    for (let i = 0; i < 400; i++) {
      const selection = i < 30 ? [2023, 2024, 2025][i % 3] : null;
      const partnerSelection = selection === null && i < 60 ? 2024 : null;
      let revenue = Math.exp(7 + normal());
      let employees = Math.max(10, Math.round(revenue / (300 * Math.exp(0.2 * normal()))));
      const history = [];
      for (const year of [2019, 2020, 2021, 2022, 2023, 2024, 2025]) {
        if (year > 2019) {
          const boost = selection !== null && year >= selection ? 0.1 : 0;
          revenue *= Math.exp(0.03 + boost + 0.05 * normal());
          employees = Math.max(10, Math.round(employees * Math.exp(0.02 + boost / 2 + 0.04 * normal())));
        }
        history.push({ year, revenue: Math.round(revenue), employees });
      }
      panel.push({ id: `f${String(i).padStart(3, '0')}`, sector: ['25', '28', '29', '30'][i % 4], selection, partnerSelection, history });
    }
    const ev = evaluateProgramme(panel, [{ key: 'all', kind: 'programme', cohorts: [2023, 2024, 2025] }], { neighbours: 3, eventFrom: -3, eventTo: 1, outcomeYear: 2025, resamples: 500, seed: 99, level: 0.95 });
    const ref = reference(panel, [2023, 2024, 2025], 3, 2025, 500, 99);
    const e = ev.groups[0].effect!;
    expect(e.firms).toBe(ref.n);
    expect(e.revenue.unweighted.estimate).toBeCloseTo(ref.estimate, 10);
    expect(e.revenue.weighted.estimate).toBeCloseTo(ref.weighted, 10);
    expect(e.revenue.unweighted.low).toBeCloseTo(ref.low, 10);
    expect(e.revenue.unweighted.high).toBeCloseTo(ref.high, 10);
  });
});
