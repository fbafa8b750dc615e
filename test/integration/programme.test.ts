/**
 * The programme evaluation through the HTTP API on a real Neo4j: a small panel imported, the matched DiD
 * and its spillover group worked by hand, bad parameters refused, the retired endpoint answering 410.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Firm, Supply } from '../../server/domain/firm.ts';
import { asEditor, startHarness, type Harness } from './harness.ts';

let h: Harness;
const YEARS = [2021, 2022, 2023, 2024, 2025];

function firm(id: string, sector: string, revenue: number[], employees: number[], extra: Partial<Firm> = {}): Firm {
  return {
    id,
    name: `Panel ${id}`,
    tier: extra.cohort ? 'anchor' : 'sme',
    sector,
    region: 'Busan',
    district: 'Saha-gu',
    revenue: revenue.at(-1)!,
    employees: employees.at(-1)!,
    history: YEARS.map((year, k) => ({ year, revenue: revenue[k], employees: employees[k] })),
    ...extra,
  };
}

// T1 (2024) is matched in division 25 to C1 (its twin before selection) and C2; C3 is far in size and C4 in
// growth. P1 supplies T1: a partner, so the spillover group and not a control. T2 (2025) has D1, D2 only.
const T1 = firm('t1', '25', [1000, 1000, 1100, 1300, 1500], [20, 20, 22, 24, 26], { cohort: 2024 });
const C1 = firm('c1', '25', [1000, 1000, 1100, 1150, 1200], [20, 20, 22, 22, 23]);
const C2 = firm('c2', '25', [1010, 1010, 1105, 1120, 1180], [21, 21, 23, 23, 24]);
const C3 = firm('c3', '25', [9000, 9000, 9000, 9000, 11_000], [80, 80, 80, 80, 90]);
const C4 = firm('c4', '25', [1300, 1300, 1000, 1000, 2000], [22, 26, 20, 20, 40]);
const P1 = firm('p1', '25', [1000, 1000, 1100, 1200, 1400], [20, 20, 22, 23, 25]);
const T2 = firm('t2', '29', [2000, 2100, 2200, 2300, 2800], [30, 30, 31, 32, 40], { cohort: 2025 });
const D1 = firm('d1', '29', [3000, 3000, 3100, 3200, 3300], [40, 40, 41, 42, 43]);
const D2 = firm('d2', '29', [2500, 2600, 2600, 2700, 2700], [35, 35, 36, 36, 36]);
// Outside the home region: in no group and no control, though it buys from T2.
const X = firm('x', '29', [900, 900, 900, 900, 900], [10, 10, 10, 10, 10], { region: 'Gyeongnam', district: undefined });
const firms = [T1, C1, C2, C3, C4, P1, T2, D1, D2, X];
const supplies: Supply[] = [
  { supplier: 'p1', buyer: 't1', value: 50, year: 2025 },
  { supplier: 't2', buyer: 'x', value: 40, year: 2025 },
];

const ln = Math.log;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const at = (f: Firm, year: number, key: 'revenue' | 'employees') => f.history!.find((p) => p.year === year)![key];
const g = (f: Firm, year: number, key: 'revenue' | 'employees' = 'revenue') => ln(at(f, year, key) / at(f, year - 1, key));
/** (g_T(2025) − mean g_C(2025)) − (g_T(b) − mean g_C(b)) */
const did = (t: Firm, cs: Firm[], base: number, key: 'revenue' | 'employees' = 'revenue') =>
  g(t, 2025, key) - mean(cs.map((c) => g(c, 2025, key))) - (g(t, base, key) - mean(cs.map((c) => g(c, base, key))));

beforeAll(async () => {
  h = await startHarness();
  const r = await h.call('POST', '/api/import?mode=replace', { firms, supplies }, asEditor);
  expect(r.status).toBe(201);
});
afterAll(async () => h?.close());

