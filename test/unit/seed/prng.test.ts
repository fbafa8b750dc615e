import { describe, expect, it } from 'vitest';
import { AliasTable, Prng } from '../../../seed/prng.ts';

const draws = (rng: Prng, k: number) => Array.from({ length: k }, () => rng.uint32());

describe('Prng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    expect(draws(new Prng(42), 100)).toEqual(draws(new Prng(42), 100));
    expect(draws(new Prng(42), 100)).not.toEqual(draws(new Prng(43), 100));
    expect(draws(new Prng(2 ** 40 + 1), 10)).not.toEqual(draws(new Prng(1), 10));
  });

  it('refuses a seed that is not a safe integer', () => {
    expect(() => new Prng(1.5)).toThrow(/safe integer/);
    expect(() => new Prng(Number.NaN)).toThrow(/safe integer/);
  });

  it('forks independent, reproducible streams', () => {
    const a = new Prng(7);
    const b = new Prng(7);
    expect(draws(a.fork(1), 20)).toEqual(draws(b.fork(1), 20));
    expect(draws(new Prng(7).fork(1), 20)).not.toEqual(draws(new Prng(7).fork(2), 20));
  });

  it('draws uniforms in [0, 1) with mean ½ and integers over the whole inclusive range', () => {
    const rng = new Prng(1);
    let sum = 0;
    let min = 1;
    let max = 0;
    const seen = new Set<number>();
    for (let k = 0; k < 20_000; k++) {
      const u = rng.next();
      sum += u;
      min = Math.min(min, u);
      max = Math.max(max, u);
      seen.add(rng.int(3, 7));
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / 20_000).toBeCloseTo(0.5, 1);
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('draws normals, lognormals, Pareto and Poisson with the right moments', () => {
    const rng = new Prng(3);
    const k = 20_000;
    const normals = Array.from({ length: k }, () => rng.normal(10, 2));
    const mean = normals.reduce((s, x) => s + x, 0) / k;
    const sd = Math.sqrt(normals.reduce((s, x) => s + (x - mean) ** 2, 0) / k);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeGreaterThan(1.9);
    expect(sd).toBeLessThan(2.1);
    const logs = Array.from({ length: k }, () => rng.lognormal(Math.log(100), 0.5)).sort((a, b) => a - b);
    expect(logs[k / 2]).toBeGreaterThan(95);
    expect(logs[k / 2]).toBeLessThan(105);
    const paretos = Array.from({ length: k }, () => rng.pareto(2, 3));
    expect(Math.min(...paretos)).toBeGreaterThanOrEqual(2);
    // E[X] = α·xm/(α−1) = 3
    expect(paretos.reduce((s, x) => s + x, 0) / k).toBeCloseTo(3, 0);
    const poissons = Array.from({ length: k }, () => rng.poisson(4));
    expect(poissons.reduce((s, x) => s + x, 0) / k).toBeCloseTo(4, 1);
  });

  it('picks by weight, never a zero-weight item', () => {
    const rng = new Prng(5);
    const counts = [0, 0, 0];
    for (let k = 0; k < 30_000; k++) counts[rng.weightedIndex([1, 0, 3])]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.7);
    expect(counts[2] / counts[0]).toBeLessThan(3.3);
    expect(() => rng.weightedIndex([0, 0])).toThrow(/positive sum/);
  });

  it('shuffles into a permutation', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = new Prng(9).shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });
});

describe('AliasTable', () => {
  it('samples in proportion to the weights', () => {
    const table = new AliasTable([5, 0, 1, 4]);
    const rng = new Prng(11);
    const counts = [0, 0, 0, 0];
    const k = 50_000;
    for (let i = 0; i < k; i++) counts[table.sample(rng)]++;
    expect(counts[1]).toBe(0);
    expect(counts[0] / k).toBeCloseTo(0.5, 1);
    expect(counts[2] / k).toBeCloseTo(0.1, 1);
    expect(counts[3] / k).toBeCloseTo(0.4, 1);
  });

  it('refuses empty, negative or all-zero weights', () => {
    expect(() => new AliasTable([])).toThrow(/no weights/);
    expect(() => new AliasTable([1, -1])).toThrow(/weight 1/);
    expect(() => new AliasTable([0, 0])).toThrow(/positive sum/);
  });
});
