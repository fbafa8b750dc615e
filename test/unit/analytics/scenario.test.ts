/**
 * Restructuring scenarios against exact dense solves written here, independently of the overlay: the
 * changed network is rebuilt as a dense Z', and (I − A')x' = f' (Type I) or the system closed for
 * households (Type II) solved by Gaussian elimination.
 */
import { describe, expect, it } from 'vitest';
import { buildSnapshot, type SnapshotFirm } from '../../../server/analytics/snapshot.ts';
import { buildOverlay, ScenarioRuleError, type ScenarioChange } from '../../../server/analytics/scenario-overlay.ts';
import { evaluateScenario, type ScenarioScope } from '../../../server/analytics/scenario-evaluate.ts';
import { rankOneGain } from '../../../server/analytics/scenario-rank-one.ts';
import { identity, solve } from './dense.ts';

const firm = (id: string, region: string, tier: SnapshotFirm['tier'], revenue: number, employees: number, valueAddedRatio: number): SnapshotFirm => ({
  id, name: id, tier, sector: '28', region, revenue, employees, valueAddedRatio, wageShare: valueAddedRatio / 2,
});
/** Share of household income spent on home firms (Type II). */
const SPENDING = 0.3;

const FIRMS: SnapshotFirm[] = [
  firm('anc', 'Busan', 'top-anchor', 1000, 100, 0.3),
  firm('sme1', 'Busan', 'sme', 200, 40, 0.35),
  firm('sme2', 'Busan', 'sme', 150, 30, 0.4),
  firm('ext1', 'Gyeongnam', 'large', 800, 60, 0.3),
  firm('ext2', 'Overseas', 'external', 2000, 100, 0.3),
  firm('sme3', 'Busan', 'sme', 120, 25, 0.4),
  firm('buyer', 'Busan', 'anchor', 1500, 200, 0.25),
];
const LINKS: [string, string, number][] = [
  ['ext1', 'anc', 200], ['ext2', 'anc', 150], ['sme1', 'anc', 60], ['sme2', 'anc', 40], ['sme3', 'sme1', 30],
  ['ext1', 'sme1', 20], ['anc', 'buyer', 300], ['sme2', 'buyer', 30], ['sme1', 'ext1', 40], ['ext2', 'sme2', 30],
  ['sme3', 'buyer', 20], ['buyer', 'ext2', 100], ['anc', 'sme3', 10],
];
const snapshot = buildSnapshot(FIRMS, LINKS.map(([supplier, buyer, value]) => ({ supplier, buyer, value })));
const idx = (id: string) => FIRMS.findIndex((f) => f.id === id);
const home = (i: number) => FIRMS[i].region === 'Busan';

/** The changed network, written out densely by hand for each scenario. */
interface DenseNetwork {
  z: number[][];
  /** Nominal revenue x' (defines the coefficients). */
  x: number[];
  /** Final demand f' = f + Δf (closed firms 0). */
  f: number[];
  v: number[];
  closed: Set<number>;
}

function baseDense(): DenseNetwork {
  const n = FIRMS.length;
  const z = Array.from({ length: n }, () => new Array(n).fill(0));
  for (const [s, b, v] of LINKS) z[idx(s)][idx(b)] += v;
  const x = FIRMS.map((f) => f.revenue);
  const f = x.map((xi, i) => xi - z[i].reduce((a, b) => a + b, 0));
  return { z, x, f, v: FIRMS.map((f) => f.valueAddedRatio!), closed: new Set() };
}

/**
 * Levels and home-region totals of a dense network in a scope, Type I or II. Type II closes the model for
 * Busan's households: wage row h (home endogenous firms), spending column c = s·φ with φ ∝ x − (network
 * sales) of the stored network over home firms (closed firms' share leaves the region). Final demand f̄
 * excludes households' spending, fixed at the stored network's: f̄ = f − c·(hᵀx).
 */
