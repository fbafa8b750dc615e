import { beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, Supply } from '../../../server/domain/firm.ts';
import { costStructureViolation } from '../../../server/domain/accounting.ts';
import { generateBusanNetwork } from '../../../seed/busan.ts';
import { generateSupplyHistory, HISTORY_START_YEAR } from '../../../seed/supplyHistory.ts';

let seed: Dataset;
let history: Supply[];
beforeAll(() => {
  seed = generateBusanNetwork();
  history = generateSupplyHistory(seed);
});

const pair = (s: Supply) => `${s.supplier}>${s.buyer}`;

describe('generateSupplyHistory', () => {
  it('leaves the seed as it was and is deterministic', () => {
    expect(JSON.stringify(seed)).toBe(JSON.stringify(generateBusanNetwork()));
    expect(seed.firms).toHaveLength(4_000);
    expect(seed.supplies).toHaveLength(14_000);
    expect(JSON.stringify(generateSupplyHistory(generateBusanNetwork()))).toBe(JSON.stringify(history));
  });

  it('draws every year from 2021 to 2024, each pair once a year and only pairs that still trade in 2025', () => {
    const years = new Set(history.map((s) => s.year));
    expect([...years].sort()).toEqual([2021, 2022, 2023, 2024]);
    expect(HISTORY_START_YEAR).toBe(2021);
    const latest = new Set(seed.supplies.map(pair));
    for (const s of history) expect(latest.has(pair(s))).toBe(true);
    expect(new Set(history.map((s) => `${pair(s)}@${s.year}`)).size).toBe(history.length);
  });

  it('keeps the accounting rules in every year against that year’s revenue, and every cost structure closed', () => {
    const firms = new Map(seed.firms.map((f) => [f.id, f]));
    const revenueIn = (id: string, year: number) => firms.get(id)!.history?.find((p) => p.year === year)?.revenue ?? firms.get(id)!.revenue;
    for (let year = 2021; year <= 2024; year++) {
      const purchases = new Map<string, number>();
      const sales = new Map<string, number>();
      for (const s of history.filter((x) => x.year === year)) {
        purchases.set(s.buyer, (purchases.get(s.buyer) ?? 0) + s.value);
        sales.set(s.supplier, (sales.get(s.supplier) ?? 0) + s.value);
      }
      for (const [id, p] of purchases) {
        expect(p, `${id} purchases in ${year}`).toBeLessThan(revenueIn(id, year));
        expect(costStructureViolation({ ...firms.get(id)!, revenue: revenueIn(id, year) }, p), `${id} costs in ${year}`).toBeUndefined();
      }
      for (const [id, s] of sales) expect(s, `${id} sales in ${year}`).toBeLessThan(revenueIn(id, year));
    }
  });

  it('gives the 2024 cohort anchors Busan SME suppliers they did not have in their selection year', () => {
    const anchors = seed.firms.filter((f) => f.cohort === 2024);
    const before = new Set(history.filter((s) => s.year === 2024).map(pair));
    const firmOf = new Map(seed.firms.map((f) => [f.id, f]));
    for (const a of anchors) {
      const added = seed.supplies.filter((s) => s.buyer === a.id && !before.has(pair(s)));
      expect(added.length, a.id).toBeGreaterThan(0);
      const localSmes = added.filter((s) => firmOf.get(s.supplier)!.region === 'Busan' && firmOf.get(s.supplier)!.tier === 'sme');
      expect(localSmes.length / added.length, a.id).toBeGreaterThan(0.5);
    }
  });

  it('mostly grows values towards 2025', () => {
    const v2021 = new Map(history.filter((s) => s.year === 2021).map((s) => [pair(s), s.value]));
    const both = seed.supplies.filter((s) => v2021.has(pair(s)));
    const grown = both.filter((s) => s.value > v2021.get(pair(s))!).length;
    expect(grown / both.length).toBeGreaterThan(0.6);
    expect(grown).toBeLessThan(both.length);
  });
});
