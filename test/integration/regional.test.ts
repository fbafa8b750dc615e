/**
 * The regional model through the public API on a real Neo4j: a small network of five Busan firms and three
 * outside firms (Gyeongnam, Ulsan, an overseas buyer). Every figure is checked against a dense solve
 * written here from the imported data and the definitions of DESIGN §4 (not from the code's snapshot or
 * its Sherman–Morrison update): the home block of A, and the household-augmented system for Type II.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identity, inverse, solve, subtract, type Matrix } from '../unit/analytics/dense.ts';
import { asEditor, startHarness, type Harness } from './harness.ts';

const home = (id: string, sector: string, revenue: number, employees: number, valueAddedRatio: number, wageShare: number) => ({
  id, name: id, tier: 'sme', sector, region: 'Busan', district: 'Gangseo-gu', revenue, employees, valueAddedRatio, wageShare,
});
const outside = (id: string, region: string, sector: string, revenue: number, employees: number) => ({
  id, name: id, tier: 'external', sector, region, revenue, employees, valueAddedRatio: 0.2,
});
const firms = [
  { ...home('H1', '30', 50_000, 200, 0.25, 0.12), tier: 'anchor' },
  home('H2', '25', 8_000, 60, 0.3, 0.16),
  home('H3', '29', 6_000, 45, 0.28, 0.15),
  home('H4', '22', 4_000, 30, 0.26, 0.13),
  home('H5', '24', 10_000, 40, 0.17, 0.08),
  outside('O1', 'Gyeongnam', '24', 30_000, 100),
  outside('O2', 'Overseas', '31', 200_000, 800),
  outside('O3', 'Ulsan', '20', 40_000, 90),
];
const supplies = (
  [
    ['H2', 'H1', 6_000], ['H3', 'H1', 4_000], ['H5', 'H1', 3_000], ['O1', 'H1', 5_000], ['O3', 'H1', 1_500],
    ['H4', 'H2', 800], ['H5', 'H2', 900], ['O1', 'H2', 1_200],
    ['H2', 'H3', 500], ['O3', 'H3', 700], ['H4', 'H3', 400],
    ['O3', 'H4', 600], ['H5', 'H4', 300],
    ['O1', 'H5', 2_500], ['H1', 'H5', 200],
    ['H1', 'O2', 9_000], ['H2', 'O2', 700], ['H3', 'O1', 300],
  ] as const
).map(([supplier, buyer, value]) => ({ supplier, buyer, value, year: 2025 }));

// The model written out from the data: a_ij = z_ij / x_j, home firms endogenous in the region scope.
const n = firms.length;
const idx = new Map(firms.map((f, i) => [f.id, i]));
const A: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
const sales = new Array<number>(n).fill(0);
for (const s of supplies) {
  A[idx.get(s.supplier)!][idx.get(s.buyer)!] += s.value / firms[idx.get(s.buyer)!].revenue;
  sales[idx.get(s.supplier)!] += s.value;
}
const wageShare = new Map<string, number>(firms.flatMap((f) => ('wageShare' in f ? [[f.id, f.wageShare as number] as const] : [])));
const HOME = firms.flatMap((f, i) => (f.region === 'Busan' ? [i] : []));
const ALL = firms.map((_, i) => i);

interface Expected {
  output: number;
  valueAdded: number;
  employment: number;
  householdIncome: number;
  leakage: number;
}

/** Dense Type I and Type II of a scenario in a scope (E endogenous; households of the home region). */
function exact(E: number[], shock: Map<string, number>, spendingShare: number): { typeI: Expected; typeII: Expected; exportDemand: number } {
  const df = firms.map((f) => shock.get(f.id) ?? 0);
  const inE = new Set(E);
  const outsideE = ALL.filter((i) => !inE.has(i));
  const exportDemand = E.map((i) => outsideE.reduce((t, k) => t + A[i][k] * df[k], 0));
  const d = E.map((i, p) => df[i] + exportDemand[p]);
  const k = E.length;
  const I_A = subtract(identity(k), E.map((i) => E.map((j) => A[i][j])));
  const h = E.map((j) => wageShare.get(firms[j].id) ?? 0);
  const finalDemand = HOME.reduce((t, i) => t + firms[i].revenue - sales[i], 0);
  const c = E.map((i) => (firms[i].region === 'Busan' ? (spendingShare * (firms[i].revenue - sales[i])) / finalDemand : 0));
  const xI = solve(I_A, d);
  const xy = solve([...I_A.map((row, r) => [...row, -c[r]]), [...h.map((v) => -v), 1]], [...d, 0]);
  const measure = (x: number[]): Expected => ({
    output: x.reduce((t, v) => t + v, 0),
    valueAdded: x.reduce((t, v, p) => t + v * firms[E[p]].valueAddedRatio, 0),
    employment: x.reduce((t, v, p) => t + (v * firms[E[p]].employees) / firms[E[p]].revenue, 0),
    householdIncome: x.reduce((t, v, p) => t + v * h[p], 0),
    leakage: outsideE.reduce((t, i) => t + E.reduce((u, j, p) => u + A[i][j] * x[p], 0), 0),
  });
  return { typeI: measure(xI), typeII: measure(xy.slice(0, k)), exportDemand: exportDemand.reduce((t, v) => t + v, 0) };
}

