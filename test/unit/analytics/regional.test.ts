/**
 * The scoped (region / network) Type I and Type II model against dense solves written here: the E×E block
 * of A, and for Type II the household-augmented (|E|+1)×(|E|+1) system solved directly (not through the
 * Sherman–Morrison update the code uses).
 */
import { describe, expect, it } from 'vitest';
import { buildSnapshot, type Snapshot } from '../../../server/analytics/snapshot.ts';
import { rippleScoped } from '../../../server/analytics/regional-ripple.ts';
import { scaleScopedSummary, summariseScopedRipple } from '../../../server/analytics/regional-summary.ts';
import { ioCoefficients, multipliersAndNetworkCoefficients } from '../../../server/analytics/regional-coefficients.ts';
import { AnalyticsInputError } from '../../../server/analytics/errors.ts';
import { rippleWarnings } from '../../../server/analytics/ripple-warnings.ts';
import { flowMatrix, identity, inputCoefficients, inverse, outputCoefficients, relativeError, solve, subtract, type Matrix } from './dense.ts';
import { randomNetwork } from './random-network.ts';

const TOLERANCE = 1e-8;

/** The dense model of one scope: indices of E, the blocks, h and c (households of the home region). */
function denseModel(s: Snapshot, scope: 'region' | 'network', spendingShare: number) {
  const E = [...Array(s.n).keys()].filter((i) => scope === 'network' || s.inHomeRegion[i] === 1);
  const A = inputCoefficients(s);
  const Z = flowMatrix(s);
  const sales = Z.map((row) => row.reduce((a, b) => a + b, 0));
  const homeFinal = E.filter((i) => s.inHomeRegion[i]).reduce((sum, i) => sum + s.revenue[i] - sales[i], 0);
  const AEE = E.map((i) => E.map((j) => A[i][j]));
  const h = E.map((j) => (s.inHomeRegion[j] ? s.wageShare[j] : 0));
  const c = E.map((i) => (s.inHomeRegion[i] ? (spendingShare * (s.revenue[i] - sales[i])) / homeFinal : 0));
  const k = E.length;
  // [[I − A_EE, −c], [−hᵀ, 1]]
  const augmented: Matrix = [...E.map((_, r) => [...subtract(identity(k), AEE)[r], -c[r]]), [...h.map((v) => -v), 1]];
  return { E, A, AEE, h, c, augmented, k };
}

function network(seed: number, firms: number, links: number) {
  const { firms: f, links: l } = randomNetwork({ firms, links, seed, maxShare: 0.6 });
  return buildSnapshot(f, l);
}

