/**
 * The findings of the hand-made audit (issue 8), each reproduced against the real app and Neo4j: library
 * errors that became 500s, overflowing numbers, a replace that silently emptied the network, missing
 * security headers, an unchecked Host, 404 for undeclared methods, no rate limits.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from '../../server/app.ts';
import { createLogger } from '../../server/log.ts';
import { smallDataset } from '../support/fixtures.ts';
import { ADMIN_TOKEN, asAdmin, startHarness, type Harness } from './harness.ts';

let h: Harness;
const servers: http.Server[] = [];
const data = smallDataset(40, 'h');

async function counts() {
  const r = await h.call('GET', '/api/health');
  return { firms: r.body.firms as number, supplies: r.body.supplies as number };
}

/** Another app over the harness's services, with its own options. */
async function startApp(options: Partial<AppOptions>): Promise<string> {
  const server = http.createServer(createApp(h.services, { adminToken: ADMIN_TOKEN, maxBody: '1m', log: createLogger('silent'), ...options }));
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** node:http, because fetch will not send a Host header of our choosing. */
function raw(baseUrl: string, method: string, urlPath: string, headers: Record<string, string> = {}, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(baseUrl + urlPath, { method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  h = await startHarness();
  expect((await h.call('POST', '/api/import?mode=replace', data, asAdmin)).status).toBe(201);
  const start = await h.call('POST', '/api/metrics/recompute', undefined, asAdmin);
  for (let i = 0; i < 600; i++) {
    if ((await h.call('GET', `/api/jobs/${start.body.jobId}`)).body.status !== 'running') break;
    await new Promise((r) => setTimeout(r, 100));
  }
});
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
  await h?.close();
});

describe('library errors are the client\'s, not 500s', () => {
  it('a missing asset is 404 and a path that does not percent-decode is 400', async () => {
    const clientDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-client-'));
    fs.mkdirSync(path.join(clientDir, 'assets'));
    fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>t</title>');
    const base = await startApp({ clientDir });
    const asset = await raw(base, 'GET', '/assets/nope.js');
    expect(asset.status).toBe(404);
    expect(asset.headers['content-type']).toMatch(/problem\+json/);
    const bad = await h.call('GET', '/api/firms/abc%zzdef');
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toMatch(/percent-encoding/);
    fs.rmSync(clientDir, { recursive: true, force: true });
  });
});

describe('overflowing numbers are refused with 422', () => {
  it('a ripple whose shocks sum beyond a double', async () => {
    const r = await h.call('POST', '/api/ripple', { shocks: [{ firmId: 'h1', amount: 1e308 }, { firmId: 'h2', amount: 1e308 }] });
    expect(r.status).toBe(422);
    expect(r.body.errors[0].path).toBe('body.shocks');
    expect((await h.call('POST', '/api/ripple', { shocks: [{ firmId: 'h1', amount: 1e6 }] })).status).toBe(200);
  });

  it('candidate weights whose sum overflows (every score used to come out 0)', async () => {
    const r = await h.call('GET', '/api/candidates?technology=1e308&growth=1e308&minRevenue=0');
    expect(r.status).toBe(422);
    expect(r.body.errors[0].path).toBe('weights');
    const fine = await h.call('GET', '/api/candidates?technology=1e300&growth=1e300&minRevenue=0');
    expect(fine.status).toBe(200);
  });
});

describe('a replace that would delete everything', () => {
  it('needs allowEmpty, as JSON and as CSV with only a header, and changes nothing without it', async () => {
    const before = await counts();
    const json = await h.call('POST', '/api/import?mode=replace', { firms: [], supplies: [] }, asAdmin);
    expect(json.status).toBe(422);
    expect(json.body.errors[0].path).toBe('query.allowEmpty');
    const csv = await h.call('POST', '/api/import?mode=replace', { format: 'csv', firms: 'id,name,tier,sector,region,revenue,employees\n', supplies: 'supplier,buyer,value\n' }, asAdmin);
    expect(csv.status).toBe(422);
    expect((await h.call('POST', '/api/import?mode=replace&dryRun=true', { firms: [], supplies: [] }, asAdmin)).status).toBe(422);
    expect(await counts()).toEqual(before);

    const emptied = await h.call('POST', '/api/import?mode=replace&allowEmpty=true', { firms: [], supplies: [] }, asAdmin);
    expect(emptied.status).toBe(201);
    expect(await counts()).toEqual({ firms: 0, supplies: 0 });
    const audit = await h.call('GET', '/api/audit?action=import&limit=1', undefined, asAdmin);
    expect(audit.body.entries[0]).toMatchObject({ before, after: { firms: 0, supplies: 0 }, details: { mode: 'replace' } });
    expect((await h.call('POST', '/api/import?mode=replace', data, asAdmin)).status).toBe(201);
  });
});

