/**
 * AX partner planning over HTTP on the real Neo4j: axLevel read from the stored firms, the chain of a
 * ternary supply tree (each firm supplies exactly one buyer one tier closer to the root, so a firm's carried
 * value is its one supply), the laggards and the group's cover computed here from the fixture itself.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { smallDataset } from '../support/fixtures.ts';
import { asAdmin, startHarness, type Harness } from './harness.ts';

let h: Harness;
const data = smallDataset(40, 'x');
// Levels: x1 lags (1), x2 is ready (4), x3 unknown, tier-2 suppliers alternate 2 (lag) and 5.
data.firms.forEach((f, i) => {
  if (i === 1) f.axLevel = 1;
  else if (i === 2) f.axLevel = 4;
  else if (i >= 4) f.axLevel = i % 2 === 0 ? 2 : 5;
});

beforeAll(async () => {
  h = await startHarness();
  expect((await h.call('POST', '/api/import?mode=replace', data, asAdmin)).status).toBe(201);
});
afterAll(async () => h?.close());

it("plans x0's chain: tiers, laggards by carried value, and the share of the chain they cover", async () => {
  const r = await h.call('GET', '/api/firms/x0/ax-plan?depth=2&target=3&groupSize=3');
  expect(r.status).toBe(200);
  // Depth 2 upstream of x0: x1..x3 (tier 1) and x4..x12 (tier 2); x0 buys from no one else and sells to no one.
  const chain = data.supplies.filter((s) => Number(s.supplier.slice(1)) <= 12);
  const total = chain.reduce((t, s) => t + s.value, 0);
  const level = (id: string) => data.firms.find((f) => f.id === id)!.axLevel;
  const laggards = chain.filter((s) => (level(s.supplier) ?? 99) < 3).sort((a, b) => b.value - a.value || (a.supplier < b.supplier ? -1 : 1));
  expect(r.body.chainValue).toBeCloseTo(total, 9);
  expect(r.body.laggingCount).toBe(laggards.length);
  expect(r.body.unknownCount).toBe(1);
  expect(r.body.tiers.map((t: any) => [t.side, t.hop, t.firms, t.known])).toEqual([
    ['upstream', 1, 3, 2],
    ['upstream', 2, 9, 9],
  ]);
  const top = laggards.slice(0, 3);
  expect(r.body.group.map((g: any) => g.id)).toEqual(top.map((s) => s.supplier));
  expect(r.body.groupCover).toBeCloseTo(top.reduce((t, s) => t + s.value, 0) / total, 12);
  expect(r.body.anchor).toMatchObject({ id: 'x0', axLevel: null });
});

it('refuses bad options with 400 naming them and unknown firms with 404', async () => {
  const bad = await h.call('GET', '/api/firms/x0/ax-plan?target=9');
  expect(bad.status).toBe(400);
  expect(bad.body.errors[0].path).toBe('query.target');
  expect((await h.call('GET', '/api/firms/nobody/ax-plan')).status).toBe(404);
});
