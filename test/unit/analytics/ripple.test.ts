import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../server/analytics/snapshot.ts';
import { rippleDemand, rippleSupply } from '../../../server/analytics/ripple.ts';
import { ConvergenceConditionError, NonConvergenceError, UnknownFirmError } from '../../../server/analytics/errors.ts';
import { mulberry32 } from '../../../server/analytics/seeded-random.ts';
import { ghoshInverse, leontiefInverse, matVec, relativeError, transpose } from './dense.ts';
import { MB_FIRMS, MB_L, MB_X, millerBlairSnapshot, tinySnapshot } from './io-fixtures.ts';
import { randomNetwork } from './random-network.ts';

const TOLERANCE = 1e-8;
/** The published tables are rounded to 4 decimals. */
const PUBLISHED = 1e-4;
const expectNear = (actual: number, expected: number, tolerance: number) =>
  expect(Math.abs(actual - expected)).toBeLessThan(tolerance);

describe('rippleDemand equals the dense Leontief solution', () => {
  for (const [seed, firms, links] of [
    [1, 30, 90],
    [2, 45, 200],
    [3, 60, 300],
  ] as const) {
    it(`random network ${firms} firms / ${links} links (seed ${seed}), mixed-sign shocks`, () => {
      const network = randomNetwork({ firms, links, seed });
      const snapshot = buildSnapshot(network.firms, network.links);
      const random = mulberry32(seed);
      const shocks = [0, 1, 2].map(() => ({
        firmId: `F${Math.floor(random() * firms)}`,
        amount: (random() - 0.3) * 1000,
      }));
      const df = new Float64Array(firms);
      for (const s of shocks) df[snapshot.index.get(s.firmId)!] += s.amount;

      const solution = rippleDemand(snapshot, shocks);
      const exact = matVec(leontiefInverse(snapshot), df);
      expect(relativeError(solution.output, exact)).toBeLessThan(TOLERANCE);
      expect(solution.residual).toBeLessThanOrEqual(1e-10);
      for (let i = 0; i < firms; i++) {
        expect(solution.valueAdded[i]).toBeCloseTo(exact[i] * snapshot.valueAddedRatio[i], 6);
        expect(solution.employment[i]).toBeCloseTo((exact[i] * snapshot.employees[i]) / snapshot.revenue[i], 6);
      }
      const byHopSum = solution.outputByHop.reduce((s, v) => s + v, 0);
      const outputSum = solution.output.reduce((s, v) => s + v, 0);
      expect(byHopSum).toBeCloseTo(outputSum, 6);
    });
  }
});

describe('rippleSupply equals the dense Ghosh solution', () => {
  for (const seed of [4, 5]) {
    it(`random network (seed ${seed}): Δx' = Δv'(I − B)⁻¹`, () => {
      const { firms, links } = randomNetwork({ firms: 40, links: 160, seed });
      const snapshot = buildSnapshot(firms, links);
      const shocks = [
        { firmId: 'F10', amount: -300 },
        { firmId: 'F25', amount: 120 },
      ];
      const dv = new Float64Array(40);
      dv[10] = -300;
      dv[25] = 120;
      const solution = rippleSupply(snapshot, shocks);
      const exact = matVec(transpose(ghoshInverse(snapshot)), dv);
      expect(relativeError(solution.output, exact)).toBeLessThan(TOLERANCE);
    });
  }
});

describe('Miller & Blair (2009) §2.3 two-sector table, entered as firms', () => {
  const snapshot = millerBlairSnapshot();
  const sectorTotals = (v: Float64Array) =>
    MB_FIRMS.map((ids) => ids.reduce((s, id) => s + v[snapshot.index.get(id)!], 0));

  it('a unit of final demand for sector J yields column J of L = (I − A)⁻¹', () => {
    for (let J = 0; J < 2; J++) {
      const { output } = rippleDemand(snapshot, [{ firmId: MB_FIRMS[J][0], amount: 1 }]);
      const column = sectorTotals(output);
      expectNear(column[0], MB_L[0][J], PUBLISHED);
      expectNear(column[1], MB_L[1][J], PUBLISHED);
    }
  });

  it('a unit of primary input in sector I yields row I of G = x̂⁻¹ L x̂', () => {
    const G = MB_L.map((row, i) => row.map((l, j) => (l * MB_X[j]) / MB_X[i]));
    for (let I = 0; I < 2; I++) {
      const { output } = rippleSupply(snapshot, [{ firmId: MB_FIRMS[I][1], amount: 1 }]);
      const row = sectorTotals(output);
      expectNear(row[0], G[I][0], PUBLISHED);
      expectNear(row[1], G[I][1], PUBLISHED);
    }
  });

  it('the dense Ghosh inverse of the firm table equals x̂⁻¹ L x̂ of its own Leontief inverse', () => {
    const L = leontiefInverse(snapshot);
    const G = ghoshInverse(snapshot);
    const x = snapshot.revenue;
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(G[i][j]).toBeCloseTo((L[i][j] * x[j]) / x[i], 12);
  });
});

