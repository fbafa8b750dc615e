import { Router } from 'express';
import { z } from 'zod';
import { FirmId } from '../domain/firm.ts';
import type { Database } from '../db/database.ts';
import { tierAsOf, tierHistory } from '../services/tierHistory.ts';
import type { ApiDescription } from './openapi.ts';
import { commaList, parseParams, parseQuery } from './validate.ts';
import { TierHistoryResponse, TiersAsOfResponse } from './workflowResponses.ts';

const IdParams = z.object({ id: FirmId });

export const TiersAsOfQuery = z.object({
  year: z.coerce.number().int().min(1900).max(2100),
  // At most 100 ids keeps the URL well inside the server's header limit (ids are up to 64 characters).
  ids: commaList.pipe(z.array(FirmId).min(1, 'name at least one firm').max(100)),
});

/** Tier history reads: one firm's spells, and every (or the listed) firm's tier and cohort as of a year. */
export function tiersRouter(db: Database, api: ApiDescription): Router {
  const router = Router();
  api.add({ method: 'get', path: '/api/firms/:id/tier-history', summary: "A firm's dated tier history (spells from selections)", tag: 'firms', params: IdParams, response: TierHistoryResponse });
  router.get('/api/firms/:id/tier-history', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await tierHistory(db, id));
  });
  api.add({ method: 'get', path: '/api/tiers', summary: 'Tier and programme cohort of firms as of a year', tag: 'firms', query: TiersAsOfQuery, response: TiersAsOfResponse });
  router.get('/api/tiers', async (req, res) => {
    const q = parseQuery(TiersAsOfQuery, req);
    res.json({ year: q.year, items: await tierAsOf(db, q.year, q.ids) });
  });
  return router;
}
