import { describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../../server/analytics/snapshot.ts';
import { multipliers } from '../../../server/analytics/multipliers.ts';
import { ConvergenceConditionError, NonConvergenceError } from '../../../server/analytics/errors.ts';
import { ghoshInverse, leontiefInverse, matVec, relativeError, transpose } from './dense.ts';
import { MB_FIRMS, MB_L, MB_OUTPUT_MULTIPLIERS, MB_X, millerBlairSnapshot, tinySnapshot } from './io-fixtures.ts';
import { randomNetwork } from './random-network.ts';

const TOLERANCE = 1e-8;
const PUBLISHED = 1e-4;

describe('multipliers equal the dense solutions', () => {
  for (const [seed, firms, links] of [
    [21, 30, 100],
    [22, 60, 280],
  ] as const) {
    it(`random network ${firms} firms / ${links} links (seed ${seed})`, () => {
      const { firms: f, links: l } = randomNetwork({ firms, links, seed });
      const s = buildSnapshot(f, l);
      const L = leontiefInverse(s);
      const Lt = transpose(L);
      const ones = new Array<number>(firms).fill(1);
      const labour = Array.from(s.employees, (e, i) => e / s.revenue[i]);
      const result = multipliers(s);

      const m = matVec(Lt, ones);
      expect(relativeError(result.output, m)).toBeLessThan(TOLERANCE);
      expect(relativeError(result.employment, matVec(Lt, labour))).toBeLessThan(TOLERANCE);
      expect(relativeError(result.valueAdded, matVec(Lt, s.valueAddedRatio))).toBeLessThan(TOLERANCE);
      const home = matVec(Lt, s.inHomeRegion);
      expect(relativeError(result.homeRegionOutput, home)).toBeLessThan(TOLERANCE);
      home.forEach((r, j) => {
        const got = result.regionalRetention[j];
        if (m[j] - 1 < 1e-12) expect(got).toBeNaN();
        else expect(Math.abs(got - (r - s.inHomeRegion[j]) / (m[j] - 1))).toBeLessThan(1e-8);
      });
      const rows = matVec(L, ones);
      expect(relativeError(result.leontiefRowSums, rows)).toBeLessThan(TOLERANCE);
      expect(relativeError(result.ghoshRowSums, matVec(ghoshInverse(s), ones))).toBeLessThan(TOLERANCE);
      const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
      expect(relativeError(result.backwardLinkage, m.map((v) => v / mean(m)))).toBeLessThan(TOLERANCE);
      expect(relativeError(result.forwardLinkage, rows.map((v) => v / mean(rows)))).toBeLessThan(TOLERANCE);
      for (const report of Object.values(result.solves)) {
        expect(report.residual).toBeLessThanOrEqual(1e-10);
        expect(report.iterations).toBeGreaterThan(0);
      }
    });
  }
});

describe('Miller & Blair (2009) §2.3 two-sector table, entered as firms', () => {
  const s = millerBlairSnapshot();
  const result = multipliers(s);
  const at = (v: Float64Array, id: string) => v[s.index.get(id)!];

  it('output multipliers 1.5181 and 1.4521 (column sums of L), the same for both firms of a sector', () => {
    for (let J = 0; J < 2; J++) {
      for (const id of MB_FIRMS[J]) {
        expect(Math.abs(at(result.output, id) - MB_OUTPUT_MULTIPLIERS[J])).toBeLessThan(PUBLISHED);
      }
    }
  });

  it('row sums of L and of G = x̂⁻¹ L x̂', () => {
    for (let I = 0; I < 2; I++) {
      const rowL = MB_L[I][0] + MB_L[I][1];
      const rowG = MB_L[I].reduce((sum, l, j) => sum + (l * MB_X[j]) / MB_X[I], 0);
      expect(Math.abs(at(result.leontiefRowSums, MB_FIRMS[I][0]) - rowL)).toBeLessThan(PUBLISHED);
      // x_j/x_i scales the rounding of the published L up to twofold.
      expect(Math.abs(at(result.ghoshRowSums, MB_FIRMS[I][0]) - rowG)).toBeLessThan(2 * PUBLISHED);
    }
  });

  it('linkage indices: 영향력계수 = m_j / mean(m), 감응도계수 = (L1)_i / mean(L1)', () => {
    const meanM = (MB_OUTPUT_MULTIPLIERS[0] + MB_OUTPUT_MULTIPLIERS[1]) / 2;
    expect(Math.abs(at(result.backwardLinkage, 's0a') - MB_OUTPUT_MULTIPLIERS[0] / meanM)).toBeLessThan(PUBLISHED);
    const rows = MB_L.map((r) => r[0] + r[1]);
    const meanRows = (rows[0] + rows[1]) / 2;
    expect(Math.abs(at(result.forwardLinkage, 's1b') - rows[1] / meanRows)).toBeLessThan(PUBLISHED);
  });

  it('all firms in Busan: home-region output equals the output multiplier, retention of induced output 1', () => {
    expect(relativeError(result.homeRegionOutput, result.output)).toBeLessThan(1e-14);
    for (const r of result.regionalRetention) expect(r).toBeCloseTo(1, 12);
  });
});

describe('multipliers refuse what does not converge', () => {
  it('a column sum of A ≥ 1', () => {
    const s = tinySnapshot(
      [
        { id: 'a', revenue: 100 },
        { id: 'b', revenue: 10 },
      ],
      [['a', 'b', 10]],
    );
    expect(() => multipliers(s)).toThrow(ConvergenceConditionError);
    expect(() => multipliers(s)).toThrow(/multipliers: firm "b" buys from the network 10 but its revenue is 10/);
  });

  it('maxIterations too small for a tight loop', () => {
    const s = tinySnapshot(
      [
        { id: 'a', revenue: 100 },
        { id: 'b', revenue: 100 },
      ],
      [
        ['a', 'b', 95],
        ['b', 'a', 95],
      ],
    );
    expect(() => multipliers(s, { maxIterations: 50 })).toThrow(NonConvergenceError);
    // m_a = (1 + .95)/(1 − .95²)
    expect(multipliers(s).output[0]).toBeCloseTo(1.95 / (1 - 0.95 ** 2), 8);
  });
});
