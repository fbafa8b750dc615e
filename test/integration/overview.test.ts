import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Firm, Supply } from '../../server/domain/firm.ts';
import { asEditor, startHarness, type Harness } from './harness.ts';

let h: Harness;

// Two divisions: 30 = {a (anchor), b, c}, 31 = {d, e}; e is outside Busan. Sums worked by hand below.
const firm = (id: string, sector: string, extra: Partial<Firm> = {}): Firm => ({ id, name: id.toUpperCase(), tier: 'sme', sector, region: 'Busan', district: 'Gangseo-gu', revenue: 10_000, employees: 10, ...extra });
const firms: Firm[] = [firm('a', '30', { tier: 'anchor' }), firm('b', '30'), firm('c', '30', { district: 'Saha-gu' }), firm('d', '31'), firm('e', '31', { region: 'Gyeongnam', district: undefined, revenue: 20_000 })];
const supplies: Supply[] = [
  { supplier: 'b', buyer: 'a', value: 500, year: 2025 },
  { supplier: 'c', buyer: 'b', value: 300, year: 2025 },
  { supplier: 'd', buyer: 'a', value: 700, year: 2025 },
  { supplier: 'e', buyer: 'c', value: 200, year: 2025 },
  { supplier: 'a', buyer: 'e', value: 100, year: 2025 },
];

beforeAll(async () => {
  h = await startHarness();
  const r = await h.call('POST', '/api/import?mode=replace', { firms, supplies }, asEditor);
  expect(r.status).toBe(201);
});
afterAll(async () => h?.close());

describe('GET /api/overview', () => {
  it('folds firms into divisions with the flows between them summed', async () => {
    const r = await h.call('GET', '/api/overview?by=division');
    expect(r.status).toBe(200);
    expect(r.body.totals).toEqual({ firms: 5, links: 5 });
    const groups = Object.fromEntries(r.body.groups.map((g: any) => [g.key, [g.firms, g.revenue, g.internalValue]]));
    expect(groups).toEqual({ '30': [3, 30_000, 800], '31': [2, 30_000, 0] });
    const links = r.body.links.map((l: any) => `${l.source}>${l.target}:${l.value}:${l.count}`).sort();
    expect(links).toEqual(['g:30>g:31:100:1', 'g:31>g:30:900:2']);
    expect(r.body.firms).toEqual([]);
  });

  it('keeps an anchor and its partners as firms (focus+context), and opens a group', async () => {
    const ctx = await h.call('GET', '/api/overview?by=district&context=true');
    expect(ctx.status).toBe(200);
    // a's partners: b, d (suppliers) and e (buyer); c stays in its district group.
    expect(ctx.body.firms.map((f: any) => f.id).sort()).toEqual(['a', 'b', 'd', 'e']);
    expect(ctx.body.firms.find((f: any) => f.id === 'a').focal).toBe(true);
    expect(ctx.body.groups.map((g: any) => g.key)).toEqual(['Saha-gu']);
    const opened = await h.call('GET', '/api/overview?by=district&open=@Gyeongnam');
    expect(opened.body.firms.map((f: any) => f.id)).toEqual(['e']);
    expect(opened.body.groups.map((g: any) => [g.key, g.firms]).sort()).toEqual([
      ['Gangseo-gu', 3],
      ['Saha-gu', 1],
    ]);
  });

  it('falls back to divisions while no communities are computed, and says so', async () => {
    const r = await h.call('GET', '/api/overview');
    expect(r.status).toBe(200);
    expect(r.body.requestedBy).toBe('community');
    expect(r.body.by).toBe('division');
  });

  it('refuses bad parameters with a 400 naming the field, and changes nothing', async () => {
    for (const [q, field] of [
      ['by=sector', 'query.by'],
      ['focus=bad%20id', 'query.focus'],
      ['maxDetail=-1', 'query.maxDetail'],
      ['context=maybe', 'query.context'],
    ]) {
      const r = await h.call('GET', `/api/overview?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.type).toContain('application/problem+json');
      expect(JSON.stringify(r.body.errors), q).toContain(field.split('.')[1]);
    }
    expect((await h.call('GET', '/api/health')).body.firms).toBe(5);
  });
});

describe('POST /api/firm-attributes', () => {
  it('gives tier, sector and place of known firms and leaves unknown ids out', async () => {
    const r = await h.call('POST', '/api/firm-attributes', { ids: ['e', 'a', 'nobody'] });
    expect(r.status).toBe(200);
    expect(r.body.firms).toEqual([
      { id: 'e', name: 'E', tier: 'sme', sector: '31', region: 'Gyeongnam', revenue: 20_000, employees: 10 },
      { id: 'a', name: 'A', tier: 'anchor', sector: '30', region: 'Busan', district: 'Gangseo-gu', revenue: 10_000, employees: 10 },
    ]);
  });

  it('refuses an empty or malformed list', async () => {
    for (const body of [{ ids: [] }, { ids: ['a b'] }, {}]) {
      const r = await h.call('POST', '/api/firm-attributes', body);
      expect(r.status).toBe(400);
      expect(r.body.errors[0].path).toMatch(/^body\.ids/);
    }
  });
});
