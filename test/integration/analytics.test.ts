/**
 * The analytics through the API on a real Neo4j: results equal the exact dense Leontief/Ghosh solutions
 * of the stored network, metrics are computed in a worker and written back, candidates re-rank by weight.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSnapshot } from '../../server/analytics/snapshot.ts';
import { writeDataset } from '../../server/services/import/write.ts';
import { ghoshInverse, leontiefInverse, matVec, transpose } from '../unit/analytics/dense.ts';
import { smallDataset } from '../support/fixtures.ts';
import { asEditor, startHarness, type Harness } from './harness.ts';

let h: Harness;
const data = smallDataset(121);
// Some cross links and a cycle, so that the inverse has more than a tree's structure.
data.supplies.push(
  { supplier: 'f0', buyer: 'f5', value: 300, year: 2025 },
  { supplier: 'f8', buyer: 'f1', value: 250, year: 2025 },
  { supplier: 'f9', buyer: 'f40', value: 120, year: 2025 },
);
const snapshot = buildSnapshot(data.firms, data.supplies);
const L = leontiefInverse(snapshot);
const G = ghoshInverse(snapshot);

async function recompute() {
  const start = await h.call('POST', '/api/metrics/recompute', undefined, asEditor);
  expect(start.status).toBe(202);
  const seen: number[] = [];
  for (let i = 0; i < 600; i++) {
    const job = await h.call('GET', `/api/jobs/${start.body.jobId}`);
    seen.push(job.body.progress);
    if (job.body.status !== 'running') return { job: job.body, seen };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('recompute did not finish');
}

beforeAll(async () => {
  h = await startHarness();
  const r = await h.call('POST', '/api/import?mode=replace', data, asEditor);
  expect(r.status).toBe(201);
});
afterAll(async () => h?.close());

describe('ripple API', () => {
  it('equals the exact Leontief solution of the stored network (1e-8 relative)', async () => {
    const shocks = [{ firmId: 'f0', amount: 10_000 }, { firmId: 'f13', amount: -500 }];
    const r = await h.call('POST', '/api/ripple', { model: 'demand', scope: 'network', households: false, shocks, limit: 1000 });
    expect(r.status).toBe(200);
    const df = new Array(snapshot.n).fill(0);
    for (const s of shocks) df[snapshot.index.get(s.firmId)!] += s.amount;
    const exact = matVec(L, df);
    for (const f of r.body.firms) {
      const want = exact[snapshot.index.get(f.id)!];
      expect(Math.abs(f.output - want)).toBeLessThanOrEqual(1e-8 * Math.abs(want) + 1e-9);
    }
    const total = exact.reduce((a, b) => a + b, 0);
    expect(r.body.totals.output).toBeCloseTo(total, 6);
    expect(r.body.multiplier).toBeCloseTo(total / 9_500, 9);
    expect(r.body.firms.find((f: { id: string }) => f.id === 'f1').hop).toBe(1);
    expect(r.body.retention.homeRegion).toBeGreaterThan(0);
  });

  it('equals the exact Ghosh solution for supply-push', async () => {
    const r = await h.call('POST', '/api/ripple', { model: 'supply', scope: 'network', shocks: [{ firmId: 'f40', amount: 1_000 }] });
    expect(r.status).toBe(200);
    const dv = new Array(snapshot.n).fill(0);
    dv[snapshot.index.get('f40')!] = 1_000;
    const exact = matVec(transpose(G), dv); // Δx' = Δv' G
    for (const f of r.body.firms) {
      const want = exact[snapshot.index.get(f.id)!];
      expect(Math.abs(f.output - want)).toBeLessThanOrEqual(1e-8 * Math.abs(want) + 1e-9);
    }
    expect(r.body.firms.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining(['f40', 'f13', 'f4', 'f1', 'f0']));
  });

  it('names bad scenarios', async () => {
    const unknown = await h.call('POST', '/api/ripple', { shocks: [{ firmId: 'f1', amount: 5 }, { firmId: 'ghost', amount: 5 }] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('body.shocks.1.firmId');
    const empty = await h.call('POST', '/api/ripple', { shocks: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].path).toBe('body.shocks');
    const text = await h.call('POST', '/api/ripple', { shocks: [{ firmId: 'f1', amount: 'ten' }] });
    expect(text.status).toBe(400);
    expect(text.body.errors[0].path).toBe('body.shocks.0.amount');
    const model = await h.call('POST', '/api/ripple', { model: 'both', shocks: [{ firmId: 'f1', amount: 1 }] });
    expect(model.body.errors[0].path).toBe('body.model');
  });

  it('reports disruption exposure and extraction losses', async () => {
    const d = await h.call('POST', '/api/disruption', { firmIds: ['f1'], basis: 'purchases' });
    expect(d.status).toBe(200);
    const f0 = d.body.firms.find((f: { id: string }) => f.id === 'f0');
    const purchases = data.supplies.filter((s) => s.buyer === 'f0');
    const fromF1 = purchases.filter((s) => s.supplier === 'f1').reduce((t, s) => t + s.value, 0);
    expect(f0.exposure).toBeCloseTo(fromF1 / purchases.reduce((t, s) => t + s.value, 0), 12);
    const e = await h.call('POST', '/api/extraction', { firmIds: ['f1'] });
    expect(e.status).toBe(200);
    expect(e.body.firms[0].loss).toBeGreaterThan(e.body.firms[0].ownOutput);
  });
});

describe('metrics', () => {
  it('needs the admin role to recompute', async () => {
    expect((await h.call('POST', '/api/metrics/recompute')).status).toBe(401);
  });

  it('computes every metric in a worker with progress and stores them on the firms', async () => {
    const { job, seen } = await recompute();
    expect(job.status, job.error).toBe('done');
    expect(seen.every((p, i) => i === 0 || p >= seen[i - 1])).toBe(true);
    const f0 = await h.call('GET', '/api/firms/f0');
    const k = snapshot.index.get('f0')!;
    const columnSum = L.reduce((t, row) => t + row[k], 0);
    expect(f0.body.metrics.outputMultiplier).toBeCloseTo(columnSum, 8);
    expect(f0.body.metrics.pagerank).toBeGreaterThan(0);
    expect(f0.body.metrics.community).toEqual(expect.any(Number));
    const byRank = await h.call('GET', '/api/firms?sort=outputMultiplier&limit=3');
    const values = byRank.body.items.map((f: { metrics: { outputMultiplier: number } }) => f.metrics.outputMultiplier);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    // Percentiles among the same KSIC division, mid-rank convention.
    const peers = data.firms.filter((f) => f.sector === data.firms[0].sector).map((f) => f.id);
    const peerValues = await Promise.all(peers.map(async (id) => (await h.call('GET', `/api/firms/${id}`)).body.metrics.outputMultiplier as number));
    const x = f0.body.metrics.outputMultiplier;
    const expected = (100 * (peerValues.filter((v) => v < x).length + peerValues.filter((v) => v === x).length / 2)) / peerValues.length;
    expect(f0.body.metricPercentiles.outputMultiplier).toBeCloseTo(expected, 9);
    const threshold = values[1];
    const above = await h.call('GET', `/api/firms?metric=outputMultiplier&metricMin=${threshold}&limit=500`);
    expect(above.body.items.length).toBeGreaterThanOrEqual(2);
    expect(above.body.items.every((f: { metrics: { outputMultiplier: number } }) => f.metrics.outputMultiplier >= threshold)).toBe(true);
    const communities = await h.call('GET', '/api/communities');
    expect(communities.body.modularity).toBeGreaterThan(0.3);
    expect(communities.body.communities.reduce((t: number, c: { size: number }) => t + c.size, 0)).toBe(121);
    const first = communities.body.communities[0];
    const members = await h.call('GET', `/api/firms?community=${first.id}&limit=500`);
    expect(members.body.items).toHaveLength(first.size);
    expect(members.body.items.every((f: { metrics: { community: number } }) => f.metrics.community === first.id)).toBe(true);
  });

  it('ranks candidates with their breakdown, and the order follows the weights', async () => {
    const all = await h.call('GET', '/api/candidates?minRevenue=0&limit=200');
    expect(all.status).toBe(200);
    expect(all.body.eligible).toBeGreaterThan(50);
    // The eligible firms' real revenue range (every eligible firm is listed at this limit).
    expect(all.body.items).toHaveLength(all.body.eligible);
    const revenues = all.body.items.map((c: { revenue: number }) => c.revenue);
    expect(all.body.eligibleRevenue).toEqual({ min: Math.min(...revenues), max: Math.max(...revenues) });
    for (const c of all.body.items.slice(0, 5)) {
      const sum = Object.values(c.criteria as Record<string, { contribution: number }>).reduce((t, x) => t + x.contribution, 0);
      expect(sum).toBeCloseTo(c.score, 9);
    }
    const network = await h.call('GET', '/api/candidates?minRevenue=0&limit=200&technology=0&globalScalability=0&jobCreation=0&growth=0');
    const order = (r: typeof all) => r.body.items.map((c: { id: string }) => c.id).join();
    expect(order(network)).not.toBe(order(all));
    expect(network.body.items[0].criteria.cooperativeNetwork.weight).toBe(1);
    const zero = await h.call('GET', '/api/candidates?technology=0&globalScalability=0&cooperativeNetwork=0&jobCreation=0&growth=0');
    // Each weight is valid alone; only their sum breaks a rule across fields: unprocessable, not malformed.
    expect(zero.status).toBe(422);
    expect(zero.body.errors[0].path).toBe('query.weights');
  });

  it('ends with metrics of the latest data when an import lands during a recompute', async () => {
    const first = await h.call('POST', '/api/metrics/recompute', undefined, asEditor);
    const update = { firms: [{ ...data.firms[7], revenue: data.firms[7].revenue + 1 }], supplies: [] };
    expect((await h.call('POST', '/api/import?mode=merge', update, asEditor)).status).toBe(201);
    const again = await h.call('POST', '/api/metrics/recompute', undefined, asEditor);
    if (again.body.jobId === first.body.jobId) expect(again.body.job.status).toBe('running'); // joined: runs again after
    let summary;
    for (let i = 0; i < 300; i++) {
      summary = (await h.call('GET', '/api/metrics')).body;
      if (summary.current && summary.job.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(summary.current).toBe(true);
    expect(summary.metricsDataVersion).toBe(summary.dataVersion);
    const f7 = await h.call('GET', '/api/firms/f7');
    expect(f7.body.metrics).not.toBeNull();
  });

  it('refuses a merge validated against data that another import has since changed', async () => {
    const [{ version }] = await h.db.read<{ version: number }>('meta/data-version');
    const before = (await h.call('GET', '/api/health')).body;
    await expect(writeDataset(h.db, { firms: [{ ...data.firms[3], revenue: 1 }], supplies: [] }, 'merge', version - 1)).rejects.toThrow(/changed/);
    expect((await h.call('GET', '/api/health')).body).toEqual(before);
    expect((await h.call('GET', '/api/firms/f3')).body.revenue).toBe(data.firms[3].revenue);
  });

  it('refuses to solve a network that breaks the convergence condition', async () => {
    // Corrupt the stored data behind the importer's back: f0's purchases now exceed its revenue.
    await h.db.driver.executeQuery("MATCH (f:Firm {id: 'f0'}) SET f.revenue = 100 WITH f MATCH (m:Meta {key: 'dataVersion'}) SET m.value = m.value + 1");
    const r = await h.call('POST', '/api/ripple', { shocks: [{ firmId: 'f1', amount: 5 }] });
    expect(r.status).toBe(422);
    expect(r.body.detail).toContain('f0');
  });
});
