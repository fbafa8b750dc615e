import { beforeAll, describe, expect, it } from 'vitest';
import { Firm, Supply, TIERS, type Dataset } from '../../../server/domain/firm.ts';
import { BUSAN_DISTRICT_IDS } from '../../../server/domain/regions.ts';
import { generateScaleColumns, generateScaleNetwork } from '../../../seed/scale.ts';

const FIRMS = 2_000;
const LINKS = 10_000;
let net: Dataset;
beforeAll(() => {
  net = generateScaleNetwork({ firms: FIRMS, links: LINKS, seed: 7 });
});

function distinctPairs(d: Dataset): number {
  return new Set(d.supplies.map((s) => `${s.supplier}>${s.buyer}`)).size;
}

function accountingBreaches(d: Dataset): string[] {
  const purchases = new Map<string, number>();
  const sales = new Map<string, number>();
  for (const s of d.supplies) {
    purchases.set(s.buyer, (purchases.get(s.buyer) ?? 0) + s.value);
    sales.set(s.supplier, (sales.get(s.supplier) ?? 0) + s.value);
  }
  return d.firms.filter((f) => !((purchases.get(f.id) ?? 0) < f.revenue && (sales.get(f.id) ?? 0) < f.revenue)).map((f) => f.id);
}

describe('generateScaleNetwork', () => {
  it('gives exactly N firms and M distinct links, with no self-supply', () => {
    expect(net.firms.length).toBe(FIRMS);
    expect(new Set(net.firms.map((f) => f.id)).size).toBe(FIRMS);
    expect(net.supplies.length).toBe(LINKS);
    expect(distinctPairs(net)).toBe(LINKS);
    expect(net.supplies.filter((s) => s.supplier === s.buyer)).toEqual([]);
    const ids = new Set(net.firms.map((f) => f.id));
    expect(net.supplies.every((s) => ids.has(s.supplier) && ids.has(s.buyer))).toBe(true);
  });

  it('passes the schemas and honours the accounting rules for every firm', () => {
    expect(net.firms.filter((f) => !Firm.safeParse(f).success).map((f) => f.id)).toEqual([]);
    expect(net.supplies.filter((s) => !Supply.safeParse(s).success)).toEqual([]);
    expect(accountingBreaches(net)).toEqual([]);
  });

  it('is deterministic in its seed', () => {
    const again = generateScaleNetwork({ firms: 300, links: 1_200, seed: 3 });
    expect(JSON.stringify(generateScaleNetwork({ firms: 300, links: 1_200, seed: 3 }))).toBe(JSON.stringify(again));
    expect(JSON.stringify(generateScaleNetwork({ firms: 300, links: 1_200, seed: 4 }))).not.toBe(JSON.stringify(again));
  });

  it('has the seed’s shape: every tier, all 16 districts, partners outside Busan, every firm linked', () => {
    expect(new Set(net.firms.map((f) => f.tier))).toEqual(new Set(TIERS));
    expect(new Set(net.firms.flatMap((f) => (f.district ? [f.district] : [])))).toEqual(new Set(BUSAN_DISTRICT_IDS));
    expect(new Set(net.firms.map((f) => f.region)).size).toBe(6);
    const linked = new Set(net.supplies.flatMap((s) => [s.supplier, s.buyer]));
    expect(linked.size).toBe(FIRMS);
    const anchors = net.firms.filter((f) => ['top-anchor', 'anchor', 'pre-anchor'].includes(f.tier));
    expect(anchors.every((f) => [2024, 2025, 2026].includes(f.cohort!))).toBe(true);
  });

  it('has heavy-tailed degrees', () => {
    const degree = new Map<string, number>();
    for (const s of net.supplies) for (const id of [s.supplier, s.buyer]) degree.set(id, (degree.get(id) ?? 0) + 1);
    const sorted = [...degree.values()].sort((a, b) => b - a);
    const mean = (2 * LINKS) / FIRMS;
    expect(sorted[0]).toBeGreaterThan(mean * 10);
    expect(sorted[Math.floor(FIRMS / 2)]).toBeLessThan(mean);
  });

  it('fills a complete-as-allowed small network exactly, and a sparse one with fewer links than firms', () => {
    const dense = generateScaleNetwork({ firms: 30, links: (30 * 29) / 2, seed: 1 });
    expect(dense.supplies.length).toBe(435);
    expect(distinctPairs(dense)).toBe(435);
    expect(dense.supplies.some((s) => s.supplier === s.buyer)).toBe(false);
    expect(accountingBreaches(dense)).toEqual([]);
    const sparse = generateScaleNetwork({ firms: 100, links: 40, seed: 1 });
    expect(sparse.firms.length).toBe(100);
    expect(distinctPairs(sparse)).toBe(40);
    expect(generateScaleNetwork({ firms: 2, links: 0 }).supplies).toEqual([]);
  });

  it('refuses impossible sizes with a message naming the function', () => {
    expect(() => generateScaleNetwork({ firms: 1, links: 0 })).toThrow(/generateScaleNetwork: firms/);
    expect(() => generateScaleNetwork({ firms: 10, links: 46 })).toThrow(/generateScaleNetwork: links .* 45/);
    expect(() => generateScaleNetwork({ firms: 10, links: 2.5 })).toThrow(/links/);
    expect(() => generateScaleNetwork({ firms: 10, links: 5, seed: 0.5 })).toThrow(/seed/);
  });

  it('keeps the columns and the objects the same network, and reports progress', () => {
    const messages: string[] = [];
    const cols = generateScaleColumns({ firms: FIRMS, links: LINKS, seed: 7, onProgress: (m) => messages.push(m) });
    expect(cols.supplies.supplier.length).toBe(LINKS);
    expect(net.supplies[123]).toEqual({
      supplier: cols.firms[cols.supplies.supplier[123]].id,
      buyer: cols.firms[cols.supplies.buyer[123]].id,
      value: cols.supplies.value[123],
      year: 2025,
      product: cols.supplies.products[cols.supplies.product[123]],
    });
    expect(messages.some((m) => m.startsWith('links'))).toBe(true);
  });
});
