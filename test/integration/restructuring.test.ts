/**
 * Restructuring scenarios and the localisation assistant through the API on a real Neo4j. The before and
 * after totals are held against an exact dense solve of the changed network, written here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identity, solve } from '../unit/analytics/dense.ts';
import { asEditor, startHarness, type Harness } from './harness.ts';
import { EvaluateResponse, LocalisationResponse } from '../../server/api/restructuring.ts';

let h: Harness;

type F = { id: string; region: string; tier: string; sector: string; revenue: number; employees: number; valueAddedRatio: number; district?: string; axLevel?: number };
const firms: F[] = [
  { id: 'anchor', region: 'Busan', tier: 'top-anchor', sector: '28110', revenue: 1000, employees: 100, valueAddedRatio: 0.3, district: 'Gangseo-gu' },
  { id: 'sme-a', region: 'Busan', tier: 'sme', sector: '26110', revenue: 300, employees: 40, valueAddedRatio: 0.35, district: 'Gangseo-gu', axLevel: 4 },
  { id: 'sme-b', region: 'Busan', tier: 'sme', sector: '26120', revenue: 250, employees: 30, valueAddedRatio: 0.4, district: 'Saha-gu', axLevel: 1 },
  { id: 'out-a', region: 'Gyeongnam', tier: 'large', sector: '26110', revenue: 800, employees: 60, valueAddedRatio: 0.3 },
  { id: 'out-b', region: 'Capital', tier: 'large', sector: '24100', revenue: 2000, employees: 100, valueAddedRatio: 0.3 },
  { id: 'sme-c', region: 'Busan', tier: 'sme', sector: '24100', revenue: 120, employees: 25, valueAddedRatio: 0.4, district: 'Saha-gu' },
  { id: 'yard', region: 'Busan', tier: 'anchor', sector: '31110', revenue: 1500, employees: 200, valueAddedRatio: 0.25, district: 'Yeongdo-gu' },
];
const supplies = [
  { supplier: 'out-a', buyer: 'anchor', value: 200, product: 'circuit boards' },
  { supplier: 'out-a', buyer: 'anchor', value: 150, year: 2020, product: 'circuit boards' },
  { supplier: 'out-b', buyer: 'anchor', value: 150, product: 'copper wire' },
  { supplier: 'sme-a', buyer: 'anchor', value: 60, product: 'circuit boards' },
  { supplier: 'sme-b', buyer: 'anchor', value: 40, product: 'sensors' },
  { supplier: 'sme-c', buyer: 'sme-a', value: 30 },
  { supplier: 'out-a', buyer: 'sme-a', value: 20 },
  { supplier: 'anchor', buyer: 'yard', value: 300 },
  { supplier: 'sme-b', buyer: 'yard', value: 30 },
  { supplier: 'sme-a', buyer: 'out-a', value: 40 },
  { supplier: 'out-b', buyer: 'sme-b', value: 30 },
  { supplier: 'sme-c', buyer: 'yard', value: 20 },
  { supplier: 'yard', buyer: 'out-b', value: 100 },
  { supplier: 'anchor', buyer: 'sme-c', value: 10 },
];

/**
 * Region-scope (home firms endogenous) home totals of a network given densely, by Gaussian elimination;
 * final demand is the stored network's (f = x − Z1), held fixed.
 */
function denseRegion(z: number[][]) {
  const n = firms.length;
  const home = firms.map((f) => f.region === 'Busan');
  const x = firms.map((f) => f.revenue);
  const f = x.map((xi, i) => xi - baseZ()[i].reduce((a, b) => a + b, 0));
  const E = firms.map((_, i) => i).filter((i) => home[i]);
  const M = identity(E.length).map((row, a) => row.map((v, b) => v - z[E[a]][E[b]] / x[E[b]]));
  const exports = (i: number) => firms.reduce((s, _, j) => s + (home[j] ? 0 : z[i][j]), 0);
  // Sales to outside buyers are exports: exogenous final demand in region scope.
  const level = solve(M, E.map((i) => f[i] + exports(i)));
  let output = 0, valueAdded = 0, jobs = 0, leakage = 0;
  E.forEach((j, a) => {
    output += level[a];
    valueAdded += firms[j].valueAddedRatio * level[a];
    jobs += (firms[j].employees / x[j]) * level[a];
    for (let i = 0; i < n; i++) if (!home[i]) leakage += (z[i][j] / x[j]) * level[a];
  });
  return { output, valueAdded, jobs, leakage };
}