describe('hops', () => {
  // a → b → c (a supplies b, b supplies c), and c → b closes a cycle; d stands apart.
  const snapshot = tinySnapshot(
    [
      { id: 'a', revenue: 100 },
      { id: 'b', revenue: 100 },
      { id: 'c', revenue: 100 },
      { id: 'd', revenue: 100 },
    ],
    [
      ['a', 'b', 30],
      ['b', 'c', 40],
      ['c', 'b', 10],
    ],
  );

  it('demand shocks travel upstream: shocked firm 0, its suppliers 1, theirs 2; unreachable −1', () => {
    const s = rippleDemand(snapshot, [{ firmId: 'c', amount: 100 }]);
    expect([...s.hop]).toEqual([2, 1, 0, -1]);
    expect(s.output[3]).toBe(0);
    // First terms by hand: Δf = 100 at c; hop 1: b gets a_bc·100 = .4·100 = 40; hop 2: a gets .3·40, c gets .1·40.
    expect(s.outputByHop[0]).toBe(100);
    expect(s.outputByHop[1]).toBeCloseTo(40, 12);
    expect(s.outputByHop[2]).toBeCloseTo(12 + 4, 12);
  });

  it('supply shocks travel downstream', () => {
    const s = rippleSupply(snapshot, [{ firmId: 'a', amount: 100 }]);
    expect([...s.hop]).toEqual([0, 1, 2, -1]);
  });
});

describe('negative shocks', () => {
  it('are allowed and the model is linear', () => {
    const { firms, links } = randomNetwork({ firms: 30, links: 100, seed: 9 });
    const snapshot = buildSnapshot(firms, links);
    const up = rippleDemand(snapshot, [{ firmId: 'F3', amount: 500 }]);
    const down = rippleDemand(snapshot, [{ firmId: 'F3', amount: -500 }]);
    for (let i = 0; i < 30; i++) expect(down.output[i] + up.output[i]).toBe(0);
    expect(down.output.some((v) => v < 0)).toBe(true);
    expect([...down.hop]).toEqual([...up.hop]);
  });

  it('repeated shocks on one firm add up', () => {
    const { firms, links } = randomNetwork({ firms: 30, links: 100, seed: 9 });
    const snapshot = buildSnapshot(firms, links);
    const once = rippleDemand(snapshot, [{ firmId: 'F3', amount: 300 }]);
    const split = rippleDemand(snapshot, [
      { firmId: 'F3', amount: 500 },
      { firmId: 'F3', amount: -200 },
    ]);
    expect(relativeError(split.output, once.output)).toBeLessThan(1e-14);
  });
});

describe('convergence and input checks', () => {
  const overspent = tinySnapshot(
    [
      { id: 'a', revenue: 100 },
      { id: 'b', revenue: 50 },
    ],
    [
      ['a', 'b', 60],
      ['b', 'a', 10],
    ],
  );

  it('refuses a network whose column sum of A is ≥ 1, naming the firm and its sums', () => {
    const call = () => rippleDemand(overspent, [{ firmId: 'a', amount: 1 }]);
    expect(call).toThrow(ConvergenceConditionError);
    expect(call).toThrow(
      /rippleDemand: firm "b" buys from the network 60 but its revenue is 50 \(column sum of A = 1\.20000/,
    );
    try {
      call();
    } catch (e) {
      expect((e as ConvergenceConditionError).code).toBe('convergence-condition');
      expect((e as ConvergenceConditionError).firmId).toBe('b');
    }
  });

  it('refuses a network whose row sum of B is ≥ 1 for the supply model', () => {
    const oversold = tinySnapshot(
      [
        { id: 'a', revenue: 100 },
        { id: 'b', revenue: 50 },
      ],
      [['b', 'a', 50]],
    );
    expect(() => rippleSupply(oversold, [{ firmId: 'a', amount: 1 }])).toThrow(
      /rippleSupply: firm "b" sells to the network 50 but its revenue is 50 \(row sum of B = 1\.00000/,
    );
    expect(rippleDemand(oversold, [{ firmId: 'a', amount: 1 }]).output[1]).toBeCloseTo(0.5, 12);
  });

  it('throws NonConvergenceError when maxIterations runs out', () => {
    const loop = tinySnapshot(
      [
        { id: 'a', revenue: 100 },
        { id: 'b', revenue: 100 },
      ],
      [
        ['a', 'b', 90],
        ['b', 'a', 90],
      ],
    );
    const call = () => rippleDemand(loop, [{ firmId: 'a', amount: 1 }], { maxIterations: 20 });
    expect(call).toThrow(NonConvergenceError);
    expect(call).toThrow(/rippleDemand: did not converge in 20 iterations/);
    // With room it converges: x = (I − A)⁻¹ e_a, A = [[0, .9], [.9, 0]] → x_a = 1/(1 − .81).
    expect(rippleDemand(loop, [{ firmId: 'a', amount: 1 }]).output[0]).toBeCloseTo(1 / 0.19, 9);
  });

  it('refuses unknown firms, empty shock lists, bad amounts and bad options', () => {
    const s = millerBlairSnapshot();
    expect(() => rippleDemand(s, [{ firmId: 'nope', amount: 1 }])).toThrow(UnknownFirmError);
    expect(() => rippleDemand(s, [])).toThrow(/rippleDemand: shocks must list at least one/);
    expect(() => rippleDemand(s, [{ firmId: 's0a', amount: Number.NaN }])).toThrow(/shocks\[0\]\.amount/);
    expect(() => rippleDemand(s, [{ firmId: 's0a', amount: 1 }], { tolerance: 0 })).toThrow(/tolerance/);
    expect(() => rippleDemand(s, [{ firmId: 's0a', amount: 1 }], { maxIterations: 1.5 })).toThrow(/maxIterations/);
  });

  it('a zero shock converges at once', () => {
    const s = rippleDemand(millerBlairSnapshot(), [{ firmId: 's0a', amount: 0 }]);
    expect(s.iterations).toBe(0);
    expect(s.output.every((v) => v === 0)).toBe(true);
  });
});
