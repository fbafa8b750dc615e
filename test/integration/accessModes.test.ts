/**
 * Reads run in READ sessions and writes in WRITE sessions (with the shared bookmark manager), so that on a
 * Neo4j cluster with neo4j:// routing, explorer reads and snapshot loads go to secondaries and a read
 * after a write still sees it.
 */
import neo4j from 'neo4j-driver';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { smallDataset } from '../support/fixtures.ts';
import { asEditor, startHarness, type Harness } from './harness.ts';

let h: Harness;
const modes: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  const driver = h.db.driver;
  const open = driver.session.bind(driver);
  driver.session = ((config: Parameters<typeof open>[0]) => {
    expect(config?.bookmarkManager).toBeDefined();
    modes.push(config?.defaultAccessMode ?? 'unset');
    return open(config);
  }) as typeof driver.session;
  expect((await h.call('POST', '/api/import?mode=replace', smallDataset(40), asEditor)).status).toBe(201);
  // The previous generation is removed in the background, in WRITE sessions of its own.
  await h.services.importer.idle();
});
afterAll(async () => h?.close());

async function sessionsOf(work: () => Promise<unknown>): Promise<string[]> {
  modes.length = 0;
  await work();
  return [...modes];
}

it('answers explorer reads, health and a ripple (snapshot load included) in READ sessions only', { timeout: 300_000 }, async () => {
  for (const [method, path, body] of [
    ['GET', '/api/health'],
    ['GET', '/api/firms/f3'],
    ['GET', '/api/firms?q=test&limit=5'],
    ['GET', '/api/firms/f0/network?depth=2'],
    ['POST', '/api/ripple', { model: 'demand', scope: 'network', shocks: [{ firmId: 'f0', amount: 100 }] }],
  ] as const) {
    const used = await sessionsOf(async () => expect((await h.call(method, path, body)).status, path).toBe(200));
    expect(used.length, path).toBeGreaterThan(0);
    expect(new Set(used), path).toEqual(new Set([neo4j.session.READ]));
  }
});

it('writes an import in WRITE sessions', { timeout: 300_000 }, async () => {
  const used = await sessionsOf(async () => expect((await h.call('POST', '/api/import?mode=merge', smallDataset(5), asEditor)).status).toBe(201));
  expect(used).toContain(neo4j.session.WRITE);
  const staged = await sessionsOf(async () => expect((await h.call('POST', '/api/import?mode=replace', smallDataset(30), asEditor)).status).toBe(201));
  expect(staged).toContain(neo4j.session.WRITE);
});
