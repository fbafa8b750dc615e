/**
 * A lost database gives 503s, not a crash, and the service recovers by itself: the local Neo4j is killed
 * with SIGKILL under a running app and comes back on the same port with its data.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import { connect, type Connection } from '../../server/db/connect.ts';
import { createLogger } from '../../server/log.ts';
import { createServices } from '../../server/services/index.ts';
import { smallDataset } from '../support/fixtures.ts';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-outage-'));
let connection: Connection;
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  const config = loadConfig({ DATA_DIR: dataDir, NEO4J_HEAP: '512m', NEO4J_PAGECACHE: '64m' });
  // Restart after 8 s: longer than the driver's own retries (5 s), so that requests meanwhile see the outage.
  connection = await connect(config, createLogger('silent'), { restartDelaysMs: [8_000] });
  const services = createServices(connection.db, { recomputeOnImport: false });
  await services.importer.import(smallDataset(40), { mode: 'replace', dryRun: false });
  server = http.createServer(createApp(services, { adminToken: 'x'.repeat(20), maxBody: '1m', log: createLogger('silent') }));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  server?.close();
  await connection?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it('answers 503 while Neo4j is down and recovers by itself with the data intact', async () => {
  expect((await fetch(`${baseUrl}/api/health`)).status).toBe(200);
  const { pid } = JSON.parse(fs.readFileSync(path.join(dataDir, 'neo4j.pid'), 'utf8')) as { pid: number };
  process.kill(pid, 'SIGKILL');
  await new Promise((r) => setTimeout(r, 300));

  const health = await fetch(`${baseUrl}/api/health`);
  expect(health.status).toBe(503);
  expect(await health.json()).toMatchObject({ status: 'unavailable', neo4j: { connected: false } });
  const firms = await fetch(`${baseUrl}/api/firms`);
  expect(firms.status).toBe(503);
  expect(firms.headers.get('content-type')).toContain('application/problem+json');
  // Known to be down, reads fail at once with Retry-After, without opening a session to wait in.
  expect(connection.db.reachable).toBe(false);
  const sessions = vi.spyOn(connection.db.driver, 'session');
  const again = await fetch(`${baseUrl}/api/firms/f1`);
  expect(again.status).toBe(503);
  expect(again.headers.get('retry-after')).toMatch(/^\d+$/);
  expect(sessions).not.toHaveBeenCalled();
  sessions.mockRestore();

  let status = 0;
  for (let i = 0; i < 120 && status !== 200; i++) {
    await new Promise((r) => setTimeout(r, 1_000));
    status = (await fetch(`${baseUrl}/api/health`)).status;
  }
  expect(status).toBe(200);
  const body = (await (await fetch(`${baseUrl}/api/health`)).json()) as { firms: number };
  expect(body.firms).toBe(40);
}, 180_000);
