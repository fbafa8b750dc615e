import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { ApiDescription } from './openapi.ts';

export const HealthResponse = z.looseObject({
  status: z.enum(['ok', 'unavailable']),
  neo4j: z.object({ connected: z.boolean(), version: z.string().nullable() }),
  firms: z.number().nullable(),
  supplies: z.number().nullable(),
});

/** Always answers: 200 when Neo4j answers, 503 with the same shape when it does not. */
export function healthRouter(db: Database, api: ApiDescription): Router {
  const router = Router();
  api.add({ method: 'get', path: '/api/health', summary: 'Service and database status', tag: 'health', status: [200, 503], response: HealthResponse });
  router.get('/api/health', async (_req, res) => {
    try {
      const version = await db.verify();
      const [counts] = await db.read<{ firms: number; supplies: number }>('health/counts');
      res.json({ status: 'ok', neo4j: { connected: true, version }, firms: counts.firms, supplies: counts.supplies });
    } catch {
      res.status(503).json({ status: 'unavailable', neo4j: { connected: false, version: null }, firms: null, supplies: null });
    }
  });
  return router;
}