describe('rippleScoped equals dense solves', () => {
  for (const [seed, firms, links] of [
    [31, 30, 110],
    [32, 50, 240],
  ] as const) {
    for (const scope of ['region', 'network'] as const) {
      it(`${scope} scope, Type I and II, ${firms} firms (seed ${seed})`, () => {
        const s = network(seed, firms, links);
        const share = 0.35;
        const { E, A, AEE, h, augmented, k } = denseModel(s, scope, share);
        const inE = new Set(E);
        // One shock on a home firm and one on an outside firm (or any firm in the network scope).
        const home = E.find((i) => s.inHomeRegion[i])!;
        const outside = [...Array(s.n).keys()].find((i) => !s.inHomeRegion[i])!;
        const shocks = [
          { firmId: s.ids[home], amount: 1000 },
          { firmId: s.ids[outside], amount: -400 },
        ];
        const df = new Array<number>(s.n).fill(0);
        df[home] += 1000;
        df[outside] -= 400;
        const d = E.map((i) => df[i] + (scope === 'region' ? [...Array(s.n).keys()].filter((j) => !inE.has(j)).reduce((sum, j) => sum + A[i][j] * df[j], 0) : 0));

        const xI = solve(subtract(identity(k), AEE), d);
        const xy = solve(augmented, [...d, 0]);
        const xII = xy.slice(0, k);
        const income = xy[k];

        const r = rippleScoped(s, shocks, { scope, households: true, householdSpendingShare: share });
        const pick = (v: Float64Array) => E.map((i) => v[i]);
        expect(relativeError(pick(r.typeI.output), xI)).toBeLessThan(TOLERANCE);
        expect(relativeError(pick(r.typeII!.output), xII)).toBeLessThan(TOLERANCE);
        expect(Math.abs(r.typeII!.householdIncome - income) / Math.abs(income)).toBeLessThan(TOLERANCE);
        const incomeI = xI.reduce((sum, x, p) => sum + h[p] * x, 0);
        expect(Math.abs(r.typeI.householdIncome - incomeI) / Math.abs(incomeI)).toBeLessThan(TOLERANCE);
        for (let i = 0; i < s.n; i++) if (!inE.has(i)) expect(r.typeII!.output[i]).toBe(0);

        // Value added and employment of the endogenous firms.
        const va = xII.reduce((sum, x, p) => sum + x * s.valueAddedRatio[E[p]], 0);
        const jobs = xII.reduce((sum, x, p) => sum + (x * s.employees[E[p]]) / s.revenue[E[p]], 0);
        expect(Math.abs(r.typeII!.valueAdded.reduce((a, b) => a + b, 0) - va) / Math.abs(va)).toBeLessThan(TOLERANCE);
        expect(Math.abs(r.typeII!.employment.reduce((a, b) => a + b, 0) - jobs) / Math.abs(jobs)).toBeLessThan(TOLERANCE);

        if (scope === 'region') {
          const leak = (x: number[]) =>
            [...Array(s.n).keys()].filter((i) => !inE.has(i)).reduce((sum, i) => sum + E.reduce((t, j, p) => t + A[i][j] * x[p], 0), 0);
          expect(Math.abs(r.typeI.leakageTotal - leak(xI)) / Math.abs(leak(xI))).toBeLessThan(TOLERANCE);
          expect(Math.abs(r.typeII!.leakageTotal - leak(xII)) / Math.abs(leak(xII))).toBeLessThan(TOLERANCE);
          const exports = E.reduce((sum, i) => sum + A[i][outside] * -400, 0);
          expect(Math.abs(r.exportDemand.reduce((a, b) => a + b, 0) - exports)).toBeLessThan(1e-9 * Math.max(1, Math.abs(exports)));
        } else {
          expect(r.typeI.leakageTotal).toBe(0);
        }
      });
    }
  }

  it('region-scope supply push matches (I − B_EE)ᵀ⁻¹ d with the outside inputs entering at their home buyers', () => {
    const s = network(33, 40, 160);
    const E = [...Array(s.n).keys()].filter((i) => s.inHomeRegion[i]);
    const inE = new Set(E);
    const B = outputCoefficients(s);
    const outside = [...Array(s.n).keys()].find((i) => !inE.has(i))!;
    const home = E[0];
    const dv = new Array<number>(s.n).fill(0);
    dv[home] = 500;
    dv[outside] = 300;
    const d = E.map((j) => dv[j] + B[outside][j] * dv[outside]);
    const BEEt = E.map((j) => E.map((i) => B[i][j]));
    const expected = solve(subtract(identity(E.length), BEEt), d);
    const r = rippleScoped(s, [{ firmId: s.ids[home], amount: 500 }, { firmId: s.ids[outside], amount: 300 }], { model: 'supply', scope: 'region', households: false });
    expect(relativeError(E.map((i) => r.typeI.output[i]), expected)).toBeLessThan(TOLERANCE);
    expect(r.typeII).toBeNull();
  });

  it('refuses households on the supply model and a spending share outside [0, 1]', () => {
    const s = network(34, 20, 60);
    const shock = [{ firmId: s.ids[0], amount: 10 }];
    expect(() => rippleScoped(s, shock, { model: 'supply', households: true })).toThrow(AnalyticsInputError);
    expect(() => rippleScoped(s, shock, { householdSpendingShare: 1.5 })).toThrow(/householdSpendingShare/);
  });
});

