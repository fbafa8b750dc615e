import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallDataset } from '../support/fixtures.ts';
import { asEditor, startHarness, type Harness } from './harness.ts';

let h: Harness;

type Walked = Awaited<ReturnType<Harness['services']['firms']['networkFromCypher']>>;
type WalkOptions = Parameters<Harness['services']['firms']['networkFromCypher']>[1];

/** Nodes in walk order, links as "supplier>buyer:value" in any order. */
const canonical = (n: Walked) => ({
  nodes: n.nodes.map((x) => JSON.stringify(x)),
  links: n.links.map((l) => `${l.source}>${l.target}:${l.value}`).sort(),
  truncated: n.truncated,
});

/** Walks on the current snapshot and in Cypher, expects the same network and returns it. */
async function sameWalkBothWays(id: string, options: WalkOptions): Promise<ReturnType<typeof canonical>> {
  const { snapshot } = await h.services.snapshots.get();
  const viaCypher = canonical(await h.services.firms.networkFromCypher(id, options));
  const viaSnapshot = canonical(await h.services.firms.networkFromSnapshot(snapshot, id, options));
  expect(viaSnapshot, `${id} ${JSON.stringify(options)}`).toEqual(viaCypher);
  return viaCypher;
}

beforeAll(async () => {
  h = await startHarness();
  const r = await h.call('POST', '/api/import?mode=replace', smallDataset(121), asEditor);
  expect(r.status).toBe(201);
});
afterAll(async () => h?.close());

