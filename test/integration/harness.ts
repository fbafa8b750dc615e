/** The real app over the real test Neo4j, listening on a free port, for integration tests. */
import http from 'node:http';
import { inject } from 'vitest';
import { createApp } from '../../server/app.ts';
import { Database } from '../../server/db/database.ts';
import { applySchema } from '../../server/db/schema.ts';
import { createLogger } from '../../server/log.ts';
import { createServices, type Services } from '../../server/services/index.ts';

export const EDITOR_TOKEN = 'test-editor-token-0123456789';

export interface Harness {
  baseUrl: string;
  db: Database;
  services: Services;
  close(): Promise<void>;
  /** fetch against the app with JSON in and out. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; type: string; body: any }>;
}

export async function startHarness(uri = inject('neo4jUri'), password = inject('neo4jPassword')): Promise<Harness> {
  const db = new Database({ uri, user: 'neo4j', password });
  await db.waitUntilReady(60_000);
  await applySchema(db);
  const services = createServices(db, { recomputeOnImport: false });
  const app = createApp(services, { editorToken: EDITOR_TOKEN, maxBody: '200m', log: createLogger('error') });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    db,
    services,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await db.close();
    },
    async call(method, path, body, headers = {}) {
      const res = await fetch(baseUrl + path, {
        method,
        headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = JSON.parse(text);
      } catch {
        /* not JSON */
      }
      return { status: res.status, type: res.headers.get('content-type') ?? '', body: parsed };
    },
  };
}

export const asEditor = { authorization: `Bearer ${EDITOR_TOKEN}` };