describe('headers, hosts and origins', () => {
  it('sends a strict CSP and the usual headers', async () => {
    const r = await raw(h.baseUrl, 'GET', '/api/health');
    const csp = String(r.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['x-powered-by']).toBeUndefined();
  });

  it('answers only to its own host names (no DNS rebinding), and takes changes only from its own pages', async () => {
    const port = new URL(h.baseUrl).port;
    expect((await raw(h.baseUrl, 'GET', '/api/firms', { host: `rebound.example:${port}` })).status).toBe(403);
    expect((await raw(h.baseUrl, 'GET', '/api/firms', { host: `localhost:${port}` })).status).toBe(200);
    const ripple = JSON.stringify({ shocks: [{ firmId: 'h1', amount: 1 }] });
    expect((await raw(h.baseUrl, 'POST', '/api/ripple', { origin: 'http://evil.example' }, ripple)).status).toBe(403);
    expect((await raw(h.baseUrl, 'POST', '/api/ripple', { origin: 'null' }, ripple)).status).toBe(403);
    expect((await raw(h.baseUrl, 'POST', '/api/ripple', { origin: h.baseUrl }, ripple)).status).toBe(200);
    const before = await counts();
    const write = await raw(h.baseUrl, 'POST', '/api/import?mode=replace', { origin: 'http://evil.example', authorization: `Bearer ${ADMIN_TOKEN}` }, JSON.stringify(smallDataset(3, 'e')));
    expect(write.status).toBe(403);
    expect(await counts()).toEqual(before);
  });

  it('an undeclared method on a declared path is 405 with Allow', async () => {
    const put = await raw(h.baseUrl, 'PUT', '/api/firms');
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD');
    const del = await raw(h.baseUrl, 'DELETE', '/api/import');
    expect(del.status).toBe(405);
    expect(del.headers.allow).toBe('POST');
    expect((await raw(h.baseUrl, 'PATCH', '/api/firms/h1')).status).toBe(405);
    expect((await raw(h.baseUrl, 'GET', '/api/nothing-here')).status).toBe(404);
  });
});

describe('rate limits', () => {
  it('limit writes and expensive reads per client with 429 and Retry-After, and leave cheap reads alone', async () => {
    const base = await startApp({ rateLimits: { writesPerMinute: 2, expensiveReadsPerMinute: 3 } });
    const ripple = JSON.stringify({ shocks: [{ firmId: 'h1', amount: 1 }] });
    const scenario = [];
    for (let i = 0; i < 4; i++) scenario.push((await raw(base, 'POST', '/api/ripple', {}, ripple)).status);
    expect(scenario).toEqual([200, 200, 200, 429]);
    const limited = await raw(base, 'GET', '/api/candidates');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    for (let i = 0; i < 5; i++) expect((await raw(base, 'GET', '/api/firms?limit=1')).status).toBe(200);
    const writes = [];
    for (let i = 0; i < 3; i++) writes.push((await raw(base, 'DELETE', '/api/session')).status);
    expect(writes).toEqual([204, 204, 429]);
  });
});

describe('the OpenAPI document', () => {
  it('declares every query parameter, every status and a schema for every success body', async () => {
    const doc = (await h.call('GET', '/api/openapi.json')).body;
    const candidates = doc.paths['/api/candidates'].get;
    expect(candidates.parameters.map((p: { name: string }) => p.name).sort()).toEqual(
      ['cooperativeNetwork', 'globalScalability', 'growth', 'jobCreation', 'limit', 'maxRevenue', 'minRevenue', 'missing', 'region', 'technology', 'tier'],
    );
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const statuses = Object.keys(op.responses);
        expect(statuses, `${method} ${path}`).toEqual(expect.arrayContaining(['403', '503', 'default']));
        const success = statuses.filter((s) => /^2\d\d$/.test(s));
        expect(success.length, `${method} ${path}`).toBeGreaterThan(0);
        for (const s of success) if (s !== '204') expect(op.responses[s].content, `${method} ${path} ${s}`).toBeDefined();
        if (op['x-roles']) expect(statuses, `${method} ${path}`).toContain('401');
      }
    }
  });
});