describe('a unit ripple\'s summary scaled to an amount equals the dense solve and the summary for that amount', () => {
  // RippleService keeps single-shock solves and their summaries for one unit and scales them (the model is
  // linear in the shock).
  for (const scope of ['region', 'network'] as const) {
    for (const where of ['home', 'outside'] as const) {
      if (scope === 'network' && where === 'outside') continue;
      it(`${scope} scope, a shock on a ${where} firm, Type I and II, leakage and export demand`, () => {
        const s = network(35, 40, 170);
        const share = 0.4;
        const { E, A, AEE, augmented, k } = denseModel(s, scope, share);
        const inE = new Set(E);
        const firm = where === 'home' ? E.find((i) => s.inHomeRegion[i])! : [...Array(s.n).keys()].find((i) => !inE.has(i))!;
        const amount = -2_500;
        // Direct demand on E: the shock itself, or the export demand an outside firm's shock brings.
        const d = E.map((i) => (i === firm ? amount : inE.has(firm) ? 0 : A[i][firm] * amount));
        const xI = solve(subtract(identity(k), AEE), d);
        const xy = solve(augmented, [...d, 0]);
        const sum = (v: number[]) => v.reduce((a, b) => a + b, 0);
        const leakage = (x: number[]) => [...Array(s.n).keys()].filter((i) => !inE.has(i)).reduce((total, i) => total + E.reduce((t, j, c) => t + A[i][j] * x[c], 0), 0);
        const close = (value: number, reference: number) => expect(Math.abs(value - reference) / Math.max(1, Math.abs(reference))).toBeLessThan(TOLERANCE);

        const settings = { scope, households: true, householdSpendingShare: share };
        const unitShock = [{ firmId: s.ids[firm], amount: 1 }];
        const shocks = [{ firmId: s.ids[firm], amount }];
        const unit = summariseScopedRipple(s, rippleScoped(s, unitShock, settings), unitShock, { limit: 12 });
        const scaled = scaleScopedSummary(unit, amount);

        // Against the dense solves.
        close(scaled.typeI.totals.output, sum(xI));
        close(scaled.typeII!.totals.output, sum(xy.slice(0, k)));
        close(scaled.typeII!.householdIncome, xy[k]);
        if (scope === 'region') {
          close(scaled.typeI.leakage!, leakage(xI));
          close(scaled.typeII!.leakage!, leakage(xy.slice(0, k)));
          close(scaled.leakage!.total, leakage(xy.slice(0, k)));
        }
        const exact = new Map(E.map((i, c) => [s.ids[i], xy[c]]));
        for (const f of scaled.firms) close(f.output, exact.get(f.id)!);
        close(sum(scaled.byHop.map((h) => h.output)), sum(xI));

        // Against the summary of the ripple solved for the amount itself: every field, in the same order.
        const direct = summariseScopedRipple(s, rippleScoped(s, shocks, settings), shocks, { limit: 12 });
        const { warnings, ...rest } = direct;
        expect(warnings).toEqual(rippleWarnings(s, shocks, { model: 'demand', scope }));
        const numbers = (value: unknown, at = ''): [string, unknown][] =>
          value !== null && typeof value === 'object' ? Object.entries(value).flatMap(([key, v]) => numbers(v, `${at}.${key}`)) : [[at, value]];
        const expected = numbers(rest);
        const got = numbers(scaled);
        expect(got.map(([at]) => at)).toEqual(expected.map(([at]) => at));
        got.forEach(([at, v], i) => {
          const want = expected[i][1];
          if (typeof want === 'number' && typeof v === 'number') close(v, want);
          else expect({ at, v }).toEqual({ at, v: want });
        });
      });
    }
  }
});

describe('ioCoefficients equal the column and row sums of dense inverses', () => {
  for (const scope of ['region', 'network'] as const) {
    it(`${scope} scope, Type I and II`, () => {
      const s = network(41, 45, 200);
      const share = 0.5;
      const { E, AEE, augmented, k } = denseModel(s, scope, share);
      const L = inverse(subtract(identity(k), AEE));
      const L2 = inverse(augmented).slice(0, k).map((row) => row.slice(0, k));
      const colSums = (M: Matrix, w: number[]) => E.map((_, j) => M.reduce((sum, row, i) => sum + w[i] * row[j], 0));
      const rowSums = (M: Matrix) => M.map((row) => row.reduce((a, b) => a + b, 0));
      const ones = E.map(() => 1);
      const labour = E.map((i) => s.employees[i] / s.revenue[i]);
      const va = E.map((i) => s.valueAddedRatio[i]);
      const Bg = outputCoefficients(s);
      const G = inverse(subtract(identity(k), E.map((i) => E.map((j) => Bg[i][j]))));

      const c = ioCoefficients(s, { scope, householdSpendingShare: share });
      const pick = (v: Float64Array) => E.map((i) => v[i]);
      const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
      for (const [type, M] of [
        ['typeI', L],
        ['typeII', L2],
      ] as const) {
        const set = c[type];
        const m = colSums(M, ones);
        expect(relativeError(pick(set.output), m)).toBeLessThan(TOLERANCE);
        expect(relativeError(pick(set.employment), colSums(M, labour))).toBeLessThan(TOLERANCE);
        expect(relativeError(pick(set.valueAdded), colSums(M, va))).toBeLessThan(TOLERANCE);
        expect(relativeError(pick(set.backwardLinkage), m.map((v) => v / mean(m)))).toBeLessThan(TOLERANCE);
        const rows = rowSums(M);
        expect(relativeError(pick(set.forwardLinkage), rows.map((v) => v / mean(rows)))).toBeLessThan(TOLERANCE);
      }
      // Household income per unit of final demand: hᵀL (Type I); the household row of the augmented inverse (Type II).
      const { h } = denseModel(s, scope, share);
      expect(relativeError(pick(c.typeI.householdIncome), colSums(L, h))).toBeLessThan(TOLERANCE);
      const inv = inverse(augmented);
      expect(relativeError(pick(c.typeII.householdIncome), inv[k].slice(0, k))).toBeLessThan(TOLERANCE);
      const g = rowSums(G);
      expect(relativeError(pick(c.ghoshForwardLinkage), g.map((v) => v / mean(g)))).toBeLessThan(TOLERANCE);
      for (let i = 0; i < s.n; i++) if (!E.includes(i)) expect(c.typeI.output[i]).toBeNaN();
    });
  }
});

