/**
 * The block series against dense solves written here: four Aᵀ right-hand sides through one operator, and
 * A beside B, each restricted to a mask of endogenous firms, every column in its own norm.
 */
import { describe, expect, it } from 'vitest';
import { blockAB, blockAT4, blockNeumannSeries } from '../../../server/analytics/block-series.ts';
import { ghoshContraction, leontiefContraction } from '../../../server/analytics/leontief.ts';
import { NonConvergenceError } from '../../../server/analytics/errors.ts';
import { buildSnapshot } from '../../../server/analytics/snapshot.ts';
import { identity, inputCoefficients, outputCoefficients, relativeError, solve, subtract, transpose, type Matrix } from './dense.ts';
import { randomNetwork } from './random-network.ts';

function setup(seed: number) {
  const { firms, links } = randomNetwork({ firms: 40, links: 180, seed, maxShare: 0.6 });
  const s = buildSnapshot(firms, links);
  // Every third firm is outside the endogenous set.
  const mask = Uint8Array.from({ length: s.n }, (_, i) => (i % 3 === 0 ? 0 : 1));
  const E = [...Array(s.n).keys()].filter((i) => mask[i]);
  const block = (M: Matrix) => E.map((i) => E.map((j) => M[i][j]));
  const rhs = (f: (i: number) => number) => Float64Array.from({ length: s.n }, (_, i) => (mask[i] ? f(i) : 0));
  return { s, mask, E, block, rhs };
}

describe('blockNeumannSeries', () => {
  for (const seed of [3, 4]) {
    it(`four Aᵀ columns equal dense solves of (I − A_EEᵀ) x = b (seed ${seed})`, () => {
      const { s, mask, E, block, rhs } = setup(seed);
      const columns = [rhs(() => 1), rhs((i) => s.employees[i] / s.revenue[i]), rhs((i) => s.valueAddedRatio[i]), rhs(() => 0)];
      const c = leontiefContraction(s, 'test');
      const result = blockNeumannSeries(
        { caller: 'test', apply: blockAT4(s, mask), columns: columns.map((b) => ({ b, norm: 'max' as const, contraction: c })) },
        { tolerance: 1e-12, maxIterations: 500 },
      );
      const M = subtract(identity(E.length), transpose(block(inputCoefficients(s))));
      columns.forEach((b, r) => {
        const expected = solve(M, E.map((i) => b[i]));
        const got = E.map((i) => result[r].x[i]);
        if (r === 3) expect(got.every((v) => v === 0)).toBe(true);
        else expect(relativeError(got, expected)).toBeLessThan(1e-10);
        for (let i = 0; i < s.n; i++) if (!mask[i]) expect(result[r].x[i]).toBe(0);
      });
      expect(result[3]).toMatchObject({ iterations: 0, residual: 0, errorBound: 0 });
      expect(result[0].residual).toBeLessThanOrEqual(1e-12);
    });

    it(`A beside B equal dense solves of (I − A_EE) x = 1 and (I − B_EE) g = 1 (seed ${seed})`, () => {
      const { s, mask, E, block, rhs } = setup(seed);
      const ones = rhs(() => 1);
      const [rows, ghosh] = blockNeumannSeries(
        {
          caller: 'test',
          apply: blockAB(s, mask),
          columns: [
            { b: ones, norm: 'l1', contraction: leontiefContraction(s, 'test') },
            { b: ones, norm: 'max', contraction: ghoshContraction(s, 'test') },
          ],
        },
        { tolerance: 1e-12, maxIterations: 500 },
      );
      const I = identity(E.length);
      const unit = E.map(() => 1);
      expect(relativeError(E.map((i) => rows.x[i]), solve(subtract(I, block(inputCoefficients(s))), unit))).toBeLessThan(1e-10);
      expect(relativeError(E.map((i) => ghosh.x[i]), solve(subtract(I, block(outputCoefficients(s))), unit))).toBeLessThan(1e-10);
    });
  }

  it('throws rather than return a series that has not converged', () => {
    const { s, mask, rhs } = setup(5);
    const b = rhs(() => 1);
    expect(() =>
      blockNeumannSeries(
        { caller: 'test', apply: blockAT4(s, mask), columns: [b, b, b, b].map((v) => ({ b: v, norm: 'max' as const, contraction: 0.5 })) },
        { tolerance: 1e-12, maxIterations: 2 },
      ),
    ).toThrow(NonConvergenceError);
  });
});