function close(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-6 * Math.abs(expected) + 1e-9);
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  const r = await h.call('POST', '/api/import?mode=replace', { firms, supplies }, asEditor);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
});
afterAll(async () => h?.close());

describe('POST /api/ripple, region and network scope, Type I and II', () => {
  it('region scope by default with Type II, equal to the dense solve (a home shock)', async () => {
    const r = await h.call('POST', '/api/ripple', { shocks: [{ firmId: 'H1', amount: 10_000 }], householdSpendingShare: 0.4 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ scope: 'region', households: true, type: 'II', householdSpendingShare: 0.4 });
    const want = exact(HOME, new Map([['H1', 10_000]]), 0.4);
    for (const key of ['output', 'valueAdded', 'employment'] as const) {
      close(r.body.typeI.totals[key], want.typeI[key]);
      close(r.body.typeII.totals[key], want.typeII[key]);
      close(r.body.totals[key], want.typeII[key]);
      close(r.body.typeII.consumption[key], want.typeII[key] - want.typeI[key]);
    }
    close(r.body.typeI.householdIncome, want.typeI.householdIncome);
    close(r.body.typeII.householdIncome, want.typeII.householdIncome);
    close(r.body.typeI.leakage, want.typeI.leakage);
    close(r.body.leakage.total, want.typeII.leakage);
    const byRegion = Object.fromEntries(r.body.leakage.byRegion.map((g: { region: string; amount: number }) => [g.region, g.amount]));
    expect(Object.keys(byRegion).sort()).toEqual(['Gyeongnam', 'Ulsan']);
    close(byRegion.Gyeongnam + byRegion.Ulsan, want.typeII.leakage);
    // Only home firms are counted.
    expect(r.body.firms.every((f: { id: string }) => f.id.startsWith('H'))).toBe(true);
    expect(r.body.byRegion.map((g: { key: string }) => g.key)).toEqual(['Busan']);
    expect(r.body.units).toEqual({ money: 'KRW million', employment: 'persons' });
    expect(r.body.warnings).toEqual([]);
  });

  it('the same firm again with other amounts (served from its kept unit solve) still equals the dense solve', async () => {
    for (const amount of [10_000, -2_500, 7.25]) {
      const r = await h.call('POST', '/api/ripple', { shocks: [{ firmId: 'H1', amount }], householdSpendingShare: 0.4 });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const want = exact(HOME, new Map([['H1', amount]]), 0.4);
      for (const key of ['output', 'valueAdded', 'employment'] as const) {
        close(r.body.typeI.totals[key], want.typeI[key]);
        close(r.body.typeII.totals[key], want.typeII[key]);
      }
      close(r.body.typeII.householdIncome, want.typeII.householdIncome);
      close(r.body.leakage.total, want.typeII.leakage);
      expect(r.body.direct.output).toBe(amount);
    }
    // Another spending share is another model: not the kept solve of share 0.4.
    const other = await h.call('POST', '/api/ripple', { shocks: [{ firmId: 'H1', amount: 10_000 }], householdSpendingShare: 0.1 });
    close(other.body.typeII.totals.output, exact(HOME, new Map([['H1', 10_000]]), 0.1).typeII.output);
  });

  it('a shock on an outside buyer enters as export demand on its home suppliers; its own output is not counted', async () => {
    const r = await h.call('POST', '/api/ripple', { scope: 'region', households: false, shocks: [{ firmId: 'O2', amount: 50_000 }] });
    expect(r.status).toBe(200);
    const want = exact(HOME, new Map([['O2', 50_000]]), 0.2);
    close(r.body.exportDemand.total, want.exportDemand);
    close(want.exportDemand, (9_000 / 200_000) * 50_000 + (700 / 200_000) * 50_000);
    expect(r.body.exportDemand.firms.map((f: { id: string }) => f.id)).toEqual(['H1', 'H2']);
    expect(r.body.type).toBe('I');
    expect(r.body.typeII).toBeNull();
    for (const key of ['output', 'valueAdded', 'employment'] as const) close(r.body.totals[key], want.typeI[key]);
    close(r.body.leakage.total, want.typeI.leakage);
    expect(r.body.firms.some((f: { id: string }) => f.id === 'O2')).toBe(false);
    expect(r.body.warnings.map((w: { code: string }) => w.code)).toEqual(['outside-shock']);
  });

  it('network scope (every firm endogenous), Type I and II, equal to the dense solve', async () => {
    const shocks = [{ firmId: 'H2', amount: 3_000 }, { firmId: 'O1', amount: -2_000 }];
    const r = await h.call('POST', '/api/ripple', { scope: 'network', households: true, shocks });
    expect(r.status).toBe(200);
    const want = exact(ALL, new Map(shocks.map((s) => [s.firmId, s.amount])), 0.2);
    for (const key of ['output', 'valueAdded', 'employment'] as const) {
      close(r.body.typeI.totals[key], want.typeI[key]);
      close(r.body.typeII.totals[key], want.typeII[key]);
    }
    close(r.body.typeII.householdIncome, want.typeII.householdIncome);
    expect(r.body.leakage).toBeNull();
    expect(r.body.exportDemand).toBeNull();
    expect(r.body.warnings.map((w: { code: string }) => w.code)).toEqual(['contraction']);
  });

  it('warns of a shock above revenue and of the Ghosh model read as quantities', async () => {
    const big = await h.call('POST', '/api/ripple', { shocks: [{ firmId: 'H4', amount: 5_000 }] });
    expect(big.body.warnings).toEqual([expect.objectContaining({ code: 'shock-exceeds-revenue', firmId: 'H4', amount: 5_000, revenue: 4_000 })]);
    const supply = await h.call('POST', '/api/ripple', { model: 'supply', shocks: [{ firmId: 'H4', amount: 100 }] });
    expect(supply.status).toBe(200);
    expect(supply.body.households).toBe(false);
    expect(supply.body.warnings.map((w: { code: string }) => w.code)).toEqual(['ghosh-quantity']);
  });

  it('names bad scope and household fields', async () => {
    const scope = await h.call('POST', '/api/ripple', { scope: 'city', shocks: [{ firmId: 'H1', amount: 1 }] });
    expect(scope.status).toBe(400);
    expect(scope.body.errors[0].path).toBe('body.scope');
    const share = await h.call('POST', '/api/ripple', { householdSpendingShare: 1.2, shocks: [{ firmId: 'H1', amount: 1 }] });
    expect(share.status).toBe(400);
    expect(share.body.errors[0].path).toBe('body.householdSpendingShare');
    const supply = await h.call('POST', '/api/ripple', { model: 'supply', households: true, shocks: [{ firmId: 'H1', amount: 1 }] });
    expect(supply.status).toBe(422);
    expect(supply.body.errors[0].path).toBe('body.households');
  });
});