function baseZ(): number[][] {
  const at = (id: string) => firms.findIndex((f) => f.id === id);
  const z = firms.map(() => new Array(firms.length).fill(0));
  // The model uses each pair's latest year: out-a's 2020 supply to the anchor is superseded.
  for (const s of supplies) if ((s as { year?: number }).year !== 2020) z[at(s.supplier)][at(s.buyer)] += s.value;
  return z;
}
const at = (id: string) => firms.findIndex((f) => f.id === id);

beforeAll(async () => {
  h = await startHarness();
  const body = {
    firms: firms.map((f) => ({ ...f, name: f.id.toUpperCase() })),
    supplies: supplies.map((s) => ({ year: 2025, ...s })),
  };
  const r = await h.call('POST', '/api/import?mode=replace', body, asEditor);
  expect(r.status).toBe(201);
});
afterAll(async () => h?.close());

describe('POST /api/restructuring/evaluate', () => {
  it('moving a share of the anchor\'s out-of-region purchases to a Busan SME equals the dense solve of the changed network', async () => {
    const r = await h.call('POST', '/api/restructuring/evaluate', {
      changes: [{ kind: 'move', buyer: 'anchor', share: 0.4, from: { outsideRegion: true }, to: [{ supplier: 'sme-a' }] }],
    });
    expect(r.status).toBe(200);
    // The response is what the OpenAPI document says it is.
    expect(EvaluateResponse.safeParse(r.body).error).toBeUndefined();
    const z = baseZ();
    const before = denseRegion(z);
    const moved = 0.4 * (200 + 150);
    z[at('out-a')][at('anchor')] *= 0.6;
    z[at('out-b')][at('anchor')] *= 0.6;
    z[at('sme-a')][at('anchor')] += moved;
    const after = denseRegion(z);
    for (const [got, want] of [[r.body.before, before], [r.body.after, after]]) {
      expect(got.output).toBeCloseTo(want.output, 5);
      expect(got.valueAdded).toBeCloseTo(want.valueAdded, 5);
      expect(got.jobs).toBeCloseTo(want.jobs, 5);
      expect(got.leakage.total).toBeCloseTo(want.leakage, 5);
    }
    expect(r.body.after.output).toBeGreaterThan(r.body.before.output);
    // Households closed: the wages earned on the new business are partly spent in Busan.
    expect(r.body.afterTypeII.output).toBeGreaterThan(r.body.after.output);
    expect(r.body.afterTypeII.householdIncome).toBeGreaterThan(r.body.before.householdIncome);
    expect(r.body.scope).toBe('region');
    expect(r.body.gainers[0].id).toBe('sme-a');
    expect(r.body.anchors.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining(['anchor', 'yard']));
    const changed = r.body.changedFirms.find((f: { id: string }) => f.id === 'anchor');
    expect(changed.after.homeSourcing).toBeGreaterThan(changed.before.homeSourcing);
  });

  it('moves only the selected product', async () => {
    const r = await h.call('POST', '/api/restructuring/evaluate', {
      changes: [{ kind: 'move', buyer: 'anchor', share: 1, from: { outsideRegion: true, product: 'copper wire' }, to: [{ supplier: 'sme-c' }] }],
    });
    expect(r.status).toBe(422); // sme-c (revenue 120) cannot take 150 more in sales
    expect(r.body.detail).toContain('"sme-c"');
    const ok = await h.call('POST', '/api/restructuring/evaluate', {
      changes: [{ kind: 'move', buyer: 'anchor', share: 0.5, from: { outsideRegion: true, product: 'copper wire' }, to: [{ supplier: 'sme-a' }] }],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.changes[0].from).toEqual([{ supplier: 'out-b', value: 150 }]);
  });

  it('refuses a scenario that breaks the accounting rules with 422 naming the firm and the figures', async () => {
    const r = await h.call('POST', '/api/restructuring/evaluate', {
      changes: [{ kind: 'move', buyer: 'anchor', share: 1, from: { outsideRegion: true }, to: [{ supplier: 'sme-b' }] }],
    });
    expect(r.status).toBe(422);
    expect(r.type).toContain('application/problem+json');
    expect(r.body.detail).toContain('firm "sme-b"');
    expect(r.body.errors[0]).toMatchObject({ firmId: 'sme-b', rule: 'sales', sum: 420, revenue: 250 });
  });

  it('answers bad input with 400 or 422 naming the field, and writes nothing', async () => {
    const bad = await h.call('POST', '/api/restructuring/evaluate', { changes: [{ kind: 'move', buyer: 'anchor', share: 2, from: {}, to: [] }] });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(['body.changes.0.share', 'body.changes.0.to']));
    const unknown = await h.call('POST', '/api/restructuring/evaluate', { changes: [{ kind: 'closeFirm', firm: 'nobody' }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('body.changes.0.firm');
    const health = await h.call('GET', '/api/health');
    expect(health.body.supplies).toBe(supplies.length);
  });
});

describe('saved restructuring scenarios', () => {
  it('are saved with the analyst role and reopen with the figures of the evaluation', async () => {
    const request = { changes: [{ kind: 'move', buyer: 'anchor', share: 0.4, from: { outsideRegion: true }, to: [{ supplier: 'sme-a' }] }], scope: 'region' };
    const body = { kind: 'restructuring', name: 'Anchor sources boards in Busan', notes: '', request };
    expect((await h.call('POST', '/api/scenarios', body)).status).toBe(401);
    const saved = await h.call('POST', '/api/scenarios', body, await h.tokenFor('analyst'));
    expect(saved.status).toBe(201);
    const reopened = await h.call('GET', `/api/scenarios/${saved.body.id}/result`);
    expect(reopened.status).toBe(200);
    const now = await h.call('POST', '/api/restructuring/evaluate', request);
    expect(reopened.body.result.afterTypeII.output).toBeCloseTo(now.body.afterTypeII.output, 6);
    const refused = await h.call('POST', '/api/scenarios', { ...body, request: { changes: [] } }, await h.tokenFor('analyst'));
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].path).toBe('body.request.changes');
  });
});

describe('GET /api/firms/:id/localisation', () => {
  it('groups out-of-region purchases and ranks home firms that could take them over, each with its gain', async () => {
    const r = await h.call('GET', '/api/firms/anchor/localisation?share=0.2');
    expect(r.status).toBe(200);
    expect(LocalisationResponse.safeParse(r.body).error).toBeUndefined();
    expect(r.body.outOfRegionPurchases).toBe(350);
    const boards = r.body.groups.find((g: { product: string }) => g.product === 'circuit boards');
    expect(boards).toMatchObject({ division: '26', value: 200 });
    // sme-a already sells circuit boards, supplies the anchor, sits in its district and has AX level 4.
    expect(boards.suggestions[0].id).toBe('sme-a');
    expect(boards.suggestions[0].criteria.match).toBe(1);
    expect(boards.suggestions[0].gain.output).toBeGreaterThan(0);
    // Its change, evaluated, gives the gain it announced.
    const e = await h.call('POST', '/api/restructuring/evaluate', { changes: [boards.suggestions[0].change] });
    expect(e.status).toBe(200);
    expect(e.body.afterTypeII.output - e.body.before.output).toBeCloseTo(boards.suggestions[0].gain.output, 4);
  });

  it('404s an unknown firm and 400s a bad share', async () => {
    expect((await h.call('GET', '/api/firms/nobody/localisation')).status).toBe(404);
    const bad = await h.call('GET', '/api/firms/anchor/localisation?share=3');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('query.share');
  });

  it('is described in the OpenAPI document with its problem statuses', async () => {
    const doc = await h.call('GET', '/api/openapi.json');
    expect(Object.keys(doc.body.paths['/api/restructuring/evaluate'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '422']));
    expect(doc.body.paths['/api/firms/{id}/localisation'].get).toBeDefined();
  });
});