function denseTotals(net: DenseNetwork, scope: ScenarioScope, typeII = false) {
  const n = FIRMS.length;
  const stored = baseDense();
  const endo = FIRMS.map((_, i) => !net.closed.has(i) && (scope === 'network' || home(i)));
  const E = FIRMS.map((_, i) => i).filter((i) => endo[i]);
  const h = FIRMS.map((f, i) => (endo[i] && home(i) ? f.wageShare! : 0));
  const hStored = FIRMS.map((f, i) => ((scope === 'network' || home(i)) && home(i) ? f.wageShare! : 0));
  const implied = FIRMS.map((_, i) => (home(i) ? stored.f[i] : 0));
  const sumImplied = implied.reduce((a, b) => a + b, 0);
  const c = implied.map((v, i) => (net.closed.has(i) ? 0 : (SPENDING * v) / sumImplied));
  const cStored = implied.map((v) => (SPENDING * v) / sumImplied);
  const incomeStored = FIRMS.reduce((t, f, i) => t + hStored[i] * f.revenue, 0);
  const M = identity(E.length).map((row, a) => row.map((v, b) => v - net.z[E[a]][E[b]] / net.x[E[b]] - (typeII ? c[E[a]] * h[E[b]] : 0)));
  // Exogenous buyers' purchases are final demand (exports) of their endogenous suppliers.
  const rhs = E.map((i) => net.f[i] + FIRMS.reduce((t, _, j) => t + (endo[j] || net.closed.has(j) ? 0 : net.z[i][j]), 0) - (typeII ? cStored[i] * incomeStored : 0));
  const solved = solve(M, rhs);
  const level = new Array(n).fill(0);
  E.forEach((i, a) => (level[i] = solved[a]));
  let output = 0, valueAdded = 0, jobs = 0, leakage = 0, homeSourced = 0;
  for (let j = 0; j < n; j++) {
    if (!home(j) || net.closed.has(j)) continue;
    output += level[j];
    valueAdded += net.v[j] * level[j];
    jobs += (FIRMS[j].employees / FIRMS[j].revenue) * level[j];
    for (let i = 0; i < n; i++) {
      const bought = (net.z[i][j] / net.x[j]) * level[j];
      if (home(i)) homeSourced += bought;
      else leakage += bought;
    }
  }
  const householdIncome = h.reduce((t, hj, j) => t + hj * level[j], 0);
  // Output multipliers: column sums of the inverse (of the closed system for Type II) over E.
  const multipliers = new Map<number, number>();
  const Mt = M[0].map((_, col) => M.map((row) => row[col]));
  const m = solve(Mt, E.map(() => 1));
  E.forEach((i, a) => multipliers.set(i, m[a]));
  return { level, output, valueAdded, jobs, leakage, householdIncome, homeSourcing: homeSourced / (homeSourced + leakage), multipliers };
}

function expectClose(actual: number, expected: number) {
  expect(Math.abs(actual - expected)).toBeLessThan(1e-7 * Math.max(1, Math.abs(expected)));
}

function check(changes: ScenarioChange[], changed: DenseNetwork, scope: ScenarioScope, woodburyMaxRank?: number) {
  const result = evaluateScenario(buildOverlay(snapshot, changes), {
    scope,
    tolerance: 1e-13,
    householdSpendingShare: SPENDING,
    ...(woodburyMaxRank !== undefined ? { woodburyMaxRank } : {}),
  });
  for (const typeII of [false, true]) {
    const before = denseTotals(baseDense(), scope, typeII);
    const after = denseTotals(changed, scope, typeII);
    const got = typeII ? result.afterTypeII : result.after;
    for (const [g, want] of [[result.before, before], [got, after]] as const) {
      expectClose(g.output, want.output);
      expectClose(g.valueAdded, want.valueAdded);
      expectClose(g.jobs, want.jobs);
      expectClose(g.leakage.total, want.leakage);
      expectClose(g.homeSourcing, want.homeSourcing);
      expectClose(g.householdIncome, want.householdIncome);
    }
    const change = typeII ? result.outputChangeTypeII : result.outputChange;
    FIRMS.forEach((_, i) => {
      if (!changed.closed.has(i) && (scope === 'network' || home(i))) expectClose(change[i], after.level[i] - before.level[i]);
    });
    for (const a of result.anchors) {
      expectClose(typeII ? a.before.outputTypeII : a.before.output, before.multipliers.get(a.index)!);
      if (a.after) expectClose(typeII ? a.after.outputTypeII : a.after.output, after.multipliers.get(a.index)!);
    }
  }
  return result;
}

