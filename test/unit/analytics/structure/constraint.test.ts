import { describe, expect, it } from 'vitest';
import { constraint } from '../../../../server/analytics/constraint.ts';
import { buildSnapshot, type Snapshot } from '../../../../server/analytics/snapshot.ts';
import { randomSupplyNetwork } from '../../../../bench/random-network.ts';
import { KARATE, SMALL_DIRECTED } from './graphs.ts';
import { maxAbsDiff, snapshotOf } from './helpers.ts';

// networkx 3.6.1 `constraint(G)` on the unweighted karate club.
const KARATE_CONSTRAINT = [
  0.1554232976, 0.279535108, 0.1851766397, 0.3966596472, 0.5294174383, 0.477484809, 0.477484809,
  0.4427115885, 0.3036007137, 0.5, 0.5294174383, 1.0, 0.6225043403, 0.3233354167, 0.5736795944,
  0.5736795944, 0.78125, 0.5908685378, 0.5736795944, 0.3737193501, 0.5736795944, 0.5908685378,
  0.5736795944, 0.3058237216, 0.4598765432, 0.4598765432, 0.6709018166, 0.2850692042, 0.3869131531,
  0.4494090013, 0.3460064639, 0.2445754037, 0.2492233623, 0.1564186851,
];
// networkx 3.6.1 `constraint(G, weight='weight')` on the karate club with interaction counts.
const KARATE_WEIGHTED_CONSTRAINT = [
  0.1906234891, 0.3409019831, 0.2556538391, 0.4122226156, 0.5080885697, 0.4911292278, 0.5314047217,
  0.5270819504, 0.3344147564, 0.5555555556, 0.5304976483, 1.0, 0.7302295918, 0.3827486243, 0.6411266928,
  0.6323943474, 0.9397491245, 0.6653314076, 0.6670775837, 0.4391093639, 0.7238213471, 0.6236083811,
  0.6398342278, 0.3127739612, 0.5124716553, 0.4563144986, 0.6531624388, 0.3222101464, 0.3989827412,
  0.4389251974, 0.3944911707, 0.2754988351, 0.2582561405, 0.1862872856,
];
// networkx 3.6.1 `constraint(U, weight='weight')` where U is SMALL_DIRECTED as an undirected Graph with
// w = z_ij + z_ji. (networkx on the DiGraph itself gives the same values except NaN for firm 11, because
// its pure-Python path tests isolation on successors only.)
const SMALL_CONSTRAINT = [
  0.3922093616, 0.402403919, 0.4927276008, 0.4273130601, 0.3514589414, 0.3681870653, 0.3991797571,
  0.433895717, 0.4116568958, 0.2974218267, 0.4400492567, 0.6634911243, NaN,
];

function expectClose(actual: Float64Array, expected: number[], tolerance: number) {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((x, i) => {
    if (Number.isNaN(x)) expect(actual[i]).toBeNaN();
    else expect(Math.abs(actual[i] - x)).toBeLessThan(tolerance);
  });
}

/** The formula summed directly over every partner pair, as networkx does. */
function constraintDirect(snapshot: Snapshot): number[] {
  const n = snapshot.n;
  const w = Array.from({ length: n }, () => new Map<number, number>());
  for (let i = 0; i < n; i++) {
    for (let e = snapshot.outOffsets[i]; e < snapshot.outOffsets[i + 1]; e++) {
      const j = snapshot.outTargets[e];
      const z = snapshot.outValues[e];
      w[i].set(j, (w[i].get(j) ?? 0) + z);
      w[j].set(i, (w[j].get(i) ?? 0) + z);
    }
  }
  const total = w.map((m) => [...m.values()].reduce((a, b) => a + b, 0));
  const p = (i: number, j: number) => (total[i] > 0 ? (w[i].get(j) ?? 0) / total[i] : 0);
  return w.map((partners, i) => {
    if (partners.size === 0) return NaN;
    let c = 0;
    for (const j of partners.keys()) {
      let term = p(i, j);
      for (const q of partners.keys()) term += p(i, q) * p(q, j);
      c += term * term;
    }
    return c;
  });
}

describe('constraint', () => {
  it('matches networkx on the karate club, unweighted and weighted', () => {
    const unweighted = constraint(snapshotOf(34, KARATE.map(([u, v]) => [u, v, 1] as const), true));
    expectClose(unweighted, KARATE_CONSTRAINT, 1e-9);
    expect(unweighted[0]).toBeCloseTo(0.15542329, 7);
    expectClose(constraint(snapshotOf(34, KARATE, true)), KARATE_WEIGHTED_CONSTRAINT, 1e-9);
  });

  it('adds mutual ties and gives NaN to a firm without ties', () => {
    expectClose(constraint(snapshotOf(13, SMALL_DIRECTED)), SMALL_CONSTRAINT, 1e-9);
  });

  it('agrees with the direct sum on a random heavy-tailed network (triangle listing)', () => {
    const network = randomSupplyNetwork(500, 4_000, 21);
    const snapshot = buildSnapshot(network.firms, network.links);
    const direct = constraintDirect(snapshot);
    const fast = constraint(snapshot);
    const isolated = direct.map((x) => Number.isNaN(x));
    expect(Array.from(fast, (x) => Number.isNaN(x))).toEqual(isolated);
    expect(maxAbsDiff(fast.map((x) => (Number.isNaN(x) ? 0 : x)), direct.map((x) => (Number.isNaN(x) ? 0 : x)))).toBeLessThan(1e-12);
  });

  it('is 1 for a firm with a single partner and 0 for a firm whose ties carry no value', () => {
    const result = constraint(snapshotOf(3, [[0, 1, 5], [2, 1, 0]]));
    expect(result[0]).toBe(1);
    expect(result[2]).toBe(0);
  });
});
