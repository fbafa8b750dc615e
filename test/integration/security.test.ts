/** Nothing reaches the data without the right credentials: the local Neo4j, and the roles. */
import { inject, afterAll, beforeAll, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { authentication } from '../../server/api/auth.ts';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

it('the local Neo4j refuses connections without its password', async () => {
  const anonymous = neo4j.driver(inject('neo4jUri'));
  const wrong = neo4j.driver(inject('neo4jUri'), neo4j.auth.basic('neo4j', 'neo4j'));
  try {
    await expect(anonymous.executeQuery('MATCH (n) RETURN count(n)')).rejects.toThrow(/auth|unauthori/i);
    await expect(wrong.executeQuery('MATCH (n) RETURN count(n)')).rejects.toThrow(/auth|unauthori/i);
  } finally {
    await anonymous.close();
    await wrong.close();
  }
});

it('an empty, blank or malformed bearer token never grants a role', async () => {
  for (const authorization of ['Bearer ', 'Bearer    ', 'Bearer', 'Basic abc', 'Bearer a b']) {
    const r = await h.call('POST', '/api/metrics/recompute', undefined, { authorization });
    expect(r.status).toBe(401);
  }
  expect(() => authentication({ adminToken: '', tokens: h.services.tokens, sessions: h.services.sessions })).toThrow(/at least 16/);
});
