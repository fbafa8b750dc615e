/** The real app over the real test Neo4j, listening on a free port, for integration tests. */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { inject } from 'vitest';
import { createApp } from '../../server/app.ts';
import { Database } from '../../server/db/database.ts';
import { applySchema } from '../../server/db/schema.ts';
import { createLogger } from '../../server/log.ts';
import { createServices, type Services } from '../../server/services/index.ts';
import type { Role } from '../../server/domain/roles.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
/** The admin token's former name. */
export const EDITOR_TOKEN = ADMIN_TOKEN;

export interface Harness {
  baseUrl: string;
  db: Database;
  services: Services;
  close(): Promise<void>;
  /** fetch against the app with JSON in and out. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; type: string; body: any }>;
  /** Authorization headers of a token with `role`, issued by the admin once per harness. */
  tokenFor(role: Role): Promise<Record<string, string>>;
}

export async function startHarness(uri = inject('neo4jUri'), password = inject('neo4jPassword')): Promise<Harness> {
  const db = new Database({ uri, user: 'neo4j', password });
  await db.waitUntilReady(60_000);
  await applySchema(db);
  const services = createServices(db, { recomputeOnImport: false });
  const app = createApp(services, { adminToken: ADMIN_TOKEN, maxBody: '200m', log: createLogger('error') });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const baseUrl = `http://127.0.0.1:${port}`;
  const issued = new Map<Role, Promise<Record<string, string>>>();
  const harness: Harness = {
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
    tokenFor(role) {
      let headers = issued.get(role);
      if (!headers) {
        headers = harness.call('POST', '/api/tokens', { name: `test ${role} ${randomUUID()}`, role }, asAdmin).then((r) => {
          if (r.status !== 201) throw new Error(`tokenFor(${role}): ${r.status} ${JSON.stringify(r.body)}`);
          return { authorization: `Bearer ${r.body.token}` };
        });
        issued.set(role, headers);
      }
      return headers;
    },
  };
  return harness;
}

export const asAdmin = { authorization: `Bearer ${ADMIN_TOKEN}` };
/** Writes in tests use the admin (the editor role of earlier versions). */
export const asEditor = asAdmin;
