import { beforeAll, describe, expect, it } from 'vitest';
import { isValidBrn } from '../../../server/domain/brn.ts';
import { Firm, Supply, type Dataset } from '../../../server/domain/firm.ts';
import { BUSAN_DISTRICT_IDS } from '../../../server/domain/regions.ts';
import { SECTORS } from '../../../server/domain/sectors.ts';
import { FIRM_FIELDS } from '../../../seed/attributes.ts';
import { COHORT_2026, EARLY_COHORT_GROWTH, generateBusanNetwork, SEED_LABEL } from '../../../seed/busan.ts';

let seed: Dataset;
let json: string;
beforeAll(() => {
  seed = generateBusanNetwork();
  json = JSON.stringify(seed);
});

const byId = () => new Map(seed.firms.map((f) => [f.id, f]));

describe('generateBusanNetwork', () => {
  it('is deterministic: the same seed gives byte-identical JSON, another seed another network', () => {
    expect(JSON.stringify(generateBusanNetwork(2026))).toBe(json);
    expect(JSON.stringify(generateBusanNetwork(2027))).not.toBe(json);
  });

  it('has 3,000–6,000 firms with unique ids and 12,000–16,000 supplies', () => {
    expect(seed.firms.length).toBeGreaterThanOrEqual(3_000);
    expect(seed.firms.length).toBeLessThanOrEqual(6_000);
    expect(new Set(seed.firms.map((f) => f.id)).size).toBe(seed.firms.length);
    expect(seed.supplies.length).toBeGreaterThanOrEqual(12_000);
    expect(seed.supplies.length).toBeLessThanOrEqual(16_000);
  });

  it('passes the Firm and Supply schemas, every record', () => {
    const badFirms = seed.firms.flatMap((f) => {
      const r = Firm.safeParse(f);
      return r.success ? [] : [`${f.id}: ${r.error.message}`];
    });
    const badSupplies = seed.supplies.flatMap((s, e) => {
      const r = Supply.safeParse(s);
      return r.success ? [] : [`${e}: ${r.error.message}`];
    });
    expect(badFirms).toEqual([]);
    expect(badSupplies).toEqual([]);
  });

  it('lays out each firm’s fields in the schema’s order', () => {
    for (const f of seed.firms.slice(0, 200)) {
      const keys = Object.keys(f);
      expect(keys).toEqual(FIRM_FIELDS.filter((k) => keys.includes(k)));
    }
  });

  it('links only known firms, never a firm to itself, at most once per supplier→buyer pair, all in 2025', () => {
    const ids = byId();
    const bad = seed.supplies.filter((s) => !ids.has(s.supplier) || !ids.has(s.buyer) || s.supplier === s.buyer);
    expect(bad).toEqual([]);
    expect(new Set(seed.supplies.map((s) => `${s.supplier}>${s.buyer}`)).size).toBe(seed.supplies.length);
    expect(new Set(seed.supplies.map((s) => s.year))).toEqual(new Set([2025]));
  });

  it('honours the accounting rules for every firm, with the margins of DESIGN §3', () => {
    const purchases = new Map<string, number>();
    const sales = new Map<string, number>();
    for (const s of seed.supplies) {
      purchases.set(s.buyer, (purchases.get(s.buyer) ?? 0) + s.value);
      sales.set(s.supplier, (sales.get(s.supplier) ?? 0) + s.value);
    }
    const broken = seed.firms.filter((f) => !((purchases.get(f.id) ?? 0) < f.revenue && (sales.get(f.id) ?? 0) < f.revenue));
    expect(broken.map((f) => f.id)).toEqual([]);
    const maxPurchaseShare = Math.max(...seed.firms.map((f) => (purchases.get(f.id) ?? 0) / f.revenue));
    const maxSalesShare = Math.max(...seed.firms.map((f) => (sales.get(f.id) ?? 0) / f.revenue));
    expect(maxPurchaseShare).toBeLessThanOrEqual(0.6);
    expect(maxSalesShare).toBeLessThanOrEqual(0.7);
  });

  it('includes the 2026 cohort with its names and grades', () => {
    const firms = byId();
    const expected = [
      ['daeyang-electric', 'Daeyang Electric', '대양전기공업', 'top-anchor'],
      ['bmt', 'BMT', '비엠티', 'anchor'],
      ['halla-ims', 'Halla IMS', '한라IMS', 'anchor'],
      ['jmj', 'JMJ', '제이엠제이', 'pre-anchor'],
    ];
    for (const [id, name, nameKo, tier] of expected) {
      expect(firms.get(id)).toMatchObject({ name, nameKo, tier, cohort: 2026, region: 'Busan' });
    }
    expect(firms.get('daeyang-electric')?.sector).toBe('28');
    expect(firms.get('bmt')?.sector).toBe('29');
    expect(['27', '28']).toContain(firms.get('halla-ims')?.sector);
    expect(COHORT_2026.map((a) => a.id)).toEqual(expected.map((e) => e[0]));
  });

  it('has 6–10 first- and second-cohort anchors each, mixed grades, named as synthetic', () => {
    for (const cohort of [2024, 2025]) {
      const anchors = seed.firms.filter((f) => f.cohort === cohort);
      expect(anchors.length).toBeGreaterThanOrEqual(6);
      expect(anchors.length).toBeLessThanOrEqual(10);
      expect(new Set(anchors.map((f) => f.tier))).toEqual(new Set(['top-anchor', 'anchor', 'pre-anchor']));
      for (const f of anchors) expect(f.name).toMatch(/^Synthetic Anchor /);
    }
    expect(SEED_LABEL).toMatch(/SYNTHETIC/);
  });

  it('gives the first and second cohorts, summed, +15.6% revenue and +13.7% employment in 2025 (to 0.1 pp)', () => {
    const early = seed.firms.filter((f) => f.cohort === 2024 || f.cohort === 2025);
    const sum = (year: number, field: 'revenue' | 'employees') =>
      early.reduce((s, f) => s + (f.history?.find((h) => h.year === year)?.[field] ?? Number.NaN), 0);
    expect(Math.abs(sum(2025, 'revenue') / sum(2024, 'revenue') - 1 - EARLY_COHORT_GROWTH.revenue)).toBeLessThan(0.001);
    expect(Math.abs(sum(2025, 'employees') / sum(2024, 'employees') - 1 - EARLY_COHORT_GROWTH.employees)).toBeLessThan(0.001);
    expect(EARLY_COHORT_GROWTH).toMatchObject({ revenue: 0.156, employees: 0.137 });
  });

  it('grows the other firms by a few percent a year in aggregate, with some fast-growing SMEs', () => {
    const others = seed.firms.filter((f) => f.cohort === undefined && f.tier === 'sme');
    const total = (year: number) => others.reduce((s, f) => s + (f.history?.find((h) => h.year === year)?.revenue ?? 0), 0);
    const withBoth = others.filter((f) => f.history?.some((h) => h.year === 2024));
    const growth =
      withBoth.reduce((s, f) => s + f.revenue, 0) / withBoth.reduce((s, f) => s + f.history!.find((h) => h.year === 2024)!.revenue, 0) - 1;
    expect(growth).toBeGreaterThan(0.02);
    expect(growth).toBeLessThan(0.08);
    expect(total(2025)).toBeGreaterThan(0);
    const fast = others.filter((f) => {
      const first = f.history!.find((h) => h.year === 2022);
      return first !== undefined && f.revenue / first.revenue > 1.5 && (f.exportShare ?? 0) >= 0.3 && (f.patents ?? 0) >= 8;
    });
    expect(fast.length).toBeGreaterThanOrEqual(30);
  });

  it('ends every history at the firm’s own revenue, employees and export share, years ascending within 2020–2025', () => {
    const bad = seed.firms.filter((f) => {
      const h = f.history ?? [];
      const last = h.at(-1);
      const yearsOk = h.every((p, k) => p.year === 2026 - h.length + k) && h.length >= 1 && h[0].year >= 2020;
      return !yearsOk || last?.revenue !== f.revenue || last.employees !== f.employees || last.exportShare !== f.exportShare;
    });
    expect(bad.map((f) => f.id)).toEqual([]);
  });

  it('places Busan firms in all 16 gu/gun, weighted to the industrial districts, and partners outside Busan', () => {
    const busan = seed.firms.filter((f) => f.region === 'Busan');
    const count = (d: string) => busan.filter((f) => f.district === d).length;
    for (const d of BUSAN_DISTRICT_IDS) expect(count(d), d).toBeGreaterThan(0);
    expect(busan.every((f) => f.district !== undefined)).toBe(true);
    expect(count('Gangseo-gu')).toBeGreaterThan(count('Busanjin-gu') * 3);
    expect(count('Sasang-gu')).toBeGreaterThan(count('Haeundae-gu') * 3);
    expect(count('Jung-gu') + count('Dong-gu')).toBeLessThan(busan.length * 0.03);
    const outside = seed.firms.filter((f) => f.region !== 'Busan');
    expect(new Set(outside.map((f) => f.region))).toEqual(new Set(['Gyeongnam', 'Ulsan', 'Daegu', 'Capital', 'Overseas']));
    expect(outside.every((f) => f.district === undefined && (f.tier === 'external' || f.tier === 'large'))).toBe(true);
    expect(seed.firms.filter((f) => f.tier === 'large' && f.region !== 'Busan' && f.sector === '31').length).toBeGreaterThanOrEqual(2);
  });

  it('uses Busan’s manufacturing divisions, led by metal, machinery, auto parts and ships', () => {
    const codes = new Set(SECTORS.map((s) => s.code));
    expect(seed.firms.every((f) => codes.has(f.sector))).toBe(true);
    const count = (c: string) => seed.firms.filter((f) => f.region === 'Busan' && f.sector === c).length;
    for (const big of ['25', '29', '30', '31']) expect(count(big)).toBeGreaterThan(count('26'));
  });

  it('gives Busan firms a valid BRN (unique), a Korean name and unique names', () => {
    const busan = seed.firms.filter((f) => f.region === 'Busan');
    expect(busan.every((f) => f.brn !== undefined && isValidBrn(f.brn) && f.nameKo !== undefined)).toBe(true);
    const brns = seed.firms.flatMap((f) => (f.brn ? [f.brn] : []));
    expect(new Set(brns).size).toBe(brns.length);
    expect(new Set(seed.firms.map((f) => f.name)).size).toBe(seed.firms.length);
    const ko = seed.firms.flatMap((f) => (f.nameKo ? [f.nameKo] : []));
    expect(new Set(ko).size).toBe(ko.length);
  });

  it('keeps revenue and employees in the ranges of each tier, at ₩~200–1,500m revenue per employee', () => {
    const outOfRange = seed.firms.filter(
      (f) => (f.tier === 'sme' && !(f.revenue >= 500 && f.revenue <= 50_000)) || (f.cohort !== undefined && !(f.revenue >= 30_000 && f.revenue <= 300_000)),
    );
    expect(outOfRange.map((f) => f.id)).toEqual([]);
    const perEmployee = seed.firms.filter((f) => f.tier === 'sme' && f.employees >= 10).map((f) => f.revenue / f.employees).sort((a, b) => a - b);
    expect(perEmployee[Math.floor(perEmployee.length / 2)]).toBeGreaterThan(250);
    expect(perEmployee[Math.floor(perEmployee.length / 2)]).toBeLessThan(600);
  });

  it('builds tiered chains: anchors have many suppliers whose own suppliers reach a third tier, and downstream buyers', () => {
    const suppliersOf = new Map<string, string[]>();
    const buyersOf = new Map<string, string[]>();
    for (const s of seed.supplies) {
      suppliersOf.set(s.buyer, [...(suppliersOf.get(s.buyer) ?? []), s.supplier]);
      buyersOf.set(s.supplier, [...(buyersOf.get(s.supplier) ?? []), s.buyer]);
    }
    const firms = byId();
    for (const a of seed.firms.filter((f) => f.cohort !== undefined)) {
      const tier1 = suppliersOf.get(a.id) ?? [];
      expect(tier1.length, a.id).toBeGreaterThanOrEqual(10);
      const tier2 = new Set(tier1.flatMap((s) => suppliersOf.get(s) ?? []));
      const tier3 = new Set([...tier2].flatMap((s) => suppliersOf.get(s) ?? []));
      expect(tier2.size, a.id).toBeGreaterThan(tier1.length);
      expect(tier3.size, a.id).toBeGreaterThan(0);
      const buyers = buyersOf.get(a.id) ?? [];
      expect(buyers.some((b) => ['large', 'external'].includes(firms.get(b)!.tier)), a.id).toBe(true);
    }
    expect((buyersOf.get('daeyang-electric') ?? []).some((b) => firms.get(b)!.tier === 'large' && firms.get(b)!.sector === '31')).toBe(true);
  });

  it('has heavy-tailed degrees, shared suppliers, reciprocal trades and mostly local trade', () => {
    const outDegree = new Map<string, number>();
    for (const s of seed.supplies) outDegree.set(s.supplier, (outDegree.get(s.supplier) ?? 0) + 1);
    const degrees = [...outDegree.values()].sort((a, b) => b - a);
    const mean = seed.supplies.length / seed.firms.length;
    expect(degrees[0]).toBeGreaterThan(mean * 15);
    const pairs = new Set(seed.supplies.map((s) => `${s.supplier}>${s.buyer}`));
    const reciprocal = seed.supplies.filter((s) => pairs.has(`${s.buyer}>${s.supplier}`)).length;
    expect(reciprocal).toBeGreaterThan(20);
    const suppliersOf = (id: string) => new Set(seed.supplies.filter((s) => s.buyer === id).map((s) => s.supplier));
    const anchors = seed.firms.filter((f) => f.cohort !== undefined).map((f) => suppliersOf(f.id));
    const shared = new Set(anchors.flatMap((a, i) => [...a].filter((s) => anchors.some((b, j) => j !== i && b.has(s)))));
    expect(shared.size).toBeGreaterThan(20);
    const firms = byId();
    const inBusan = seed.supplies.filter((s) => firms.get(s.supplier)!.region === 'Busan' && firms.get(s.buyer)!.region === 'Busan');
    expect(inBusan.length / seed.supplies.length).toBeGreaterThan(0.5);
    expect(seed.firms.every((f) => outDegree.has(f.id) || seed.supplies.some((s) => s.buyer === f.id))).toBe(true);
  });
});