describe('restructuring scenarios', () => {
  const localise: ScenarioChange = {
    kind: 'move', buyer: 'anc', share: 0.3,
    from: [{ supplier: 'ext1' }, { supplier: 'ext2' }],
    to: [{ supplier: 'sme1', weight: 2 }, { supplier: 'sme2', weight: 1 }],
  };
  function localised(): DenseNetwork {
    const net = baseDense();
    const moved = 0.3 * (200 + 150);
    net.z[idx('ext1')][idx('anc')] *= 0.7;
    net.z[idx('ext2')][idx('anc')] *= 0.7;
    net.z[idx('sme1')][idx('anc')] += (moved * 2) / 3;
    net.z[idx('sme2')][idx('anc')] += moved / 3;
    return net;
  }

  for (const scope of ['region', 'network'] as const) {
    it(`moving an anchor's out-of-region purchases to Busan SMEs equals the dense solve (${scope} scope)`, () => {
      const r = check([localise], localised(), scope);
      expect(r.after.output).toBeGreaterThan(r.before.output);
      expect(r.after.leakage.total).toBeLessThan(r.before.leakage.total);
      expect(r.after.homeSourcing).toBeGreaterThan(r.before.homeSourcing);
      expect(r.gainers[0]).toBe(idx('sme1'));
    });

    it(`closure, growth, a new link and a value-added change together equal the dense solve (${scope} scope)`, () => {
      const net = baseDense();
      // close sme3: every link of it goes, with its final demand
      const c = idx('sme3');
      net.closed.add(c);
      for (let k = 0; k < FIRMS.length; k++) net.z[c][k] = net.z[k][c] = 0;
      net.f[c] = 0;
      // buyer grows to 1800 with its input coefficients held
      const b = idx('buyer');
      for (let k = 0; k < FIRMS.length; k++) net.z[k][b] *= 1800 / 1500;
      net.f[b] += 300;
      net.x[b] = 1800;
      // a new supply sme2 → sme1 of 25; sme1's value-added ratio becomes 0.5
      net.z[idx('sme2')][idx('sme1')] += 25;
      net.v[idx('sme1')] = 0.5;
      const r = check(
        [
          { kind: 'closeFirm', firm: 'sme3' },
          { kind: 'setRevenue', firm: 'buyer', revenue: 1800 },
          { kind: 'addLink', supplier: 'sme2', buyer: 'sme1', value: 25 },
          { kind: 'setValueAddedRatio', firm: 'sme1', valueAddedRatio: 0.5 },
        ],
        net,
        scope,
      );
      expect(r.outputChange[c]).toBe(-120);
      expect(r.changedFirms.find((f) => f.index === c)?.after).toBeNull();
    });
  }

  // Closure + move + new link + growth at once: five replaced columns in the network scope, four in the
  // region's (ext1 is outside it). Solved from the base inverse (low rank) and by series on the changed
  // network (rank limit 0), both against the dense solve, Type I and II (check covers both).
  for (const scope of ['region', 'network'] as const) {
    for (const [path, limit] of [['low-rank update of the base inverse', 8], ['series on the changed network', 0]] as const) {
      it(`closure, a move, a new link and growth at once equal the dense solve (${scope} scope, ${path})`, () => {
        const net = baseDense();
        const c = idx('sme3');
        net.closed.add(c);
        for (let k = 0; k < FIRMS.length; k++) net.z[c][k] = net.z[k][c] = 0;
        net.f[c] = 0;
        const moved = 0.3 * (200 + 150);
        net.z[idx('ext1')][idx('anc')] *= 0.7;
        net.z[idx('ext2')][idx('anc')] *= 0.7;
        net.z[idx('sme1')][idx('anc')] += (moved * 2) / 3;
        net.z[idx('sme2')][idx('anc')] += moved / 3;
        net.z[idx('sme2')][idx('sme1')] += 25;
        const e = idx('ext1');
        for (let k = 0; k < FIRMS.length; k++) net.z[k][e] *= 900 / 800;
        net.f[e] += 100;
        net.x[e] = 900;
        const r = check(
          [
            { kind: 'closeFirm', firm: 'sme3' },
            localise,
            { kind: 'addLink', supplier: 'sme2', buyer: 'sme1', value: 25 },
            { kind: 'setRevenue', firm: 'ext1', revenue: 900 },
          ],
          net,
          scope,
          limit,
        );
        expect(r.outputChange[c]).toBe(-120);
        expect(r.anchors.some((a) => a.index === idx('anc') && a.after !== null)).toBe(true);
      });
    }
  }

  it('gives a single move\'s Type II gains in closed form equal to the dense solve (the assistant\'s rank-one path)', () => {
    const toOne: ScenarioChange = { kind: 'move', buyer: 'anc', share: 0.2, from: [{ supplier: 'ext1' }, { supplier: 'ext2' }], to: [{ supplier: 'sme1' }] };
    const net = baseDense();
    net.z[idx('ext1')][idx('anc')] *= 0.8;
    net.z[idx('ext2')][idx('anc')] *= 0.8;
    net.z[idx('sme1')][idx('anc')] += 0.2 * (200 + 150);
    const before = denseTotals(baseDense(), 'region', true);
    const after = denseTotals(net, 'region', true);
    const gain = rankOneGain(buildOverlay(snapshot, [toOne]), SPENDING, { tolerance: 1e-13, maxIterations: 1000 })!;
    expectClose(gain.output, after.output - before.output);
    expectClose(gain.valueAdded, after.valueAdded - before.valueAdded);
    expectClose(gain.jobs, after.jobs - before.jobs);
    expectClose(gain.leakage, after.leakage - before.leakage);
    expect(gain.output).toBeGreaterThan(0);
    // Two new suppliers are two changed coefficients: not a rank-one move.
    expect(rankOneGain(buildOverlay(snapshot, [localise]), SPENDING)).toBeNull();
  });

  it('reports the moved firms\' concentration before and after', () => {
    const r = evaluateScenario(buildOverlay(snapshot, [localise]), { householdSpendingShare: SPENDING });
    const anc = r.changedFirms.find((f) => f.index === idx('anc'))!;
    // before: 200, 150, 60, 40 of 450; after: 140, 105, 130, 75
    expectClose(anc.before.supplierHHI!, (200 ** 2 + 150 ** 2 + 60 ** 2 + 40 ** 2) / 450 ** 2);
    expectClose(anc.after!.supplierHHI!, (140 ** 2 + 105 ** 2 + 130 ** 2 + 75 ** 2) / 450 ** 2);
    expectClose(anc.after!.homeSourcing!, 205 / 450);
  });

  it('refuses a scenario that breaks the accounting rules, naming the firm and its figures', () => {
    const tooMuch: ScenarioChange = { ...localise, share: 0.5 } as ScenarioChange;
    let error: unknown;
    try {
      buildOverlay(snapshot, [tooMuch]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ScenarioRuleError);
    const v = (error as ScenarioRuleError).violations;
    expect(v).toEqual([{ firmId: 'sme1', rule: 'sales', sum: expect.closeTo(100 + (175 * 2) / 3, 6), revenue: 200 }]);
    expect((error as Error).message).toContain('"sme1"');
  });

  it('refuses a value-added ratio that leaves no room for the firm\'s purchases', () => {
    expect(() => buildOverlay(snapshot, [{ kind: 'setValueAddedRatio', firm: 'anc', valueAddedRatio: 0.6 }])).toThrow(/"anc".*value added plus network purchases would be 1050/);
  });

  it('refuses a value-added ratio below the firm\'s wage share', () => {
    expect(() => buildOverlay(snapshot, [{ kind: 'setValueAddedRatio', firm: 'sme2', valueAddedRatio: 0.1 }])).toThrow(/"sme2": its wages 30 would exceed its value added 15/);
  });

  it('refuses moves from a firm that is not a supplier, and links to closed firms', () => {
    expect(() => buildOverlay(snapshot, [{ ...localise, from: [{ supplier: 'buyer' }] } as ScenarioChange])).toThrow(/does not supply/);
    expect(() => buildOverlay(snapshot, [{ kind: 'closeFirm', firm: 'sme1' }, { kind: 'addLink', supplier: 'sme1', buyer: 'anc', value: 1 }])).toThrow(/closed/);
  });
});