describe('firms API', () => {
  it('reports health with counts', async () => {
    const r = await h.call('GET', '/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'ok', neo4j: { connected: true }, firms: 121, supplies: 120 });
    expect(r.body.neo4j.version).toMatch(/^5\.26/);
  });

  it('searches English and Korean names, prefix matches first', async () => {
    const en = await h.call('GET', '/api/firms?q=test%20firm%2012');
    expect(en.body.items.map((f: { id: string }) => f.id).slice(0, 2)).toEqual(['f12', 'f120']);
    const ko = await h.call('GET', `/api/firms?q=${encodeURIComponent('시험기업7')}`);
    expect(ko.body.items[0].id).toBe('f7');
    expect(ko.body.items.every((f: { nameKo: string }) => f.nameKo.includes('시험기업7'))).toBe(true);
  });

  it('filters and pages with a cursor, each firm exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    for (let page = 0; cursor !== null && page < 50; page++) {
      const r = await h.call('GET', `/api/firms?region=Busan&limit=25&sort=revenue${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((f: { id: string }) => f.id));
      cursor = r.body.nextCursor;
    }
    const busan = smallDataset(121).firms.filter((f) => f.region === 'Busan');
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(busan.length);
    expect(seen[0]).toBe('f120'); // revenue sorts descending by default
    const anchors = await h.call('GET', '/api/firms?tier=anchor');
    expect(anchors.body.items.map((f: { id: string }) => f.id)).toEqual(['f0']);
  });

  it('shows a firm with suppliers and buyers and their shares', async () => {
    const r = await h.call('GET', '/api/firms/f0');
    expect(r.status).toBe(200);
    expect(r.body.suppliers.map((s: { id: string }) => s.id).sort()).toEqual(['f1', 'f2', 'f3']);
    const shares = r.body.suppliers.reduce((t: number, s: { share: number }) => t + s.share, 0);
    expect(shares).toBeCloseTo(1, 12);
    expect(r.body.buyers).toEqual([]);
    expect(r.body.metrics).toBeNull();
  });

  it('walks an ego network by direction and depth', async () => {
    const up = await h.call('GET', '/api/firms/f0/network?direction=upstream&depth=2');
    expect(up.status).toBe(200);
    expect(up.body.nodes).toHaveLength(13); // f0, its 3 suppliers and their 9
    expect(up.body.links).toHaveLength(12);
    const f5 = up.body.nodes.find((n: { id: string }) => n.id === 'f5');
    expect(f5).toMatchObject({ up: 2, down: null });
    const down = await h.call('GET', '/api/firms/f40/network?direction=downstream&depth=4');
    expect(down.body.nodes.map((n: { id: string; down: number }) => [n.id, n.down]).sort()).toEqual([['f0', 4], ['f1', 3], ['f13', 1], ['f4', 2], ['f40', 0]]);
    const capped = await h.call('GET', '/api/firms/f0/network?direction=upstream&depth=4&limit=10');
    expect(capped.body.nodes).toHaveLength(10);
    expect(capped.body.truncated).toBe(true);
  });

  it('walks both directions hop by hop, so a limit reached upstream leaves the nearest buyer', async () => {
    // f4's suppliers f13, f14, f15 (hop 1) and their nine (hop 2); its buyer f1 (hop 1) and f0 (hop 2).
    const r = await h.call('GET', '/api/firms/f4/network?direction=both&depth=2&limit=6');
    expect(r.status).toBe(200);
    // Each hop strongest link first (f13 560, f15 510, f14 500), ties by id (f41 and f48 both 560).
    expect(r.body.nodes.map((n: { id: string; up: number | null; down: number | null }) => [n.id, n.up, n.down])).toEqual([
      ['f4', 0, 0],
      ['f13', 1, null],
      ['f15', 1, null],
      ['f14', 1, null],
      ['f1', null, 1],
      ['f41', 2, null],
    ]);
    expect(r.body.truncated).toBe(true);
  });

  it('walks the same network on the snapshot as in Cypher', async () => {
    const cases = [
      ['f0', 'both', 3, 0, 2000],
      ['f4', 'both', 2, 0, 2000],
      ['f40', 'downstream', 4, 0, 2000],
      ['f1', 'upstream', 2, 540, 2000],
      ['f4', 'both', 2, 0, 6],
      ['f4', 'both', 3, 0, 9],
      ['f13', 'both', 4, 545, 5],
      ['f40', 'both', 4, 0, 3],
      ['f0', 'upstream', 4, 0, 30],
    ] as const;
    for (const [id, direction, depth, minValue, limit] of cases) {
      const walked = await sameWalkBothWays(id, { direction, depth, minValue, limit });
      expect(walked.nodes.length).toBeGreaterThan(1);
      expect(walked.nodes.length).toBeLessThanOrEqual(limit);
    }
  });

  it('finds the shortest supply path between two firms', async () => {
    const r = await h.call('GET', '/api/path?from=f13&to=f2');
    expect(r.status).toBe(200);
    expect(r.body.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['f0', 'f1', 'f13', 'f2', 'f4']);
    expect(r.body.links).toHaveLength(4);
    expect(r.body.nodes[0].id).toBe('f13'); // in path order
    const self = await h.call('GET', '/api/path?from=f2&to=f2');
    expect(self.body).toMatchObject({ nodes: [{ id: 'f2' }], links: [] });
  });

  it('refuses bad parameters with problem+json naming the field', async () => {
    const depth = await h.call('GET', '/api/firms/f0/network?depth=9');
    expect(depth.status).toBe(400);
    expect(depth.type).toContain('application/problem+json');
    expect(depth.body.errors[0].path).toBe('query.depth');
    const sort = await h.call('GET', '/api/firms?sort=revenue%7D%20DETACH%20DELETE%20f');
    expect(sort.status).toBe(400);
    expect(sort.body.errors[0].path).toBe('query.sort');
    const missing = await h.call('GET', '/api/firms/nobody');
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toContain('nobody');
    expect((await h.call('GET', '/api/nothing-here')).status).toBe(404);
    const big = await h.call('POST', '/api/ripple', { model: 'demand', shocks: [], pad: 'x'.repeat(2_000_000) });
    expect(big.status).toBe(413);
    expect(JSON.stringify(big.body)).not.toMatch(/at \w+ \(/); // no stack traces
  });

  it('serves an OpenAPI document generated from the schemas', async () => {
    const r = await h.call('GET', '/api/openapi.json');
    expect(r.body.openapi).toBe('3.1.0');
    expect(Object.keys(r.body.paths)).toEqual(expect.arrayContaining(['/api/firms', '/api/firms/{id}/network', '/api/import', '/api/ripple', '/api/candidates']));
    const depth = r.body.paths['/api/firms/{id}/network'].get.parameters.find((p: { name: string }) => p.name === 'depth');
    expect(depth.schema).toMatchObject({ maximum: 4, minimum: 1 });
  });

  // The last two tests change the data.
  it("uses each pair's latest year in both walks and the path, minValue included", async () => {
    // Within accounting rules either way: f13 sells 560 + 5,000 < 11,300, f14 buys 1,560 + 5,000 < 11,400.
    const older = [
      { supplier: 'f100', buyer: 'f13', value: 5_000, year: 2024 },
      { supplier: 'f100', buyer: 'f13', value: 1, year: 2025 },
      { supplier: 'f13', buyer: 'f14', value: 5_000, year: 2024 },
      { supplier: 'f13', buyer: 'f14', value: 1, year: 2025 },
    ];
    const r = await h.call('POST', '/api/import?mode=merge', { firms: [], supplies: older }, asEditor);
    expect(r.status).toBe(201);
    const f13 = await h.call('GET', '/api/firms/f13');
    expect(f13.body.suppliers.find((p: { id: string }) => p.id === 'f100').value).toBe(1);
    expect(f13.body.buyers.find((p: { id: string }) => p.id === 'f14').value).toBe(1);

    const strong = await sameWalkBothWays('f4', { direction: 'upstream', depth: 2, minValue: 100, limit: 2000 });
    expect(strong.nodes.join()).not.toContain('"f100"');
    expect(strong.links.filter((l) => l.startsWith('f13>f14') || l.startsWith('f100>'))).toEqual([]);
    const api = await h.call('GET', '/api/firms/f4/network?direction=upstream&depth=2&minValue=100');
    expect(api.body.nodes.map((n: { id: string }) => n.id)).not.toContain('f100');

    // Without a minimum, f100 is reached and f13 → f14 joins two firms of the same hop, at the 2025 values.
    const all = await sameWalkBothWays('f4', { direction: 'upstream', depth: 2, minValue: 0, limit: 2000 });
    expect(all.nodes.map((n) => JSON.parse(n)).find((n: { id: string }) => n.id === 'f100')).toMatchObject({ up: 2, down: null });
    expect(all.links).toEqual(expect.arrayContaining(['f100>f13:1', 'f13>f14:1']));
    const direct = await sameWalkBothWays('f4', { direction: 'upstream', depth: 1, minValue: 0, limit: 2000 });
    expect(direct.links).toEqual(['f13>f14:1', 'f13>f4:560', 'f14>f4:500', 'f15>f4:510']);

    const path = await h.call('GET', '/api/path?from=f100&to=f4');
    expect(path.body.links).toEqual([
      { source: 'f100', target: 'f13', value: 1 },
      { source: 'f13', target: 'f4', value: 560 },
    ]);
  });

  it('serves ego-network details from memory, refreshed by a metrics recompute and by an import', async () => {
    const f4 = async () => {
      const r = await h.call('GET', '/api/firms/f4/network?depth=1&direction=both');
      expect(r.status).toBe(200);
      return r.body.nodes.find((n: { id: string }) => n.id === 'f4');
    };
    await h.services.snapshots.get();
    const before = await f4();
    expect(before.name).toBe('Test Firm 4');

    const start = await h.call('POST', '/api/metrics/recompute', undefined, asEditor);
    expect(start.status).toBe(202);
    for (let i = 0; i < 600 && (await h.call('GET', `/api/jobs/${start.body.jobId}`)).body.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const stored = await h.call('GET', '/api/firms/f4');
    expect((await f4()).metrics).toEqual(stored.body.metrics);
    expect(stored.body.metrics.pagerank).toBeGreaterThan(0);

    const renamed = smallDataset(121);
    renamed.firms[4].name = 'Renamed Firm 4';
    expect((await h.call('POST', '/api/import?mode=replace', renamed, asEditor)).status).toBe(201);
    // With the new snapshot loaded the request takes the cached path, whose key must have moved on.
    await h.services.snapshots.get();
    expect((await f4()).name).toBe('Renamed Firm 4');
  });

  it('leaves out firms deleted since the snapshot was built, and their links', async () => {
    const { snapshot: before } = await h.services.snapshots.get();
    const r = await h.call('POST', '/api/import?mode=replace', smallDataset(61), asEditor);
    expect(r.status).toBe(201);
    // f20 buys from f61, f62 and f63, deleted now, and sells to f6.
    const walked = await h.services.firms.networkFromSnapshot(before, 'f20', { direction: 'both', depth: 1, minValue: 0, limit: 2000 });
    expect(walked.nodes.map((n) => n.id)).toEqual(['f20', 'f6']);
    expect(walked.links).toEqual([{ source: 'f20', target: 'f6', value: 560 }]);
    await expect(h.services.firms.networkFromSnapshot(before, 'f100', { direction: 'both', depth: 1, minValue: 0, limit: 2000 })).rejects.toMatchObject({ status: 404 });
  });
});
