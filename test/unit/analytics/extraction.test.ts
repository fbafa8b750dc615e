import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../server/analytics/snapshot.ts';
import { hypotheticalExtraction } from '../../../server/analytics/extraction.ts';
import { UnknownFirmError } from '../../../server/analytics/errors.ts';
import { identity, inputCoefficients, matVec, solve, subtract } from './dense.ts';
import { millerBlairSnapshot } from './io-fixtures.ts';
import { randomNetwork } from './random-network.ts';

/** Brute force: f = x − Ax, drop row and column k, solve the reduced system densely. */
function bruteForceLoss(snapshot: ReturnType<typeof buildSnapshot>, k: number): number {
  const A = inputCoefficients(snapshot);
  const x = Array.from(snapshot.revenue);
  const Ax = matVec(A, x);
  const f = x.map((v, i) => v - Ax[i]);
  const keep = x.map((_, i) => i).filter((i) => i !== k);
  const reduced = keep.map((i) => keep.map((j) => A[i][j]));
  const xBar = solve(subtract(identity(keep.length), reduced), keep.map((i) => f[i]));
  return x.reduce((s, v) => s + v, 0) - xBar.reduce((s, v) => s + v, 0);
}

describe('hypotheticalExtraction', () => {
  it('equals the dense brute-force extraction on random networks', () => {
    for (const seed of [31, 32]) {
      const { firms, links } = randomNetwork({ firms: 45, links: 200, seed });
      const s = buildSnapshot(firms, links);
      const ks = [0, 1, 7, 20, 44];
      const result = hypotheticalExtraction(s, ks.map((k) => `F${k}`));
      ks.forEach((k, r) => {
        const expected = bruteForceLoss(s, k);
        const got = result.firms[r];
        expect(Math.abs(got.loss - expected) / expected).toBeLessThan(1e-8);
        expect(got.ownOutput).toBe(s.revenue[k]);
        expect(got.upstreamLoss).toBeCloseTo(got.loss - got.ownOutput, 6);
        expect(got.lossPercent).toBeCloseTo((100 * got.loss) / result.totalOutput, 10);
      });
    }
  });

  it('loses the firm\'s own output plus what it pulls from its suppliers, and no more', () => {
    const s = millerBlairSnapshot();
    const [first] = hypotheticalExtraction(s, ['s0a']).firms;
    // s0a buys 75 from s0b and 50 + 50 from sector 1: the loss exceeds its own output.
    expect(first.loss).toBeCloseTo(bruteForceLoss(s, 0), 8);
    expect(first.upstreamLoss).toBeGreaterThan(175);
    const isolated = buildSnapshot(
      [
        { id: 'a', name: 'a', tier: 'sme', sector: '25', region: 'Busan', revenue: 100, employees: 5 },
        { id: 'b', name: 'b', tier: 'sme', sector: '25', region: 'Busan', revenue: 300, employees: 5 },
      ],
      [{ supplier: 'a', buyer: 'b', value: 30 }],
    );
    const { firms } = hypotheticalExtraction(isolated, ['a', 'b']);
    expect(firms[0]).toMatchObject({ loss: 100, upstreamLoss: 0, iterations: 0, lossPercent: 25 });
    // b's extraction takes a's sales to b with it: 300 + 30.
    expect(firms[1].loss).toBeCloseTo(330, 10);
  });

  it('refuses unknown firms', () => {
    expect(() => hypotheticalExtraction(millerBlairSnapshot(), ['x'])).toThrow(UnknownFirmError);
  });
});
