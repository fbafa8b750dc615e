import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallDataset } from '../support/fixtures.ts';
import { asEditor, startHarness, type Harness } from './harness.ts';

let h: Harness;

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

  it('walks the same network on the snapshot as in Cypher', async () => {
    const { snapshot } = await h.services.snapshots.get();
    const canonical = (n: Awaited<ReturnType<typeof h.services.firms.networkFromCypher>>) => ({
      nodes: n.nodes.map((x) => JSON.stringify(x)).sort(),
      links: n.links.map((l) => `${l.source}>${l.target}:${l.value}`).sort(),
      truncated: n.truncated,
    });
    for (const [id, direction, depth, minValue] of [['f0', 'both', 3, 0], ['f4', 'both', 2, 0], ['f40', 'downstream', 4, 0], ['f1', 'upstream', 2, 540]] as const) {
      const options = { direction, depth, minValue, limit: 2000 };
      const viaCypher = await h.services.firms.networkFromCypher(id, options);
      const viaSnapshot = await h.services.firms.networkFromSnapshot(snapshot, id, options);
      expect(viaCypher.nodes.length).toBeGreaterThan(1);
      expect(canonical(viaSnapshot)).toEqual(canonical(viaCypher));
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
});