describe('GET /api/programme/evaluation', () => {
  it('estimates each cohort’s and the published pooling’s effect against matched firms, with the published figure beside it', async () => {
    const r = await h.call('GET', '/api/programme/evaluation');
    expect(r.status).toBe(200);
    const body = r.body;
    expect(body).toMatchObject({ homeRegion: 'Busan', outcomeYear: 2025, controlPool: 6, published: { cohorts: [2024, 2025], year: 2025, revenueGrowth: 0.156, employmentGrowth: 0.137 } });
    expect(body.method).toMatchObject({ outcome: 'log-growth', neighbours: 3, bootstrap: { resamples: 1000, seed: 2026, level: 0.95 } });
    const group = (key: string) => body.groups.find((x: { key: string }) => x.key === key);
    expect(body.groups.map((x: { key: string }) => x.key)).toEqual([
      'cohorts-2024-2025',
      'spillover-cohorts-2024-2025',
      'cohort-2024',
      'spillover-cohort-2024',
      'cohort-2025',
      'spillover-cohort-2025',
    ]);
    // Three neighbours asked for; T1's cell has four controls, T2's two.
    const d1 = did(T1, nearest3T1(), 2023);
    const d2 = did(T2, [D1, D2], 2024);
    const pooled = group('cohorts-2024-2025');
    expect(pooled).toMatchObject({ firms: 2, matched: 2, controlsPerFirm: 2.5 });
    expect(pooled.effect.revenue.unweighted.estimate).toBeCloseTo((d1 + d2) / 2, 10);
    expect(pooled.effect.revenue.weighted.estimate).toBeCloseTo((1100 * d1 + 2300 * d2) / 3400, 10);
    expect(pooled.effect.revenue.unweighted.low).toBeCloseTo(Math.min(d1, d2), 10);
    expect(pooled.effect.revenue.unweighted.high).toBeCloseTo(Math.max(d1, d2), 10);
    expect(pooled.effect.revenue.observedGrowth).toBeCloseTo((1500 + 2800) / (1300 + 2300) - 1, 10);
    expect(group('cohort-2025').effect.employment.unweighted.estimate).toBeCloseTo(did(T2, [D1, D2], 2024, 'employees'), 10);
    const pre = group('cohort-2024').eventStudy.find((p: { eventTime: number }) => p.eventTime === -2);
    expect(pre.revenue.unweighted.estimate).toBeCloseTo(g(T1, 2022) - mean(nearest3T1().map((c) => g(c, 2022))), 10);
  });

  it('reports the anchors’ partners as the spillover group, never as controls', async () => {
    const r = await h.call('GET', '/api/programme/evaluation?neighbours=2');
    const spill = r.body.groups.find((x: { key: string }) => x.key === 'spillover-cohort-2024');
    expect(spill).toMatchObject({ kind: 'spillover', firms: 1, matched: 1, controls: 2 });
    expect(spill.effect.revenue.unweighted.estimate).toBeCloseTo(did(P1, [C1, C2], 2023), 10);
    const t1 = r.body.groups.find((x: { key: string }) => x.key === 'cohort-2024');
    expect(t1.effect.revenue.unweighted.estimate).toBeCloseTo(did(T1, [C1, C2], 2023), 10);
  });

  it('refuses out-of-range parameters with a problem naming the field, and documents the operation', async () => {
    for (const [query, field] of [['neighbours=0', 'query.neighbours'], ['resamples=5', 'query.resamples'], ['level=1.5', 'query.level'], ['seed=-1', 'query.seed']]) {
      const r = await h.call('GET', `/api/programme/evaluation?${query}`);
      expect(r.status).toBe(400);
      expect(r.type).toContain('application/problem+json');
      expect(r.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    }
    const doc = await h.call('GET', '/api/openapi.json');
    const op = doc.body.paths['/api/programme/evaluation'].get;
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['200', '400']));
    expect(op.responses['200'].content['application/json'].schema.properties.groups).toBeDefined();
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(['neighbours', 'resamples', 'seed', 'level']);
  });

  it('retires /api/programme/outcomes with 410, pointing to the evaluation', async () => {
    const r = await h.call('GET', '/api/programme/outcomes');
    expect(r.status).toBe(410);
    expect(r.body.detail).toContain('/api/programme/evaluation');
  });
});

/** T1's three nearest in its cell (division 25, small) by the standardised distance: C1 (its twin), C2, then C4 or C3. */
function nearest3T1(): Firm[] {
  const controls = [C1, C2, C3, C4, D1, D2];
  const f = (c: Firm) => [ln(at(c, 2023, 'revenue')), ln(at(c, 2023, 'employees')), g(c, 2023), g(c, 2023, 'employees')];
  const sd = [0, 1, 2, 3].map((q) => {
    const xs = controls.map((c) => f(c)[q]);
    const m = mean(xs);
    return Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
  });
  const x = f(T1);
  const dist = (c: Firm) => f(c).reduce((s, v, q) => s + ((v - x[q]) / sd[q]) ** 2, 0);
  return [C1, C2, C3, C4].sort((a, b) => dist(a) - dist(b)).slice(0, 3);
}
