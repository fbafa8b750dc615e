/**
 * The network and firm endpoints by year, and the change between two years, on the Busan seed with its
 * supply history. The expected sets and sums are counted here from the generator's output, not by the code
 * under test; the removed tie, which the seed does not draw, is checked on a hand-made network.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dataset, Firm, Supply } from '../../server/domain/firm.ts';
import { loadSeedNetwork } from '../../server/services/seedService.ts';
import { generateBusanNetwork } from '../../seed/busan.ts';
import { withSupplyHistory } from '../../seed/supplyHistory.ts';
import { asEditor, startHarness, type Harness } from './harness.ts';

let h: Harness;
let seed: Dataset;
const ANCHOR = 'anchor-2024-01';

/** The anchor's suppliers in `year` with their values, from the generator's output. */
const suppliersIn = (year: number) => new Map(seed.supplies.filter((s) => s.buyer === ANCHOR && s.year === year).map((s) => [s.supplier, s.value]));
const sorted = (ids: Iterable<string>) => [...ids].sort();

beforeAll(async () => {
  h = await startHarness();
  seed = withSupplyHistory(generateBusanNetwork());
  await loadSeedNetwork(h.services.importer);
});
afterAll(async () => h?.close());

describe('supplies by year on the seed', () => {
  it('lists the years with supplies', async () => {
    const r = await h.call('GET', '/api/supply-years');
    expect(r.status).toBe(200);
    expect(r.body.years).toEqual([2021, 2022, 2023, 2024, 2025]);
  });

  it('gives a firm’s suppliers of a year with that year’s values', async () => {
    const expected = suppliersIn(2024);
    const r = await h.call('GET', `/api/firms/${ANCHOR}?year=2024`);
    expect(r.status).toBe(200);
    expect(r.body.year).toBe(2024);
    expect(sorted(r.body.suppliers.map((p: any) => p.id))).toEqual(sorted(expected.keys()));
    for (const p of r.body.suppliers) expect(p.value).toBeCloseTo(expected.get(p.id)!, 6);
    // Without a year: the model's flows, which for the seed are 2025's.
    const latest = await h.call('GET', `/api/firms/${ANCHOR}`);
    expect(sorted(latest.body.suppliers.map((p: any) => p.id))).toEqual(sorted(suppliersIn(2025).keys()));
  });

  it('marks each supplier added, grown, shrunk or unchanged since the selection year, in KRW million', async () => {
    const now = suppliersIn(2025);
    const then = suppliersIn(2024);
    const added = sorted([...now.keys()].filter((id) => !then.has(id)));
    const grown = sorted([...now.keys()].filter((id) => then.has(id) && now.get(id)! > then.get(id)!));
    const shrunk = sorted([...now.keys()].filter((id) => then.has(id) && now.get(id)! < then.get(id)!));
    expect(added.length).toBeGreaterThan(0);
    const r = await h.call('GET', `/api/firms/${ANCHOR}?compareYear=2024`);
    expect(r.status).toBe(200);
    expect([r.body.year, r.body.compareYear]).toEqual([2025, 2024]);
    const by = (change: string) => sorted(r.body.suppliers.filter((p: any) => p.change === change).map((p: any) => p.id));
    expect(by('added')).toEqual(added);
    expect(by('grown')).toEqual(grown);
    expect(by('shrunk')).toEqual(shrunk);
    expect(by('removed')).toEqual([]);
    for (const p of r.body.suppliers) {
      expect(p.compareValue).toBeCloseTo(then.get(p.id) ?? 0, 6);
      expect(p.delta).toBeCloseTo(now.get(p.id)! - (then.get(p.id) ?? 0), 6);
    }
  });

  it('walks the network of a year and compares it with another', async () => {
    const then = suppliersIn(2022);
    const one = await h.call('GET', `/api/firms/${ANCHOR}/network?direction=upstream&depth=1&year=2022`);
    expect(one.status).toBe(200);
    expect(one.body.year).toBe(2022);
    expect(sorted(one.body.nodes.map((n: any) => n.id))).toEqual(sorted([ANCHOR, ...then.keys()]));
    const intoAnchor = one.body.links.filter((l: any) => l.target === ANCHOR);
    expect(intoAnchor).toHaveLength(then.size);
    for (const l of intoAnchor) expect(l.value).toBeCloseTo(then.get(l.source)!, 6);

    const now = suppliersIn(2025);
    const diff = await h.call('GET', `/api/firms/${ANCHOR}/network?direction=upstream&depth=1&year=2025&compareYear=2022`);
    expect(diff.status).toBe(200);
    const added = sorted([...now.keys()].filter((id) => !then.has(id)));
    expect(sorted(diff.body.nodes.filter((n: any) => n.change === 'added').map((n: any) => n.id))).toEqual(added);
    const linkAdded = diff.body.links.filter((l: any) => l.target === ANCHOR && l.change === 'added').map((l: any) => l.source);
    expect(sorted(linkAdded)).toEqual(added);
  });

  it('refuses a year without supplies with 422 naming the field, and a malformed one with 400', async () => {
    for (const path of [`/api/firms/${ANCHOR}?year=2019`, `/api/firms/${ANCHOR}/network?year=2019`]) {
      const r = await h.call('GET', path);
      expect(r.status).toBe(422);
      expect(r.type).toContain('application/problem+json');
      expect(r.body.errors[0].path).toBe('query.year');
      expect(r.body.detail).toContain('2021, 2022, 2023, 2024, 2025');
    }
    const compare = await h.call('GET', `/api/firms/${ANCHOR}/network?compareYear=2030`);
    expect(compare.status).toBe(422);
    expect(compare.body.errors[0].path).toBe('query.compareYear');
    const bad = await h.call('GET', `/api/firms/${ANCHOR}?year=twenty`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.year');
  });
});

describe('a tie that ended', () => {
  // a buys from b in 2023 and 2024 (120 → 150), from c in 2023 only (80); d starts selling to a in 2024 (40).
  const firm = (id: string): Firm => ({ id, name: id.toUpperCase(), tier: 'sme', sector: '29', region: 'Busan', district: 'Saha-gu', revenue: 10_000, employees: 10 });
  const supplies: Supply[] = [
    { supplier: 'b', buyer: 'a', value: 120, year: 2023 },
    { supplier: 'b', buyer: 'a', value: 150, year: 2024 },
    { supplier: 'c', buyer: 'a', value: 80, year: 2023 },
    { supplier: 'd', buyer: 'a', value: 40, year: 2024 },
  ];

  beforeAll(async () => {
    const r = await h.call('POST', '/api/import?mode=replace', { firms: ['a', 'b', 'c', 'd'].map(firm), supplies }, asEditor);
    expect(r.status).toBe(201);
  });

  it('is removed, with its old value and the negative change', async () => {
    const r = await h.call('GET', '/api/firms/a?year=2024&compareYear=2023');
    expect(r.status).toBe(200);
    const rows = Object.fromEntries(r.body.suppliers.map((p: any) => [p.id, [p.change, p.value, p.compareValue, p.delta]]));
    expect(rows).toEqual({ b: ['grown', 150, 120, 30], c: ['removed', 0, 80, -80], d: ['added', 40, 0, 40] });
    const net = await h.call('GET', '/api/firms/a/network?year=2024&compareYear=2023&direction=upstream&depth=1');
    expect(net.status).toBe(200);
    expect(Object.fromEntries(net.body.nodes.map((n: any) => [n.id, n.change]))).toEqual({ a: 'kept', b: 'kept', c: 'removed', d: 'added' });
    expect(Object.fromEntries(net.body.links.map((l: any) => [l.source, l.change]))).toEqual({ b: 'grown', c: 'removed', d: 'added' });
  });

  it('applies minValue to the larger of the two years, so a supply that crossed it grew rather than appeared', async () => {
    // b→a is 150 in 2024 and 120 in 2023: above 130 in one year only. c (80) and d (40) stay below in both.
    const net = await h.call('GET', '/api/firms/a/network?year=2024&compareYear=2023&direction=upstream&depth=1&minValue=130');
    expect(net.status).toBe(200);
    expect(net.body.links.map((l: any) => [l.source, l.change, l.value, l.compareValue])).toEqual([['b', 'grown', 150, 120]]);
  });
});