describe('Bank of Korea coefficients through the API', () => {
  it('stores region and network, Type I and II coefficients equal to the dense inverses, with their distribution', async () => {
    const start = await h.call('POST', '/api/metrics/recompute', undefined, asEditor);
    expect(start.status).toBe(202);
    for (let i = 0; i < 600; i++) {
      const job = await h.call('GET', `/api/jobs/${start.body.jobId}`);
      if (job.body.status !== 'running') {
        expect(job.body.status, job.body.error).toBe('done');
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    // Column sums of the firm block of the inverse, Type I (I − A_EE) and Type II (augmented with households, s = 0.2).
    const dense = (E: number[]) => {
      const k = E.length;
      const I_A = subtract(identity(k), E.map((i) => E.map((j) => A[i][j])));
      const finalDemand = HOME.reduce((t, i) => t + firms[i].revenue - sales[i], 0);
      const c = E.map((i) => (firms[i].region === 'Busan' ? (0.2 * (firms[i].revenue - sales[i])) / finalDemand : 0));
      const hRow = E.map((j) => wageShare.get(firms[j].id) ?? 0);
      const L = inverse(I_A);
      const L2 = inverse([...I_A.map((row, r) => [...row, -c[r]]), [...hRow.map((v) => -v), 1]]);
      const colSum = (M: Matrix, p: number, w: (i: number) => number) => E.reduce((t, i, r) => t + w(i) * M[r][p], 0);
      return { L, L2, colSum };
    };
    const region = dense(HOME);
    const network = dense(ALL);
    const jobs = (i: number) => (1000 * firms[i].employees) / firms[i].revenue;
    for (const id of ['H1', 'H3']) {
      const { metrics } = (await h.call('GET', `/api/firms/${id}`)).body;
      const p = HOME.indexOf(idx.get(id)!);
      const q = idx.get(id)!;
      close(metrics.regionOutputMultiplier, region.colSum(region.L, p, () => 1));
      close(metrics.regionOutputMultiplierII, region.colSum(region.L2, p, () => 1));
      close(metrics.regionEmploymentMultiplierII, region.colSum(region.L2, p, jobs));
      close(metrics.regionValueAddedMultiplierII, region.colSum(region.L2, p, (i) => firms[i].valueAddedRatio));
      close(metrics.outputMultiplier, network.colSum(network.L, q, () => 1));
      close(metrics.outputMultiplierII, network.colSum(network.L2, q, () => 1));
      close(metrics.employmentMultiplierII, network.colSum(network.L2, q, jobs));
    }
    const outside = (await h.call('GET', '/api/firms/O1')).body.metrics;
    expect(outside.regionOutputMultiplier).toBeNull();
    expect(outside.outputMultiplierII).toBeGreaterThan(1);
    const summary = (await h.call('GET', '/api/metrics')).body;
    expect(summary.typeII).toEqual({ householdSpendingShare: 0.2 });
    expect(summary.coefficients.regionOutputMultiplierII.firms).toBe(5);
    expect(summary.coefficients.outputMultiplier.firms).toBe(8);
  });
});

describe('the cost-structure rule at import', () => {
  it('refuses v + P/x > 1, naming the firm and both figures, and writes nothing', async () => {
    const before = (await h.call('GET', '/api/health')).body;
    const bad = firms.map((f) => (f.id === 'H1' ? { ...f, valueAddedRatio: 0.7 } : f));
    const r = await h.call('POST', '/api/import?mode=replace', { firms: bad, supplies }, asEditor);
    expect(r.status).toBe(422);
    const issue = r.body.errors.find((e: { id?: string }) => e.id === 'H1');
    expect(issue.field).toBe('valueAddedRatio');
    expect(issue.reason).toContain('valueAddedRatio 0.7');
    expect(issue.reason).toContain('network purchases / revenue 0.3900');
    expect((await h.call('GET', '/api/health')).body).toEqual(before);
  });
});