describe('multipliersAndNetworkCoefficients (one solve for both) equal dense inverses', () => {
  it('the all-firm multipliers and the network-scope Type I and II coefficients', () => {
    const s = network(43, 45, 200);
    const share = 0.5;
    const { E, AEE, augmented, h, k } = denseModel(s, 'network', share);
    const L = inverse(subtract(identity(k), AEE));
    const L2 = inverse(augmented);
    const colSums = (M: Matrix, w: ArrayLike<number>) => E.map((_, j) => E.reduce((sum, i) => sum + w[i] * M[i][j], 0));
    const rowSums = (M: Matrix) => E.map((i) => E.reduce((sum, j) => sum + M[i][j], 0));
    const ones = E.map(() => 1);
    const labour = E.map((i) => s.employees[i] / s.revenue[i]);
    const G = inverse(subtract(identity(k), outputCoefficients(s)));

    const { multipliers: m, network: c } = multipliersAndNetworkCoefficients(s, { householdSpendingShare: share });
    expect(relativeError(m.output, colSums(L, ones))).toBeLessThan(TOLERANCE);
    expect(relativeError(m.employment, colSums(L, labour))).toBeLessThan(TOLERANCE);
    expect(relativeError(m.valueAdded, colSums(L, s.valueAddedRatio))).toBeLessThan(TOLERANCE);
    expect(relativeError(m.homeRegionOutput, colSums(L, s.inHomeRegion))).toBeLessThan(TOLERANCE);
    expect(relativeError(m.leontiefRowSums, rowSums(L))).toBeLessThan(TOLERANCE);
    expect(relativeError(m.ghoshRowSums, rowSums(G))).toBeLessThan(TOLERANCE);
    expect(relativeError(c.typeI.output, colSums(L, ones))).toBeLessThan(TOLERANCE);
    expect(relativeError(c.typeI.employment, colSums(L, labour))).toBeLessThan(TOLERANCE);
    expect(relativeError(c.typeI.householdIncome, colSums(L, h))).toBeLessThan(TOLERANCE);
    expect(relativeError(c.typeII.output, colSums(L2, ones))).toBeLessThan(TOLERANCE);
    expect(relativeError(c.typeII.valueAdded, colSums(L2, s.valueAddedRatio))).toBeLessThan(TOLERANCE);
    expect(relativeError(c.typeII.householdIncome, L2[k].slice(0, k))).toBeLessThan(TOLERANCE);
    expect(relativeError(c.ghoshRowSums, rowSums(G))).toBeLessThan(TOLERANCE);
    for (const report of [...Object.values(m.solves), ...Object.values(c.solves)]) expect(report.residual).toBeLessThanOrEqual(1e-10);
  });
});

describe('rippleWarnings', () => {
  it('flags a shock above revenue (shocks on one firm summed), a contraction, the Ghosh model and an outside shock', () => {
    const s = network(35, 20, 60);
    const home = [...Array(s.n).keys()].find((i) => s.inHomeRegion[i])!;
    const outside = [...Array(s.n).keys()].find((i) => !s.inHomeRegion[i])!;
    const x = s.revenue[home];
    const shocks = [
      { firmId: s.ids[home], amount: 0.6 * x },
      { firmId: s.ids[home], amount: 0.6 * x },
      { firmId: s.ids[outside], amount: -1 },
    ];
    const codes = (model: 'demand' | 'supply', scope: 'region' | 'network') => rippleWarnings(s, shocks, { model, scope }).map((w) => [w.code, w.firmId ?? null]);
    expect(codes('demand', 'region')).toEqual([
      ['contraction', null],
      ['shock-exceeds-revenue', s.ids[home]],
      ['outside-shock', s.ids[outside]],
    ]);
    expect(codes('supply', 'network')).toEqual([
      ['ghosh-quantity', null],
      ['contraction', null],
      ['shock-exceeds-revenue', s.ids[home]],
    ]);
    const big = rippleWarnings(s, shocks, { model: 'demand', scope: 'network' }).find((w) => w.code === 'shock-exceeds-revenue')!;
    expect(big.amount).toBeCloseTo(1.2 * x, 9);
    expect(big.revenue).toBe(x);
    expect(rippleWarnings(s, [{ firmId: s.ids[home], amount: x }], { model: 'demand', scope: 'region' })).toEqual([]);
  });
});
