import { Router } from 'express';
import { z } from 'zod';
import { FirmId } from '../domain/firm.ts';
import { AX_PLAN_DEFAULTS } from '../analytics/axPlanning.ts';
import type { AxPlanService } from '../services/axPlanService.ts';
import type { ApiDescription } from './openapi.ts';
import { parseParams, parseQuery } from './validate.ts';
import { AxPlanResponse } from './workflowResponses.ts';

const IdParams = z.object({ id: FirmId });

export const AxPlanQuery = z.object({
  depth: z.coerce.number().int().min(1).max(6).default(AX_PLAN_DEFAULTS.depth),
  target: z.coerce.number().finite().min(0).max(5).default(AX_PLAN_DEFAULTS.target),
  groupSize: z.coerce.number().int().min(1).max(1_000).default(AX_PLAN_DEFAULTS.groupSize),
});

export function axPlanRouter(ax: AxPlanService, api: ApiDescription): Router {
  const router = Router();
  api.add({ method: 'get', path: '/api/firms/:id/ax-plan', summary: "AX partner planning: the axLevel of an anchor's suppliers and buyers by tier, the laggards, a joint-AX group by supply value carried", tag: 'firms', params: IdParams, query: AxPlanQuery, response: AxPlanResponse });
  router.get('/api/firms/:id/ax-plan', async (req, res) => {
    const { id } = parseParams(IdParams, req);
    res.json(await ax.plan(id, parseQuery(AxPlanQuery, req)));
  });
  return router;
}
